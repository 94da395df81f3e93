import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { chatBody, postJson } from './test-utils/http.js';
import { readError } from './test-utils/read-json.js';
import { parseSseData, readFirstSseFrame } from './test-utils/sse.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const chat = (init: RequestInit = {}, extra: Record<string, unknown> = {}) =>
  postJson(`${mock.url}/v1/chat/completions`, chatBody('hi', extra), init);

describe('scripted error statuses', () => {
  it.each([
    [400, 'invalid_request_error', null],
    [401, 'invalid_request_error', 'invalid_api_key'],
    [403, 'request_forbidden', 'unsupported_country_region_territory'],
    [404, 'invalid_request_error', 'model_not_found'],
    [429, 'requests', 'rate_limit_exceeded'],
    [500, 'server_error', null],
    [503, 'server_error', null],
  ])('answers status %i with OpenAI’s error body', async (status, type, code) => {
    mock.script({ status });

    const response = await chat();

    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({
      error: { message: expect.any(String), type, param: null, code },
    });
  });

  it('names the requested model in 404 and 429 messages, and sends no retry-after by default', async () => {
    mock.script({ status: 429, times: 1 });
    mock.script({ status: 404, times: 1 });

    const limited = await chat();
    const missing = await chat();

    expect(limited.headers.get('retry-after')).toBeNull();
    expect((await readError(limited)).error.message).toContain('Rate limit reached for gpt-4o-mini');
    expect((await readError(missing)).error.message).toBe(
      'The model `gpt-4o-mini` does not exist or you do not have access to it.',
    );
  });

  it('sends a scripted error body and extra headers', async () => {
    const errorBody = { error: { message: 'slow down', type: 'requests', param: null, code: 'custom' } };
    mock.script({ status: 429, errorBody, headers: { 'retry-after': '1', 'retry-after-ms': '5' } });

    const response = await chat();

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('retry-after-ms')).toBe('5');
    expect(await response.json()).toEqual(errorBody);
  });

  it('fails `times` times, then answers normally', async () => {
    mock.script({ status: 500, times: 2 });

    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await chat();
      await response.arrayBuffer();
      statuses.push(response.status);
    }

    expect(statuses).toEqual([500, 500, 200]);
    expect(mock.requestCount()).toBe(3);
  });

  it('matches rules by model and path, in insertion order', async () => {
    mock.script({ match: { model: 'gpt-4o' }, status: 503 });
    mock.script({ match: { path: '/embeddings' }, status: 400 });

    const other = await chat();
    const matched = await postJson(`${mock.url}/chat/completions`, { ...chatBody('hi'), model: 'gpt-4o' });
    const embeddings = await postJson(`${mock.url}/v1/embeddings`, { model: 'm', input: 'x' });

    expect([other.status, matched.status, embeddings.status]).toEqual([200, 503, 400]);
  });
});

describe('timing and connection faults', () => {
  it('waits delayMs before answering', async () => {
    mock.script({ delayMs: 150 });

    const started = performance.now();
    const response = await chat();

    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('waits chunkDelayMs between stream chunks', async () => {
    mock.script({ chunkDelayMs: 30, respond: { content: 'one two' } });

    const started = performance.now();
    const frames = parseSseData(await (await chat({}, { stream: true })).text());

    // role, "one ", "two", finish, [DONE]: four gaps
    expect(frames).toHaveLength(5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(4 * 30 - 10);
  });

  it('hangs until the client aborts, and records the abort', async () => {
    mock.script({ hang: true });
    const controller = new AbortController();

    const pending = chat({ signal: controller.signal });
    const [recorded] = await mock.waitForRequests(1);
    expect(recorded?.aborted).toBe(false);
    controller.abort();

    await expect(pending).rejects.toThrow();
    const aborted = await mock.waitForAbort();
    expect(aborted).toMatchObject({ id: recorded?.id, aborted: true, completed: false });
  });

  it('with hangAfterFirstChunk, sends the role chunk then hangs until the client aborts', async () => {
    mock.script({ hangAfterFirstChunk: true });
    const controller = new AbortController();

    const response = await chat({ signal: controller.signal }, { stream: true });
    const first = JSON.parse(await readFirstSseFrame(response.body!));
    expect(first.choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(mock.requests[0]?.aborted).toBe(false);
    controller.abort();

    const aborted = await mock.waitForAbort();
    expect(aborted).toMatchObject({ aborted: true, completed: false, path: '/v1/chat/completions' });
  });

  it('records an abort when the client hangs up mid-stream', async () => {
    mock.script({ chunkDelayMs: 20, respond: { content: 'a long answer that keeps streaming for a while' } });
    const controller = new AbortController();

    const response = await chat({ signal: controller.signal }, { stream: true });
    await readFirstSseFrame(response.body!);
    controller.abort();

    expect(await mock.waitForAbort()).toMatchObject({ aborted: true, completed: false });
  });

  it('records an abort when the client gives up during delayMs', async () => {
    mock.script({ delayMs: 10_000 });
    const controller = new AbortController();

    const pending = chat({ signal: controller.signal });
    await mock.waitForRequests(1);
    controller.abort();

    await expect(pending).rejects.toThrow();
    expect(await mock.waitForAbort()).toMatchObject({ aborted: true, completed: false });
  });

  it('drops the connection without a response (not counted as a client abort)', async () => {
    mock.script({ dropConnection: true, times: 1 });

    await expect(chat()).rejects.toThrow(TypeError);
    const [recorded] = await mock.waitForRequests(1);
    expect(recorded).toMatchObject({ aborted: false, completed: false });
    expect((await chat()).status).toBe(200);
  });

  it('waitForAbort rejects after its timeout when nothing was aborted', async () => {
    await expect(mock.waitForAbort({ timeoutMs: 20 })).rejects.toThrow(/timed out after 20ms/);
  });
});

describe('malformed answers', () => {
  it('sends invalid JSON', async () => {
    mock.script({ malformed: true });

    const response = await chat();

    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{"id":"chatcmpl-')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('sends one invalid data frame after the first chunk of a stream', async () => {
    mock.script({ malformed: true });

    const frames = parseSseData(await (await chat({}, { stream: true })).text());

    const invalid = frames.filter((frame) => {
      try {
        JSON.parse(frame);
        return false;
      } catch {
        return frame !== '[DONE]';
      }
    });
    expect(invalid).toHaveLength(1);
    expect(frames.indexOf(invalid[0] ?? '')).toBe(1);
    expect(frames.at(-1)).toBe('[DONE]');
  });
});
