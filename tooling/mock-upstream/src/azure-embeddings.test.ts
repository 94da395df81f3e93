import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { postJson } from './test-utils/http.js';
import { readJson } from './test-utils/read-json.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

interface Embeddings {
  model: string;
  data: Array<{ index: number; embedding: number[] }>;
  usage: { prompt_tokens: number; total_tokens: number };
}

describe('POST /openai/deployments/{deployment}/embeddings', () => {
  it('embeds each input for the deployment in the path', async () => {
    const response = await postJson(
      `${mock.url}/openai/deployments/embed-small/embeddings?api-version=2024-10-21`,
      {
        input: ['one two', 'three'],
      },
    );

    expect(response.status).toBe(200);
    const body = await readJson<Embeddings>(response);
    expect(body.model).toBe('embed-small');
    expect(body.data.map((item) => item.index)).toEqual([0, 1]);
    expect(body.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    expect(mock.requestCount('embed-small')).toBe(1);
  });

  it('answers 404 without api-version', async () => {
    const response = await postJson(`${mock.url}/openai/deployments/embed-small/embeddings`, { input: 'x' });

    expect(response.status).toBe(404);
  });

  it('serves the v1 surface with the deployment as model', async () => {
    const response = await postJson(`${mock.url}/openai/v1/embeddings`, { model: 'embed-v1', input: 'x' });

    expect((await readJson<Embeddings>(response)).model).toBe('embed-v1');
  });

  it('matches rules by path, with the /openai prefix', async () => {
    mock.script({ match: { path: '/openai/deployments/embed-small/embeddings' }, status: 500 });

    const response = await postJson(`${mock.url}/openai/deployments/embed-small/embeddings?api-version=v`, {
      input: 'x',
    });

    expect(response.status).toBe(500);
  });
});
