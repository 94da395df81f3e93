import { describe, expect, it } from 'vitest';
import type { PassthroughReading } from '../provider.js';
import { openAICompletionsReader, withStreamUsage } from './openai-completions-reader.js';
import { fromResponseUsage, openAIResponsesReader } from './openai-responses-reader.js';

const responseUsage = {
  input_tokens: 30,
  input_tokens_details: { cached_tokens: 10 },
  output_tokens: 12,
  output_tokens_details: { reasoning_tokens: 4 },
  total_tokens: 42,
};

describe('openAIResponsesReader', () => {
  it('maps the Responses API usage to chat usage, details included', () => {
    expect(fromResponseUsage(responseUsage)).toEqual({
      prompt_tokens: 30,
      completion_tokens: 12,
      total_tokens: 42,
      prompt_tokens_details: { cached_tokens: 10 },
      completion_tokens_details: { reasoning_tokens: 4 },
    });
    expect(fromResponseUsage(null)).toBeUndefined();
    expect(fromResponseUsage({ input_tokens: 1 })).toBeUndefined();
  });

  it('takes the id from response.created and the usage from response.completed', () => {
    const reading: PassthroughReading = {};
    const event = (type: string, response: object) => ({
      event: type,
      data: JSON.stringify({ type, response }),
    });
    openAIResponsesReader.event(event('response.created', { id: 'resp_1', usage: null }), reading);
    expect(reading).toEqual({ id: 'resp_1' });
    openAIResponsesReader.event({ event: 'response.output_text.delta', data: '{not even json' }, reading);
    openAIResponsesReader.event(event('response.completed', { id: 'resp_1', usage: responseUsage }), reading);
    expect(reading.usage?.total_tokens).toBe(42);
    expect(reading.failure).toBeUndefined();
  });

  it('finds the type in the data when the upstream sends no event: line', () => {
    const reading: PassthroughReading = {};
    openAIResponsesReader.event(
      { data: JSON.stringify({ type: 'response.created', response: { id: 'resp_2' } }) },
      reading,
    );
    expect(reading.id).toBe('resp_2');
  });

  it('records a failure from response.failed or an error event', () => {
    const failed: PassthroughReading = {};
    openAIResponsesReader.event(
      {
        event: 'response.failed',
        data: JSON.stringify({
          response: { id: 'r', status: 'failed', error: { message: 'model crashed' } },
        }),
      },
      failed,
    );
    expect(failed.failure).toBe('model crashed');
    const errored: PassthroughReading = {};
    openAIResponsesReader.event({ event: 'error', data: '{"type":"error","message":"overloaded"}' }, errored);
    expect(errored.failure).toBe('overloaded');
  });

  it('reads a JSON response', () => {
    const reading: PassthroughReading = {};
    openAIResponsesReader.json({ id: 'resp_3', status: 'completed', usage: responseUsage }, reading);
    expect(reading).toMatchObject({ id: 'resp_3', usage: { prompt_tokens: 30 } });
  });
});

describe('openAICompletionsReader', () => {
  const usage = { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 };

  it('takes the usage of the usage chunk and keeps it from the client only when asked', () => {
    const chunk = { data: JSON.stringify({ id: 'cmpl-1', choices: [], usage }) };
    const keep: PassthroughReading = {};
    expect(openAICompletionsReader(false).event(chunk, keep)).toBe(true);
    expect(keep.usage).toEqual(usage);
    const drop: PassthroughReading = {};
    expect(openAICompletionsReader(true).event(chunk, drop)).toBe(false);
    expect(drop.usage).toEqual(usage);
  });

  it('passes text chunks, usage: null and [DONE] without parsing them for usage', () => {
    const reader = openAICompletionsReader(true);
    const reading: PassthroughReading = {};
    expect(reader.event({ data: '{"choices":[{"text":"\\"usage\\": {"}],"usage":null}' }, reading)).toBe(
      true,
    );
    expect(reader.event({ data: '[DONE]' }, reading)).toBe(true);
    expect(reading).toEqual({});
  });

  it('records an error frame as a failure, and reads a JSON answer', () => {
    const reading: PassthroughReading = {};
    openAICompletionsReader(false).event(
      { data: '{"error":{"message":"boom","type":"server_error"}}' },
      reading,
    );
    expect(reading.failure).toBe('boom');
    openAICompletionsReader(false).json({ id: 'cmpl-2', choices: [], usage }, reading);
    expect(reading.usage).toEqual(usage);
  });
});

describe('withStreamUsage', () => {
  it('asks for usage on streams that did not, and says the usage chunk is not the client’s', () => {
    expect(withStreamUsage({ model: 'm', stream: true, stream_options: { other: 1 } })).toEqual({
      body: { model: 'm', stream: true, stream_options: { other: 1, include_usage: true } },
      dropUsageChunk: true,
    });
    const asked = { model: 'm', stream: true, stream_options: { include_usage: true } };
    expect(withStreamUsage(asked)).toEqual({ body: asked, dropUsageChunk: false });
    const plain = { model: 'm' };
    expect(withStreamUsage(plain)).toEqual({ body: plain, dropUsageChunk: false });
  });
});
