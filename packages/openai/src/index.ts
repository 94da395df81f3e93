export {
  type CompatibleService,
  type CompatibleServiceHeader,
  type CompatibleServiceQuirks,
  type CompatibleServiceSettings,
  type CompatibleServiceUrlParam,
  createCompatibleService,
  firstEnv,
  resolveServiceBaseURL,
} from './compatible-service.js';
export type { CompatibleEmbeddingQuirks } from './compatible-service-embeddings.js';
export type { CompatibleRequestQuirks } from './compatible-service-request.js';
export {
  type CompatibleRerank,
  convertCompatibleRerankResponse,
  prepareCompatibleRerankBody,
  rerankMetaFromUsage,
} from './compatible-service-rerank.js';
export type { CompatibleResponseQuirks } from './compatible-service-response.js';
export { createOpenAICompatible, type OpenAICompatibleSettings } from './openai-compatible-provider.js';
export { type OpenAIErrorContext, openAIError } from './openai-error.js';
export {
  createOpenAI,
  type OpenAISettings,
  openAISupportsPassthrough,
  openai,
  servesLegacyCompletions,
} from './openai-provider.js';
export { parseOpenAIStream } from './parse-openai-stream.js';
export { prepareOpenAIChatBody } from './prepare-openai-request.js';
