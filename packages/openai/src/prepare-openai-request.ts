import type { ChatRequest } from '@switchyard/core';

// Fields Switchyard adds to messages and tools (reasoning text, thinking blocks, cache markers)
// that OpenAI's API does not define: removed before sending, without copying the request when
// none are present (the common case).
const messageExtras = ['reasoning_content', 'thinking_blocks', 'cache_control'] as const;

function hasExtras(value: object, extras: ReadonlyArray<string>): boolean {
  for (const key of extras) if (key in value) return true;
  return false;
}

function without<T extends object>(value: T, extras: ReadonlyArray<string>): T {
  const copy = { ...value } as Record<string, unknown>;
  for (const key of extras) delete copy[key];
  return copy as T;
}

/** The body for OpenAI's chat completions endpoint: the canonical request minus our extras. */
export function prepareOpenAIChatBody(request: ChatRequest): ChatRequest {
  const messagesNeedCleaning = request.messages.some((message) => hasExtras(message, messageExtras));
  const toolsNeedCleaning = request.tools?.some((tool) => 'cache_control' in tool) ?? false;
  if (!messagesNeedCleaning && !toolsNeedCleaning) return request;
  const body = { ...request };
  if (messagesNeedCleaning) {
    body.messages = request.messages.map((message) =>
      hasExtras(message, messageExtras) ? without(message, messageExtras) : message,
    );
  }
  if (toolsNeedCleaning && request.tools) {
    body.tools = request.tools.map((tool) =>
      'cache_control' in tool ? without(tool, ['cache_control']) : tool,
    );
  }
  return body;
}

/**
 * `chat` asks for one JSON answer and `stream` for a stream, whatever the request's own `stream`
 * flag says (a caller of `Provider.stream` need not set it); the request is reused when it agrees.
 */
export function withOpenAIStreaming(body: ChatRequest, stream: boolean): ChatRequest {
  if (stream) return body.stream === true ? body : { ...body, stream: true };
  if (body.stream !== true) return body;
  const { stream: _stream, stream_options: _streamOptions, ...rest } = body;
  return rest;
}
