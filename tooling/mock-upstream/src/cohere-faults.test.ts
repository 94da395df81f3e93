import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import type { CohereErrorBody } from './providers/cohere/cohere-error.js';
import { postJson } from './test-utils/http.js';

const key = 'co-mock-key-4e1Jq8Zt2Wb7';
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [key] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const body = { model: 'command-r7b-12-2024', messages: [{ role: 'user', content: 'hi' }] };
const chat = (headers: Record<string, string> = { authorization: `Bearer ${key}` }) =>
  postJson(`${mock.url}/v2/chat`, body, { headers });

describe('Cohere authentication', () => {
  it('accepts the bearer key in any case of the scheme', async () => {
    expect((await chat({ authorization: `bearer ${key}` })).status).toBe(200);
  });

  it.each([
    ['no key', {}, 'no api key supplied'],
    ['a wrong key', { authorization: 'Bearer co-wrong' }, 'invalid api token'],
  ])('answers %s with Cohere’s 401', async (_name, headers, message) => {
    const response = await chat(headers);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message });
  });
});

describe('Cohere scripted errors', () => {
  it.each([400, 401, 403, 404, 422, 429, 498, 499, 500, 503])(
    'answers status %i with Cohere’s error body',
    async (status) => {
      mock.script({ status, times: 1 });

      const response = await chat();

      expect(response.status).toBe(status);
      const error = (await response.json()) as CohereErrorBody;
      expect(error).toEqual({ id: expect.any(String), message: expect.any(String) });
      expect(error.message.length).toBeGreaterThan(0);
    },
  );

  it('names the model in a 404 and sends scripted headers', async () => {
    mock.script({ status: 404, times: 1 });
    mock.script({ status: 429, headers: { 'retry-after': '7' }, times: 1 });

    const missing = await chat();
    const limited = await chat();

    expect(((await missing.json()) as CohereErrorBody).message).toContain(
      "model 'command-r7b-12-2024' not found",
    );
    expect(limited.headers.get('retry-after')).toBe('7');
  });

  it('matches rules by the model in the body and counts requests per model', async () => {
    mock.script({ match: { model: 'embed-v4.0' }, status: 500 });

    expect((await chat()).status).toBe(200);
    const embed = await postJson(
      `${mock.url}/v2/embed`,
      { model: 'embed-v4.0', texts: ['a'], input_type: 'search_query', embedding_types: ['float'] },
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(embed.status).toBe(500);
    expect(mock.requestCount('command-r7b-12-2024')).toBe(1);
    expect(mock.requestCount('embed-v4.0')).toBe(1);
  });

  it('applies a rule for /v2/embed to embed requests only', async () => {
    mock.script({ match: { path: '/v2/embed' }, status: 503 });

    expect((await chat()).status).toBe(200);
    const embed = await postJson(
      `${mock.url}/v2/embed`,
      { model: 'embed-v4.0', texts: ['a'], input_type: 'search_query', embedding_types: ['float'] },
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(embed.status).toBe(503);
  });
});
