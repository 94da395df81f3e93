import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFloat32Base64, type MockUpstream, startMockUpstream } from './index.js';
import { postJson } from './test-utils/http.js';
import { readError } from './test-utils/read-json.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());

interface EmbeddingsBody {
  object: string;
  data: Array<{ object: string; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

async function embed(body: Record<string, unknown>): Promise<EmbeddingsBody> {
  const response = await postJson(`${mock.url}/v1/embeddings`, { model: 'text-embedding-3-small', ...body });
  expect(response.status).toBe(200);
  return (await response.json()) as EmbeddingsBody;
}

const norm = (vector: number[]): number => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));

describe('POST /v1/embeddings', () => {
  it('returns one deterministic unit vector of 16 floats per input, in OpenAI’s list shape', async () => {
    const body = await embed({ input: ['hello world', 'goodbye'], encoding_format: 'float' });

    expect(body).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: expect.any(Array) },
        { object: 'embedding', index: 1, embedding: expect.any(Array) },
      ],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 3, total_tokens: 3 },
    });
    const [first, second] = body.data.map((item) => item.embedding as number[]);
    expect(first).toHaveLength(16);
    expect(norm(first ?? [])).toBeCloseTo(1, 5);
    expect(first).not.toEqual(second);
    const again = await embed({ input: 'hello world' });
    expect(again.data[0]?.embedding).toEqual(first);
  });

  it('honours dimensions and accepts token arrays', async () => {
    const single = await embed({ input: [1, 2, 3], dimensions: 8 });
    const many = await embed({ input: [[1, 2, 3], [4]], dimensions: 8 });

    expect(single.data).toHaveLength(1);
    expect(single.data[0]?.embedding).toHaveLength(8);
    expect(many.data[0]?.embedding).toEqual(single.data[0]?.embedding);
    expect(many.usage.prompt_tokens).toBe(4);
  });

  it('with encoding_format "base64", returns little-endian float32 that decodes to the float vector', async () => {
    const floats = await embed({ input: 'round trip', encoding_format: 'float', dimensions: 32 });
    const encoded = await embed({ input: 'round trip', encoding_format: 'base64', dimensions: 32 });

    const base64 = encoded.data[0]?.embedding;
    expect(typeof base64).toBe('string');
    const bytes = Buffer.from(base64 as string, 'base64');
    expect(bytes.byteLength).toBe(32 * 4);
    const decoded = Array.from({ length: 32 }, (_, index) => bytes.readFloatLE(index * 4));
    expect(decoded).toEqual(floats.data[0]?.embedding);
    expect(decodeFloat32Base64(base64 as string)).toEqual(decoded);
  });

  it('rejects a missing input with OpenAI’s 400', async () => {
    const response = await postJson(`${mock.url}/v1/embeddings`, { model: 'text-embedding-3-small' });

    expect(response.status).toBe(400);
    expect((await readError(response)).error).toMatchObject({
      param: 'input',
      code: 'missing_required_parameter',
    });
  });
});
