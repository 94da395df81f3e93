import { afterEach, describe, expect, it } from 'vitest';
import { chat, deployment, sseFrames, startRoutingProxy } from './routing-helpers.js';
import type { TestProxy } from './start-test-proxy.js';

// Streams through the router: before the first byte a failure is retried or falls back like a
// plain call; after it, the stream ends with an error event; silences end it with a timeout.

let setup: TestProxy | undefined;
afterEach(async () => {
  await setup?.close();
  setup = undefined;
});

const stream = { stream: true };

function contentOf(frames: unknown[]): string {
  return frames
    .filter(
      (frame): frame is { choices: Array<{ delta: { content?: string } }> } => typeof frame === 'object',
    )
    .map((frame) => frame.choices[0]?.delta.content ?? '')
    .join('');
}

describe('routed streams', () => {
  it('falls back before the first byte, and the headers say who answered', async () => {
    setup = await startRoutingProxy(
      [deployment('primary', 'fails-first'), deployment('backup', 'backs-up')],
      ['num_retries: 0', 'fallbacks: [{ primary: [backup] }]'],
    );
    setup.upstream.script({ match: { model: 'fails-first' }, status: 503 });
    const result = await chat(setup, 'primary', stream);
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toContain('text/event-stream');
    expect(result.headers.get('x-litellm-model-id')).toBe('backs-up');
    expect(result.headers.get('x-litellm-attempted-fallbacks')).toBe('1');
    const frames = sseFrames(result.body);
    expect(frames.at(-1)).toBe('[DONE]');
    expect(contentOf(frames)).toBe('Mock reply to: hello');
  });

  it('retries when the first chunk does not come within stream_timeout', async () => {
    setup = await startRoutingProxy(
      [deployment('pair', 'sleepy', { stream_timeout: '0.3' }), deployment('pair', 'awake')],
      ['num_retries: 1'],
    );
    setup.upstream.script({ match: { model: 'sleepy' }, delayMs: 10_000 });
    for (let index = 0; index < 4; index += 1) {
      const result = await chat(setup, 'pair', stream);
      expect(result.status).toBe(200);
      expect(result.headers.get('x-litellm-model-id')).toBe('awake');
      expect(result.ms).toBeLessThan(300 + 2_000);
    }
  });

  it('an error after the first chunk ends the stream with an error event, without a retry', async () => {
    setup = await startRoutingProxy([deployment('solo', 'breaks')], ['num_retries: 3']);
    setup.upstream.script({ streamErrorStatus: 500, times: 1 });
    const result = await chat(setup, 'solo', stream);
    expect(result.status).toBe(200);
    const frames = sseFrames(result.body);
    expect(frames.at(-1)).toMatchObject({ error: { type: expect.any(String) } });
    expect(frames).not.toContain('[DONE]');
    expect(setup.upstream.requestCount('breaks')).toBe(1);
  });

  it('a silence longer than stream_idle_timeout aborts the upstream and ends with a timeout error', async () => {
    setup = await startRoutingProxy(
      [deployment('solo', 'stalls')],
      ['num_retries: 0', 'stream_idle_timeout: 0.3'],
    );
    setup.upstream.script({ hangAfterFirstChunk: true, times: 1 });
    const result = await chat(setup, 'solo', stream);
    expect(result.status).toBe(200);
    const frames = sseFrames(result.body);
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.at(-1)).toMatchObject({ error: { type: 'timeout_error', code: 'stream_idle_timeout' } });
    expect(result.ms).toBeLessThan(300 + 2_000);
    await setup.upstream.waitForAbort();
  });

  it('chunks that keep coming in time are not cut by the idle limit', async () => {
    setup = await startRoutingProxy(
      [deployment('solo', 'steady')],
      ['num_retries: 0', 'stream_idle_timeout: 0.4'],
    );
    setup.upstream.script({ chunkDelayMs: 100, times: 1 });
    const result = await chat(setup, 'solo', stream);
    const frames = sseFrames(result.body);
    expect(frames.at(-1)).toBe('[DONE]');
    expect(contentOf(frames)).toBe('Mock reply to: hello');
  });

  it('streams on the other routes carry the routing headers too', async () => {
    setup = await startRoutingProxy([deployment('solo', 'everywhere')], ['num_retries: 0']);
    const completions = await fetch(`${setup.proxy.url}/v1/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-master-key-0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'solo', prompt: 'hi', stream: true }),
    });
    expect(completions.headers.get('x-litellm-model-id')).toBe('everywhere');
    await completions.text();
    const messages = await chat(setup, 'solo', { stream: true, max_tokens: 20 }, '/v1/messages');
    expect(messages.headers.get('x-litellm-model-id')).toBe('everywhere');
    expect(messages.body).toContain('message_stop');
    const responses = await fetch(`${setup.proxy.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-master-key-0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'solo', input: 'hi', stream: true }),
    });
    expect(responses.headers.get('x-litellm-model-id')).toBe('everywhere');
    await responses.text();
    const embeddings = await fetch(`${setup.proxy.url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-master-key-0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'solo', input: 'hi' }),
    });
    expect(embeddings.status).toBe(200);
    expect(embeddings.headers.get('x-litellm-model-id')).toBe('everywhere');
  });
});
