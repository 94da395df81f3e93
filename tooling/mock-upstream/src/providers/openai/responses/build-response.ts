import { countWords } from '../../../core/count-words.js';
import type { MockRuleResponse } from '../../../core/mock-rule.js';
import { splitIntoWords } from '../../../core/split-text.js';
import type { ResponsesRequest } from './read-responses-request.js';
import { type ConversationTurn, hexId, type OutputItemJson, type ResponseJson } from './stored-responses.js';

export interface BuildResponseInput {
  request: ResponsesRequest;
  respond: MockRuleResponse | undefined;
  /** Makes ids deterministic, e.g. the recorded request's id. */
  seed: string;
  /** Unix seconds. */
  now: number;
}

/** The Response's fields that echo the request, with OpenAI's defaults. */
function echoes(request: ResponsesRequest): Record<string, unknown> {
  const { body } = request;
  return {
    instructions: request.instructions,
    max_output_tokens: request.maxOutputTokens,
    max_tool_calls: body.max_tool_calls ?? null,
    model: request.model,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: request.previousResponseId,
    reasoning: body.reasoning ?? { effort: null, summary: null },
    service_tier: 'default',
    store: request.store,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  };
}

function lastUserText(conversation: ConversationTurn[]): string {
  return conversation.findLast((turn) => turn.role === 'user')?.text ?? '';
}

/** A queued background response: no output yet. */
export function queuedResponse(input: BuildResponseInput): ResponseJson {
  return {
    id: hexId('resp', `response:${input.seed}`),
    object: 'response',
    created_at: input.now,
    status: 'queued',
    background: true,
    completed_at: null,
    error: null,
    incomplete_details: null,
    ...echoes(input.request),
    output: [],
    usage: null,
  };
}

/**
 * The finished answer: a reasoning item when a rule scripts reasoning, the message (`Mock reply to:
 * <last user text>`, cut to `max_output_tokens` words, then `incomplete`), the function calls a rule
 * scripts or `tool_choice` forces. Usage counts words: the instructions and the whole conversation
 * in, the output out (a rule's `usage` in OpenAI's chat terms wins).
 */
export function completedResponse(
  input: BuildResponseInput,
  id = hexId('resp', `response:${input.seed}`),
): ResponseJson {
  const { request, respond, seed } = input;
  const output: OutputItemJson[] = [];
  let outputWords = 0;
  if (respond?.reasoning !== undefined) {
    output.push({
      id: hexId('rs', `reasoning:${seed}`),
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: respond.reasoning }],
    });
    outputWords += countWords(respond.reasoning);
  }
  const calls =
    respond?.toolCalls ??
    (request.forcedToolName === undefined ? [] : [{ name: request.forcedToolName, arguments: '{}' }]);
  let status = 'completed';
  let incomplete: { reason: string } | null = null;
  const text =
    respond?.content ??
    (calls.length > 0 ? undefined : `Mock reply to: ${lastUserText(request.conversation)}`);
  if (text !== undefined) {
    let words = splitIntoWords(text);
    if (request.maxOutputTokens !== null && words.length > request.maxOutputTokens) {
      words = words.slice(0, request.maxOutputTokens);
      status = 'incomplete';
      incomplete = { reason: 'max_output_tokens' };
    }
    const content = words.join('');
    output.push({
      id: hexId('msg', `message:${seed}`),
      type: 'message',
      status: status === 'completed' ? 'completed' : 'incomplete',
      role: 'assistant',
      content: [{ type: 'output_text', annotations: [], logprobs: [], text: content }],
    });
    outputWords += countWords(content);
  }
  calls.forEach((call, index) => {
    output.push({
      id: hexId('fc', `call:${seed}:${index}`),
      type: 'function_call',
      status: 'completed',
      arguments: call.arguments,
      call_id: hexId('call', `call-id:${seed}:${index}`).slice(0, 29),
      name: call.name,
    });
    outputWords += countWords(`${call.name} ${call.arguments}`);
  });
  if (respond?.finishReason === 'length' || respond?.finishReason === 'content_filter') {
    status = 'incomplete';
    incomplete = { reason: respond.finishReason === 'length' ? 'max_output_tokens' : 'content_filter' };
  }
  const inputWords =
    countWords(request.instructions ?? '') +
    request.conversation.reduce((sum, turn) => sum + countWords(turn.text), 0);
  const inputTokens = respond?.usage?.prompt_tokens ?? inputWords;
  const outputTokens = respond?.usage?.completion_tokens ?? outputWords;
  return {
    id,
    object: 'response',
    created_at: input.now,
    status,
    background: request.background,
    completed_at: status === 'completed' ? input.now : null,
    error: null,
    incomplete_details: incomplete,
    ...echoes(request),
    output,
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: respond?.usage?.cached_tokens ?? 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: respond?.usage?.reasoning_tokens ?? 0 },
      total_tokens: inputTokens + outputTokens,
    },
  };
}

/** The conversation after a response: the one it was answered from, then its output as text. */
export function conversationAfter(request: ResponsesRequest, response: ResponseJson): ConversationTurn[] {
  const turns = [...request.conversation];
  for (const item of response.output) {
    if (item.type === 'message' && Array.isArray(item.content)) {
      const text = (item.content as Array<{ text?: unknown }>)
        .map((part) => String(part.text ?? ''))
        .join('');
      turns.push({ role: 'assistant', text });
    } else if (item.type === 'function_call') {
      turns.push({ role: 'assistant', text: `${String(item.name)} ${String(item.arguments)}` });
    }
  }
  return turns;
}
