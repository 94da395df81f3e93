import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy } from './start-test-proxy.js';

let setup: TestProxy;
const auth = { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' };

beforeAll(async () => {
  setup = await startTestProxy('  max_request_size_mb: 0.01\n');
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

async function post(path: string, body: string, headers: Record<string, string> = auth) {
  const response = await fetch(`${setup.proxy.url}${path}`, { method: 'POST', headers, body });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { error: Record<string, unknown> },
  };
}

function expectOpenAIError(body: { error: Record<string, unknown> }) {
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(typeof body.error.message).toBe('string');
}

describe('bad input gets a clear OpenAI-shaped error and the server keeps serving', () => {
  it('malformed JSON is a 400', async () => {
    const result = await post('/v1/chat/completions', '{"model": "gpt-test", "messages": [');
    expect(result.status).toBe(400);
    expectOpenAIError(result.body);
    expect(result.body.error.code).toBe('invalid_json');
  });

  it('a schema violation is a 400 naming the field', async () => {
    const result = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 3 }] }),
    );
    expect(result.status).toBe(400);
    expectOpenAIError(result.body);
    expect(result.body.error.param).toBe('messages[0].content');
    expect(result.body.error.message).toContain('messages[0].content');
  });

  it('out-of-range parameters are refused before reaching upstream', async () => {
    const result = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'gpt-test', temperature: 5, messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(result.status).toBe(400);
    expect(result.body.error.param).toBe('temperature');
    expect(setup.upstream.requests).toHaveLength(0);
  });

  it('a missing key is a 401; x-api-key is accepted too', async () => {
    const missing = await post('/v1/nothing-here', '{}', { 'content-type': 'application/json' });
    expect(missing.status).toBe(401); // auth runs before routing: no key, no route discovery
    expectOpenAIError(missing.body);
    const anon = await fetch(`${setup.proxy.url}/v1/models`);
    expect(anon.status).toBe(401);
    const viaHeader = await fetch(`${setup.proxy.url}/v1/models`, { headers: { 'x-api-key': masterKey } });
    expect(viaHeader.status).toBe(200);
  });

  it('a body over the size limit is a 413', async () => {
    const big = JSON.stringify({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'x'.repeat(20_000) }],
    });
    const result = await post('/v1/chat/completions', big);
    expect(result.status).toBe(413);
    expectOpenAIError(result.body);
  });

  it('a chunked body (no content-length) is read and limited as well', async () => {
    const chunked = (text: string) =>
      fetch(`${setup.proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: auth,
        body: new ReadableStream({
          start(controller) {
            const bytes = new TextEncoder().encode(text);
            const half = Math.floor(bytes.length / 2);
            controller.enqueue(bytes.subarray(0, half));
            controller.enqueue(bytes.subarray(half));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
    const small = await chunked(
      JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'in two parts' }] }),
    );
    expect(small.status).toBe(200);
    expect(((await small.json()) as { object: string }).object).toBe('chat.completion');
    const big = await chunked(
      JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'x'.repeat(20_000) }] }),
    );
    expect(big.status).toBe(413);
    expectOpenAIError((await big.json()) as { error: Record<string, unknown> });
  });

  it('a body sent in several writes with its content-length is read whole', async () => {
    const body = JSON.stringify({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'é'.repeat(1_000) }],
    });
    const bytes = Buffer.from(body);
    const url = new URL('/v1/chat/completions', setup.proxy.url);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = httpRequest(
        url,
        { method: 'POST', headers: { ...auth, 'content-length': String(bytes.length) } },
        (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (part: string) => {
            text += part;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      request.on('error', reject);
      // Split inside a two-byte character: the halves only decode together.
      request.write(bytes.subarray(0, 101));
      setTimeout(() => request.end(bytes.subarray(101)), 20);
    });
    expect(answer.status).toBe(200);
    expect(setup.upstream.requests.at(-1)?.body).toMatchObject({
      messages: [{ role: 'user', content: 'é'.repeat(1_000) }],
    });
  });

  it('client-supplied upstream URLs and keys are refused unless an admin allows them', async () => {
    const result = await post(
      '/v1/chat/completions',
      JSON.stringify({
        model: 'gpt-test',
        api_base: 'http://169.254.169.254/latest',
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(result.status).toBe(400);
    expect(result.body.error.param).toBe('api_base');
    expect(setup.upstream.requests).toHaveLength(0);
  });

  it('an unknown route is a 404 in the same shape', async () => {
    const result = await post('/v1/nothing-here', '{}');
    expect(result.status).toBe(404);
    expectOpenAIError(result.body);
  });

  it('an upstream that cannot be reached or answers garbage is a 5xx with a reason', async () => {
    setup.upstream.script({ dropConnection: true, times: 1 });
    const dropped = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(dropped.status).toBe(502);
    expectOpenAIError(dropped.body);
    setup.upstream.script({ malformed: true, times: 1 });
    const garbage = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(garbage.status).toBe(502);
    expect(garbage.body.error.code).toBe('invalid_upstream_response');
  });

  it('still answers after all of the above', async () => {
    const health = await fetch(`${setup.proxy.url}/health/liveliness`);
    expect(health.status).toBe(200);
    const result = await fetch(`${setup.proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'still there?' }] }),
    });
    expect(result.status).toBe(200);
    expect(result.headers.get('x-request-id')).toBeTruthy();
  });
});
