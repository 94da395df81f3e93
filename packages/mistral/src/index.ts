export { convertMistralResponse } from './convert-mistral-response.js';
export { convertToMistralMessages } from './convert-to-mistral-messages.js';
export { type MistralErrorContext, mistralError } from './mistral-error.js';
export { createMistral, type MistralSettings, mistral } from './mistral-provider.js';
export { toMistralToolCallId } from './mistral-tool-call-id.js';
export { type MistralStreamContext, parseMistralStream } from './parse-mistral-stream.js';
export { prepareMistralChatBody, unsupportedMistralParams } from './prepare-mistral-request.js';
