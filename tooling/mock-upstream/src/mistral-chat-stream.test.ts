import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { postJson } from './test-utils/http.js';
import { parseSseData } from './test-utils/sse.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

interface Chunk {
  id: string;
  object: string;
  choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>;
  usage?: unknown;
}

async function streamChat(body: Record<string, unknown>): Promise<string[]> {
  const response = await postJson(`${mock.url}/mistral/v1/chat/completions`, {
    model: 'mistral-small-latest',
    stream: true,
    ...body,
  });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  return parseSseData(await response.text());
}

function chunksOf(frames: string[]): Chunk[] {
  expect(frames.at(-1)).toBe('[DONE]');
  return frames.slice(0, -1).map((frame) => JSON.parse(frame) as Chunk);
}

const hello = { messages: [{ role: 'user', content: 'hello world' }] };

describe('POST /mistral/v1/chat/completions (stream)', () => {
  it('sends a role chunk, one chunk per word, the finish reason and usage on the last one', async () => {
    const chunks = chunksOf(await streamChat(hello));

    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Mock ' },
      { content: 'reply ' },
      { content: 'to: ' },
      { content: 'hello ' },
      { content: 'world' },
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([
      null,
      null,
      null,
      null,
      null,
      'stop',
    ]);
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 2, completion_tokens: 5, total_tokens: 7 });
    expect(chunks.slice(0, -1).some((chunk) => 'usage' in chunk)).toBe(false);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it('sends each tool call whole, in one delta, with the finish reason', async () => {
    mock.script({
      respond: {
        toolCalls: [
          { name: 'a', arguments: '{"x":1}' },
          { name: 'b', arguments: '{"y":2}' },
        ],
      },
    });

    const chunks = chunksOf(await streamChat(hello));

    expect(chunks.slice(1).map((chunk) => chunk.choices[0])).toEqual([
      {
        index: 0,
        delta: {
          tool_calls: [{ id: expect.any(String), function: { name: 'a', arguments: '{"x":1}' }, index: 0 }],
        },
        finish_reason: null,
      },
      {
        index: 0,
        delta: {
          tool_calls: [{ id: expect.any(String), function: { name: 'b', arguments: '{"y":2}' }, index: 1 }],
        },
        finish_reason: 'tool_calls',
      },
    ]);
  });

  it('streams thinking as thinking chunks before the text', async () => {
    mock.script({ respond: { reasoning: 'let me see', content: 'yes' } });

    const chunks = chunksOf(await streamChat(hello));

    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content)).toEqual([
      '',
      [{ type: 'thinking', thinking: [{ type: 'text', text: 'let ' }] }],
      [{ type: 'thinking', thinking: [{ type: 'text', text: 'me ' }] }],
      [{ type: 'thinking', thinking: [{ type: 'text', text: 'see' }] }],
      'yes',
    ]);
  });

  it('ends a stream told to fail with Mistral’s error envelope as a frame, without [DONE]', async () => {
    mock.script({ streamErrorStatus: 429 });

    const frames = await streamChat(hello);

    expect(frames).toHaveLength(2);
    expect(JSON.parse(frames[1] ?? '')).toEqual({
      object: 'error',
      message: 'Requests rate limit exceeded',
      type: 'rate_limited',
      param: null,
      code: null,
      raw_status_code: 429,
    });
  });
});
