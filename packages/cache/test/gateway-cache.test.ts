import {
  type CallInfo,
  type CallTrace,
  type ChatChunk,
  type ChatRequest,
  type CompletionOptions,
  createSwitchyard,
  type Switchyard,
  type TextCompletion,
} from '@switchyard/core';
import { createOpenAI } from '@switchyard/openai';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCache, type SwitchyardCache } from '../src/index.js';

// The gateway with the in-memory cache in front of an OpenAI deployment on the mock upstream:
// what reaches the upstream is counted on the mock's side of a real HTTP connection.

let upstream: MockUpstream;
let cache: SwitchyardCache;
let gateway: Switchyard;
let calls: CallInfo[];
let time: number;

const messages = (text: string): ChatRequest['messages'] => [{ role: 'user', content: text }];

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

function upstreamBodies(path: string): Array<Record<string, unknown>> {
  return upstream.requests
    .filter((request) => request.path.endsWith(path))
    .map((request) => request.body as Record<string, unknown>);
}

beforeAll(async () => {
  upstream = await startMockUpstream({ apiKeys: ['sk-upstream'] });
});
afterAll(() => upstream.close());

beforeEach(async () => {
  upstream.reset();
  calls = [];
  time = 1_700_000_000_000;
  await cache?.close();
  await gateway?.close();
  const now = () => time;
  cache = createCache({ now });
  const deployment = { provider: 'openai', apiKey: 'sk-upstream', apiBase: `${upstream.url}/v1` };
  gateway = createSwitchyard({
    providers: [createOpenAI()],
    models: [
      { ...deployment, modelName: 'chat', model: 'gpt-4o-mini' },
      { ...deployment, modelName: 'embed', model: 'text-embedding-3-small' },
    ],
    cache,
    onCall: (info) => calls.push(info),
    now,
  });
});

describe('chat through the cache', () => {
  it('answers a repeated request from the cache: upstream once, same answer, usage at zero cost', async () => {
    const request = { model: 'chat', messages: messages('cache me') };
    const first = await gateway.completion(request);
    const trace: CallTrace = {};
    const second = await gateway.completion(request, { trace });
    expect(upstream.requestCount()).toBe(1);
    expect(second).toEqual(first);
    expect(trace).toMatchObject({ cacheHit: true, model: 'gpt-4o-mini', attempts: 0 });
    expect(trace.cacheKey).toMatch(/^[0-9a-f]{64}$/);
    expect(calls).toHaveLength(2);
    expect(calls[0]).not.toHaveProperty('cacheHit');
    expect(calls[1]).toMatchObject({
      cacheHit: true,
      cost: 0,
      outcome: 'success',
      provider: 'openai',
      model: 'gpt-4o-mini',
      requestedModel: 'chat',
      usage: first.usage,
    });
  });

  it('never shares an entry between different requests', async () => {
    await gateway.completion({ model: 'chat', messages: messages('same') });
    await gateway.completion({ model: 'chat', messages: messages('same'), temperature: 0.5 });
    await gateway.completion({ model: 'chat', messages: messages('same'), provider_specific: { x: 1 } });
    await gateway.completion({ model: 'chat', messages: messages('same'), user: 'someone-else' });
    expect(upstream.requestCount()).toBe(3); // `user` does not change the answer
  });

  it('keeps tenants apart by scope', async () => {
    const request = { model: 'chat', messages: messages('scoped') };
    await gateway.completion(request, { cacheScope: 'team-a' });
    await gateway.completion(request, { cacheScope: 'team-b' });
    await gateway.completion(request, { cacheScope: 'team-a' });
    expect(upstream.requestCount()).toBe(2);
  });

  it('replays a cached answer as a stream, with the usage chunk when asked', async () => {
    const plain = await gateway.completion({ model: 'chat', messages: messages('stream me') });
    const trace: CallTrace = {};
    const stream = await gateway.completion(
      {
        model: 'chat',
        messages: messages('stream me'),
        stream: true,
        stream_options: { include_usage: true },
      },
      { trace },
    );
    expect(trace.cacheHit).toBe(true);
    const chunks = await collect(stream);
    expect(upstream.requestCount()).toBe(1);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      plain.choices[0]?.message.content,
    );
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: plain.usage });
    expect(calls.at(-1)).toMatchObject({ cacheHit: true, stream: true, outcome: 'success', cost: 0 });
  });

  it('stores a streamed answer once it completes, with its usage even when the caller did not ask', async () => {
    const chunks = await collect(
      await gateway.completion({ model: 'chat', messages: messages('streamed first'), stream: true }),
    );
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    const trace: CallTrace = {};
    const cached = await gateway.completion(
      { model: 'chat', messages: messages('streamed first') },
      { trace },
    );
    expect(trace.cacheHit).toBe(true);
    expect(upstream.requestCount()).toBe(1);
    expect(cached.choices[0]?.message.content).toBe(
      chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''),
    );
    expect(cached.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('does not store a stream that failed or that the caller broke off', async () => {
    upstream.script({ streamErrorStatus: 500, times: 1 });
    const failing = await gateway.completion({ model: 'chat', messages: messages('fails'), stream: true });
    await expect(collect(failing)).rejects.toThrow();
    const broken = await gateway.completion({ model: 'chat', messages: messages('broken'), stream: true });
    for await (const _chunk of broken as AsyncIterable<ChatChunk>) break;
    await gateway.completion({ model: 'chat', messages: messages('fails') });
    await gateway.completion({ model: 'chat', messages: messages('broken') });
    expect(upstream.requestCount()).toBe(4);
  });
});

describe('per-request controls', () => {
  const request = (text: string, extra: Record<string, unknown> = {}) =>
    ({ model: 'chat', messages: messages(text), ...extra }) as ChatRequest;

  it('no-cache skips reading but stores the fresh answer; the controls never reach upstream', async () => {
    await gateway.completion(request('nc'));
    await gateway.completion(request('nc', { cache: { 'no-cache': true } }));
    expect(upstream.requestCount()).toBe(2);
    await gateway.completion(request('nc'));
    expect(upstream.requestCount()).toBe(2);
    expect(upstreamBodies('/chat/completions').some((body) => 'cache' in body)).toBe(false);
  });

  it('no-store answers without storing', async () => {
    await gateway.completion(request('ns', { cache: { 'no-store': true } }));
    await gateway.completion(request('ns'));
    expect(upstream.requestCount()).toBe(2);
    await gateway.completion(request('ns', { cache: { 'no-store': true } })); // reading is still allowed
    expect(upstream.requestCount()).toBe(2);
  });

  it('ttl sets how long the answer is kept', async () => {
    await gateway.completion(request('ttl', { cache: { ttl: 5 } }));
    time += 4_000;
    await gateway.completion(request('ttl'));
    expect(upstream.requestCount()).toBe(1);
    time += 2_000;
    await gateway.completion(request('ttl'));
    expect(upstream.requestCount()).toBe(2);
  });

  it('s-maxage accepts only younger answers', async () => {
    await gateway.completion(request('age'));
    time += 30_000;
    await gateway.completion(request('age', { cache: { 's-maxage': 60 } }));
    expect(upstream.requestCount()).toBe(1);
    await gateway.completion(request('age', { cache: { 's-maxage': 10 } }));
    expect(upstream.requestCount()).toBe(2);
  });

  it('namespace keeps entries apart', async () => {
    await gateway.completion(request('ns-a', { cache: { namespace: 'a' } }));
    await gateway.completion(request('ns-a', { cache: { namespace: 'b' } }));
    await gateway.completion(request('ns-a', { cache: { namespace: 'a' } }));
    expect(upstream.requestCount()).toBe(2);
  });

  it('takes controls from the call options too, the body winning', async () => {
    const options: CompletionOptions = { cache: { noStore: true } };
    await gateway.completion(request('opts'), options);
    await gateway.completion(request('opts'), { cache: { noStore: true } });
    expect(upstream.requestCount()).toBe(2);
    await gateway.completion(request('opts', { cache: { 'no-store': false } }), options);
    await gateway.completion(request('opts'));
    expect(upstream.requestCount()).toBe(3);
  });

  it('refuses malformed controls before calling upstream', async () => {
    await expect(gateway.completion(request('bad', { cache: { ttl: 'long' } }))).rejects.toMatchObject({
      status: 400,
      param: 'cache.ttl',
    });
    expect(upstream.requestCount()).toBe(0);
  });
});

describe('embeddings through the cache', () => {
  it('sends only the inputs not cached, each once, and puts the answer back together in order', async () => {
    const first = await gateway.embedding({ model: 'embed', input: ['alpha', 'beta'] });
    const mixed = await gateway.embedding({ model: 'embed', input: ['gamma', 'alpha', 'gamma', 'beta'] });
    expect(upstreamBodies('/embeddings').map((body) => body.input)).toEqual([['alpha', 'beta'], 'gamma']);
    expect(mixed.data.map((item) => item.index)).toEqual([0, 1, 2, 3]);
    expect(mixed.data[1]?.embedding).toEqual(first.data[0]?.embedding);
    expect(mixed.data[3]?.embedding).toEqual(first.data[1]?.embedding);
    expect(mixed.data[0]?.embedding).toEqual(mixed.data[2]?.embedding);
    expect(mixed.data[0]?.embedding).not.toEqual(first.data[0]?.embedding);
    // Every input counted: gamma twice (1 token each) and alpha and beta from the first batch.
    expect(mixed.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });

    const trace: CallTrace = {};
    const all = await gateway.embedding({ model: 'embed', input: ['beta', 'alpha'] }, { trace });
    expect(upstream.requestCount()).toBe(2);
    expect(trace.cacheHit).toBe(true);
    expect(all.data.map((item) => item.embedding)).toEqual([
      first.data[1]?.embedding,
      first.data[0]?.embedding,
    ]);
    expect(all.model).toBe(first.model);
    expect(calls.at(-1)).toMatchObject({ cacheHit: true, cost: 0, usage: { prompt_tokens: 2 } });
  });

  it('keys on encoding format and dimensions', async () => {
    await gateway.embedding({ model: 'embed', input: 'x' });
    await gateway.embedding({ model: 'embed', input: 'x', encoding_format: 'base64' });
    await gateway.embedding({ model: 'embed', input: 'x', dimensions: 8 });
    const again = await gateway.embedding({ model: 'embed', input: ['x'], encoding_format: 'base64' });
    expect(upstream.requestCount()).toBe(3);
    expect(typeof again.data[0]?.embedding).toBe('string');
  });
});

describe('text completions through the cache', () => {
  it('answers a repeated request from the cache, plain and replayed as a stream', async () => {
    const first = (await gateway.textCompletion({ model: 'chat', prompt: ['one', 'two'] })) as TextCompletion;
    const again = (await gateway.textCompletion({ model: 'chat', prompt: ['one', 'two'] })) as TextCompletion;
    expect(again).toEqual(first);
    expect(upstream.requestCount()).toBe(2); // one chat call per prompt, once

    const streamed = await collect(
      (await gateway.textCompletion({
        model: 'chat',
        prompt: 'single',
        stream: true,
        stream_options: { include_usage: true },
      })) as AsyncIterable<TextCompletion>,
    );
    const replayed = await collect(
      (await gateway.textCompletion({
        model: 'chat',
        prompt: 'single',
        stream: true,
        stream_options: { include_usage: true },
      })) as AsyncIterable<TextCompletion>,
    );
    expect(upstream.requestCount()).toBe(3);
    const text = (chunks: TextCompletion[]) => chunks.map((chunk) => chunk.choices[0]?.text ?? '').join('');
    expect(text(replayed)).toBe(text(streamed));
    expect(replayed.at(-1)?.usage).toEqual(streamed.at(-1)?.usage);
  });
});
