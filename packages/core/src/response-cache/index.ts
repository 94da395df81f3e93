export { assembleChatResponse } from './assemble-chat-response.js';
export { assembleTextCompletion } from './assemble-text-completion.js';
export { parseBodyCacheControls, takeCacheControls } from './cache-controls.js';
export { replayChatStream } from './replay-chat-stream.js';
export { replayTextCompletion } from './replay-text-completion.js';
export type {
  CacheCallType,
  CacheControls,
  CachedAnswer,
  CacheKeyInput,
  ResponseCache,
  StoredAnswer,
} from './response-cache.js';
export { type ResponseCacheHooks, withResponseCache } from './with-response-cache.js';
