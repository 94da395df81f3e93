import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeFloat32Base64, type MockUpstream, startMockUpstream } from './index.js';
import type { MistralEmbeddingsResponse } from './providers/mistral/mistral-embeddings-route.js';
import type { MistralValidationErrorBody } from './providers/mistral/mistral-error.js';
import { postJson } from './test-utils/http.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

/** Posts an embeddings request; the body is typed for the test (the test asserts its shape itself). */
async function embed<T = MistralEmbeddingsResponse>(
  body: Record<string, unknown>,
): Promise<{ status: number; body: T }> {
  const response = await postJson(`${mock.url}/mistral/v1/embeddings`, { model: 'mistral-embed', ...body });
  return { status: response.status, body: (await response.json()) as T };
}

describe('POST /mistral/v1/embeddings', () => {
  it('embeds each input with a deterministic unit vector, in Mistral’s shape', async () => {
    const { status, body } = await embed({ input: ['one two', 'three'] });

    expect(status).toBe(200);
    expect(body).toMatchObject({
      object: 'list',
      model: 'mistral-embed',
      usage: { prompt_tokens: 3, total_tokens: 3, completion_tokens: 0 },
    });
    expect(body.data.map((item) => item.index)).toEqual([0, 1]);
    expect(body.data[0]?.embedding).toHaveLength(16);
    expect((await embed({ input: 'one two' })).body.data[0]?.embedding).toEqual(body.data[0]?.embedding);
  });

  it('takes output_dimension and encoding_format base64', async () => {
    const plain = await embed({ input: 'x', output_dimension: 4 });
    const encoded = await embed({ input: 'x', output_dimension: 4, encoding_format: 'base64' });

    expect(plain.body.data[0]?.embedding).toHaveLength(4);
    expect(decodeFloat32Base64(String(encoded.body.data[0]?.embedding))).toEqual(
      plain.body.data[0]?.embedding,
    );
  });

  it('refuses OpenAI’s field names and token arrays with a 422', async () => {
    const { status, body } = await embed<MistralValidationErrorBody>({
      input: [[1, 2]],
      dimensions: 4,
      user: 'u',
    });

    expect(status).toBe(422);
    expect(body.message.detail.map((entry) => entry.loc.at(-1))).toEqual(['dimensions', 'user', 'input']);
  });
});
