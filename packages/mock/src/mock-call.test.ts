import { AbortedError, RateLimitError, TimeoutError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { beginCall, callTiming } from './mock-call.js';

const defaults = { latencyMs: 10, chunkDelayMs: 5 };

describe('callTiming', () => {
  it('uses the settings unless the deployment params set the delays', () => {
    expect(callTiming(defaults, { model: 'demo' })).toEqual(defaults);
    const params = { latency_ms: 0, chunkDelayMs: 50 };
    expect(callTiming(defaults, { model: 'demo', params })).toEqual({ latencyMs: 0, chunkDelayMs: 50 });
  });

  it('refuses a delay that is not a non-negative number', () => {
    expect(() => callTiming(defaults, { model: 'demo', params: { chunk_delay_ms: 'slow' } })).toThrow(
      /chunk_delay_ms/,
    );
  });
});

describe('beginCall', () => {
  it('resolves to a deadline for ordinary models', async () => {
    const deadline = await beginCall({ model: 'demo' }, 0);
    expect(deadline.signal.aborted).toBe(false);
    deadline.dispose();
  });

  it('fails for error models', async () => {
    await expect(beginCall({ model: 'error-429' }, 0)).rejects.toBeInstanceOf(RateLimitError);
  });

  it('rejects with AbortedError or TimeoutError while waiting the latency', async () => {
    const controller = new AbortController();
    const waiting = beginCall({ model: 'demo', signal: controller.signal }, 60_000);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    await expect(beginCall({ model: 'demo', timeoutMs: 5 }, 60_000)).rejects.toBeInstanceOf(TimeoutError);
  });
});
