import { type ChatChunk, isRecord, type SwitchyardError } from '@switchyard/core';
import { parseOpenAIStream } from '@switchyard/openai';

export interface AzureStreamContext {
  provider: string;
  toError: (body: string) => SwitchyardError;
}

type Choice = ChatChunk['choices'][number];

interface StreamIdentity {
  id: string;
  created: number;
  model: string;
}

/**
 * Azure's stream is OpenAI's with content filter annotations in between: a first frame with no
 * choices, empty ids and only `prompt_filter_results`, and (with the asynchronous filter) frames
 * whose choices have no `delta`, only `content_filter_results` / offsets. Frames that carry
 * nothing but annotations are skipped, so the stream keeps one id and a chunk without choices
 * is only ever the usage chunk; a choice without a delta that still ends the turn gets an empty
 * delta, and an annotation frame's empty id takes the stream's. Everything else passes through
 * untouched (with its raw frame text).
 */
export async function* parseAzureStream(
  body: AsyncIterable<Uint8Array>,
  context: AzureStreamContext,
): AsyncGenerator<ChatChunk> {
  let identity: StreamIdentity | undefined;
  for await (const chunk of parseOpenAIStream(body, context)) {
    const normalized = normalizeAzureChunk(chunk, identity);
    if (normalized === undefined) continue;
    if (identity === undefined && normalized.id !== '') {
      identity = { id: normalized.id, created: normalized.created, model: normalized.model };
    }
    yield normalized;
  }
}

/** The chunk to pass on for one Azure frame, or undefined for an annotation-only frame. */
export function normalizeAzureChunk(
  chunk: ChatChunk,
  identity: StreamIdentity | undefined,
): ChatChunk | undefined {
  const hasUsage = chunk.usage !== undefined && chunk.usage !== null;
  const kept = chunk.choices.filter((choice) => isRecord(choice.delta) || Boolean(choice.finish_reason));
  if (kept.length === 0 && !hasUsage) return undefined;
  const needsDelta = kept.some((choice) => !isRecord(choice.delta));
  const needsIdentity = chunk.id === '' && identity !== undefined;
  if (kept.length === chunk.choices.length && !needsDelta && !needsIdentity) return chunk;
  return {
    ...chunk,
    ...(needsIdentity ? { ...identity, object: 'chat.completion.chunk' as const } : {}),
    choices: kept.map((choice): Choice => (isRecord(choice.delta) ? choice : { ...choice, delta: {} })),
  };
}
