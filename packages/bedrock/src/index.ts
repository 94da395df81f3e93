export { type BedrockSettings, bedrock, createBedrock } from './bedrock-provider.js';
export { type AwsCredentials, signAwsRequest } from './sign-aws-request.js';
