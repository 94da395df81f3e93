import Anthropic from '@anthropic-ai/sdk';
import { generateKey, hashKey, type NewKey } from '@switchyard/store';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy } from './start-test-proxy.js';

// Enforcement on the model routes through HTTP: keys resolved from the store, limits and budgets
// reserved before each call and settled after it, spend logged from the real usage.

const pricedModels = `  - model_name: priced
    litellm_params:
      model: openai/priced-model
      api_base: MOCK/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
    model_info:
      input_cost_per_token: 0.001
      output_cost_per_token: 0.001
  - model_name: unpriced
    litellm_params:
      model: openai/no-such-price-model
      api_base: MOCK/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
`;

/** Every answer of the mock uses 10 prompt and 10 completion tokens: $0.02 on `priced`. */
const fixedUsage = { respond: { usage: { prompt_tokens: 10, completion_tokens: 10 } } };
const costPerRequest = 0.02;

let setup: TestProxy;
beforeAll(async () => {
  setup = await startTestProxy('', pricedModels);
});
afterAll(() => setup.close());
beforeEach(() => {
  setup.upstream.reset();
  setup.upstream.script(fixedUsage);
});

async function newKey(fields: Omit<NewKey, 'token'> = {}): Promise<{ key: string; token: string }> {
  const key = generateKey();
  const token = hashKey(key);
  await setup.proxy.store.createKey({ token, key_name: `sk-...${key.slice(-4)}`, ...fields });
  return { key, token };
}

function chat(key: string, body: Record<string, unknown> = {}, path = '/v1/chat/completions') {
  return fetch(`${setup.proxy.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'priced',
      max_tokens: 20,
      messages: [{ role: 'user', content: 'hi' }],
      ...body,
    }),
  });
}

async function errorOf(response: Response): Promise<{ code: string; type: string; message: string }> {
  return ((await response.json()) as { error: { code: string; type: string; message: string } }).error;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('virtual keys on the model routes', () => {
  it('accepts a stored key, refuses unknown, blocked and expired ones with 401', async () => {
    const { key } = await newKey();
    expect((await chat(key)).status).toBe(200);
    const unknown = await chat(generateKey());
    expect(unknown.status).toBe(401);
    expect((await errorOf(unknown)).code).toBe('invalid_api_key');
    const blocked = await newKey({ blocked: true });
    const refused = await chat(blocked.key);
    expect(refused.status).toBe(401);
    expect((await errorOf(refused)).code).toBe('key_blocked');
    const expired = await newKey({ expires: new Date(Date.now() - 1_000) });
    expect((await chat(expired.key)).status).toBe(401);
  });

  it("refuses a model route outside the key's allowed_routes with a 403", async () => {
    const { key } = await newKey({ allowed_routes: ['/key/info'] });
    const refused = await chat(key);
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).message).toContain('/v1/chat/completions');
    const llm = await newKey({ allowed_routes: ['llm_api_routes'] });
    expect((await chat(llm.key)).status).toBe(200);
  });

  it("refuses a model outside the key's or its team's list with a 403 naming the model", async () => {
    const { key } = await newKey({ models: ['gpt-test'] });
    expect((await chat(key, { model: 'gpt-test' })).status).toBe(200);
    const refused = await chat(key);
    expect(refused.status).toBe(403);
    const error = await errorOf(refused);
    expect(error.code).toBe('model_not_allowed');
    expect(error.message).toContain("'priced'");
    expect(setup.upstream.requestCount('priced-model')).toBe(0);
    await setup.proxy.store.createTeam({ team_id: 'embedders', models: ['embed-test'] });
    const teamKey = await newKey({ team_id: 'embedders' });
    const byTeam = await chat(teamKey.key);
    expect(byTeam.status).toBe(403);
    expect((await errorOf(byTeam)).message).toContain('team');
  });

  it('logs every call with its real usage and price; spend per key is the sum of its logs', async () => {
    const { key, token } = await newKey({ key_alias: 'logged' });
    for (let sent = 0; sent < 3; sent++) expect((await chat(key)).status).toBe(200);
    const client = new OpenAI({ apiKey: key, baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'priced',
      messages: [{ role: 'user', content: 'stream' }],
      max_tokens: 20,
      stream: true,
    });
    for await (const _chunk of stream) {
      // drain
    }
    const stored = await until(
      () => setup.proxy.store.getKey(token),
      (value) => Math.abs((value?.spend ?? 0) - 4 * costPerRequest) < 1e-9,
    );
    expect(stored?.spend).toBeCloseTo(4 * costPerRequest, 9);
    const logs = await setup.proxy.store.listSpendLogs({ api_key: token });
    expect(logs.items).toHaveLength(4);
    const sum = logs.items.reduce((total, log) => total + log.spend, 0);
    expect(sum).toBeCloseTo(stored!.spend, 9);
    expect(logs.items.every((log) => log.model_group === 'priced' && log.prompt_tokens === 10)).toBe(true);
    expect(logs.items.every((log) => log.call_type === 'acompletion' && log.status === 'success')).toBe(true);
  });

  it('flags calls to a model without a price instead of counting them as $0, with one warning', async () => {
    const { key, token } = await newKey();
    expect((await chat(key, { model: 'unpriced' })).status).toBe(200);
    expect((await chat(key, { model: 'unpriced' })).status).toBe(200);
    const logs = await until(
      () => setup.proxy.store.listSpendLogs({ api_key: token }),
      (page) => page.items.length === 2,
    );
    expect(logs.items.every((log) => log.cost_unknown)).toBe(true);
    const warnings = setup.logs.filter((line) => line.includes('no price for this model'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('no-such-price-model');
  });

  it('logs the master key calls too, under no key', async () => {
    const before = (await setup.proxy.store.listSpendLogs({ api_key: '' })).items.length;
    expect((await chat(masterKey)).status).toBe(200);
    await until(
      () => setup.proxy.store.listSpendLogs({ api_key: '' }),
      (page) => page.items.length === before + 1,
    );
  });
});

describe('budgets', () => {
  it('hold under 50 concurrent requests: no more get through than one by one would', async () => {
    const allowed = 5;
    const { key, token } = await newKey({ key_alias: 'five-calls', max_budget: allowed * costPerRequest });
    const burst = await Promise.all(Array.from({ length: 50 }, () => chat(key)));
    const statuses = burst.map((response) => response.status);
    const admitted = statuses.filter((status) => status === 200).length;
    expect(admitted).toBeGreaterThanOrEqual(1);
    expect(admitted).toBeLessThanOrEqual(allowed);
    expect(statuses.every((status) => status === 200 || status === 400)).toBe(true);
    const refusal = (await burst.find((response) => response.status === 400)!.json()) as {
      error: { code: string; type: string; message: string };
    };
    expect(refusal.error.code).toBe('budget_exceeded');
    expect(refusal.error.message).toContain("key 'five-calls'");
    // One by one, the rest of the budget is used up and not a cent more.
    let more = 0;
    for (let sent = 0; sent < allowed + 2; sent++) if ((await chat(key)).status === 200) more += 1;
    expect(admitted + more).toBe(allowed);
    const stored = await until(
      () => setup.proxy.store.getKey(token),
      (value) => Math.abs((value?.spend ?? 0) - allowed * costPerRequest) < 1e-9,
    );
    expect(stored?.spend).toBeCloseTo(allowed * costPerRequest, 9);
  });

  it("a team's budget applies to its keys, naming the team", async () => {
    await setup.proxy.store.createTeam({ team_id: 'thrifty', max_budget: costPerRequest });
    const { key } = await newKey({ team_id: 'thrifty' });
    expect((await chat(key)).status).toBe(200);
    const refused = await chat(key);
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toContain("team 'thrifty'");
  });
});

describe('rate limits', () => {
  it('rpm_limit answers 429 with retry-after and x-ratelimit headers, in each API its own shape', async () => {
    const { key } = await newKey({ key_alias: 'three-rpm', rpm_limit: 3 });
    const first = await chat(key);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('3');
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('2');
    expect((await chat(key)).status).toBe(200);
    expect((await chat(key)).status).toBe(200);
    const refused = await chat(key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect((await errorOf(refused)).message).toContain('rpm_limit');
    const anthropic = new Anthropic({ apiKey: key, baseURL: setup.proxy.url, maxRetries: 0 });
    const error = await anthropic.messages
      .create({ model: 'priced', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as InstanceType<typeof Anthropic.RateLimitError>).error).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error' },
    });
  });

  it('max_parallel_requests holds a slot until a stream ends', async () => {
    const { key } = await newKey({ max_parallel_requests: 1 });
    setup.upstream.reset();
    setup.upstream.script({ ...fixedUsage, chunkDelayMs: 150 });
    const streaming = await chat(key, { stream: true });
    expect(streaming.status).toBe(200);
    const during = await chat(key);
    expect(during.status).toBe(429);
    await streaming.text();
    const after = await until(
      () => chat(key).then((response) => response.status),
      (status) => status === 200,
      5_000,
    );
    expect(after).toBe(200);
  });
});
