import type { ChatResponse } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load-fixture.js';
import { convertChatResponse, toolInput } from './convert-chat-response.js';

const context = { model: 'claude-sonnet-4-5', newId: () => 'generated' };

function response(message: ChatResponse['choices'][number]['message'], finish: string | null): ChatResponse {
  return {
    id: 'chatcmpl-abc123',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, message, finish_reason: finish }],
    usage: { prompt_tokens: 384, completion_tokens: 92, total_tokens: 476 },
  };
}

describe('convertChatResponse', () => {
  it('answers the tool use example with the same shape Anthropic does', () => {
    const expected = fixtureJson('messages-tool-use.response.json');
    const message = convertChatResponse(
      response(
        {
          role: 'assistant',
          content: "I'll check the current weather in San Francisco for you.",
          tool_calls: [
            {
              id: 'toolu_01A09q90qw90lq917835lq9',
              type: 'function',
              function: {
                name: 'get_weather',
                arguments: '{"location":"San Francisco, CA","unit":"celsius"}',
              },
            },
          ],
        },
        'tool_calls',
      ),
      context,
    );
    expect(message).toEqual({ ...expected, id: 'msg_abc123', model: 'gpt-4o-mini-2024-07-18' });
    expect(Object.keys(message).sort()).toEqual(Object.keys(expected).sort());
  });

  it('puts thinking first, reports cache reads and writes apart from input tokens', () => {
    const answer = response(
      {
        role: 'assistant',
        content: 'Yes.',
        reasoning_content: 'Let me think.',
        thinking_blocks: [{ type: 'thinking', thinking: 'Let me think.', signature: 'sig' }],
      },
      'stop',
    );
    answer.usage = {
      prompt_tokens: 100,
      completion_tokens: 10,
      total_tokens: 110,
      prompt_tokens_details: { cached_tokens: 60, cache_creation_tokens: 30 },
    };
    const message = convertChatResponse(answer, context);
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Let me think.', signature: 'sig' },
      { type: 'text', text: 'Yes.' },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toEqual({
      input_tokens: 10,
      output_tokens: 10,
      cache_read_input_tokens: 60,
      cache_creation_input_tokens: 30,
    });
  });

  it('maps the other finish reasons', () => {
    const text = { role: 'assistant' as const, content: 'The end.\n\nHuman:' };
    expect(convertChatResponse(response(text, 'length'), context).stop_reason).toBe('max_tokens');
    expect(convertChatResponse(response(text, 'content_filter'), context).stop_reason).toBe('refusal');
    const stopped = convertChatResponse(response(text, 'stop'), {
      ...context,
      stopSequences: ['\n\nHuman:'],
    });
    expect(stopped).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: '\n\nHuman:' });
  });

  it('reads tool arguments that are not an object without failing', () => {
    expect(toolInput('')).toEqual({});
    expect(toolInput('[1]')).toEqual({ arguments: '[1]' });
  });
});
