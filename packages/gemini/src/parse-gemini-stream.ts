import { randomUUID } from 'node:crypto';
import {
  BadGatewayError,
  type ChatChunk,
  decodeSse,
  isRecord,
  type SwitchyardError,
  safeParseJson,
  type Usage,
} from '@switchyard/core';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import { promptBlockedError } from './gemini-error.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { readCandidateParts } from './read-gemini-candidate.js';

export interface GeminiStreamContext {
  provider: string;
  /** The model asked for, reported when Gemini does not name its version. */
  model: string;
  /** Unix seconds, the same for every chunk. */
  created: number;
  /** Send a final usage chunk (`choices: []`), as OpenAI does with `stream_options.include_usage`. */
  includeUsage: boolean;
  /** Turns an `{"error":…}` event into a core error. */
  toError: (body: string) => SwitchyardError;
}

type ChunkChoice = ChatChunk['choices'][number];

interface CandidateState {
  toolCalls: number;
  finished: boolean;
}

/**
 * The state machine of one stream: every Gemini event is a whole `GenerateContentResponse` with the
 * next parts of its candidates. Per candidate it emits a role chunk first, then reasoning, content
 * and tool-call deltas (a header with id and name, then the arguments: Gemini sends calls whole),
 * then a finish chunk. Usage is cumulative in Gemini's events, so only the last one counts.
 */
function createStreamState(context: GeminiStreamContext) {
  let id = '';
  let seed = '';
  let model = context.model;
  let usage: Usage | undefined;
  const candidates = new Map<number, CandidateState>();
  const chunk = (choices: ChunkChoice[]): ChatChunk => ({
    id,
    object: 'chat.completion.chunk',
    created: context.created,
    model,
    choices,
  });
  const delta = (index: number, value: ChunkChoice['delta']) =>
    chunk([{ index, delta: value, finish_reason: null }]);

  function* candidateChunks(candidate: Record<string, unknown>, position: number): Generator<ChatChunk> {
    const index = typeof candidate.index === 'number' ? candidate.index : position;
    let state = candidates.get(index);
    if (state === undefined) {
      state = { toolCalls: 0, finished: false };
      candidates.set(index, state);
      yield delta(index, { role: 'assistant', content: '' });
    }
    const output = readCandidateParts(candidate.content, `${seed}:${index}`, state.toolCalls);
    if (output.reasoning !== '') yield delta(index, { reasoning_content: output.reasoning });
    if (output.text !== '') yield delta(index, { content: output.text });
    for (const call of output.toolCalls) {
      const callIndex = state.toolCalls++;
      const { name, arguments: args } = call.function;
      yield delta(index, {
        tool_calls: [{ index: callIndex, id: call.id, type: 'function', function: { name, arguments: '' } }],
      });
      yield delta(index, { tool_calls: [{ index: callIndex, function: { arguments: args } }] });
    }
    if (candidate.finishReason !== undefined && candidate.finishReason !== null && !state.finished) {
      state.finished = true;
      const reason = mapGeminiFinishReason(candidate.finishReason, state.toolCalls > 0);
      yield chunk([{ index, delta: {}, finish_reason: reason }]);
    }
  }

  return {
    *push(response: Record<string, unknown>): Generator<ChatChunk> {
      if (id === '') {
        seed =
          typeof response.responseId === 'string' && response.responseId !== ''
            ? response.responseId
            : randomUUID();
        id = `chatcmpl-${seed}`;
        if (typeof response.modelVersion === 'string' && response.modelVersion !== '')
          model = response.modelVersion;
      }
      usage = convertGeminiUsage(response.usageMetadata) ?? usage;
      const list = Array.isArray(response.candidates) ? response.candidates.filter(isRecord) : [];
      if (list.length === 0 && candidates.size === 0) {
        const blocked = promptBlockedError(response.promptFeedback, context.provider, context.model);
        if (blocked) throw blocked;
      }
      for (const [position, candidate] of list.entries()) yield* candidateChunks(candidate, position);
    },
    *end(): Generator<ChatChunk> {
      const states = [...candidates.values()];
      if (states.length === 0 || states.some((state) => !state.finished)) {
        throw new BadGatewayError({
          message: `${context.provider} ended the stream before it was complete`,
          provider: context.provider,
          model: context.model,
          code: 'incomplete_stream',
        });
      }
      if (context.includeUsage && usage) yield { ...chunk([]), usage };
    },
  };
}

/**
 * Parses Gemini's `streamGenerateContent?alt=sse` body into OpenAI chunks. An `{"error":…}` event
 * throws the mapped error; a stream that ends before every candidate finished throws BadGatewayError
 * `incomplete_stream`.
 */
export async function* parseGeminiStream(
  body: AsyncIterable<Uint8Array>,
  context: GeminiStreamContext,
): AsyncGenerator<ChatChunk> {
  const state = createStreamState(context);
  for await (const event of decodeSse(body)) {
    const parsed = safeParseJson(event.data);
    if (!parsed.ok || !isRecord(parsed.value)) {
      throw new BadGatewayError({
        message: `${context.provider} sent a stream event that is not valid JSON`,
        provider: context.provider,
        model: context.model,
        code: 'invalid_upstream_response',
      });
    }
    if (isRecord(parsed.value.error)) throw context.toError(event.data);
    yield* state.push(parsed.value);
  }
  yield* state.end();
}
