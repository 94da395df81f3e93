import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { decodeAwsEventStream } from './test-utils/aws-event-stream.js';
import { postJson } from './test-utils/http.js';

const model = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const hello = { messages: [{ role: 'user', content: [{ text: 'hello world' }] }] };

async function stream(body: unknown = hello) {
  const response = await postJson(`${mock.url}/model/${encodeURIComponent(model)}/converse-stream`, body);
  const messages = decodeAwsEventStream(new Uint8Array(await response.arrayBuffer()));
  return { response, messages };
}

const eventsOf = (messages: ReturnType<typeof decodeAwsEventStream>) =>
  messages.map((message) => {
    const { p: _padding, ...payload } = JSON.parse(message.payload) as Record<string, unknown>;
    return [message.headers[':event-type'] ?? message.headers[':exception-type'], payload];
  });

describe('POST /model/{modelId}/converse-stream', () => {
  it('streams event stream messages with valid CRCs, in Converse order', async () => {
    const { response, messages } = await stream();

    expect(response.headers.get('content-type')).toBe('application/vnd.amazon.eventstream');
    expect(messages.every((message) => message.valid)).toBe(true);
    expect(messages[0]?.headers).toEqual({
      ':event-type': 'messageStart',
      ':content-type': 'application/json',
      ':message-type': 'event',
    });
    expect(eventsOf(messages)).toEqual([
      ['messageStart', { role: 'assistant' }],
      ...['Mock ', 'reply ', 'to: ', 'hello ', 'world'].map((text) => [
        'contentBlockDelta',
        { contentBlockIndex: 0, delta: { text } },
      ]),
      ['contentBlockStop', { contentBlockIndex: 0 }],
      ['messageStop', { stopReason: 'end_turn' }],
      [
        'metadata',
        { usage: { inputTokens: 2, outputTokens: 5, totalTokens: 7 }, metrics: { latencyMs: 42 } },
      ],
    ]);
  });

  it('streams a tool use: start with id and name, input fragments, stop', async () => {
    mock.script({ respond: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris, FR"}' }] } });
    const toolConfig = {
      tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }],
    };

    const events = eventsOf((await stream({ ...hello, toolConfig })).messages);

    expect(events[1]).toEqual([
      'contentBlockStart',
      {
        contentBlockIndex: 0,
        start: { toolUse: { toolUseId: expect.stringMatching(/^tooluse_/), name: 'get_weather' } },
      },
    ]);
    const input = events
      .filter(([type]) => type === 'contentBlockDelta')
      .map(([, payload]) => (payload as { delta: { toolUse: { input: string } } }).delta.toolUse.input);
    expect(input.join('')).toBe('{"city":"Paris, FR"}');
    expect(events.at(-2)).toEqual(['messageStop', { stopReason: 'tool_use' }]);
  });

  it('streams reasoning text, then its signature, in the first block', async () => {
    mock.script({ respond: { reasoning: 'Let me think' } });

    const events = eventsOf((await stream()).messages);

    expect(events.slice(1, 5)).toEqual([
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Let ' } } }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'me ' } } }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'think' } } }],
      [
        'contentBlockDelta',
        { contentBlockIndex: 0, delta: { reasoningContent: { signature: expect.any(String) } } },
      ],
    ]);
    expect(events[6]).toEqual(['contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'Mock ' } }]);
  });

  it('sends a message with a bad CRC after the first one when malformed', async () => {
    mock.script({ malformed: true });

    const { messages } = await stream();

    expect(messages.map((message) => message.valid).slice(0, 3)).toEqual([true, false, true]);
  });

  it('ends with the exception for streamErrorStatus after the first message', async () => {
    mock.script({ streamErrorStatus: 429 });

    const { messages } = await stream();

    expect(messages).toHaveLength(2);
    expect(messages[1]?.headers).toEqual({
      ':exception-type': 'throttlingException',
      ':content-type': 'application/json',
      ':message-type': 'exception',
    });
    expect(JSON.parse(messages[1]?.payload ?? '')).toEqual({
      message: 'Too many requests, please wait before trying again.',
    });
  });

  it('ends with the exception a finish reason names, after the content', async () => {
    mock.script({ respond: { finishReason: 'modelStreamErrorException' } });

    const events = eventsOf((await stream()).messages);

    expect(events.at(-2)).toEqual(['contentBlockStop', { contentBlockIndex: 0 }]);
    expect(events.at(-1)?.[0]).toBe('modelStreamErrorException');
  });
});
