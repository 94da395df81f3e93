export { convertGeminiResponse } from './convert-gemini-response.js';
export { convertToGeminiMessages } from './convert-to-gemini-messages.js';
export { convertToGeminiSchema } from './convert-to-gemini-schema.js';
export { type GeminiErrorContext, geminiError } from './gemini-error.js';
export { createGemini, GEMINI_BASE_URL, type GeminiSettings, gemini } from './gemini-provider.js';
export type { GeminiRequestBody } from './gemini-wire-types.js';
export { parseGeminiStream } from './parse-gemini-stream.js';
export { prepareGeminiRequest } from './prepare-gemini-request.js';
export { createVertex, type VertexSettings, vertex } from './vertex-provider.js';
