import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { postJson } from './test-utils/http.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

interface CohereEvent {
  event: string;
  data: { type: string; index?: number; delta?: Record<string, unknown>; id?: string };
}

/** Each SSE event of a complete body with its `event:` name and parsed data. */
function parseEvents(text: string): CohereEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length) ?? '';
      const data = lines.find((line) => line.startsWith('data: '))?.slice('data: '.length) ?? '';
      return { event, data: JSON.parse(data) as CohereEvent['data'] };
    });
}

async function streamChat(text: string, extra: Record<string, unknown> = {}) {
  const response = await postJson(`${mock.url}/v2/chat`, {
    model: 'command-a-03-2025',
    messages: [{ role: 'user', content: text }],
    stream: true,
    ...extra,
  });
  return { response, events: parseEvents(await response.text()) };
}

describe('POST /v2/chat (stream)', () => {
  it('sends named events: message-start, a text block one word per delta, message-end', async () => {
    const { response, events } = await streamChat('hello world');

    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(events.every((event) => event.event === event.data.type)).toBe(true);
    expect(events.map((event) => event.event)).toEqual([
      'message-start',
      'content-start',
      ...Array<string>(5).fill('content-delta'),
      'content-end',
      'message-end',
    ]);
    expect(events[0]?.data).toMatchObject({
      id: expect.any(String),
      delta: { message: { role: 'assistant', content: [], tool_calls: [] } },
    });
    expect(events[1]?.data).toEqual({
      type: 'content-start',
      index: 0,
      delta: { message: { content: { type: 'text', text: '' } } },
    });
    const text = events
      .filter((event) => event.event === 'content-delta')
      .map((event) => (event.data.delta as { message: { content: { text: string } } }).message.content.text)
      .join('');
    expect(text).toBe('Mock reply to: hello world');
    expect(events.at(-1)?.data).toEqual({
      type: 'message-end',
      delta: {
        finish_reason: 'COMPLETE',
        usage: {
          billed_units: { input_tokens: 2, output_tokens: 5 },
          tokens: { input_tokens: 2, output_tokens: 5 },
          cached_tokens: 0,
        },
      },
    });
  });

  it('streams the thinking block before the text block', async () => {
    const { events } = await streamChat('hi', { thinking: { type: 'enabled' } });

    const starts = events.filter((event) => event.event === 'content-start').map((event) => event.data);
    expect(starts).toEqual([
      {
        type: 'content-start',
        index: 0,
        delta: { message: { content: { type: 'thinking', thinking: '' } } },
      },
      { type: 'content-start', index: 1, delta: { message: { content: { type: 'text', text: '' } } } },
    ]);
  });

  it('streams the tool plan, then each tool call as start, argument fragments and end', async () => {
    mock.script({
      respond: {
        content: 'Checking both.',
        toolCalls: [
          { name: 'get_weather', arguments: '{"city":"Paris"}' },
          { name: 'get_time', arguments: '{"zone":"CET"}' },
        ],
      },
    });

    const { events } = await streamChat('weather and time?');

    const types = events.map((event) => event.event);
    expect(types.slice(0, 3)).toEqual(['message-start', 'tool-plan-delta', 'tool-plan-delta']);
    expect(types).not.toContain('content-start');
    const plan = events
      .filter((event) => event.event === 'tool-plan-delta')
      .map((event) => (event.data.delta as { message: { tool_plan: string } }).message.tool_plan)
      .join('');
    expect(plan).toBe('Checking both.');
    const starts = events.filter((event) => event.event === 'tool-call-start');
    expect(starts.map((event) => event.data)).toEqual([
      {
        type: 'tool-call-start',
        index: 0,
        delta: {
          message: {
            tool_calls: {
              id: expect.stringMatching(/^get_weather_/),
              type: 'function',
              function: { name: 'get_weather', arguments: '' },
            },
          },
        },
      },
      {
        type: 'tool-call-start',
        index: 1,
        delta: {
          message: {
            tool_calls: {
              id: expect.stringMatching(/^get_time_/),
              type: 'function',
              function: { name: 'get_time', arguments: '' },
            },
          },
        },
      },
    ]);
    const argumentsOf = (index: number) =>
      events
        .filter((event) => event.event === 'tool-call-delta' && event.data.index === index)
        .map(
          (event) =>
            (event.data.delta as { message: { tool_calls: { function: { arguments: string } } } }).message
              .tool_calls.function.arguments,
        )
        .join('');
    expect(argumentsOf(0)).toBe('{"city":"Paris"}');
    expect(argumentsOf(1)).toBe('{"zone":"CET"}');
    expect(
      events.filter((event) => event.event === 'tool-call-end').map((event) => event.data.index),
    ).toEqual([0, 1]);
    expect(events.at(-1)?.data.delta).toMatchObject({ finish_reason: 'TOOL_CALL' });
  });

  it('fails after the first event with an ERROR message-end carrying the error text', async () => {
    mock.script({ streamErrorStatus: 429 });

    const { events } = await streamChat('hi');

    expect(events.map((event) => event.event)).toEqual(['message-start', 'message-end']);
    expect(events[1]?.data.delta).toEqual({
      finish_reason: 'ERROR',
      error: expect.stringContaining('Trial key'),
    });
  });

  it('streams scripted reasoning as a thinking block', async () => {
    mock.script({ respond: { reasoning: 'Thinking hard.' } });

    const { events } = await streamChat('hi');

    const thinking = events
      .filter((event) => event.event === 'content-delta' && event.data.index === 0)
      .map(
        (event) =>
          (event.data.delta as { message: { content: { thinking: string } } }).message.content.thinking,
      )
      .join('');
    expect(thinking).toBe('Thinking hard.');
  });

  it('stops after the first event when told to hang, and records the client abort', async () => {
    mock.script({ hangAfterFirstChunk: true });
    const controller = new AbortController();
    const response = await postJson(
      `${mock.url}/v2/chat`,
      { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'hi' }], stream: true },
      { signal: controller.signal },
    );
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);

    expect(first.startsWith('event: message-start\n')).toBe(true);
    controller.abort();
    const aborted = await mock.waitForAbort();
    expect(aborted.path).toBe('/v2/chat');
  });

  it('sends a broken data frame after the first event when malformed is scripted', async () => {
    mock.script({ malformed: true });

    const response = await postJson(`${mock.url}/v2/chat`, {
      model: 'command-a-03-2025',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const blocks = (await response.text()).split('\n\n').filter((block) => block !== '');

    expect(blocks[0]?.startsWith('event: message-start\n')).toBe(true);
    const broken = blocks[1]
      ?.split('\n')
      .find((line) => line.startsWith('data: '))
      ?.slice('data: '.length);
    expect(() => JSON.parse(broken ?? '')).toThrow();
  });
});
