import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../errors/error-classes.js';
import type { ChatChunk, ChatChunkDelta } from '../schemas/chat-response.js';
import { toResponseEvents } from './response-events.js';
import type { ResponseStreamEvent } from './response-object.js';

const base = {
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk' as const,
  created: 1741290958,
  model: 'gpt-5.4',
};
const delta = (value: ChatChunkDelta, finishReason: string | null = null): ChatChunk => ({
  ...base,
  choices: [{ index: 0, delta: value, finish_reason: finishReason }],
});
const usageChunk: ChatChunk = {
  ...base,
  choices: [],
  usage: { prompt_tokens: 37, completion_tokens: 11, total_tokens: 48 },
};

async function* from(chunks: ChatChunk[], error?: unknown): AsyncGenerator<ChatChunk> {
  yield* chunks;
  if (error) throw error;
}

async function collect(events: AsyncIterable<ResponseStreamEvent>): Promise<ResponseStreamEvent[]> {
  const out: ResponseStreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const request = { model: 'gpt-5.4', input: 'Hi', instructions: 'You are a helpful assistant.' };

describe('toResponseEvents', () => {
  it('streams text in the order of the spec’s streaming example', async () => {
    const events = await collect(
      toResponseEvents(
        from([
          delta({ role: 'assistant', content: '' }),
          delta({ content: 'Hi' }),
          delta({ content: ' there!' }),
          delta({}, 'stop'),
          usageChunk,
        ]),
        request,
        'resp_67c9',
        1741290958,
        () => 1741290960,
      ),
    );
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect(events[0]).toMatchObject({
      response: {
        id: 'resp_67c9',
        status: 'in_progress',
        output: [],
        usage: null,
        instructions: request.instructions,
      },
    });
    expect(events[4]).toEqual({
      type: 'response.output_text.delta',
      sequence_number: 4,
      item_id: 'msg_67c9',
      output_index: 0,
      content_index: 0,
      delta: 'Hi',
      logprobs: [],
    });
    expect(events[6]).toMatchObject({ type: 'response.output_text.done', text: 'Hi there!' });
    const completed = events.at(-1);
    expect(completed).toMatchObject({
      type: 'response.completed',
      response: {
        status: 'completed',
        completed_at: 1741290960,
        output: [
          {
            type: 'message',
            id: 'msg_67c9',
            status: 'completed',
            role: 'assistant',
            content: [{ type: 'output_text', text: 'Hi there!', annotations: [] }],
          },
        ],
        usage: { input_tokens: 37, output_tokens: 11, total_tokens: 48 },
      },
    });
  });

  it('streams reasoning, then text, then function calls as separate items', async () => {
    const events = await collect(
      toResponseEvents(
        from([
          delta({ role: 'assistant', reasoning_content: 'Think' }),
          delta({ content: 'Let me check.' }),
          delta({
            tool_calls: [
              { index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '' } },
            ],
          }),
          delta({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
          delta({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
          delta({
            tool_calls: [
              { index: 1, id: 'call_2', type: 'function', function: { name: 'time', arguments: '{}' } },
            ],
          }),
          delta({}, 'tool_calls'),
        ]),
        { model: 'm', input: 'x' },
        'resp_1',
        1,
      ),
    );
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_text.delta',
      'response.reasoning_text.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events[12]).toMatchObject({
      type: 'response.output_item.added',
      output_index: 2,
      item: {
        type: 'function_call',
        id: 'fc_1_0',
        call_id: 'call_1',
        name: 'weather',
        arguments: '',
        status: 'in_progress',
      },
    });
    expect(events[17]).toMatchObject({
      type: 'response.function_call_arguments.done',
      item_id: 'fc_1_0',
      name: 'weather',
      arguments: '{"city":"Paris"}',
    });
    const last = events.at(-1);
    expect(last?.type === 'response.completed' && last.response.output.map((item) => item.type)).toEqual([
      'reasoning',
      'message',
      'function_call',
      'function_call',
    ]);
  });

  it('streams a refusal as a refusal content part', async () => {
    const events = await collect(
      toResponseEvents(
        from([delta({ refusal: 'I can’t' }), delta({ refusal: ' help with that.' }), delta({}, 'stop')]),
        { model: 'm', input: 'x' },
        'resp_1',
        1,
      ),
    );
    expect(events.map((event) => event.type).slice(2)).toEqual([
      'response.output_item.added',
      'response.content_part.added',
      'response.refusal.delta',
      'response.refusal.delta',
      'response.refusal.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events[6]).toMatchObject({ type: 'response.refusal.done', refusal: 'I can’t help with that.' });
    expect(events.at(-1)).toMatchObject({
      response: {
        output: [{ type: 'message', content: [{ type: 'refusal', refusal: 'I can’t help with that.' }] }],
      },
    });
  });

  it('ends with response.incomplete when the answer hit the token limit', async () => {
    const events = await collect(
      toResponseEvents(
        from([delta({ content: 'Once' }), delta({}, 'length')]),
        { model: 'm', input: 'x' },
        'resp_1',
        1,
      ),
    );
    expect(events.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    });
  });

  it('ends with response.failed carrying the error and the output so far', async () => {
    const error = new RateLimitError({ message: 'Rate limit reached for gpt-5.4' });
    const events = await collect(
      toResponseEvents(from([delta({ content: 'Hi' })], error), { model: 'm', input: 'x' }, 'resp_1', 1),
    );
    const last = events.at(-1);
    expect(last).toMatchObject({
      type: 'response.failed',
      response: {
        status: 'failed',
        error: { code: 'rate_limit_exceeded', message: 'Rate limit reached for gpt-5.4' },
        output: [{ type: 'message', status: 'in_progress' }],
      },
    });
    expect(last?.sequence_number).toBe(events.length - 1);
  });

  it('does not reveal the message of an unexpected error', async () => {
    const events = await collect(
      toResponseEvents(
        from([], new Error('socket at 10.0.0.1 closed')),
        { model: 'm', input: 'x' },
        'resp_1',
        1,
      ),
    );
    expect(events.at(-1)).toMatchObject({
      type: 'response.failed',
      response: { error: { code: 'server_error', message: 'The model failed to generate a response.' } },
    });
  });
});
