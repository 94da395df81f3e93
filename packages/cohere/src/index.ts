export type * from './cohere-api-types.js';
export {
  convertCohereEmbedResponse,
  defaultCohereInputType,
  prepareCohereEmbedBody,
} from './cohere-embeddings.js';
export {
  type CohereErrorContext,
  cohereError,
  cohereStreamError,
  statusOfCohereMessage,
} from './cohere-error.js';
export { type CohereSettings, cohere, cohereChat, createCohere } from './cohere-provider.js';
export { convertCohereRerankResponse, prepareCohereRerankBody, rerankTexts } from './cohere-rerank.js';
export { convertCohereResponse } from './convert-cohere-response.js';
export { convertCohereUsage } from './convert-cohere-usage.js';
export { convertToCohereMessages } from './convert-to-cohere-messages.js';
export { mapCohereFinishReason } from './map-cohere-finish-reason.js';
export { parseCohereStream } from './parse-cohere-stream.js';
export { cohereBaseURL, cohereVersionRoot } from './post-to-cohere.js';
export { prepareCohereChatBody } from './prepare-cohere-request.js';
export { prepareCohereTools } from './prepare-cohere-tools.js';
