import {
  BadGatewayError,
  type ChatChunk,
  type ChatChunkDelta,
  decodeSse,
  isRecord,
  type SwitchyardError,
  safeParseJson,
} from '@switchyard/core';
import type { CohereUsage } from './cohere-api-types.js';
import { cohereGenerationError } from './cohere-error.js';
import { normaliseToolArguments } from './convert-cohere-response.js';
import { convertCohereUsage } from './convert-cohere-usage.js';
import { isCohereFailureReason, mapCohereFinishReason } from './map-cohere-finish-reason.js';

export interface CohereStreamContext {
  provider: string;
  model: string;
  /** Unix seconds for every chunk's `created`. */
  created: number;
  /** Chunk id until `message-start` names the message (and if it never does). */
  fallbackId: string;
  /** Ends the stream with a usage chunk (`choices: []`) when Cohere reports usage. */
  includeUsage: boolean;
  /** Turns the error text of a failed `message-end` or an error event into a core error. */
  toError: (message: string) => SwitchyardError;
}

type Json = Record<string, unknown>;

const recordAt = (value: unknown, ...path: string[]): Json | undefined => {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return isRecord(current) ? current : undefined;
};
const stringAt = (value: Json | undefined, key: string): string | undefined =>
  typeof value?.[key] === 'string' ? (value[key] as string) : undefined;

/**
 * One stream's state machine: Cohere's typed events in, OpenAI chunks out. The first chunk carries
 * the role; text and tool-plan deltas are content, thinking deltas `reasoning_content`; each tool
 * call gets the next index, its first delta carrying id, type and name; `message-end` gives the
 * finish reason, then (when asked) the usage chunk. One instance per stream, never shared.
 */
class CohereChunker {
  private id: string;
  private started = false;
  private toolIndex = -1;
  private toolArguments = '';

  constructor(private readonly context: CohereStreamContext) {
    this.id = context.fallbackId;
  }

  messageStart(event: Json): ChatChunk[] {
    if (!this.started && typeof event.id === 'string' && event.id !== '') this.id = event.id;
    return this.start();
  }

  content(event: Json): ChatChunk[] {
    const content = recordAt(event, 'delta', 'message', 'content');
    const text = stringAt(content, 'text');
    const thinking = stringAt(content, 'thinking');
    const out = this.start();
    if (text) out.push(this.chunk({ content: text }));
    if (thinking) out.push(this.chunk({ reasoning_content: thinking }));
    return out;
  }

  toolPlan(event: Json): ChatChunk[] {
    const plan = stringAt(recordAt(event, 'delta', 'message'), 'tool_plan');
    return plan ? [...this.start(), this.chunk({ content: plan })] : this.start();
  }

  toolCallStart(event: Json): ChatChunk[] {
    const call = recordAt(event, 'delta', 'message', 'tool_calls');
    const fn = recordAt(call, 'function');
    this.toolIndex += 1;
    this.toolArguments = stringAt(fn, 'arguments') ?? '';
    const header = {
      index: this.toolIndex,
      id: stringAt(call, 'id') ?? `call_${this.toolIndex}`,
      type: 'function' as const,
      function: { name: stringAt(fn, 'name') ?? '', arguments: '' },
    };
    const out = [...this.start(), this.chunk({ tool_calls: [header] })];
    if (this.toolArguments) out.push(this.argumentsChunk(this.toolArguments));
    return out;
  }

  toolCallDelta(event: Json): ChatChunk[] {
    const fragment = stringAt(recordAt(event, 'delta', 'message', 'tool_calls', 'function'), 'arguments');
    if (!fragment || this.toolIndex < 0) return [];
    this.toolArguments += fragment;
    return [this.argumentsChunk(fragment)];
  }

  toolCallEnd(): ChatChunk[] {
    // A call to a tool without parameters may come with no arguments at all.
    const empty = this.toolIndex >= 0 && this.toolArguments.trim() === '';
    return empty ? [this.argumentsChunk(normaliseToolArguments(''))] : [];
  }

  messageEnd(event: Json): ChatChunk[] {
    const { context } = this;
    const delta = recordAt(event, 'delta');
    const reason = stringAt(delta, 'finish_reason');
    const error = stringAt(delta, 'error');
    if (error && reason !== 'TIMEOUT') throw context.toError(error);
    if (isCohereFailureReason(reason)) {
      throw cohereGenerationError({ provider: context.provider, model: context.model, reason });
    }
    const out = [...this.start(), this.chunk({}, mapCohereFinishReason(reason, this.toolIndex >= 0))];
    const usage = context.includeUsage
      ? convertCohereUsage(recordAt(delta, 'usage') as CohereUsage)
      : undefined;
    if (usage) out.push({ ...this.chunk({}), choices: [], usage });
    return out;
  }

  private start(): ChatChunk[] {
    if (this.started) return [];
    this.started = true;
    return [this.chunk({ role: 'assistant', content: '' })];
  }

  private argumentsChunk(fragment: string): ChatChunk {
    return this.chunk({ tool_calls: [{ index: this.toolIndex, function: { arguments: fragment } }] });
  }

  private chunk(delta: ChatChunkDelta, finishReason: string | null = null): ChatChunk {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.context.created,
      model: this.context.model,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    };
  }
}

const handlers: Record<string, (chunker: CohereChunker, event: Json) => ChatChunk[]> = {
  'message-start': (chunker, event) => chunker.messageStart(event),
  'content-start': (chunker, event) => chunker.content(event),
  'content-delta': (chunker, event) => chunker.content(event),
  'tool-plan-delta': (chunker, event) => chunker.toolPlan(event),
  'tool-call-start': (chunker, event) => chunker.toolCallStart(event),
  'tool-call-delta': (chunker, event) => chunker.toolCallDelta(event),
  'tool-call-end': (chunker) => chunker.toolCallEnd(),
};

/** The message of an error event (`{"message": …}`, Cohere's error body). */
function errorText(event: Json, provider: string): string {
  const message = event.message ?? recordAt(event, 'error')?.message ?? event.error;
  return typeof message === 'string' && message !== '' ? message : `${provider} sent an error event`;
}

function invalidFrame(provider: string): BadGatewayError {
  return new BadGatewayError({
    message: `${provider} sent a stream event that is not valid JSON`,
    provider,
    code: 'invalid_upstream_response',
  });
}

/**
 * Parses Cohere's v2 chat stream (SSE events named after their `type`) into canonical chunks.
 * Citation and debug events are ignored. The stream is complete at `message-end`; one that ends
 * before it was cut off upstream and throws `incomplete_stream`. What follows `message-end` is read
 * in the background so the connection returns to the pool.
 */
export async function* parseCohereStream(
  body: AsyncIterable<Uint8Array>,
  context: CohereStreamContext,
): AsyncGenerator<ChatChunk> {
  const events = decodeSse(body);
  const chunker = new CohereChunker(context);
  let finished = false;
  try {
    for (let next = await events.next(); !next.done; next = await events.next()) {
      const { data, event: name } = next.value;
      if (data === '' || data === '[DONE]') continue;
      const parsed = safeParseJson(data);
      if (!parsed.ok || !isRecord(parsed.value)) throw invalidFrame(context.provider);
      const event = parsed.value;
      const type = typeof event.type === 'string' ? event.type : name;
      if (type === 'message-end') {
        yield* chunker.messageEnd(event);
        finished = true;
        return;
      }
      const handle = type === undefined ? undefined : handlers[type];
      if (handle) yield* handle(chunker, event);
      else if (type === undefined || type === 'error')
        throw context.toError(errorText(event, context.provider));
    }
  } finally {
    if (finished) void drain(events);
    else await events.return(undefined);
  }
  throw new BadGatewayError({
    message: `${context.provider} ended the stream before it was complete`,
    provider: context.provider,
    model: context.model,
    code: 'incomplete_stream',
  });
}

/** Reads what is left after `message-end`, ignoring it and any failure: the answer is complete. */
async function drain(events: AsyncGenerator<unknown>): Promise<void> {
  try {
    while (!(await events.next()).done) {
      // ignored
    }
  } catch {
    // nothing to report: the consumer already has the whole answer
  }
}
