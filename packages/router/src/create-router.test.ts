import {
  AbortedError,
  type Attempt,
  InternalServerError,
  type ModelDeployment,
  NotFoundError,
  RateLimitError,
  type RouteRequest,
  TimeoutError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { RouterSettingsError } from './check-router-settings.js';
import { createRouter, type RouterDeps } from './create-router.js';
import type { RouterSettings } from './router-settings.js';
import { createMemoryRouterState } from './state/memory-router-state.js';

const deployment = (
  modelName: string,
  model: string,
  extra: Partial<ModelDeployment> = {},
): ModelDeployment => ({
  modelName,
  provider: 'openai',
  model,
  id: model,
  ...extra,
});

function build(deployments: ModelDeployment[], settings: RouterSettings = {}, deps: RouterDeps = {}) {
  return createRouter(
    settings,
    deps,
  )({
    deployments,
    providerIds: new Set(['openai']),
    allowUnlisted: false,
    now: Date.now,
    defaultTimeoutMs: 600_000,
  });
}

const ask = (model: string, extra: Partial<RouteRequest> = {}): RouteRequest => ({
  model,
  kind: 'chat',
  stream: false,
  ...extra,
});

describe('createRouter', () => {
  it('retries a failure on a deployment that has not failed yet, at once', async () => {
    const router = build([deployment('g', 'a'), deployment('g', 'b')], { num_retries: 1 });
    const tried: string[] = [];
    const started = performance.now();
    const result = await router.route(ask('g'), async (attempt) => {
      tried.push(attempt.resolved.model);
      if (tried.length === 1) throw new InternalServerError({ message: 'boom' });
      return attempt.resolved.model;
    });
    expect(new Set(tried)).toEqual(new Set(['a', 'b']));
    expect(result).toMatchObject({ value: tried[1], attempts: 2, retries: 1, fallbacks: 0 });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('stops retrying and waiting at once when the caller aborts', async () => {
    const router = build([deployment('g', 'only')], { num_retries: 5 });
    const controller = new AbortController();
    let attempts = 0;
    const started = performance.now();
    const routed = router.route(ask('g', { signal: controller.signal }), async () => {
      attempts += 1;
      setTimeout(() => controller.abort(), 50);
      throw new RateLimitError({ message: 'slow down', retryAfterMs: 30_000 });
    });
    await expect(routed).rejects.toBeInstanceOf(AbortedError);
    expect(attempts).toBe(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('aborts an attempt at its total timeout and reports a TimeoutError', async () => {
    const router = build([deployment('g', 'slow', { timeoutMs: 100 })], { num_retries: 0 });
    const routed = router.route(
      ask('g'),
      (attempt: Attempt) =>
        new Promise((_, reject) => {
          attempt.signal.addEventListener('abort', () => reject(new AbortedError({ message: 'aborted' })));
        }),
    );
    await expect(routed).rejects.toBeInstanceOf(TimeoutError);
  });

  it('counts a held stream as in flight until it ends', async () => {
    const state = createMemoryRouterState();
    const router = build([deployment('g', 'streamer')], {}, { state });
    let end: ((result: { error?: unknown }) => void) | undefined;
    await router.route(ask('g', { stream: true }), async (attempt) => {
      end = attempt.hold();
      return 'stream';
    });
    expect((await state.inFlight(['streamer'])).get('streamer')).toBe(1);
    end!({});
    expect((await state.inFlight(['streamer'])).get('streamer')).toBe(0);
    expect((await state.latency(['streamer'])).get('streamer')?.ttftMs).toBeGreaterThanOrEqual(0);
  });

  it('answers 404 for an unknown model and tries fallbacks for failures a fallback can help with', async () => {
    const router = build([deployment('g', 'a'), deployment('h', 'b')], {
      num_retries: 0,
      fallbacks: [{ g: ['h'] }],
    });
    await expect(router.route(ask('nope'), async () => 'x')).rejects.toBeInstanceOf(NotFoundError);
    const result = await router.route(ask('g'), async (attempt) => {
      if (attempt.resolved.model === 'a') throw new InternalServerError({ message: 'boom' });
      return attempt.resolved.model;
    });
    expect(result).toMatchObject({ value: 'b', fallbacks: 1, attempts: 2, retries: 0 });
  });

  it('refuses settings that cannot work, naming them', () => {
    expect(() => createRouter({ routing_strategy: 'fastest' as never })).toThrow(/routing_strategy/);
    expect(() => createRouter({ num_retries: -1 })).toThrow(RouterSettingsError);
    expect(() => build([deployment('g', 'a')], { fallbacks: [{ g: ['missing'] }] })).toThrow(
      /fallbacks\[0\]\.g\[0\]: Unknown model group "missing"/,
    );
  });
});
