export {
  type MeteredBody,
  meterPassthroughBody,
  type PassthroughBodyReader,
} from './meter-passthrough-body.js';
export { openAICompletionsReader, withStreamUsage } from './openai-completions-reader.js';
export { fromResponseUsage, openAIResponsesReader } from './openai-responses-reader.js';
export { passthroughEvents, readPassthroughJson } from './read-passthrough-body.js';
export { SseFrameSplitter } from './sse-frame-splitter.js';
