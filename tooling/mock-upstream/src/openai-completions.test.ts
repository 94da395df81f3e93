import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import type { OpenAICompletion } from './providers/openai/build-openai-completion.js';
import { postJson } from './test-utils/http.js';
import { parseSseData } from './test-utils/sse.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const url = () => `${mock.url}/v1/completions`;
const completionOf = async (response: Response) => (await response.json()) as OpenAICompletion;
type Logprobs = NonNullable<OpenAICompletion['choices'][number]['logprobs']>;
const body = (extra: Record<string, unknown> = {}) => ({
  model: 'gpt-3.5-turbo-instruct',
  prompt: 'Once upon a time',
  ...extra,
});

describe('POST /v1/completions', () => {
  it('answers a text_completion with the reply, the finish reason and word-count usage', async () => {
    const response = await postJson(url(), body());
    expect(response.status).toBe(200);
    const completion = await completionOf(response);
    expect(completion).toMatchObject({
      object: 'text_completion',
      model: 'gpt-3.5-turbo-instruct',
      choices: [{ text: 'Mock reply to: Once upon a time', index: 0, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 4, completion_tokens: 7, total_tokens: 11 },
    });
    expect(completion.id).toMatch(/^cmpl-[A-Za-z0-9]{29}$/);
  });

  it('cuts the text at max_tokens (16 by default) with finish_reason length', async () => {
    const words = Array.from({ length: 30 }, (_, index) => `w${index}`).join(' ');
    const long = await completionOf(await postJson(url(), body({ prompt: words })));
    expect(long.choices[0]?.finish_reason).toBe('length');
    expect(long.usage?.completion_tokens).toBe(16);
    const short = await completionOf(await postJson(url(), body({ max_tokens: 2 })));
    expect(short.choices[0]).toMatchObject({ text: 'Mock reply ', finish_reason: 'length' });
  });

  it('indexes n choices prompt by prompt, echoes the prompt and gives logprobs when asked', async () => {
    const answer = await completionOf(
      await postJson(url(), body({ prompt: ['a', 'b'], n: 2, echo: true, logprobs: 1 })),
    );
    expect(answer.choices.map((choice) => choice.index)).toEqual([0, 1, 2, 3]);
    expect(answer.choices[2]?.text).toBe('bMock reply to: b');
    const logprobs = answer.choices[0]?.logprobs as Logprobs;
    expect(logprobs.tokens).toEqual(['Mock ', 'reply ', 'to: ', 'a']);
    expect(logprobs.text_offset[0]).toBe(1);
  });

  it('counts token-id prompts by their ids', async () => {
    const answer = await completionOf(await postJson(url(), body({ prompt: [[1, 2, 3], [4]] })));
    expect(answer.usage?.prompt_tokens).toBe(4);
    expect(answer.choices).toHaveLength(2);
  });

  it.each([
    [{ prompt: undefined }, 'prompt', "Missing required parameter: 'prompt'."],
    [{ prompt: [1, 'a'] }, 'prompt', undefined],
    [{ n: 0 }, 'n', undefined],
    [{ logprobs: 9 }, 'logprobs', undefined],
    [{ stream_options: { include_usage: true } }, 'stream_options', undefined],
  ])('refuses %j with a 400 naming %s', async (extra, param, message) => {
    const response = await postJson(url(), body(extra));
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { param: string; message: string } };
    expect(error.param).toBe(param);
    if (message) expect(error.message).toBe(message);
  });

  it('streams one chunk per word, a finish chunk, the usage chunk when asked, then [DONE]', async () => {
    const response = await postJson(url(), body({ stream: true, stream_options: { include_usage: true } }));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const frames = parseSseData(await response.text());
    expect(frames.at(-1)).toBe('[DONE]');
    const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame) as OpenAICompletion);
    expect(
      chunks
        .slice(0, -2)
        .map((chunk) => chunk.choices[0]?.text)
        .join(''),
    ).toBe('Mock reply to: Once upon a time');
    expect(chunks.at(-2)?.choices[0]).toMatchObject({ text: '', finish_reason: 'stop' });
    expect(chunks.at(-1)).toMatchObject({
      object: 'text_completion',
      choices: [],
      usage: { total_tokens: 11 },
    });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('streams without usage fields unless asked', async () => {
    const frames = parseSseData(await (await postJson(url(), body({ stream: true }))).text());
    const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame) as OpenAICompletion);
    expect(chunks.every((chunk) => !('usage' in chunk) && chunk.choices.length === 1)).toBe(true);
  });

  it('honours the scripted faults', async () => {
    mock.script({ status: 429, times: 1 });
    expect((await postJson(url(), body())).status).toBe(429);
    mock.script({ streamErrorStatus: 500, times: 1 });
    const frames = parseSseData(await (await postJson(url(), body({ stream: true }))).text());
    expect(JSON.parse(frames.at(-1)!).error.type).toBe('server_error');
    expect(mock.requests.map((request) => request.path)).toEqual(['/v1/completions', '/v1/completions']);
  });
});
