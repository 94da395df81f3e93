import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { chatBody, postJson } from './test-utils/http.js';
import { readError } from './test-utils/read-json.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: ['sk-test-key-one', 'sk-test-key-two'] });
});
afterAll(() => mock.close());

const chatWith = (headers: Record<string, string>) =>
  postJson(`${mock.url}/v1/chat/completions`, chatBody('hi'), { headers });

describe('apiKeys', () => {
  it('accepts any of the configured keys', async () => {
    expect((await chatWith({ authorization: 'Bearer sk-test-key-one' })).status).toBe(200);
    expect((await chatWith({ authorization: 'Bearer sk-test-key-two' })).status).toBe(200);
  });

  it('answers a wrong key with OpenAI’s 401 invalid_api_key, without echoing the key', async () => {
    const response = await chatWith({ authorization: 'Bearer sk-wrong-secret-1234' });

    expect(response.status).toBe(401);
    const body = await readError(response);
    expect(body).toEqual({
      error: {
        message: expect.stringMatching(/^Incorrect API key provided: sk-\*+1234\./),
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    expect(body.error.message).not.toContain('sk-wrong-secret');
  });

  it('answers a missing key with a 401 and still records the request', async () => {
    const response = await chatWith({});

    expect(response.status).toBe(401);
    expect((await readError(response)).error.code).toBe('invalid_api_key');
    expect(mock.requests.at(-1)).toMatchObject({ path: '/v1/chat/completions', completed: true });
  });
});
