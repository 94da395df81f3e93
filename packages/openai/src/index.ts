export { createOpenAICompatible, type OpenAICompatibleSettings } from './openai-compatible-provider.js';
export { type OpenAIErrorContext, openAIError } from './openai-error.js';
export { createOpenAI, type OpenAISettings, openai } from './openai-provider.js';
export { parseOpenAIStream } from './parse-openai-stream.js';
export { prepareOpenAIChatBody } from './prepare-openai-request.js';
