import type { ChatResponse } from '../schemas/chat-response.js';
import type { Usage } from '../schemas/usage.js';
import {
  idSuffix,
  type ResponseObject,
  type ResponseOutputItem,
  type ResponseUsage,
  requestEchoes,
} from './response-object.js';
import type { CreateResponseRequest } from './response-request.js';

/** Chat usage in the Responses API's terms (input/output tokens with their details). */
export function toResponseUsage(usage: Usage): ResponseUsage {
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage.total_tokens,
  };
}

/** A chat finish reason as the response's status and incomplete details. */
export function statusOf(
  finishReason: string | null | undefined,
): Pick<ResponseObject, 'status' | 'incomplete_details'> {
  if (finishReason === 'length')
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finishReason === 'content_filter') {
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  }
  return { status: 'completed', incomplete_details: null };
}

/** Item ids derived from the response id, so the translation stays pure and ids stay unique. */
export function itemIds(responseId: string) {
  const suffix = idSuffix(responseId);
  return {
    message: `msg_${suffix}`,
    reasoning: `rs_${suffix}`,
    functionCall: (index: number) => `fc_${suffix}_${index}`,
  };
}

/** The first choice's answer as output items: reasoning, then the message, then function calls. */
export function toOutputItems(response: ChatResponse, responseId: string): ResponseOutputItem[] {
  const message = response.choices[0]?.message;
  if (!message) return [];
  const ids = itemIds(responseId);
  const output: ResponseOutputItem[] = [];
  if (message.reasoning_content) {
    output.push({
      type: 'reasoning',
      id: ids.reasoning,
      summary: [],
      content: [{ type: 'reasoning_text', text: message.reasoning_content }],
      status: 'completed',
    });
  }
  const content: Extract<ResponseOutputItem, { type: 'message' }>['content'] = [];
  if (message.content) content.push({ type: 'output_text', text: message.content, annotations: [] });
  if (message.refusal) content.push({ type: 'refusal', refusal: message.refusal });
  if (content.length > 0) {
    output.push({ type: 'message', id: ids.message, role: 'assistant', status: 'completed', content });
  }
  (message.tool_calls ?? []).forEach((call, index) => {
    output.push({
      type: 'function_call',
      id: ids.functionCall(index),
      call_id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
      status: 'completed',
    });
  });
  return output;
}

/** A chat answer as the Response object (`createdAt` and `completedAt` in Unix seconds). */
export function toResponse(
  response: ChatResponse,
  request: CreateResponseRequest,
  id: string,
  createdAt: number,
  completedAt: number = createdAt,
): ResponseObject {
  const { status, incomplete_details } = statusOf(response.choices[0]?.finish_reason);
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status,
    completed_at: status === 'completed' ? completedAt : null,
    error: null,
    incomplete_details,
    ...requestEchoes(request),
    output: toOutputItems(response, id),
    usage: response.usage ? toResponseUsage(response.usage) : null,
  };
}
