import { afterEach, describe, expect, it } from 'vitest';
import { chat, chatMany, deployment, startRoutingProxy } from './routing-helpers.js';
import type { TestProxy } from './start-test-proxy.js';

// Routing strategies end to end: a proxy in front of the mock upstream, each deployment of a
// group a different upstream model, so the mock's per-model request counts show who was picked.

let setup: TestProxy | undefined;
afterEach(async () => {
  await setup?.close();
  setup = undefined;
});

describe('routing strategies', () => {
  it('simple-shuffle follows the weights within tolerance over 300 requests', async () => {
    setup = await startRoutingProxy(
      [deployment('weighted', 'heavy', { weight: '3' }), deployment('weighted', 'light', { weight: '1' })],
      ['routing_strategy: simple-shuffle'],
    );
    await chatMany(setup, 'weighted', 300);
    const heavy = setup.upstream.requestCount('heavy');
    expect(heavy + setup.upstream.requestCount('light')).toBe(300);
    // Expected 225 (75%); a binomial's standard deviation here is 7.5, so ±35 is over 4.5σ.
    expect(heavy).toBeGreaterThan(190);
    expect(heavy).toBeLessThan(260);
  }, 60_000);

  it('simple-shuffle weighs by rpm when no weight is given', async () => {
    setup = await startRoutingProxy(
      [deployment('by-rpm', 'big', { rpm: '900' }), deployment('by-rpm', 'small', { rpm: '100' })],
      [],
    );
    await chatMany(setup, 'by-rpm', 100);
    // Expected 90 (90%), standard deviation 3, and uniform picking would give about 50.
    expect(setup.upstream.requestCount('big')).toBeGreaterThan(75);
  }, 60_000);

  it('least-busy sends requests to the deployment with fewer in flight', async () => {
    setup = await startRoutingProxy(
      [deployment('busy', 'busy-a'), deployment('busy', 'busy-b')],
      ['routing_strategy: least-busy'],
    );
    setup.upstream.script({ hang: true, times: 1 });
    const controller = new AbortController();
    const stuck = fetch(`${setup.proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-master-key-0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'busy', messages: [{ role: 'user', content: 'hang' }] }),
      signal: controller.signal,
    }).catch(() => undefined);
    await setup.upstream.waitForRequests(1);
    const busyModel = (setup.upstream.requests[0]!.body as { model: string }).model;
    const other = busyModel === 'busy-a' ? 'busy-b' : 'busy-a';
    for (let index = 0; index < 6; index += 1) {
      const result = await chat(setup, 'busy');
      expect(result.headers.get('x-litellm-model-id')).toBe(other);
    }
    controller.abort();
    await stuck;
    expect(setup.upstream.requestCount(busyModel)).toBe(1);
  });

  it('latency-based-routing settles on the faster deployment once both are measured', async () => {
    setup = await startRoutingProxy(
      [deployment('timed', 'slow-one'), deployment('timed', 'fast-one')],
      ['routing_strategy: latency-based-routing'],
    );
    setup.upstream.script({ match: { model: 'slow-one' }, delayMs: 600 });
    // Unmeasured deployments go first, so the first two requests measure both.
    await chat(setup, 'timed');
    await chat(setup, 'timed');
    expect(setup.upstream.requestCount('slow-one')).toBe(1);
    for (let index = 0; index < 10; index += 1) {
      expect((await chat(setup, 'timed')).headers.get('x-litellm-model-id')).toBe('fast-one');
    }
    expect(setup.upstream.requestCount('slow-one')).toBe(1);
  });

  it('usage-based-routing keeps each deployment under its rpm, then answers 429 with retry-after', async () => {
    setup = await startRoutingProxy(
      [deployment('metered', 'meter-a', { rpm: '2' }), deployment('metered', 'meter-b', { rpm: '2' })],
      ['routing_strategy: usage-based-routing-v2'],
    );
    for (let index = 0; index < 4; index += 1) expect((await chat(setup, 'metered')).status).toBe(200);
    expect(setup.upstream.requestCount('meter-a')).toBe(2);
    expect(setup.upstream.requestCount('meter-b')).toBe(2);
    const limited = await chat(setup, 'metered');
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body).error.code).toBe('no_deployments_available');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(setup.upstream.requests).toHaveLength(4);
  });

  it('cost-based-routing picks the cheapest deployment (model_info prices over the table)', async () => {
    setup = await startRoutingProxy(
      [
        deployment('priced', 'pricey', { 'model_info.input_cost_per_token': '0.00001' }),
        deployment('priced', 'cheap', { 'model_info.input_cost_per_token': '0.000001' }),
      ],
      ['routing_strategy: cost-based-routing'],
    );
    for (let index = 0; index < 10; index += 1) await chat(setup, 'priced');
    expect(setup.upstream.requestCount('cheap')).toBe(10);
  });

  it('pre-call checks skip deployments whose context window the prompt exceeds', async () => {
    setup = await startRoutingProxy(
      [
        deployment('sized', 'small-window', { 'model_info.max_input_tokens': '50' }),
        deployment('sized', 'large-window', { 'model_info.max_input_tokens': '100000' }),
      ],
      ['enable_pre_call_checks: true'],
    );
    const long = 'word '.repeat(400);
    for (let index = 0; index < 8; index += 1) {
      const result = await chat(setup, 'sized', { messages: [{ role: 'user', content: long }] });
      expect(result.headers.get('x-litellm-model-id')).toBe('large-window');
    }
    expect(setup.upstream.requestCount('small-window')).toBe(0);
    for (let index = 0; index < 20; index += 1) await chat(setup, 'sized');
    expect(setup.upstream.requestCount('small-window')).toBeGreaterThan(0);
  });

  it('routes tagged requests to deployments with a matching tag, untagged ones to the default', async () => {
    setup = await startRoutingProxy(
      [
        deployment('tagged', 'paid-tier', { tags: '["paid"]' }),
        deployment('tagged', 'free-tier', { tags: '["default"]' }),
      ],
      ['enable_tag_filtering: true'],
    );
    for (let index = 0; index < 5; index += 1) {
      expect((await chat(setup, 'tagged', { tags: ['paid'] })).headers.get('x-litellm-model-id')).toBe(
        'paid-tier',
      );
      const viaMetadata = await chat(setup, 'tagged', { metadata: { tags: ['paid'], user: 'u1' } });
      expect(viaMetadata.headers.get('x-litellm-model-id')).toBe('paid-tier');
      expect((await chat(setup, 'tagged')).headers.get('x-litellm-model-id')).toBe('free-tier');
    }
    // The routing fields never reach the upstream; the rest of metadata does.
    const forwarded = setup.upstream.requests.map((request) => request.body as Record<string, unknown>);
    expect(forwarded.some((body) => 'tags' in body)).toBe(false);
    expect(forwarded.filter((body) => body.metadata !== undefined)).toHaveLength(5);
    expect(forwarded.find((body) => body.metadata !== undefined)!.metadata).toEqual({ user: 'u1' });
  });

  it('model_group_alias and wildcards route to their groups, and every answer names its deployment', async () => {
    setup = await startRoutingProxy(
      [
        deployment('primary', 'primary-model'),
        `  - model_name: "family/*"
    litellm_params:
      model: "openai/*"
      api_base: MOCK/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
`,
      ],
      ['model_group_alias: { "nickname": "primary", "secret": { model: "primary", hidden: true } }'],
    );
    const aliased = await chat(setup, 'nickname');
    expect(aliased.status).toBe(200);
    expect(aliased.headers.get('x-litellm-model-id')).toBe('primary-model');
    expect(aliased.headers.get('x-litellm-model-group')).toBe('primary');
    expect(aliased.headers.get('x-litellm-model-api-base')).toBe(`${setup.upstream.url}/v1`);
    expect(aliased.headers.get('x-litellm-attempted-retries')).toBe('0');
    expect((await chat(setup, 'secret')).status).toBe(200);
    const wildcard = await chat(setup, 'family/some-model');
    expect(wildcard.status).toBe(200);
    expect(setup.upstream.requestCount('some-model')).toBe(1);
    expect(wildcard.headers.get('x-litellm-model-id')).toMatch(/^[0-9a-f]{24}$/);
    const models = await fetch(`${setup.proxy.url}/v1/models`, {
      headers: { authorization: `Bearer sk-test-master-key-0123456789` },
    });
    const ids = ((await models.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
    expect(ids).toContain('nickname');
    expect(ids).not.toContain('secret');
    const unknown = await chat(setup, 'no-such-group');
    expect(unknown.status).toBe(404);
  });
});
