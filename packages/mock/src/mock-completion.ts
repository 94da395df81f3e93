import type { ChatRequest, ToolCall } from '@switchyard/core';
import { mockReplyContent } from './mock-reply.js';
import { mockToolCalls } from './mock-tool-calls.js';
import { estimateTokens, truncateToTokens } from './mock-usage.js';

/** What one choice of a mock answer says, shared by the plain and the streamed answer. */
export interface MockCompletion {
  /** The text, or null when the answer is tool calls. */
  content: string | null;
  /** Empty when the answer is text. */
  toolCalls: ToolCall[];
  finishReason: 'stop' | 'length' | 'tool_calls';
  /** Estimated completion tokens of this choice. */
  completionTokens: number;
}

type CompletionRequest = Pick<
  ChatRequest,
  | 'messages'
  | 'tools'
  | 'tool_choice'
  | 'parallel_tool_calls'
  | 'response_format'
  | 'stop'
  | 'max_tokens'
  | 'max_completion_tokens'
>;

/**
 * Plans the answer: tool calls when the request asks for them (see `selectTools`), otherwise the
 * reply text, cut before the first `stop` sequence it contains, then cut to `max_completion_tokens`
 * (or `max_tokens`) estimated tokens with finish reason `length`.
 */
export function planCompletion(request: CompletionRequest, model: string): MockCompletion {
  const toolCalls = mockToolCalls(request);
  if (toolCalls.length > 0) {
    const text = toolCalls.map((call) => call.function.name + call.function.arguments).join('');
    return { content: null, toolCalls, finishReason: 'tool_calls', completionTokens: estimateTokens(text) };
  }
  const content = cutAtStop(mockReplyContent(request, model), request.stop);
  const limit = request.max_completion_tokens ?? request.max_tokens;
  if (limit !== null && limit !== undefined && estimateTokens(content) > limit) {
    return {
      content: truncateToTokens(content, limit),
      toolCalls: [],
      finishReason: 'length',
      completionTokens: limit,
    };
  }
  return { content, toolCalls: [], finishReason: 'stop', completionTokens: estimateTokens(content) };
}

/** The text before the earliest stop sequence it contains (the sequence itself is not included). */
export function cutAtStop(text: string, stop: ChatRequest['stop']): string {
  const sequences = typeof stop === 'string' ? [stop] : (stop ?? []);
  let end = text.length;
  for (const sequence of sequences) {
    if (sequence === '') continue;
    const at = text.indexOf(sequence);
    if (at !== -1 && at < end) end = at;
  }
  return text.slice(0, end);
}
