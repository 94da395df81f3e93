import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../schemas/chat-response.js';
import { toResponse, toResponseUsage } from './to-response.js';

function chatAnswer(
  message: ChatResponse['choices'][number]['message'],
  finishReason = 'stop',
): ChatResponse {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1741476542,
    model: 'gpt-5.4-2026-03-01',
    choices: [{ index: 0, message, finish_reason: finishReason }],
    usage: {
      prompt_tokens: 36,
      completion_tokens: 87,
      total_tokens: 123,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
  };
}

const story =
  'In a peaceful grove beneath a silver moon, a unicorn named Lumina discovered a hidden pool that reflected the stars.';

describe('toResponse', () => {
  it('answers the spec’s text example with its Response object', () => {
    const response = toResponse(
      chatAnswer({ role: 'assistant', content: story }),
      { model: 'gpt-5.4', input: 'Tell me a three sentence bedtime story about a unicorn.' },
      'resp_67ccd2bed1ec8190',
      1741476542,
      1741476543,
    );
    // The spec's example response, field for field (ids derived from the response id).
    expect(response).toEqual({
      id: 'resp_67ccd2bed1ec8190',
      object: 'response',
      created_at: 1741476542,
      status: 'completed',
      completed_at: 1741476543,
      error: null,
      incomplete_details: null,
      instructions: null,
      max_output_tokens: null,
      model: 'gpt-5.4',
      output: [
        {
          type: 'message',
          id: 'msg_67ccd2bed1ec8190',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: story, annotations: [] }],
        },
      ],
      parallel_tool_calls: true,
      previous_response_id: null,
      reasoning: { effort: null, summary: null },
      store: true,
      temperature: null,
      text: { format: { type: 'text' } },
      tool_choice: 'auto',
      tools: [],
      top_p: null,
      truncation: 'disabled',
      usage: {
        input_tokens: 36,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 87,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 123,
      },
      user: null,
      metadata: {},
    });
  });

  it('answers the spec’s function example with a function_call item and echoes the tools', () => {
    const tools = [
      { type: 'function' as const, name: 'get_current_weather', parameters: { type: 'object' } },
    ];
    const response = toResponse(
      chatAnswer(
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_unLAR8MvFNptuiZK6K6HCy5k',
              type: 'function',
              function: {
                name: 'get_current_weather',
                arguments: '{"location":"Boston, MA","unit":"celsius"}',
              },
            },
          ],
        },
        'tool_calls',
      ),
      { model: 'gpt-5.4', input: 'What is the weather like in Boston today?', tools, tool_choice: 'auto' },
      'resp_67ca09c5',
      1741294021,
    );
    expect(response.status).toBe('completed');
    expect(response.output).toEqual([
      {
        type: 'function_call',
        id: 'fc_67ca09c5_0',
        call_id: 'call_unLAR8MvFNptuiZK6K6HCy5k',
        name: 'get_current_weather',
        arguments: '{"location":"Boston, MA","unit":"celsius"}',
        status: 'completed',
      },
    ]);
    expect(response.tools).toEqual(tools);
  });

  it('puts reasoning first as a reasoning item, and echoes the effort', () => {
    const response = toResponse(
      chatAnswer({ role: 'assistant', content: 'A lot.', reasoning_content: 'Let me think.' }),
      { model: 'o3-mini', input: 'How much wood would a woodchuck chuck?', reasoning: { effort: 'high' } },
      'resp_1',
      1,
    );
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(response.output[0]).toEqual({
      type: 'reasoning',
      id: 'rs_1',
      summary: [],
      content: [{ type: 'reasoning_text', text: 'Let me think.' }],
      status: 'completed',
    });
    expect(response.reasoning).toEqual({ effort: 'high', summary: null });
  });

  it('is incomplete with reason max_output_tokens when the answer was cut at the limit', () => {
    const response = toResponse(
      chatAnswer({ role: 'assistant', content: 'Once upon' }, 'length'),
      { model: 'm', input: 'x', max_output_tokens: 2 },
      'resp_1',
      1,
    );
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.completed_at).toBeNull();
    expect(response.max_output_tokens).toBe(2);
  });
});

describe('toResponseUsage', () => {
  it('keeps cached and reasoning token counts', () => {
    expect(
      toResponseUsage({
        prompt_tokens: 81,
        completion_tokens: 1035,
        total_tokens: 1116,
        prompt_tokens_details: { cached_tokens: 40 },
        completion_tokens_details: { reasoning_tokens: 832 },
      }),
    ).toEqual({
      input_tokens: 81,
      input_tokens_details: { cached_tokens: 40 },
      output_tokens: 1035,
      output_tokens_details: { reasoning_tokens: 832 },
      total_tokens: 1116,
    });
  });
});
