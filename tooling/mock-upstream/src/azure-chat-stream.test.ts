import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { chatBody, postJson } from './test-utils/http.js';
import { parseSseData } from './test-utils/sse.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

interface Frame {
  id: string;
  object: string;
  model: string;
  choices: Array<{
    delta: Record<string, unknown>;
    finish_reason: string | null;
    content_filter_results: Record<string, unknown>;
  }>;
  prompt_filter_results?: unknown[];
  usage?: { prompt_tokens: number } | null;
}

const url = () => `${mock.url}/openai/deployments/dep/chat/completions?api-version=2024-10-21`;

async function streamFrames(body: Record<string, unknown>): Promise<string[]> {
  const response = await postJson(url(), { ...body, stream: true });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  return parseSseData(await response.text());
}

const parse = (frames: string[]): Frame[] => frames.slice(0, -1).map((frame) => JSON.parse(frame) as Frame);

describe('POST /openai/deployments/{deployment}/chat/completions (stream)', () => {
  it('sends the prompt-filter frame first, then OpenAI’s chunks with verdicts, then [DONE]', async () => {
    const frames = await streamFrames(chatBody('hi'));

    expect(frames.at(-1)).toBe('[DONE]');
    const [preamble, ...chunks] = parse(frames);
    expect(preamble).toMatchObject({ choices: [], id: '', object: '', model: '', created: 0 });
    expect(preamble?.prompt_filter_results).toHaveLength(1);
    expect(chunks[0]?.choices[0]).toMatchObject({
      delta: { role: 'assistant', content: '' },
      content_filter_results: {},
    });
    expect(chunks[1]?.choices[0]?.content_filter_results).toHaveProperty('hate');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.model === 'dep')).toBe(
      true,
    );
  });

  it('with include_usage, ends with a usage chunk without choices', async () => {
    const frames = await streamFrames(chatBody('hi', { stream_options: { include_usage: true } }));

    const last = parse(frames).at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: 1 });
  });

  it('counts the malformed fault from the first real chunk, after the prompt-filter frame', async () => {
    mock.script({ malformed: true });

    const frames = await streamFrames(chatBody('hi'));

    expect(JSON.parse(frames[0] ?? '')).toHaveProperty('prompt_filter_results');
    expect(JSON.parse(frames[1] ?? '').choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(() => JSON.parse(frames[2] ?? '')).toThrow(SyntaxError);
  });

  it('with hangAfterFirstChunk, sends the prompt-filter frame and the role chunk, then hangs', async () => {
    mock.script({ hangAfterFirstChunk: true });
    const controller = new AbortController();

    const response = await postJson(url(), chatBody('hi', { stream: true }), { signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (text.split('\n\n').length < 3) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended early: ${text}`);
      text += decoder.decode(value, { stream: true });
    }
    const frames = parseSseData(text);
    expect(JSON.parse(frames[1] ?? '').choices[0].delta.role).toBe('assistant');
    controller.abort();

    expect(await mock.waitForAbort()).toMatchObject({ aborted: true, model: 'dep' });
  });
});
