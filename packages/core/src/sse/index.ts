export { decodeSse, SseDecoder, type SseDecoderOptions, type SseEvent } from './sse-decoder.js';
export { encodeSseData, encodeSseEvent, SSE_DONE, type SseEventToEncode } from './sse-encoder.js';
