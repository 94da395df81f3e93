import { randomUUID } from 'node:crypto';
import { type RedisServer, startRedisServer } from '@switchyard-tooling/test-process';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployment } from './routing-helpers.js';
import { masterKey, startTestProxy, type TestProxy } from './start-test-proxy.js';

// The response cache through HTTP: the proxy in front of the mock upstream, whose request count
// says what reached the provider.

const cacheYaml = (params: string) => `litellm_settings:\n  cache: true\n  cache_params:\n${params}`;

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function post(setup: TestProxy, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${setup.proxy.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const chat = (text: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-test',
  messages: [{ role: 'user', content: text }],
  ...extra,
});

describe('response cache in memory', () => {
  let setup: TestProxy;
  let client: OpenAI;
  beforeAll(async () => {
    setup = await startTestProxy(cacheYaml('    type: local\n'));
    client = new OpenAI({ apiKey: masterKey, baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
  });
  afterAll(() => setup.close());
  beforeEach(() => setup.upstream.reset());

  it('sends a repeated request upstream once, and says so in the headers', async () => {
    const first = await post(setup, '/v1/chat/completions', chat('repeat me'));
    const second = await post(setup, '/v1/chat/completions', chat('repeat me'));
    expect(setup.upstream.requestCount()).toBe(1);
    expect(first.headers.get('x-litellm-cache-hit')).toBe('False');
    expect(first.headers.get('x-litellm-cache-key')).toBeNull();
    expect(second.headers.get('x-litellm-cache-hit')).toBe('True');
    expect(second.headers.get('x-litellm-cache-key')).toMatch(/^[0-9a-f]{64}$/);
    expect(await second.json()).toEqual(await first.json());
    expect(setup.logs.join('\n')).toContain('response cache: in memory');
  });

  it('replays a cached answer as a stream for the official openai client', async () => {
    const plain = await client.chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'stream it from the cache' }],
    });
    const { data: stream, response } = await client.chat.completions
      .create({
        model: 'gpt-test',
        messages: [{ role: 'user', content: 'stream it from the cache' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(response.headers.get('x-litellm-cache-hit')).toBe('True');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(setup.upstream.requestCount()).toBe(1);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      plain.choices[0]?.message.content,
    );
    expect(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage).toEqual(plain.usage);
  });

  it('stores a streamed answer once it completed, and replays it as a stream', async () => {
    const ask = () =>
      client.chat.completions.create({
        model: 'gpt-test',
        messages: [{ role: 'user', content: 'streamed twice' }],
        stream: true,
      });
    const texts: string[] = [];
    for (const _round of [1, 2]) {
      let text = '';
      for await (const chunk of await ask()) text += chunk.choices[0]?.delta.content ?? '';
      texts.push(text);
    }
    expect(setup.upstream.requestCount()).toBe(1);
    expect(texts[1]).toBe(texts[0]);
    expect(texts[0]).toContain('streamed twice');
  });

  it('honours each body control, and never sends them upstream', async () => {
    await post(setup, '/v1/chat/completions', chat('controls'));
    // no-cache: fresh answer (stored again); no-store: not stored; namespace: entries apart.
    const fresh = await post(
      setup,
      '/v1/chat/completions',
      chat('controls', { cache: { 'no-cache': true } }),
    );
    expect(fresh.headers.get('x-litellm-cache-hit')).toBe('False');
    expect(setup.upstream.requestCount()).toBe(2);
    await post(setup, '/v1/chat/completions', chat('not stored', { cache: { 'no-store': true } }));
    await post(setup, '/v1/chat/completions', chat('not stored'));
    expect(setup.upstream.requestCount()).toBe(4);
    await post(
      setup,
      '/v1/chat/completions',
      chat('controls', { cache: { namespace: `n-${randomUUID()}` } }),
    );
    expect(setup.upstream.requestCount()).toBe(5);
    // s-maxage: an answer older than the limit does not count.
    const young = await post(
      setup,
      '/v1/chat/completions',
      chat('controls', { cache: { 's-maxage': 3600 } }),
    );
    expect(young.headers.get('x-litellm-cache-hit')).toBe('True');
    await until(async () => {
      const old = await post(setup, '/v1/chat/completions', chat('controls', { cache: { 's-maxage': 0 } }));
      return old.headers.get('x-litellm-cache-hit') === 'False';
    });
    expect(setup.upstream.requests.some((request) => 'cache' in (request.body as object))).toBe(false);
  });

  it('keeps an answer for the ttl it was given', async () => {
    await post(setup, '/v1/chat/completions', chat('short-lived', { cache: { ttl: 1 } }));
    const soon = await post(setup, '/v1/chat/completions', chat('short-lived'));
    expect(soon.headers.get('x-litellm-cache-hit')).toBe('True');
    const stored = Date.now();
    await until(async () => {
      const later = await post(
        setup,
        '/v1/chat/completions',
        chat('short-lived', { cache: { 'no-store': true } }),
      );
      return later.headers.get('x-litellm-cache-hit') === 'False';
    }, 5_000);
    expect(Date.now() - stored).toBeGreaterThan(500);
  });

  it('honours Cache-Control request headers', async () => {
    await post(setup, '/v1/chat/completions', chat('headers'));
    const noCache = await post(setup, '/v1/chat/completions', chat('headers'), {
      'cache-control': 'no-cache',
    });
    expect(noCache.headers.get('x-litellm-cache-hit')).toBe('False');
    const noStore = await post(setup, '/v1/chat/completions', chat('headers 2'), {
      'cache-control': 'no-store',
    });
    expect(noStore.status).toBe(200);
    const after = await post(setup, '/v1/chat/completions', chat('headers 2'));
    expect(after.headers.get('x-litellm-cache-hit')).toBe('False');
    const fresh = await post(setup, '/v1/chat/completions', chat('headers'), {
      'cache-control': 'max-age=3600',
    });
    expect(fresh.headers.get('x-litellm-cache-hit')).toBe('True');
    expect(setup.upstream.requestCount()).toBe(4);
  });

  it('refuses malformed controls with an OpenAI error naming the field', async () => {
    const body = await post(setup, '/v1/chat/completions', chat('bad', { cache: { ttl: 'forever' } }));
    expect(body.status).toBe(400);
    expect(await body.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: 'cache.ttl', code: 'invalid_cache_controls' },
    });
    const header = await post(
      setup,
      '/v1/embeddings',
      { model: 'embed-test', input: 'x' },
      { 'cache-control': 'max-age=x' },
    );
    expect(header.status).toBe(400);
    const error = (await header.json()) as { error: { message: string } };
    expect(error.error.message).toContain('max-age must be a whole number');
    expect(setup.upstream.requestCount()).toBe(0);
  });

  it('sends only the new inputs of an embeddings batch upstream and reassembles the answer', async () => {
    const first = await client.embeddings.create({ model: 'embed-test', input: ['red', 'green'] });
    const { data: mixed, response } = await client.embeddings
      .create({ model: 'embed-test', input: ['green', 'blue', 'red'] })
      .withResponse();
    expect(setup.upstream.requests.map((request) => (request.body as { input: unknown }).input)).toEqual([
      ['red', 'green'],
      'blue',
    ]);
    expect(response.headers.get('x-litellm-cache-hit')).toBe('False');
    expect(mixed.data.map((item) => item.index)).toEqual([0, 1, 2]);
    expect(mixed.data[0]?.embedding).toEqual(first.data[1]?.embedding);
    expect(mixed.data[2]?.embedding).toEqual(first.data[0]?.embedding);
    expect(mixed.usage.prompt_tokens).toBe(3);
    // The openai client asks for base64 vectors; the format is part of the key.
    const whole = await post(setup, '/v1/embeddings', {
      model: 'embed-test',
      input: ['blue', 'red'],
      encoding_format: 'base64',
    });
    expect(whole.headers.get('x-litellm-cache-hit')).toBe('True');
    expect(setup.upstream.requestCount()).toBe(2);
  });

  it('caches Anthropic Messages requests translated through chat', async () => {
    const message = {
      model: 'gpt-test',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'anthropic via cache' }],
    };
    const headers = { 'x-api-key': masterKey, 'anthropic-version': '2023-06-01' };
    const first = await post(setup, '/v1/messages', message, headers);
    const second = await post(setup, '/v1/messages', message, headers);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(await first.json());
    expect(setup.upstream.requestCount()).toBe(1);
  });

  it('caches legacy completions', async () => {
    const first = await client.completions.create({ model: 'gpt-test', prompt: 'once upon a time' });
    const second = await client.completions.create({ model: 'gpt-test', prompt: 'once upon a time' });
    expect(second).toEqual(first);
    expect(setup.upstream.requestCount()).toBe(1);
  });
});

describe('response cache settings', () => {
  it('caches legacy completions of a model that serves them natively, still asking upstream natively', async () => {
    const setup = await startTestProxy(
      cacheYaml('    type: local\n'),
      deployment('instruct', 'gpt-3.5-turbo-instruct'),
    );
    try {
      const body = { model: 'instruct', prompt: 'once upon a time', max_tokens: 5 };
      const first = await post(setup, '/v1/completions', body);
      const second = await post(setup, '/v1/completions', body);
      expect(first.headers.get('x-litellm-cache-hit')).toBe('False');
      expect(second.headers.get('x-litellm-cache-hit')).toBe('True');
      expect(await second.json()).toEqual(await first.json());
      const fresh = await post(setup, '/v1/completions', { ...body, cache: { 'no-cache': true } });
      expect(fresh.status).toBe(200);
      // Both misses went to the native completions endpoint, without the cache controls.
      expect(setup.upstream.requests.map((request) => request.path)).toEqual([
        '/v1/completions',
        '/v1/completions',
      ]);
      expect(setup.upstream.requests.some((request) => 'cache' in (request.body as object))).toBe(false);
    } finally {
      await setup.close();
    }
  });

  it('caches only the supported call types', async () => {
    const setup = await startTestProxy(
      cacheYaml('    type: local\n    supported_call_types: ["aembedding"]\n'),
    );
    try {
      const chatted = await post(setup, '/v1/chat/completions', chat('not cached'));
      await post(setup, '/v1/chat/completions', chat('not cached'));
      expect(chatted.headers.get('x-litellm-cache-hit')).toBeNull();
      await post(setup, '/v1/embeddings', { model: 'embed-test', input: 'cached' });
      const embedded = await post(setup, '/v1/embeddings', { model: 'embed-test', input: 'cached' });
      expect(embedded.headers.get('x-litellm-cache-hit')).toBe('True');
      expect(setup.upstream.requestCount()).toBe(3);
    } finally {
      await setup.close();
    }
  });

  it('caches only requests that opt in, in default_off mode', async () => {
    const setup = await startTestProxy(cacheYaml('    type: local\n    mode: default_off\n'));
    try {
      const optIn = { cache: { 'use-cache': true } };
      await post(setup, '/v1/chat/completions', chat('opt'));
      await post(setup, '/v1/chat/completions', chat('opt', optIn));
      const hit = await post(setup, '/v1/chat/completions', chat('opt', optIn));
      expect(hit.headers.get('x-litellm-cache-hit')).toBe('True');
      await post(setup, '/v1/chat/completions', chat('opt'));
      expect(setup.upstream.requestCount()).toBe(3);
    } finally {
      await setup.close();
    }
  });
});

describe('response cache in Redis', () => {
  let redis: RedisServer;
  let setup: TestProxy;
  beforeAll(async () => {
    redis = await startRedisServer();
    setup = await startTestProxy(
      cacheYaml(
        `    type: redis\n    url: ${redis.url}\n    namespace: test-${randomUUID()}\n    socket_timeout: 0.3\n`,
      ),
    );
  });
  afterAll(async () => {
    await setup.close();
    await redis.stop();
  });

  it('serves requests while Redis is stopped (going upstream), warns once, and caches again when it is back', async () => {
    await post(setup, '/v1/chat/completions', chat('redis'));
    const cached = await post(setup, '/v1/chat/completions', chat('redis'));
    expect(cached.headers.get('x-litellm-cache-hit')).toBe('True');
    expect(setup.upstream.requestCount()).toBe(1);

    await redis.stop();
    for (let round = 0; round < 6; round += 1) {
      const started = Date.now();
      const response = await post(setup, '/v1/chat/completions', chat('redis'));
      expect(response.status).toBe(200);
      expect(response.headers.get('x-litellm-cache-hit')).toBe('False');
      expect(Date.now() - started).toBeLessThan(3_000); // never waiting long on Redis
    }
    expect(setup.upstream.requestCount()).toBe(7);
    const warnings = () => setup.logs.filter((line) => line.includes('Redis unavailable'));
    expect(warnings()).toHaveLength(1);

    await redis.start();
    await until(async () => {
      await post(setup, '/v1/chat/completions', chat('redis again'));
      const response = await post(setup, '/v1/chat/completions', chat('redis again'));
      return response.headers.get('x-litellm-cache-hit') === 'True';
    });
    expect(setup.logs.filter((line) => line.includes('Redis is back'))).toHaveLength(1);
    expect(warnings()).toHaveLength(1);
  });
});
