import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { chatBody, postJson } from './test-utils/http.js';
import { readControlError, readError } from './test-utils/read-json.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

describe('HTTP control API (/__mock)', () => {
  it('adds rules with POST /__mock/rules', async () => {
    const added = await postJson(`${mock.url}/__mock/rules`, { status: 503, times: 1 });
    expect(added.status).toBe(201);

    const failed = await postJson(`${mock.url}/v1/chat/completions`, chatBody('hi'));
    const succeeded = await postJson(`${mock.url}/v1/chat/completions`, chatBody('hi'));

    expect(failed.status).toBe(503);
    expect((await readError(failed)).error.message).toBe(
      'The engine is currently overloaded, please try again later',
    );
    expect(succeeded.status).toBe(200);
  });

  it('lists recorded requests with GET /__mock/requests, without recording control calls', async () => {
    await postJson(`${mock.url}/v1/chat/completions?api-version=1`, chatBody('first'), {
      headers: { 'X-Custom': 'yes' },
    });

    const response = await fetch(`${mock.url}/__mock/requests`);
    const requests = await response.json();

    expect(requests).toEqual([
      {
        id: expect.any(Number),
        method: 'POST',
        path: '/v1/chat/completions',
        query: { 'api-version': '1' },
        headers: expect.objectContaining({ 'x-custom': 'yes', 'content-type': 'application/json' }),
        body: chatBody('first'),
        rawBody: JSON.stringify(chatBody('first')),
        aborted: false,
        completed: true,
      },
    ]);
    expect(mock.requestCount()).toBe(1);
  });

  it('clears rules and requests with POST /__mock/reset', async () => {
    mock.script({ status: 500 });
    await postJson(`${mock.url}/v1/chat/completions`, chatBody('hi'));

    expect((await postJson(`${mock.url}/__mock/reset`, '')).status).toBe(200);

    expect(mock.requests).toEqual([]);
    expect((await postJson(`${mock.url}/v1/chat/completions`, chatBody('hi'))).status).toBe(200);
  });

  it('rejects an invalid rule with a readable 400', async () => {
    const unknownField = await postJson(`${mock.url}/__mock/rules`, { stauts: 500 });
    const badType = await postJson(`${mock.url}/__mock/rules`, { respond: { toolCalls: [{ name: 1 }] } });
    const notJson = await postJson(`${mock.url}/__mock/rules`, '{');

    expect(unknownField.status).toBe(400);
    expect((await readControlError(unknownField)).error).toContain('rule.stauts is not a known field');
    expect((await readControlError(badType)).error).toBe(
      'Invalid mock rule: rule.respond.toolCalls[0].arguments is required',
    );
    expect(notJson.status).toBe(400);
  });
});
