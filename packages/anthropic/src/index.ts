export type * from './anthropic-api-types.js';
export { type AnthropicErrorContext, anthropicError, statusOfAnthropicError } from './anthropic-error.js';
export { anthropicDefaultBaseURL, anthropicMessagesUrl } from './anthropic-messages-url.js';
export { type AnthropicModelFeatures, anthropicModelFeatures } from './anthropic-model-features.js';
export {
  type AnthropicSettings,
  anthropic,
  anthropicBetas,
  anthropicVersion,
  createAnthropic,
} from './anthropic-provider.js';
export {
  type AnthropicStreamContext,
  type AnthropicStreamTranslator,
  createAnthropicStreamTranslator,
} from './anthropic-stream-translator.js';
export {
  type AnthropicResponseOptions,
  convertAnthropicResponse,
  type ThinkingBlock,
} from './convert-anthropic-response.js';
export { convertAnthropicUsage } from './convert-anthropic-usage.js';
export { type AnthropicPrompt, convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
export { convertUserPart, filesApiBeta, type UserPartContext } from './convert-to-anthropic-user-content.js';
export { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
export { parseAnthropicStream } from './parse-anthropic-stream.js';
export {
  anthropicDefaultMaxTokens,
  type PrepareAnthropicRequestOptions,
  type PreparedAnthropicRequest,
  prepareAnthropicRequest,
} from './prepare-anthropic-request.js';
export {
  type AnthropicResponseFormat,
  anthropicJsonToolName,
  prepareAnthropicResponseFormat,
} from './prepare-anthropic-response-format.js';
export { type AnthropicThinking, prepareAnthropicThinking } from './prepare-anthropic-thinking.js';
export {
  type AnthropicToolsInput,
  type AnthropicToolsOutput,
  convertToolChoice,
  prepareAnthropicTools,
} from './prepare-anthropic-tools.js';
