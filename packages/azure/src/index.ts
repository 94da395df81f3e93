export { type AzureApiSurface, defaultAzureApiVersion, parseAzureApiVersion } from './azure-api-version.js';
export {
  type AzureClientSecret,
  type AzureCredential,
  defaultAuthorityHost,
  defaultAzureScope,
  resolveAzureCredential,
} from './azure-credentials.js';
export { azureError, statusOfAzureErrorFrame } from './azure-error.js';
export { type AzureSettings, azure, createAzure } from './azure-provider.js';
export { parseAzureStream } from './parse-azure-stream.js';
