import type { PassthroughReading } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { anthropicPassthroughReader } from './anthropic-passthrough-reader.js';

const event = (name: string, data: object) => ({
  event: name,
  data: JSON.stringify({ type: name, ...data }),
});

describe('anthropicPassthroughReader', () => {
  it('adds up usage from message_start and the cumulative message_delta, in OpenAI’s terms', () => {
    const reader = anthropicPassthroughReader();
    const reading: PassthroughReading = {};
    reader.event(
      event('message_start', {
        message: {
          id: 'msg_1',
          usage: {
            input_tokens: 10,
            cache_read_input_tokens: 20,
            cache_creation_input_tokens: 5,
            output_tokens: 1,
          },
        },
      }),
      reading,
    );
    reader.event({ event: 'content_block_delta', data: 'not parsed' }, reading);
    reader.event(event('message_delta', { usage: { output_tokens: 42, input_tokens: null } }), reading);
    expect(reading.usage).toEqual({
      prompt_tokens: 35,
      completion_tokens: 42,
      total_tokens: 77,
      prompt_tokens_details: { cached_tokens: 20, cache_creation_tokens: 5 },
    });
    expect(reading.id).toBe('msg_1');
  });

  it('records an error event as a failure and reads a whole message', () => {
    const reading: PassthroughReading = {};
    anthropicPassthroughReader().event(
      event('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }),
      reading,
    );
    expect(reading.failure).toBe('Overloaded');
    const message: PassthroughReading = {};
    anthropicPassthroughReader().json({ id: 'msg_2', usage: { input_tokens: 3, output_tokens: 4 } }, message);
    expect(message).toEqual({
      id: 'msg_2',
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
  });
});
