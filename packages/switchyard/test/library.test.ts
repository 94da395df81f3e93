import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDefaultGateway, completion, createOpenAI, createSwitchyard, embedding } from '../src/index.js';

const run = promisify(execFile);
let upstream: MockUpstream;

beforeAll(async () => {
  upstream = await startMockUpstream({ apiKeys: ['sk-lib-key'] });
});
afterAll(async () => {
  await closeDefaultGateway();
  await upstream.close();
});

describe('the library', () => {
  it('completion() answers plain and streamed calls with the default providers, no keys needed for mock/', async () => {
    const plain = await completion({
      model: 'mock/demo',
      messages: [{ role: 'user', content: 'library call' }],
    });
    expect(plain.choices[0]?.message.content).toContain('library call');
    let text = '';
    for await (const chunk of await completion({
      model: 'mock/demo',
      messages: [{ role: 'user', content: 'library call' }],
      stream: true,
    })) {
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe(plain.choices[0]?.message.content);
    const vectors = await embedding({ model: 'mock/embed', input: ['a', 'b'] });
    expect(vectors.data).toHaveLength(2);
  });

  it('createSwitchyard with an OpenAI-compatible upstream streams with usage', async () => {
    const gateway = createSwitchyard({
      providers: [createOpenAI({ apiKey: 'sk-lib-key', baseURL: `${upstream.url}/v1` })],
    });
    const stream = await gateway.completion({
      model: 'openai/gpt-4o',
      messages: [{ role: 'user', content: 'hi there' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: number | undefined;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage.total_tokens;
    expect(usage).toBeGreaterThan(0);
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer sk-lib-key');
    expect(upstream.requests[0]?.body).toMatchObject({ model: 'gpt-4o', stream: true });
    await gateway.close();
  });

  it('createSwitchyard takes a response cache: a repeated call does not reach the upstream', async () => {
    const calls: Array<{ cacheHit?: boolean; cost?: number }> = [];
    const gateway = createSwitchyard({
      providers: [createOpenAI({ apiKey: 'sk-lib-key', baseURL: `${upstream.url}/v1` })],
      cache: { type: 'local', namespace: 'library' },
      onCall: (info) => calls.push(info),
    });
    const before = upstream.requestCount();
    const request = {
      model: 'openai/gpt-4o',
      messages: [{ role: 'user' as const, content: 'cached library call' }],
    };
    const first = await gateway.completion(request);
    const second = await gateway.completion(request);
    expect(second).toEqual(first);
    expect(upstream.requestCount() - before).toBe(1);
    expect(calls.map((call) => call.cacheHit === true)).toEqual([false, true]);
    expect(calls[1]?.cost).toBe(0);
    await gateway.close();
    // `cache: true` is the in-memory cache with its defaults.
    const simple = createSwitchyard({
      providers: [createOpenAI({ apiKey: 'sk-lib-key', baseURL: `${upstream.url}/v1` })],
      cache: true,
    });
    await simple.completion(request);
    await simple.completion(request);
    expect(upstream.requestCount() - before).toBe(2);
    await simple.close();
  });

  it('works from a plain script importing the built package', async () => {
    const script = `
      import { completion, closeDefaultGateway } from 'switchyard';
      const answer = await completion({ model: 'mock/script', messages: [{ role: 'user', content: 'from a script' }] });
      let streamed = '';
      for await (const chunk of await completion({ model: 'mock/script', messages: [{ role: 'user', content: 'from a script' }], stream: true })) {
        streamed += chunk.choices[0]?.delta.content ?? '';
      }
      console.log(JSON.stringify({ plain: answer.choices[0].message.content, streamed }));
      await closeDefaultGateway();
    `;
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd });
    const result = JSON.parse(stdout) as { plain: string; streamed: string };
    expect(result.plain).toContain('from a script');
    expect(result.streamed).toBe(result.plain);
  });
});
