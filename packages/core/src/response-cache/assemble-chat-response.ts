import { isRecord } from '../safe-json.js';
import type { ChatChunk, ChatResponse, ChatResponseMessage } from '../schemas/chat-response.js';
import type { Usage } from '../schemas/usage.js';

type ToolCall = NonNullable<ChatResponseMessage['tool_calls']>[number];

interface ChoiceState {
  index: number;
  message: Record<string, unknown>;
  content?: string;
  refusal?: string;
  reasoning?: string;
  thinkingBlocks: Array<{ type: string }>;
  toolCalls: Map<number, ToolCall>;
  finishReason: string | null;
  logprobs?: Record<string, unknown>;
}

// Delta fields folded by hand; any other field is kept (strings and arrays are concatenated).
const handled = new Set(['role', 'content', 'refusal', 'reasoning_content', 'thinking_blocks', 'tool_calls']);

function choiceState(choices: Map<number, ChoiceState>, index: number): ChoiceState {
  let state = choices.get(index);
  if (!state) {
    state = { index, message: {}, thinkingBlocks: [], toolCalls: new Map(), finishReason: null };
    choices.set(index, state);
  }
  return state;
}

function foldToolCalls(
  state: ChoiceState,
  deltas: NonNullable<ChatChunk['choices'][number]['delta']['tool_calls']>,
) {
  for (const delta of deltas) {
    const current = state.toolCalls.get(delta.index) ?? {
      id: '',
      type: 'function' as const,
      function: { name: '', arguments: '' },
    };
    if (delta.id && !current.id) current.id = delta.id;
    if (delta.function?.name && !current.function.name) current.function.name = delta.function.name;
    if (delta.function?.arguments) current.function.arguments += delta.function.arguments;
    state.toolCalls.set(delta.index, current);
  }
}

function foldOther(message: Record<string, unknown>, key: string, value: unknown): void {
  const current = message[key];
  if (typeof value === 'string' && typeof current === 'string') message[key] = current + value;
  else if (Array.isArray(value) && Array.isArray(current)) message[key] = [...current, ...value];
  else if (value !== undefined && value !== null) message[key] = value;
}

function foldLogprobs(state: ChoiceState, logprobs: unknown): void {
  if (!isRecord(logprobs)) return;
  state.logprobs ??= {};
  for (const [key, value] of Object.entries(logprobs)) {
    const current = state.logprobs[key];
    state.logprobs[key] = Array.isArray(value) && Array.isArray(current) ? [...current, ...value] : value;
  }
}

function fold(state: ChoiceState, choice: ChatChunk['choices'][number]): void {
  const { delta } = choice;
  if (typeof delta.content === 'string') state.content = (state.content ?? '') + delta.content;
  if (typeof delta.refusal === 'string') state.refusal = (state.refusal ?? '') + delta.refusal;
  if (typeof delta.reasoning_content === 'string') {
    state.reasoning = (state.reasoning ?? '') + delta.reasoning_content;
  }
  const blocks = (delta as { thinking_blocks?: unknown }).thinking_blocks;
  if (Array.isArray(blocks)) state.thinkingBlocks.push(...(blocks as Array<{ type: string }>));
  if (delta.tool_calls) foldToolCalls(state, delta.tool_calls);
  for (const [key, value] of Object.entries(delta)) {
    if (!handled.has(key)) foldOther(state.message, key, value);
  }
  if (choice.finish_reason) state.finishReason = choice.finish_reason;
  if (choice.logprobs != null) foldLogprobs(state, choice.logprobs);
}

function messageOf(state: ChoiceState): ChatResponseMessage {
  const message: ChatResponseMessage = {
    ...state.message,
    role: 'assistant',
    content: state.content ?? null,
  };
  if (state.refusal !== undefined) message.refusal = state.refusal;
  if (state.reasoning !== undefined) message.reasoning_content = state.reasoning;
  if (state.thinkingBlocks.length > 0) message.thinking_blocks = state.thinkingBlocks;
  if (state.toolCalls.size > 0) {
    message.tool_calls = [...state.toolCalls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
  }
  return message;
}

/**
 * The complete answer a stream delivered, as the non-streamed response would have been: text,
 * reasoning, thinking blocks and tool-call arguments joined per choice, the last finish reason,
 * and the usage (from the usage chunk, or `usage` when the caller captured it elsewhere).
 */
export function assembleChatResponse(chunks: ReadonlyArray<ChatChunk>, usage?: Usage): ChatResponse {
  const first = chunks[0];
  const choices = new Map<number, ChoiceState>();
  let lastUsage: Usage | undefined;
  let fingerprint: string | null | undefined;
  let serviceTier: string | null | undefined;
  for (const chunk of chunks) {
    for (const choice of chunk.choices) fold(choiceState(choices, choice.index), choice);
    if (chunk.usage) lastUsage = chunk.usage;
    if (chunk.system_fingerprint) fingerprint = chunk.system_fingerprint;
    if (chunk.service_tier) serviceTier = chunk.service_tier;
  }
  const response: ChatResponse = {
    id: first?.id ?? '',
    object: 'chat.completion',
    created: first?.created ?? 0,
    model: first?.model ?? '',
    choices: [...choices.values()]
      .sort((a, b) => a.index - b.index)
      .map((state) => ({
        index: state.index,
        message: messageOf(state),
        finish_reason: state.finishReason,
        ...(state.logprobs ? { logprobs: state.logprobs } : {}),
      })),
  };
  const finalUsage = usage ?? lastUsage;
  if (finalUsage) response.usage = finalUsage;
  if (fingerprint) response.system_fingerprint = fingerprint;
  if (serviceTier) response.service_tier = serviceTier;
  return response;
}
