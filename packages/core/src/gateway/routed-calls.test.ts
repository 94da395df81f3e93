import { describe, expect, it } from 'vitest';
import { AbortedError, ServiceUnavailableError, TimeoutError } from '../errors/error-classes.js';
import type { Provider, ProviderCallOptions } from '../provider.js';
import { defaultCapabilities } from '../provider.js';
import type { ChatChunk } from '../schemas/chat-response.js';
import { createBasicRouter } from './basic-router.js';
import type { CallInfo } from './call-info.js';
import { createSwitchyard } from './create-switchyard.js';
import type { AttemptEnd, CallTrace, RouterFactory } from './router.js';

const chunk = (content: string): ChatChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});

/** Waits `ms`, or rejects the way a transport does when its signal aborts. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new AbortedError({ message: 'aborted' }));
    });
  });
}

interface Script {
  /** Before the stream opens (headers). */
  openDelayMs?: number;
  /** Before each chunk. */
  chunkDelays?: number[];
  failOpen?: boolean;
}

/** A provider whose streams follow a script and honour the call's signal; it records what happened. */
function scriptedProvider(script: Script, events: string[]): Provider {
  return {
    id: 'acme',
    capabilities: defaultCapabilities,
    async chat() {
      throw new Error('not used');
    },
    async stream(_request, options: ProviderCallOptions) {
      await wait(script.openDelayMs ?? 0, options.signal);
      if (script.failOpen) throw new ServiceUnavailableError({ message: 'down' });
      return (async function* () {
        try {
          for (const [index, delay] of (script.chunkDelays ?? [0, 0]).entries()) {
            await wait(delay, options.signal);
            yield chunk(`part ${index}`);
          }
        } finally {
          events.push(options.signal?.aborted ? 'upstream aborted' : 'upstream closed');
        }
      })();
    },
  };
}

/** The basic router, recording how each attempt ended. */
function recordingRouter(ends: AttemptEnd[]): RouterFactory {
  return (context) => {
    const inner = createBasicRouter(context);
    return {
      ...inner,
      route: (request, call) =>
        inner.route(request, (attempt) =>
          call({
            ...attempt,
            hold: () => {
              const end = attempt.hold();
              return (result) => {
                ends.push(result);
                end(result);
              };
            },
          }),
        ),
    };
  };
}

function gatewayFor(script: Script, options: { streamTimeoutMs?: number; idleMs?: number } = {}) {
  const events: string[] = [];
  const ends: AttemptEnd[] = [];
  const calls: CallInfo[] = [];
  const gateway = createSwitchyard({
    providers: [scriptedProvider(script, events)],
    models: [
      {
        modelName: 'm',
        provider: 'acme',
        model: 'up',
        id: 'dep-1',
        ...(options.streamTimeoutMs !== undefined ? { streamTimeoutMs: options.streamTimeoutMs } : {}),
        ...(options.idleMs !== undefined ? { streamIdleTimeoutMs: options.idleMs } : {}),
      },
    ],
    router: recordingRouter(ends),
    onCall: (info) => calls.push(info),
  });
  return { gateway, events, ends, calls };
}

const request = { model: 'm', stream: true as const, messages: [{ role: 'user' as const, content: 'hi' }] };

async function collect(stream: AsyncIterable<ChatChunk>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of stream) out.push(item.choices[0]?.delta.content ?? '');
  return out;
}

describe('routed streams in the gateway', () => {
  it('fills the trace before returning the stream, and reports the call once when it ends', async () => {
    const { gateway, ends, calls } = gatewayFor({});
    const trace: CallTrace = {};
    const stream = await gateway.completion(request, { trace });
    expect(trace).toMatchObject({ model: 'up', attempts: 1, retries: 0, fallbacks: 0 });
    expect(trace.deployment?.id).toBe('dep-1');
    expect(calls).toHaveLength(0);
    expect(await collect(stream)).toEqual(['part 0', 'part 1']);
    expect(ends).toEqual([{}]);
    expect(calls.map((call) => call.outcome)).toEqual(['success']);
  });

  it('a consumer that breaks out releases the attempt and aborts the upstream', async () => {
    const { gateway, events, ends, calls } = gatewayFor({ chunkDelays: [0, 0, 0, 0] });
    for await (const _ of await gateway.completion(request)) break;
    expect(ends).toEqual([{}]);
    expect(events).toEqual(['upstream aborted']);
    expect(calls.map((call) => call.outcome)).toEqual(['aborted']);
  });

  it('a consumer that never reads releases the attempt when the stream is closed', async () => {
    const { gateway, ends } = gatewayFor({});
    const stream = await gateway.completion(request);
    await stream[Symbol.asyncIterator]().return?.();
    expect(ends).toEqual([{}]);
  });

  it('a first chunk later than streamTimeoutMs is a TimeoutError and aborts the upstream', async () => {
    const { gateway, calls } = gatewayFor({ chunkDelays: [10_000] }, { streamTimeoutMs: 100 });
    const started = performance.now();
    const error = await gateway.completion(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe('stream_first_chunk_timeout');
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(calls.map((call) => call.outcome)).toEqual(['error']);
  });

  it('a silence longer than the idle limit ends the stream with a TimeoutError', async () => {
    const { gateway, events, ends } = gatewayFor({ chunkDelays: [0, 50, 10_000] }, { idleMs: 150 });
    const stream = await gateway.completion(request);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const item of stream) seen.push(item.choices[0]?.delta.content ?? '');
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(['part 0', 'part 1']);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe('stream_idle_timeout');
    expect(events).toEqual(['upstream aborted']);
    expect(ends[0]?.error).toBe(error);
  });

  it('a slow consumer is not mistaken for a silent upstream', async () => {
    const { gateway } = gatewayFor({ chunkDelays: [0, 0, 0] }, { idleMs: 50 });
    const seen: string[] = [];
    for await (const item of await gateway.completion(request)) {
      seen.push(item.choices[0]?.delta.content ?? '');
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    expect(seen).toEqual(['part 0', 'part 1', 'part 2']);
  });

  it('a failure before the first chunk is thrown by completion() itself', async () => {
    const { gateway, calls } = gatewayFor({ failOpen: true });
    await expect(gateway.completion(request)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(calls.map((call) => call.outcome)).toEqual(['error']);
  });
});
