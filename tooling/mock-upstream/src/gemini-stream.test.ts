import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import type { GeminiResponse } from './providers/gemini/build-gemini-response.js';
import { postJson } from './test-utils/http.js';
import { parseSseData, readFirstSseFrame } from './test-utils/sse.js';

const key = 'AIzaSyMockGeminiKey000000000000000000';
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [key] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const body = { contents: [{ role: 'user', parts: [{ text: 'Hello there' }] }] };
const stream = (query = '?alt=sse') =>
  postJson(`${mock.url}/v1beta/models/gemini-2.0-flash:streamGenerateContent${query}`, body, {
    headers: { 'x-goog-api-key': key },
  });
const events = async (response: Response) =>
  parseSseData(await response.text()).map((data) => JSON.parse(data) as GeminiResponse);

describe('streamGenerateContent', () => {
  it('sends whole GenerateContentResponse events, word by word, usage in full only at the end', async () => {
    const response = await stream();
    const received = await events(response);

    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(received.map((event) => event.candidates[0]?.content.parts[0])).toEqual([
      { text: 'Mock ' },
      { text: 'reply ' },
      { text: 'to: ' },
      { text: 'Hello ' },
      { text: 'there' },
    ]);
    expect(received.map((event) => event.candidates[0]?.finishReason)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      'STOP',
    ]);
    expect(received[0]?.usageMetadata).toEqual({
      promptTokenCount: 2,
      totalTokenCount: 2,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 2 }],
    });
    expect(received.at(-1)?.usageMetadata).toMatchObject({
      promptTokenCount: 2,
      candidatesTokenCount: 5,
      totalTokenCount: 7,
    });
    expect(new Set(received.map((event) => event.responseId)).size).toBe(1);
  });

  it('sends function calls whole, in one event', async () => {
    mock.script({
      respond: {
        toolCalls: [
          { name: 'a', arguments: '{"x":1}' },
          { name: 'b', arguments: '{}' },
        ],
      },
    });

    const received = await events(await stream());

    expect(received).toHaveLength(1);
    expect(received[0]?.candidates[0]).toMatchObject({
      content: {
        parts: [{ functionCall: { name: 'a', args: { x: 1 } } }, { functionCall: { name: 'b', args: {} } }],
      },
      finishReason: 'STOP',
    });
  });

  it('answers without alt=sse as one JSON array of the same responses', async () => {
    const response = await stream('');
    const array = (await response.json()) as GeminiResponse[];

    expect(response.headers.get('content-type')).toBe('application/json');
    expect(array).toHaveLength(5);
  });

  it('fails mid-stream with Google’s error object as a data frame', async () => {
    mock.script({ streamErrorStatus: 503 });

    const frames = parseSseData(await (await stream()).text());

    expect(frames).toHaveLength(2);
    expect(JSON.parse(frames[1] ?? '')).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
  });

  it('hangs after the first event when told to, until the client leaves', async () => {
    mock.script({ hangAfterFirstChunk: true });
    const controller = new AbortController();
    const response = await postJson(
      `${mock.url}/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse`,
      body,
      { headers: { 'x-goog-api-key': key }, signal: controller.signal },
    );

    const first = JSON.parse(
      await readFirstSseFrame(response.body as ReadableStream<Uint8Array>),
    ) as GeminiResponse;
    controller.abort();

    expect(first.candidates[0]?.content.parts[0]).toEqual({ text: 'Mock ' });
    expect((await mock.waitForAbort()).model).toBe('gemini-2.0-flash');
  });
});
