import { type ChatChunk, type ChatResponse, isRecord, type Usage } from '@switchyard/core';

/** What an OpenAI-compatible service does differently on the way out, as data. */
export interface CompatibleResponseQuirks {
  /** Reasoning text arrives in this field of messages and deltas (`reasoning`): moved to `reasoning_content`. */
  reasoningField?: string;
  /**
   * Reasoning tokens are counted beside completion tokens (total = prompt + completion + reasoning):
   * folded into `completion_tokens`, as OpenAI counts them.
   */
  foldReasoningTokens?: boolean;
  /** An empty `finish_reason` on a message with tool calls means `tool_calls`. */
  emptyFinishReasonIsToolCalls?: boolean;
  /** Message content may be a list of `text` and `reasoning` parts: flattened to text and reasoning_content. */
  contentParts?: boolean;
}

type Fields = Record<string, unknown>;
type Choice = ChatResponse['choices'][number];
type ChunkChoice = ChatChunk['choices'][number];

const cachedTokenFields = ['prompt_cache_hit_tokens', 'cache_read_input_tokens'] as const;

/**
 * OpenAI's usage from what a compatible service reports: null counts as 0, cache hits reported
 * in the service's own field (DeepSeek's `prompt_cache_hit_tokens`, `cache_read_input_tokens`) as
 * `prompt_tokens_details.cached_tokens`, and total = prompt + completion. The same object when
 * nothing changes.
 */
export function normaliseCompatibleUsage(usage: Usage, foldReasoningTokens = false): Usage {
  const prompt = usage.prompt_tokens ?? 0;
  let completion = usage.completion_tokens ?? 0;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  if (
    foldReasoningTokens &&
    reasoning > 0 &&
    usage.total_tokens !== prompt + completion &&
    usage.total_tokens === prompt + completion + reasoning
  ) {
    completion += reasoning;
  }
  const total = Math.max(usage.total_tokens ?? 0, prompt + completion);
  const cached = usage.prompt_tokens_details?.cached_tokens == null ? cacheHits(usage) : undefined;
  if (
    prompt === usage.prompt_tokens &&
    completion === usage.completion_tokens &&
    total === usage.total_tokens &&
    cached === undefined
  ) {
    return usage;
  }
  const next: Usage = { ...usage, prompt_tokens: prompt, completion_tokens: completion, total_tokens: total };
  if (cached !== undefined)
    next.prompt_tokens_details = { ...usage.prompt_tokens_details, cached_tokens: cached };
  return next;
}

function cacheHits(usage: Usage): number | undefined {
  for (const field of cachedTokenFields) {
    const value = (usage as Fields)[field];
    if (typeof value === 'number') return value;
  }
  return undefined;
}

/** A compatible service's response in the canonical shape; the same object when nothing changes. */
export function normaliseCompatibleResponse(
  response: ChatResponse,
  quirks: CompatibleResponseQuirks,
): ChatResponse {
  let changed = false;
  const choices = response.choices.map((choice) => {
    const next = normaliseChoice(choice, quirks);
    if (next !== choice) changed = true;
    return next;
  });
  const usage = response.usage
    ? normaliseCompatibleUsage(response.usage, quirks.foldReasoningTokens)
    : undefined;
  if (!changed && usage === (response.usage ?? undefined)) return response;
  return usage ? { ...response, choices, usage } : { ...response, choices };
}

/** A compatible service's stream chunk in the canonical shape; the same object when nothing changes. */
export function normaliseCompatibleChunk(chunk: ChatChunk, quirks: CompatibleResponseQuirks): ChatChunk {
  let changed = false;
  const choices = chunk.choices.map((choice) => {
    const delta = normaliseFields(choice.delta as Fields, quirks);
    if (delta === choice.delta) return choice;
    changed = true;
    return { ...choice, delta } as ChunkChoice;
  });
  const usage = chunk.usage ? normaliseCompatibleUsage(chunk.usage, quirks.foldReasoningTokens) : undefined;
  if (!changed && usage === (chunk.usage ?? undefined)) return chunk;
  return usage ? { ...chunk, choices, usage } : { ...chunk, choices };
}

/** Normalises each chunk of a stream; leaving the loop early stops the upstream stream. */
export async function* normaliseCompatibleStream(
  stream: AsyncIterable<ChatChunk>,
  quirks: CompatibleResponseQuirks,
): AsyncGenerator<ChatChunk> {
  for await (const chunk of stream) yield normaliseCompatibleChunk(chunk, quirks);
}

function normaliseChoice(choice: Choice, quirks: CompatibleResponseQuirks): Choice {
  const message = normaliseFields(choice.message as Fields, quirks) as Choice['message'];
  const toolCalls = message.tool_calls?.length ?? 0;
  const finishReason =
    quirks.emptyFinishReasonIsToolCalls && choice.finish_reason === '' && toolCalls > 0
      ? 'tool_calls'
      : choice.finish_reason;
  if (message === choice.message && finishReason === choice.finish_reason) return choice;
  return { ...choice, message, finish_reason: finishReason };
}

/** A message or a delta: content parts flattened, reasoning moved to `reasoning_content`. */
function normaliseFields(fields: Fields, quirks: CompatibleResponseQuirks): Fields {
  let next = fields;
  if (quirks.contentParts && Array.isArray(next.content)) next = flattenContentParts(next);
  const field = quirks.reasoningField;
  if (field && typeof next[field] === 'string') {
    const { [field]: reasoning, ...rest } = next;
    next = rest.reasoning_content == null ? { ...rest, reasoning_content: reasoning } : rest;
  }
  return next;
}

function flattenContentParts(fields: Fields): Fields {
  const parts = fields.content as unknown[];
  const text: string[] = [];
  const reasoning: string[] = [];
  for (const part of parts) {
    if (!isRecord(part)) continue;
    if (part.type === 'text' && typeof part.text === 'string') text.push(part.text);
    if (part.type === 'reasoning' && Array.isArray(part.summary)) {
      for (const item of part.summary) {
        if (isRecord(item) && typeof item.text === 'string') reasoning.push(item.text);
      }
    }
  }
  const next: Fields = { ...fields, content: text.length > 0 ? text.join('') : null };
  if (reasoning.length > 0 && fields.reasoning_content == null) next.reasoning_content = reasoning.join('');
  return next;
}
