import { Deadline, type ProviderCallOptions } from '@switchyard/core';
import { delay, readDelay } from './mock-delay.js';
import { mockErrorFor } from './mock-error.js';

/** The delays of a call, in ms. */
export interface MockTiming {
  /** Before answering (before a stream resolves). */
  latencyMs: number;
  /** Between stream chunks. */
  chunkDelayMs: number;
}

/**
 * The delays of one call: the deployment's params `latency_ms` / `chunk_delay_ms` (or their
 * camelCase forms) when set, else the provider's settings.
 */
export function callTiming(defaults: MockTiming, options: ProviderCallOptions): MockTiming {
  const params = options.params ?? {};
  return {
    latencyMs: readDelay(params.latency_ms ?? params.latencyMs, 'latency_ms', defaults.latencyMs),
    chunkDelayMs: readDelay(
      params.chunk_delay_ms ?? params.chunkDelayMs,
      'chunk_delay_ms',
      defaults.chunkDelayMs,
    ),
  };
}

/**
 * Starts a call: waits the latency under the call's deadline (its signal and `timeoutMs`), then
 * fails for error models (`error-<status>`). Resolves to the deadline, which the caller disposes
 * (a stream keeps it until its last chunk).
 */
export async function beginCall(options: ProviderCallOptions, latencyMs: number): Promise<Deadline> {
  const deadline = new Deadline(options.signal, options.timeoutMs, `mock/${options.model}`);
  try {
    await delay(latencyMs, deadline);
    const error = mockErrorFor(options.model);
    if (error !== undefined) throw error;
    return deadline;
  } catch (error) {
    deadline.dispose();
    throw error;
  }
}
