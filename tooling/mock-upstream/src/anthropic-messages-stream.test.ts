import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { postJson } from './test-utils/http.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

interface Frame {
  event: string;
  data: Record<string, unknown> & { type: string };
}

/** The frames of an Anthropic SSE body: each has an `event:` line and one `data:` line. */
function parseFrames(text: string): Frame[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const [eventLine, dataLine, ...rest] = frame.split('\n');
      expect(rest).toEqual([]);
      expect(eventLine).toMatch(/^event: /);
      expect(dataLine).toMatch(/^data: /);
      return {
        event: eventLine!.slice('event: '.length),
        data: JSON.parse(dataLine!.slice('data: '.length)) as Frame['data'],
      };
    });
}

async function streamMessages(extra: Record<string, unknown> = {}) {
  const response = await postJson(
    `${mock.url}/v1/messages`,
    {
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      messages: [{ role: 'user', content: 'hello world' }],
      stream: true,
      ...extra,
    },
    { headers: { 'anthropic-version': '2023-06-01' } },
  );
  return { response, frames: parseFrames(await response.text()) };
}

describe('POST /v1/messages (stream)', () => {
  it('sends message_start, the text block word by word with a ping, message_delta and message_stop', async () => {
    const { response, frames } = await streamMessages();

    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(frames.every((frame) => frame.event === frame.data.type)).toBe(true);
    expect(frames.map((frame) => frame.data.type)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...Array<string>(5).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(frames[0]?.data).toMatchObject({
      message: {
        id: expect.stringMatching(/^msg_01/),
        type: 'message',
        role: 'assistant',
        content: [],
        stop_reason: null,
        usage: { input_tokens: 2, output_tokens: 1 },
      },
    });
    expect(frames[0]?.data.message).not.toHaveProperty('usage.output_tokens_details');
    expect(frames[1]?.data).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    });
    const text = frames
      .filter((frame) => frame.data.type === 'content_block_delta')
      .map((frame) => (frame.data.delta as { text: string }).text)
      .join('');
    expect(text).toBe('Mock reply to: hello world');
    expect(frames.at(-2)?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: {
        input_tokens: 2,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 5,
        output_tokens_details: { thinking_tokens: 0 },
      },
    });
  });

  it('streams thinking with a signature_delta, then text, then tool input as input_json_delta fragments', async () => {
    const args = '{"city":"Paris","unit":"celsius"}';
    mock.script({ respond: { toolCalls: [{ name: 'get_weather', arguments: args }] } });

    const { frames } = await streamMessages({
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
    });

    const starts = frames.filter((frame) => frame.data.type === 'content_block_start');
    expect(starts.map((frame) => frame.data.content_block)).toEqual([
      { type: 'thinking', thinking: '', signature: '' },
      { type: 'tool_use', id: expect.stringMatching(/^toolu_01/), name: 'get_weather', input: {} },
    ]);
    const deltas = (index: number) =>
      frames
        .filter((frame) => frame.data.type === 'content_block_delta' && frame.data.index === index)
        .map((frame) => frame.data.delta as Record<string, string>);
    expect(deltas(0).at(-1)).toEqual({ type: 'signature_delta', signature: expect.any(String) });
    expect(deltas(1)[0]).toEqual({ type: 'input_json_delta', partial_json: '' });
    expect(
      deltas(1)
        .map((delta) => delta.partial_json)
        .join(''),
    ).toBe(args);
    expect(frames.at(-2)?.data.delta).toEqual({ stop_reason: 'tool_use', stop_sequence: null });
  });

  it('sends an `event: error` after the first frame and ends the stream when streamErrorStatus is scripted', async () => {
    mock.script({ streamErrorStatus: 529 });

    const { frames } = await streamMessages();

    expect(frames.map((frame) => frame.event)).toEqual(['message_start', 'error']);
    expect(frames[1]?.data).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    expect(mock.requests[0]?.completed).toBe(true);
  });

  it('cuts the second frame in half when malformed is scripted', async () => {
    mock.script({ malformed: true });

    const response = await postJson(
      `${mock.url}/v1/messages`,
      {
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
      },
      { headers: { 'anthropic-version': '2023-06-01' } },
    );
    const blocks = (await response.text()).split('\n\n');

    expect(blocks[1]).toMatch(/^event: content_block_start\ndata: \{"type":"content_block_st/);
    expect(() => JSON.parse(blocks[1]!.split('\ndata: ')[1]!)).toThrow();
  });
});

describe('streamErrorStatus on OpenAI streams', () => {
  it('sends OpenAI’s error envelope as a data frame after the first chunk, then ends', async () => {
    mock.script({ streamErrorStatus: 429 });

    const response = await postJson(`${mock.url}/v1/chat/completions`, {
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: 'x' }],
    });
    const frames = (await response.text()).split('\n\n').filter((frame) => frame !== '');

    expect(frames).toHaveLength(2);
    expect(JSON.parse(frames[1]!.slice('data: '.length))).toMatchObject({
      error: { type: 'requests', code: 'rate_limit_exceeded' },
    });
  });
});
