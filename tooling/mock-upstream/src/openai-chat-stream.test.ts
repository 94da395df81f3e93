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

interface Chunk {
  id: string;
  object: string;
  choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>;
  usage?: unknown;
}

async function streamChat(body: Record<string, unknown>): Promise<{ response: Response; frames: string[] }> {
  const response = await postJson(`${mock.url}/v1/chat/completions`, { ...body, stream: true });
  return { response, frames: parseSseData(await response.text()) };
}

function chunksOf(frames: string[]): Chunk[] {
  expect(frames.at(-1)).toBe('[DONE]');
  return frames.slice(0, -1).map((frame) => JSON.parse(frame) as Chunk);
}

describe('POST /v1/chat/completions (stream)', () => {
  it('sends the role chunk, one chunk per word, the finish chunk, then [DONE]', async () => {
    const { response, frames } = await streamChat(chatBody('hello world'));

    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const chunks = chunksOf(frames);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Mock ' },
      { content: 'reply ' },
      { content: 'to: ' },
      { content: 'hello ' },
      { content: 'world' },
      {},
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([
      ...Array<null>(6).fill(null),
      'stop',
    ]);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && !('usage' in chunk))).toBe(
      true,
    );
  });

  it('with include_usage, adds usage: null to every chunk and a final usage chunk with no choices', async () => {
    const { frames } = await streamChat(chatBody('hello', { stream_options: { include_usage: true } }));

    const chunks = chunksOf(frames);
    const usageChunk = chunks.at(-1);
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage).toMatchObject({ prompt_tokens: 1, completion_tokens: 4, total_tokens: 5 });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('streams content whose pieces join back to the scripted text', async () => {
    const content = ' Leading space,  double  spaces\nand a new line. ';
    mock.script({ respond: { content } });

    const chunks = chunksOf((await streamChat(chatBody('x'))).frames);

    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe(content);
  });

  it('streams tool calls as OpenAI does: header delta, then argument fragments', async () => {
    const args = '{"city":"Paris","unit":"celsius"}';
    mock.script({
      respond: {
        toolCalls: [
          { name: 'get_weather', arguments: args },
          { name: 'noop', arguments: '' },
        ],
      },
    });

    const chunks = chunksOf((await streamChat(chatBody('weather?'))).frames);
    const deltas = chunks.map((chunk) => chunk.choices[0]?.delta);

    expect(deltas[0]).toEqual({ role: 'assistant', content: '' });
    expect(deltas[1]).toEqual({
      tool_calls: [
        {
          index: 0,
          id: expect.stringMatching(/^call_/),
          type: 'function',
          function: { name: 'get_weather', arguments: '' },
        },
      ],
    });
    type ToolDelta = { index: number; id?: string; function: { name?: string; arguments: string } };
    const toolDeltas = deltas.flatMap((delta) => (delta?.tool_calls ?? []) as ToolDelta[]);
    const firstCallFragments = toolDeltas.filter((delta) => delta.index === 0 && delta.id === undefined);
    expect(firstCallFragments.length).toBeGreaterThan(1);
    expect(firstCallFragments.map((delta) => delta.function.arguments).join('')).toBe(args);
    expect(toolDeltas.filter((delta) => delta.index === 1)).toEqual([
      {
        index: 1,
        id: expect.stringMatching(/^call_/),
        type: 'function',
        function: { name: 'noop', arguments: '' },
      },
    ]);
    expect(chunks.at(-1)?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });
  });

  it('streams each of n choices with its own index', async () => {
    const chunks = chunksOf((await streamChat(chatBody('hi', { n: 2 }))).frames);

    const finishes = chunks.filter((chunk) => chunk.choices[0]?.finish_reason === 'stop');
    expect(finishes.map((chunk) => chunk.choices[0]?.index)).toEqual([0, 1]);
  });

  it('delivers a long stream intact to a client reading it (writes wait for drain)', async () => {
    const content = Array.from({ length: 20_000 }, (_, index) => `word${index}`).join(' ');
    mock.script({ respond: { content } });

    const chunks = chunksOf((await streamChat(chatBody('long'))).frames);

    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(content);
    expect((await mock.waitForRequests(1))[0]?.completed).toBe(true);
  });
});
