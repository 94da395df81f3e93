import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { chatBody, postJson } from './test-utils/http.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

describe('request recording', () => {
  it('records method, path, query, lower-cased headers and the parsed body', async () => {
    await postJson(`${mock.url}/v1/chat/completions?trace=1`, chatBody('hi'), {
      headers: { Authorization: 'Bearer sk-x' },
    });

    const [recorded] = await mock.waitForRequests(1);
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      query: { trace: '1' },
      body: chatBody('hi'),
      rawBody: JSON.stringify(chatBody('hi')),
      aborted: false,
      completed: true,
    });
    expect(recorded?.headers.authorization).toBe('Bearer sk-x');
  });

  it('records a body that is not JSON as rawBody only', async () => {
    await postJson(`${mock.url}/v1/chat/completions`, 'not json');

    expect(mock.requests[0]).toMatchObject({ body: undefined, rawBody: 'not json' });
  });

  it('counts requests per model', async () => {
    await postJson(`${mock.url}/v1/chat/completions`, { ...chatBody('a'), model: 'gpt-4o' });
    await postJson(`${mock.url}/v1/chat/completions`, { ...chatBody('b'), model: 'gpt-4o' });
    await postJson(`${mock.url}/v1/embeddings`, { model: 'text-embedding-3-small', input: 'c' });

    expect(mock.requestCount()).toBe(3);
    expect(mock.requestCount('gpt-4o')).toBe(2);
    expect(mock.requestCount('text-embedding-3-small')).toBe(1);
    expect(mock.requestCount('other')).toBe(0);
  });

  it('waitForRequests resolves once enough requests arrived, and rejects on timeout', async () => {
    const waiting = mock.waitForRequests(2);
    await postJson(`${mock.url}/v1/chat/completions`, chatBody('a'));
    await postJson(`${mock.url}/v1/chat/completions`, chatBody('b'));

    expect((await waiting).map((request) => request.id)).toHaveLength(2);
    await expect(mock.waitForRequests(3, { timeoutMs: 20 })).rejects.toThrow(/2 recorded/);
  });

  it('records hung requests before answering, and close() ends them without marking an abort', async () => {
    const local = await startMockUpstream();
    local.script({ hang: true });
    const pending = postJson(`${local.url}/v1/chat/completions`, chatBody('wait')).catch(
      (error: unknown) => error,
    );

    const [recorded] = await local.waitForRequests(1);
    await local.close();

    expect(await pending).toBeInstanceOf(TypeError);
    expect(recorded).toMatchObject({ aborted: false, completed: false });
  });

  it('rejects an invalid rule passed to script()', () => {
    expect(() => mock.script({ times: 0 })).toThrow(/rule.times must be an integer >= 1/);
  });
});
