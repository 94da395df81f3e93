import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import type { CohereEmbedResponse } from './providers/cohere/cohere-embed-route.js';
import type { CohereErrorBody } from './providers/cohere/cohere-error.js';
import { postJson } from './test-utils/http.js';
import { readJson } from './test-utils/read-json.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const embed = (extra: Record<string, unknown> = {}) =>
  postJson(`${mock.url}/v2/embed`, {
    model: 'embed-v4.0',
    texts: ['sunny day at the beach', 'rainy day'],
    input_type: 'search_document',
    embedding_types: ['float'],
    ...extra,
  });

describe('POST /v2/embed', () => {
  it('answers embeddings_by_type with one float vector per text and billed input tokens', async () => {
    const response = await embed();

    expect(response.status).toBe(200);
    const answer = await readJson<CohereEmbedResponse>(response);
    expect(answer).toMatchObject({
      texts: ['sunny day at the beach', 'rainy day'],
      meta: { api_version: { version: '2' }, billed_units: { input_tokens: 7 } },
      response_type: 'embeddings_by_type',
    });
    expect(answer.embeddings.float).toHaveLength(2);
    expect(answer.embeddings.float?.[0]).toHaveLength(16);
    const norm = Math.hypot(...(answer.embeddings.float?.[0] ?? []));
    expect(norm).toBeCloseTo(1, 5);
  });

  it('embeds the same text the same way, and honours output_dimension', async () => {
    const first = await readJson<CohereEmbedResponse>(await embed({ texts: ['same'] }));
    const second = await readJson<CohereEmbedResponse>(await embed({ texts: ['same'] }));
    const wide = await readJson<CohereEmbedResponse>(await embed({ texts: ['same'], output_dimension: 256 }));

    expect(first.embeddings.float).toEqual(second.embeddings.float);
    expect(wide.embeddings.float?.[0]).toHaveLength(256);
  });

  it.each([
    ['no texts', { texts: [] }, 'texts must be a non-empty list'],
    [
      'too many texts',
      { texts: Array.from({ length: 97 }, (_, index) => `t${index}`) },
      'at most 96 - received 97',
    ],
    ['no input_type', { input_type: undefined }, 'valid input_type must be provided'],
    ['no embedding_types', { embedding_types: undefined }, 'embedding_types is required'],
    ['a bad output_dimension', { output_dimension: 0 }, 'output_dimension'],
  ])('rejects %s with a 400', async (_name, extra, message) => {
    const response = await embed(extra);

    expect(response.status).toBe(400);
    expect((await readJson<CohereErrorBody>(response)).message).toContain(message);
  });
});
