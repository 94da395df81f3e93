import type { ChatRequest } from '@switchyard/core';
import { lastUserText } from './mock-message-text.js';
import { sampleFromJsonSchema } from './sample-from-json-schema.js';

/** How much of the last user message the reply quotes. */
export const quoteLimit = 200;

type ReplyRequest = Pick<ChatRequest, 'messages' | 'response_format'>;

/**
 * The mock's text answer: `This is a mock response from <model> to: "<last user message>"`, the
 * message's whitespace collapsed and cut to 200 characters (the last one an ellipsis when cut).
 */
export function mockReply(request: Pick<ChatRequest, 'messages'>, model: string): string {
  const text = lastUserText(request.messages);
  const quote = text.length > quoteLimit ? `${text.slice(0, quoteLimit - 1)}…` : text;
  return `This is a mock response from ${model} to: "${quote}"`;
}

/**
 * The content of a text answer, honouring `response_format`: `json_object` wraps the reply as
 * `{"response": ...}`; `json_schema` gives an object built from the schema (required properties
 * with sample values); otherwise the plain reply.
 */
export function mockReplyContent(request: ReplyRequest, model: string): string {
  const format = request.response_format;
  if (format?.type === 'json_schema' && format.json_schema.schema !== undefined) {
    return JSON.stringify(sampleFromJsonSchema(format.json_schema.schema));
  }
  if (format?.type === 'json_object' || format?.type === 'json_schema') {
    return JSON.stringify({ response: mockReply(request, model) });
  }
  return mockReply(request, model);
}
