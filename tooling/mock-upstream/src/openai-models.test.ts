import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { readError, readModelList } from './test-utils/read-json.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());

describe('GET /v1/models', () => {
  it('lists models in OpenAI’s shape', async () => {
    const response = await fetch(`${mock.url}/v1/models`);

    expect(response.status).toBe(200);
    const body = await readModelList(response);
    expect(body.object).toBe('list');
    expect(body.data.length).toBeGreaterThan(2);
    for (const model of body.data) {
      expect(model).toEqual({
        id: expect.any(String),
        object: 'model',
        created: expect.any(Number),
        owned_by: expect.any(String),
      });
    }
    expect(body.data.map((model) => model.id)).toContain('gpt-4o-mini');
  });

  it('retrieves one model, and answers an unknown one with model_not_found', async () => {
    const known = await fetch(`${mock.url}/v1/models/gpt-4o`);
    const unknown = await fetch(`${mock.url}/models/gpt-0`);

    expect(await known.json()).toMatchObject({ id: 'gpt-4o', object: 'model' });
    expect(unknown.status).toBe(404);
    expect((await readError(unknown)).error).toMatchObject({ code: 'model_not_found' });
  });
});
