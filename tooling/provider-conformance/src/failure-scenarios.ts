import {
  AbortedError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  SwitchyardError,
  TimeoutError,
} from '@switchyard/core';
import { expect, it } from 'vitest';
import { type ConformanceContext, hello, rejection } from './conformance-context.js';

const statusClasses = [
  [400, BadRequestError, false],
  [401, AuthenticationError, false],
  [403, PermissionDeniedError, false],
  [404, NotFoundError, false],
  [429, RateLimitError, true],
  [500, InternalServerError, true],
  [503, ServiceUnavailableError, true],
] as const;

/** Each error class, mid-stream aborts and timeouts. */
export function failureScenarios(context: ConformanceContext): void {
  it.each(statusClasses)('maps an upstream %i to its error class', async (status, type, retryable) => {
    context.mock().script({ status, times: 1 });
    const error = await rejection(context.provider().chat(hello, context.options()));
    expect(error).toBeInstanceOf(type);
    const known = error as SwitchyardError;
    expect(known.retryable).toBe(retryable);
    expect(known.upstreamStatus).toBe(status);
    expect(known.message.length).toBeGreaterThan(0);
    for (const key of context.target.mockApiKeys) expect(known.message).not.toContain(key);
  });

  it('maps an error before the first chunk of a stream the same way', async () => {
    context.mock().script({ status: 429, times: 1 });
    const error = await rejection(context.provider().stream({ ...hello, stream: true }, context.options()));
    expect(error).toBeInstanceOf(RateLimitError);
  });

  it('ends a stream that breaks after the first chunk with an error, never a clean end', async () => {
    context.mock().script({ malformed: true, times: 1 });
    const stream = await context.provider().stream({ ...hello, stream: true }, context.options());
    const error = await rejection(
      (async () => {
        for await (const _chunk of stream) {
          // read until it fails
        }
      })(),
    );
    expect(SwitchyardError.isInstance(error)).toBe(true);
  });

  it('aborts the upstream request when the caller aborts mid-stream', async () => {
    context.mock().script({ hangAfterFirstChunk: true, times: 1 });
    const controller = new AbortController();
    const stream = await context
      .provider()
      .stream({ ...hello, stream: true }, context.options({ signal: controller.signal }));
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    const error = await rejection(
      (async () => {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          // drain until the abort lands
        }
      })(),
    );
    expect(error).toBeInstanceOf(AbortedError);
    const aborted = await context.mock().waitForAbort({ timeoutMs: 5000 });
    expect(aborted.aborted).toBe(true);
  });

  it('turns a deadline into a TimeoutError and frees the upstream', async () => {
    context.mock().script({ hang: true, times: 1 });
    const error = await rejection(context.provider().chat(hello, context.options({ timeoutMs: 150 })));
    expect(error).toBeInstanceOf(TimeoutError);
    await context.mock().waitForAbort({ timeoutMs: 5000 });
  });

  it('reports an unreachable upstream as retryable', async () => {
    context.mock().script({ dropConnection: true, times: 1 });
    const error = await rejection(context.provider().chat(hello, context.options()));
    expect(SwitchyardError.isInstance(error) && error.retryable).toBe(true);
  });
}
