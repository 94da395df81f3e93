import {
  BadGatewayError,
  BadRequestError,
  type ChatChunk,
  ContextWindowExceededError,
  RateLimitError,
  ServiceUnavailableError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import {
  chunked,
  encodeEventStreamMessage,
  encodeException,
  encodeRecordedEvents,
  loadJsonFixture,
  type RecordedEvent,
} from './__fixtures__/load-fixture.js';
import { decodeAwsEventStream } from './decode-aws-event-stream.js';
import { type BedrockStreamContext, parseBedrockStream } from './parse-bedrock-stream.js';

const recorded = loadJsonFixture<RecordedEvent[]>('converse-stream.events.json');
const context: BedrockStreamContext = {
  provider: 'bedrock',
  model: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
  id: 'chatcmpl-stream1',
  created: 1748779200,
  includeUsage: true,
  secrets: ['sekrit-value'],
};

async function parse(bytes: Uint8Array, overrides: Partial<BedrockStreamContext> = {}): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  const messages = decodeAwsEventStream(chunked(bytes, 17), { provider: 'bedrock' });
  for await (const chunk of parseBedrockStream(messages, { ...context, ...overrides })) chunks.push(chunk);
  return chunks;
}

async function parseFailure(bytes: Uint8Array): Promise<{ chunks: ChatChunk[]; error: unknown }> {
  const chunks: ChatChunk[] = [];
  try {
    const messages = decodeAwsEventStream(chunked(bytes, 17), { provider: 'bedrock' });
    for await (const chunk of parseBedrockStream(messages, context)) chunks.push(chunk);
  } catch (error) {
    return { chunks, error };
  }
  throw new Error('expected the stream to fail');
}

const deltas = (chunks: ChatChunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta);
const textEvents = [
  { type: 'messageStart', payload: { role: 'assistant' } },
  { type: 'contentBlockDelta', payload: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
  { type: 'contentBlockStop', payload: { contentBlockIndex: 0 } },
];

describe('parseBedrockStream', () => {
  it('turns the recorded transcript into OpenAI chunks: role, reasoning, text, parallel tool calls, finish, usage', async () => {
    const chunks = await parse(encodeRecordedEvents(recorded));

    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(['chatcmpl-stream1']));
    expect(
      chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.created === 1748779200),
    ).toBe(true);
    expect(deltas(chunks.slice(0, -1))).toEqual([
      { role: 'assistant', content: '' },
      { reasoning_content: 'The user asks about ' },
      { reasoning_content: 'the weather in Paris.' },
      { thinking_blocks: [{ type: 'thinking', thinking: '', signature: 'ErUBCkYIAxgCIkDmx1eXTg' }] },
      { content: 'Let me check – ' },
      { content: 'one moment.' },
      {
        tool_calls: [
          {
            index: 0,
            id: 'tooluse_Paris01',
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"city": "Par' } }] },
      { tool_calls: [{ index: 0, function: { arguments: 'is", "unit": "celsius"}' } }] },
      {
        tool_calls: [
          {
            index: 1,
            id: 'tooluse_Tokyo02',
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          },
        ],
      },
      { tool_calls: [{ index: 1, function: { arguments: '{"city": "Tokyo"}' } }] },
      {},
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason ?? null).filter(Boolean)).toEqual([
      'tool_calls',
    ]);
    expect(chunks.at(-1)).toEqual({
      id: 'chatcmpl-stream1',
      object: 'chat.completion.chunk',
      created: 1748779200,
      model: context.model,
      choices: [],
      usage: {
        prompt_tokens: 924,
        completion_tokens: 96,
        total_tokens: 1020,
        prompt_tokens_details: { cached_tokens: 512 },
      },
    });
  });

  it('sends no usage chunk unless asked', async () => {
    const chunks = await parse(encodeRecordedEvents(recorded), { includeUsage: false });

    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('streams the JSON-mode tool input as content, finishing with stop', async () => {
    const events = [
      { type: 'messageStart', payload: { role: 'assistant' } },
      {
        type: 'contentBlockStart',
        payload: { contentBlockIndex: 0, start: { toolUse: { toolUseId: 't1', name: 'json_tool_call' } } },
      },
      {
        type: 'contentBlockDelta',
        payload: { contentBlockIndex: 0, delta: { toolUse: { input: '{"a":' } } },
      },
      { type: 'contentBlockDelta', payload: { contentBlockIndex: 0, delta: { toolUse: { input: '1}' } } } },
      { type: 'messageStop', payload: { stopReason: 'tool_use' } },
    ];

    const chunks = await parse(encodeRecordedEvents(events), { jsonToolName: 'json_tool_call' });

    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { content: '{"a":' },
      { content: '1}' },
      {},
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it.each([
    ['max_tokens', 'length'],
    ['guardrail_intervened', 'content_filter'],
    ['end_turn', 'stop'],
  ])('maps the stop reason %s to %s', async (stopReason, finishReason) => {
    const events = [...textEvents, { type: 'messageStop', payload: { stopReason } }];

    const chunks = await parse(encodeRecordedEvents(events));

    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe(finishReason);
  });

  it.each([
    ['throttlingException', 'Too many requests, please wait before trying again.', RateLimitError],
    ['serviceUnavailableException', 'Bedrock is unable to process your request.', ServiceUnavailableError],
    ['validationException', 'Input is too long for requested model.', ContextWindowExceededError],
    ['validationException', 'Malformed input request', BadRequestError],
    ['modelStreamErrorException', 'The model stream failed', BadGatewayError],
  ])(
    'throws the core error for a %s mid-stream, after the chunks before it',
    async (type, message, errorClass) => {
      const bytes = Buffer.concat([encodeRecordedEvents(textEvents), encodeException(type, message)]);

      const { chunks, error } = await parseFailure(bytes);

      expect(deltas(chunks)).toEqual([{ role: 'assistant', content: '' }, { content: 'Hi' }]);
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ message, provider: 'bedrock', model: context.model });
    },
  );

  it('throws an `error` message (error code and message in headers) too', async () => {
    const bytes = encodeEventStreamMessage(
      { ':message-type': 'error', ':error-code': 'ThrottlingException', ':error-message': 'slow down' },
      '',
    );

    const { error } = await parseFailure(bytes);

    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toBe('slow down');
  });

  it('fails a stream that ends before messageStop as incomplete', async () => {
    const { chunks, error } = await parseFailure(encodeRecordedEvents(textEvents));

    expect(chunks).toHaveLength(2);
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({ code: 'incomplete_stream' });
  });

  it('fails an event whose payload is not JSON', async () => {
    const bytes = encodeEventStreamMessage(
      { ':message-type': 'event', ':event-type': 'contentBlockDelta' },
      '{"delta":',
    );

    const { error } = await parseFailure(bytes);

    expect(error).toMatchObject({ code: 'invalid_upstream_response' });
  });
});
