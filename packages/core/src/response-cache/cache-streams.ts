import type { CallOutcome } from '../gateway/call-info.js';

/**
 * Passes a stream through to the caller while keeping its items; `onComplete` gets them once the
 * stream ended without error and the caller read it to the end (a broken-off or failed stream
 * is never stored). The stream ends (and the proxy sends `[DONE]`) only after `onComplete`, so a
 * request repeated as soon as the stream is done finds the entry.
 */
export async function* keepWhenComplete<T>(
  stream: AsyncIterable<T>,
  onComplete: (items: T[]) => Promise<void>,
): AsyncGenerator<T> {
  const items: T[] = [];
  for await (const item of stream) {
    items.push(item);
    yield item;
  }
  await onComplete(items);
}

/** A replayed stream that reports how it ended: read to the end, or broken off by the caller. */
export async function* reportingEnd<T>(
  stream: AsyncIterable<T>,
  onEnd: (outcome: CallOutcome) => void,
): AsyncGenerator<T> {
  let outcome: CallOutcome = 'aborted';
  try {
    yield* stream;
    outcome = 'success';
  } finally {
    onEnd(outcome);
  }
}
