import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream } from './start-mock-upstream.js';

let mock: Awaited<ReturnType<typeof startMockUpstream>>;
beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: ['sk-mod'] });
});
afterAll(() => mock.close());

async function post(path: string, body: unknown) {
  const response = await fetch(`${mock.url}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-mod', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('OpenAI moderations and image generations', () => {
  it('flags only inputs containing flag-me', async () => {
    const result = await post('/v1/moderations', {
      model: 'omni-moderation-latest',
      input: ['hello', 'flag-me now'],
    });
    expect(result.status).toBe(200);
    const results = result.body.results as Array<{ flagged: boolean }>;
    expect(results.map((item) => item.flagged)).toEqual([false, true]);
  });

  it('answers n images as b64_json or urls', async () => {
    const b64 = await post('/v1/images/generations', { model: 'gpt-image-1', prompt: 'a cat', n: 2 });
    expect((b64.body.data as unknown[]).length).toBe(2);
    expect((b64.body.data as Array<{ b64_json?: string }>)[0]?.b64_json).toMatch(/^iVBOR/);
    const urls = await post('/v1/images/generations', { prompt: 'a cat', response_format: 'url' });
    expect((urls.body.data as Array<{ url?: string }>)[0]?.url).toMatch(/^https:/);
  });

  it('refuses a request without its required field', async () => {
    expect((await post('/v1/moderations', {})).status).toBe(400);
    expect((await post('/v1/images/generations', { n: 1 })).status).toBe(400);
  });
});
