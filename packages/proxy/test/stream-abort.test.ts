import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy } from './start-test-proxy.js';

let setup: TestProxy;

beforeAll(async () => {
  setup = await startTestProxy();
});
afterAll(() => setup.close());

describe('streams and disconnects', () => {
  it('a client that hangs up mid-stream aborts the upstream request', async () => {
    setup.upstream.script({ hangAfterFirstChunk: true, times: 1 });
    const controller = new AbortController();
    const response = await fetch(`${setup.proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-test',
        stream: true,
        messages: [{ role: 'user', content: 'hang' }],
      }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('chat.completion.chunk');
    controller.abort();
    const aborted = await setup.upstream.waitForAbort({ timeoutMs: 5000 });
    expect(aborted.path).toBe('/v1/chat/completions');
    const health = await fetch(`${setup.proxy.url}/health/readiness`);
    expect(health.status).toBe(200);
  });

  it('an upstream failure before the first chunk is a normal error response', async () => {
    setup.upstream.script({ status: 503, times: 1 });
    const response = await fetch(`${setup.proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { type: string } };
    expect(body.error.type).toBeTruthy();
  });

  it('an upstream failure after the first chunk ends the stream with an error frame', async () => {
    setup.upstream.script({ malformed: true, times: 1 });
    const response = await fetch(`${setup.proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const frames = text.split('\n\n').filter(Boolean);
    expect(frames.at(-1)).toMatch(/^data: \{"error":/);
    expect(text).not.toContain('[DONE]');
  });
});
