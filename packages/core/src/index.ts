export { type CostOptions, type CostResult, cost } from './cost.js';
export { type DataUrl, parseDataUrl } from './data-url.js';
export { decodeFloat32Base64, encodeFloat32Base64 } from './embedding-encoding.js';
export * from './errors/index.js';
export * from './gateway/index.js';
export { type ParsedModelString, parseModelString } from './model-string.js';
export {
  getModelInfo,
  listModelInfo,
  type ModelCapabilities,
  type ModelInfo,
  type ModelMode,
  type ModelPrices,
  type ModelPriceTier,
  type ModelTableVersion,
  modelTableVersion,
} from './model-table.js';
export { encodeMultipart } from './multipart.js';
export * from './passthrough/index.js';
export {
  type ChatChunkStream,
  defaultCapabilities,
  isProvider,
  type PassthroughApi,
  type PassthroughReading,
  type PassthroughRequest,
  type PassthroughResponse,
  type Provider,
  type ProviderCallOptions,
  type ProviderCapabilities,
  type ProviderPassthrough,
} from './provider.js';
export { attachRawJson, getRawJson, toJsonText } from './raw-json.js';
export { type ReasoningEffort, thinkingBudgetFor } from './reasoning-budget.js';
export { maskSecret, redactSecrets } from './redact.js';
export * from './resilience/index.js';
export * from './response-cache/index.js';
export * from './responses/index.js';
export { isRecord, type JsonParseResult, safeParseJson } from './safe-json.js';
export * from './schemas/index.js';
export * from './sse/index.js';
export * from './transport/index.js';
export { handleUnsupportedParams, type UnsupportedParamsOptions } from './unsupported-params.js';
