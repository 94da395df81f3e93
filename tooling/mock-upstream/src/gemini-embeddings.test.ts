import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import type { GoogleErrorBody } from './providers/gemini/google-error.js';
import { postJson } from './test-utils/http.js';
import { readJson } from './test-utils/read-json.js';

const key = 'AIzaSyMockGeminiKey000000000000000000';
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [key] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const call = (action: string, body: unknown) =>
  postJson(`${mock.url}/v1beta/models/gemini-embedding-001:${action}`, body, {
    headers: { 'x-goog-api-key': key },
  });
const content = (text: string) => ({ parts: [{ text }] });

describe('embeddings', () => {
  it('embedContent answers one deterministic unit vector', async () => {
    const first = await readJson<{ embedding: { values: number[] } }>(
      await call('embedContent', { content: content('hi') }),
    );
    const again = await readJson<{ embedding: { values: number[] } }>(
      await call('embedContent', { content: content('hi') }),
    );

    expect(first.embedding.values).toHaveLength(16);
    expect(again).toEqual(first);
    expect(Math.hypot(...first.embedding.values)).toBeCloseTo(1, 5);
  });

  it('batchEmbedContents answers one vector per request, in order, sized by outputDimensionality', async () => {
    const requests = ['a', 'b'].map((text) => ({
      model: 'models/gemini-embedding-001',
      content: content(text),
      taskType: 'RETRIEVAL_DOCUMENT',
      outputDimensionality: 8,
    }));

    const response = await readJson<{ embeddings: Array<{ values: number[] }> }>(
      await call('batchEmbedContents', { requests }),
    );
    const single = await readJson<{ embedding: { values: number[] } }>(
      await call('embedContent', { content: content('b'), outputDimensionality: 8 }),
    );

    expect(response.embeddings.map((embedding) => embedding.values.length)).toEqual([8, 8]);
    expect(response.embeddings[1]?.values).toEqual(single.embedding.values);
    expect(mock.requestCount('gemini-embedding-001')).toBe(2);
  });

  it('refuses a batch whose requests name another model, and unknown fields', async () => {
    const mismatch = await call('batchEmbedContents', {
      requests: [{ model: 'models/other', content: content('a') }],
    });
    const unknown = await call('embedContent', { content: content('a'), dimensions: 8 });

    expect(mismatch.status).toBe(400);
    expect((await readJson<GoogleErrorBody>(unknown)).error.message).toContain('Unknown name "dimensions"');
  });
});
