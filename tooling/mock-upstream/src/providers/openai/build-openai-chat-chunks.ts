import type { OpenAIUsage } from './openai-usage.js';
import type { OpenAIChatPlan, OpenAIChoicePlan, OpenAIToolCallPlan } from './plan-openai-chat-completion.js';

export interface OpenAIToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments: string };
}

export interface OpenAIChunkDelta {
  role?: 'assistant';
  content?: string;
  tool_calls?: OpenAIToolCallDelta[];
}

/** A `chat.completion.chunk` object, shaped as OpenAI streams it. */
export interface OpenAIChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  service_tier: string;
  system_fingerprint: string;
  choices: Array<{ index: number; delta: OpenAIChunkDelta; logprobs: null; finish_reason: string | null }>;
  usage?: OpenAIUsage | null;
}

const ARGUMENT_FRAGMENT_LENGTH = 8;

/** Splits text into words that keep the whitespace around them, so the pieces join back to `text`. */
export function splitIntoWordChunks(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
}

/** Splits tool-call arguments into short fragments, as OpenAI streams them. */
export function splitArguments(text: string): string[] {
  const fragments: string[] = [];
  for (let start = 0; start < text.length; start += ARGUMENT_FRAGMENT_LENGTH) {
    fragments.push(text.slice(start, start + ARGUMENT_FRAGMENT_LENGTH));
  }
  return fragments;
}

/**
 * The chunks of a streamed completion, in OpenAI's order, per choice: a role chunk with empty content,
 * one chunk per word, the tool calls (a header delta, then argument fragments), an empty delta with the
 * finish reason; then, only with `include_usage`, a chunk with no choices and the usage (every chunk
 * before it carries `usage: null`). The `[DONE]` sentinel is not a chunk and is not included.
 */
export function buildOpenAIChatChunks(
  plan: OpenAIChatPlan,
  includeUsage: boolean,
): OpenAIChatCompletionChunk[] {
  const chunk = (choices: OpenAIChatCompletionChunk['choices']): OpenAIChatCompletionChunk => ({
    id: plan.id,
    object: 'chat.completion.chunk',
    created: plan.created,
    model: plan.model,
    service_tier: plan.serviceTier,
    system_fingerprint: plan.systemFingerprint,
    choices,
    ...(includeUsage ? { usage: null } : {}),
  });
  const chunks = plan.choices.flatMap((choice) =>
    choiceDeltas(choice).map((delta, position, deltas) =>
      chunk([
        {
          index: choice.index,
          delta,
          logprobs: null,
          finish_reason: position === deltas.length - 1 ? choice.finishReason : null,
        },
      ]),
    ),
  );
  if (includeUsage) {
    chunks.push({ ...chunk([]), usage: plan.usage });
  }
  return chunks;
}

function choiceDeltas(choice: OpenAIChoicePlan): OpenAIChunkDelta[] {
  return [
    { role: 'assistant', content: '' },
    ...splitIntoWordChunks(choice.content ?? '').map((content) => ({ content })),
    ...choice.toolCalls.flatMap(toolCallDeltas),
    {},
  ];
}

function toolCallDeltas(call: OpenAIToolCallPlan, index: number): OpenAIChunkDelta[] {
  const header: OpenAIChunkDelta = {
    tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
  };
  const fragments = splitArguments(call.arguments).map(
    (fragment): OpenAIChunkDelta => ({ tool_calls: [{ index, function: { arguments: fragment } }] }),
  );
  return [header, ...fragments];
}
