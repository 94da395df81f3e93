import { afterEach, describe, expect, it } from 'vitest';
import { chat, chatMany, deployment, errorCode, startRoutingProxy } from './routing-helpers.js';
import type { TestProxy } from './start-test-proxy.js';

// Retries, cooldowns, fallbacks and timeouts end to end, against the mock upstream's scripted faults.

let setup: TestProxy | undefined;
afterEach(async () => {
  await setup?.close();
  setup = undefined;
});

const errorBody = (code: string, message: string) => ({
  error: { message, type: 'invalid_request_error', param: 'messages', code },
});

describe('retries and cooldowns', () => {
  it('retries a failing deployment on another one, then cools it down so it gets no more traffic', async () => {
    setup = await startRoutingProxy(
      [deployment('pair', 'broken'), deployment('pair', 'healthy')],
      ['num_retries: 2', 'allowed_fails: 1', 'cooldown_time: 60'],
    );
    setup.upstream.script({ match: { model: 'broken' }, status: 500 });
    await chatMany(setup, 'pair', 30, 1);
    // Two failures in the minute exceed allowed_fails: 1; after that the broken one is skipped.
    const broken = setup.upstream.requestCount('broken');
    expect(broken).toBe(2);
    await chatMany(setup, 'pair', 20, 5);
    expect(setup.upstream.requestCount('broken')).toBe(broken);
    expect(setup.upstream.requestCount('healthy')).toBe(50);
    const warning = setup.logs.find((line) => line.includes('deployment cooling down'));
    expect(warning).toContain('broken');
  });

  it('says how many retries it took, and backs off before retrying the same deployment', async () => {
    setup = await startRoutingProxy([deployment('solo', 'flaky')], ['num_retries: 3']);
    setup.upstream.script({ status: 503, times: 2, headers: { 'retry-after-ms': '150' } });
    const result = await chat(setup, 'solo');
    expect(result.status).toBe(200);
    expect(result.headers.get('x-litellm-attempted-retries')).toBe('2');
    expect(setup.upstream.requestCount('flaky')).toBe(3);
    // Two waits of retry-after-ms (150 ms) each.
    expect(result.ms).toBeGreaterThanOrEqual(290);
  });

  it('does not retry 400 or 401, but does when a retry_policy says so', async () => {
    setup = await startRoutingProxy(
      [deployment('strict', 'strict-model'), deployment('lenient', 'lenient-model')],
      ['num_retries: 3', 'model_group_retry_policy: { lenient: { AuthenticationErrorRetries: 1 } }'],
    );
    setup.upstream.script({ status: 400, times: 1 });
    expect((await chat(setup, 'strict')).status).toBe(400);
    setup.upstream.script({ status: 401, times: 1 });
    expect((await chat(setup, 'strict')).status).toBe(401);
    expect(setup.upstream.requestCount('strict-model')).toBe(2);
    setup.upstream.script({ status: 401, times: 1 });
    expect((await chat(setup, 'lenient')).status).toBe(200);
    expect(setup.upstream.requestCount('lenient-model')).toBe(2);
  });

  it('num_retries in the body overrides the setting', async () => {
    setup = await startRoutingProxy([deployment('solo', 'once')], ['num_retries: 3']);
    setup.upstream.script({ status: 500, times: 1 });
    const result = await chat(setup, 'solo', { num_retries: 0 });
    expect(result.status).toBe(500);
    expect(setup.upstream.requestCount('once')).toBe(1);
    const invalid = await chat(setup, 'solo', { num_retries: -1 });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.param).toBe('num_retries');
  });

  it('answers 429 no_deployments_available with retry-after when every deployment cools down', async () => {
    setup = await startRoutingProxy(
      [deployment('doomed', 'down-a'), deployment('doomed', 'down-b')],
      ['num_retries: 0', 'allowed_fails: 0', 'cooldown_time: 30'],
    );
    setup.upstream.script({ status: 503 });
    expect((await chat(setup, 'doomed')).status).toBe(503);
    expect((await chat(setup, 'doomed')).status).toBe(503);
    const result = await chat(setup, 'doomed');
    expect(result.status).toBe(429);
    expect(errorCode(result.body)).toBe('no_deployments_available');
    expect(result.headers.get('retry-after')).toBe('30');
    expect(setup.upstream.requests).toHaveLength(2);
  });
});

describe('pass-through APIs go through the router too', () => {
  const native = '["/v1/chat/completions", "/v1/completions", "/v1/responses"]';

  it('a native Responses call is retried on another deployment and cools the failing one down', async () => {
    setup = await startRoutingProxy(
      [deployment('pair', 'broken'), deployment('pair', 'healthy')],
      ['num_retries: 2', 'allowed_fails: 0', 'cooldown_time: 60'],
    );
    setup.upstream.script({ match: { model: 'broken' }, status: 500 });
    // Picks are random: 20 requests make missing the broken deployment a one-in-a-million chance.
    for (let sent = 0; sent < 20; sent++) {
      const result = await chat(setup, 'pair', { input: 'hi', messages: undefined }, '/v1/responses');
      expect(result.status).toBe(200);
      expect(result.headers.get('x-litellm-model-id')).toBe('healthy');
      expect(JSON.parse(result.body).object).toBe('response');
    }
    // One failure with allowed_fails: 0 cools the broken deployment down: it is not asked again.
    expect(setup.upstream.requestCount('broken')).toBe(1);
    expect(setup.upstream.requestCount('healthy')).toBe(20);
    expect(new Set(setup.upstream.requests.map((request) => request.path))).toEqual(
      new Set(['/v1/responses']),
    );
  });

  it('a native call falls back to another group, and a streamed one says who answered', async () => {
    setup = await startRoutingProxy(
      [
        deployment('primary', 'down', { 'model_info.supported_endpoints': native }),
        deployment('backup', 'up', { 'model_info.supported_endpoints': native }),
      ],
      ['num_retries: 0', 'fallbacks: [{ primary: [backup] }]'],
    );
    setup.upstream.script({ match: { model: 'down' }, status: 503 });
    const result = await chat(setup, 'primary', { prompt: 'Say', messages: undefined }, '/v1/completions');
    expect(result.status).toBe(200);
    expect(result.headers.get('x-litellm-model-id')).toBe('up');
    expect(result.headers.get('x-litellm-attempted-fallbacks')).toBe('1');
    const streamed = await chat(
      setup,
      'primary',
      { input: 'hi', messages: undefined, stream: true },
      '/v1/responses',
    );
    expect(streamed.status).toBe(200);
    expect(streamed.headers.get('x-litellm-model-id')).toBe('up');
    expect(streamed.body).toContain('response.completed');
    // Both went upstream natively, not through the chat bridge.
    expect(setup.upstream.requests.map((request) => request.path)).toEqual([
      '/v1/completions',
      '/v1/completions',
      '/v1/responses',
      '/v1/responses',
    ]);
  });
});

describe('fallbacks', () => {
  const groups = [
    deployment('main', 'main-model'),
    deployment('generic', 'generic-model'),
    deployment('bigger', 'bigger-model'),
    deployment('safer', 'safer-model'),
  ];
  const settings = [
    'num_retries: 0',
    'fallbacks: [{ main: [generic] }]',
    'context_window_fallbacks: [{ main: [bigger] }]',
    'content_policy_fallbacks: [{ main: [safer] }]',
  ];
  const counts = (proxy: TestProxy) =>
    ['main-model', 'generic-model', 'bigger-model', 'safer-model'].map((model) =>
      proxy.upstream.requestCount(model),
    );

  it('each kind of fallback triggers on its own error and not on the others', async () => {
    setup = await startRoutingProxy(groups, settings);
    const { upstream } = setup;
    upstream.script({ match: { model: 'main-model' }, status: 500, times: 1 });
    const generic = await chat(setup, 'main');
    expect(generic.headers.get('x-litellm-model-group')).toBe('generic');
    expect(generic.headers.get('x-litellm-attempted-fallbacks')).toBe('1');
    expect(counts(setup)).toEqual([1, 1, 0, 0]);

    upstream.script({
      match: { model: 'main-model' },
      status: 400,
      times: 1,
      errorBody: errorBody('context_length_exceeded', "This model's maximum context length is 8192 tokens."),
    });
    expect((await chat(setup, 'main')).headers.get('x-litellm-model-group')).toBe('bigger');
    expect(counts(setup)).toEqual([2, 1, 1, 0]);

    upstream.script({
      match: { model: 'main-model' },
      status: 400,
      times: 1,
      errorBody: errorBody('content_policy_violation', 'Your request was rejected by the safety system.'),
    });
    expect((await chat(setup, 'main')).headers.get('x-litellm-model-group')).toBe('safer');
    expect(counts(setup)).toEqual([3, 1, 1, 1]);

    // A plain bad request is the request's fault: no fallback helps, and none is tried.
    upstream.script({ match: { model: 'main-model' }, status: 400, times: 1 });
    expect((await chat(setup, 'main')).status).toBe(400);
    expect(counts(setup)).toEqual([4, 1, 1, 1]);
  });

  it('a context window error without its own fallback uses the generic one; default_fallbacks cover other groups', async () => {
    setup = await startRoutingProxy(groups, [
      'num_retries: 0',
      'fallbacks: [{ main: [generic] }]',
      'default_fallbacks: [safer]',
    ]);
    setup.upstream.script({
      match: { model: 'main-model' },
      status: 400,
      times: 1,
      errorBody: errorBody('context_length_exceeded', 'too long'),
    });
    expect((await chat(setup, 'main')).headers.get('x-litellm-model-group')).toBe('generic');
    setup.upstream.script({ match: { model: 'bigger-model' }, status: 503, times: 1 });
    expect((await chat(setup, 'bigger')).headers.get('x-litellm-model-group')).toBe('safer');
  });

  it('honours fallbacks sent in the request body, after the configured ones', async () => {
    setup = await startRoutingProxy(groups, ['num_retries: 0']);
    setup.upstream.script({ match: { model: 'main-model' }, status: 429, times: 1 });
    const result = await chat(setup, 'main', { fallbacks: ['safer'] });
    expect(result.status).toBe(200);
    expect(result.headers.get('x-litellm-model-group')).toBe('safer');
    // The field is the gateway's: it is not sent upstream.
    expect(setup.upstream.requests.some((request) => 'fallbacks' in (request.body as object))).toBe(false);
  });

  it('when every fallback fails too, answers with the original error', async () => {
    setup = await startRoutingProxy(groups, settings);
    setup.upstream.script({ match: { model: 'main-model' }, status: 429, times: 1 });
    setup.upstream.script({ match: { model: 'generic-model' }, status: 500, times: 1 });
    const result = await chat(setup, 'main');
    expect(result.status).toBe(429);
  });
});

describe('timeouts', () => {
  it('a hanging deployment times out, is aborted, and the request still succeeds elsewhere in time', async () => {
    setup = await startRoutingProxy(
      [deployment('stuck', 'hanging', { timeout: '0.4' }), deployment('rescue', 'responsive')],
      ['num_retries: 0', 'fallbacks: [{ stuck: [rescue] }]'],
    );
    setup.upstream.script({ match: { model: 'hanging' }, hang: true });
    const result = await chat(setup, 'stuck');
    expect(result.status).toBe(200);
    expect(result.headers.get('x-litellm-model-id')).toBe('responsive');
    expect(result.ms).toBeLessThan(400 + 2_000);
    const aborted = await setup.upstream.waitForAbort();
    expect((aborted.body as { model: string }).model).toBe('hanging');
  });

  it('timeout in the body bounds the call, answered as a 408 timeout error', async () => {
    setup = await startRoutingProxy([deployment('solo', 'slowpoke')], ['num_retries: 0']);
    setup.upstream.script({ hang: true });
    const result = await chat(setup, 'solo', { timeout: 0.3 });
    expect(result.status).toBe(408);
    expect(JSON.parse(result.body).error.type).toBe('timeout_error');
    expect(result.ms).toBeLessThan(300 + 2_000);
  });

  it('router timeout applies to deployments without their own', async () => {
    setup = await startRoutingProxy(
      [deployment('pair', 'hang-one'), deployment('pair', 'quick-one')],
      ['num_retries: 1', 'timeout: 0.3'],
    );
    setup.upstream.script({ match: { model: 'hang-one' }, hang: true });
    for (let index = 0; index < 4; index += 1) {
      const result = await chat(setup, 'pair');
      expect(result.status).toBe(200);
      expect(result.ms).toBeLessThan(300 + 2_000);
    }
  });
});
