import { BadGatewayError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import type { BedrockConverseResponse } from './bedrock-api-types.js';
import { convertBedrockResponse } from './convert-bedrock-response.js';

const context = {
  provider: 'bedrock',
  model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
  id: 'chatcmpl-1',
  created: 1700000000,
};
const fixture = (name: string) => loadJsonFixture<BedrockConverseResponse>(name);

describe('convertBedrockResponse', () => {
  it('turns the API reference example into a chat completion', () => {
    expect(convertBedrockResponse(fixture('converse.response.json'), context)).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1700000000,
      model: context.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content:
              'Here is a list of 3 pop songs by artists from the United Kingdom:\n\n1. "As It Was" by Harry Styles\n2. "Easy On Me" by Adele\n3. "Unholy" by Sam Smith and Kim Petras',
          },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 125, completion_tokens: 60, total_tokens: 185 },
    });
  });

  it('returns tool calls with their ids and JSON arguments, text alongside', () => {
    const choice = convertBedrockResponse(fixture('converse-tool-use.response.json'), context).choices[0];

    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message).toEqual({
      role: 'assistant',
      content: "I'll look up the most popular song on that station.",
      tool_calls: [
        {
          id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q',
          type: 'function',
          function: { name: 'top_song', arguments: '{"sign":"WZPZ"}' },
        },
      ],
    });
  });

  it('returns reasoning as reasoning_content and thinking blocks with signatures, usage with cache reads and writes', () => {
    const response = convertBedrockResponse(fixture('converse-reasoning.response.json'), context);

    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'There are 3 r\'s in "strawberry".',
      reasoning_content:
        "The user wants the number of r's in strawberry. s-t-r-a-w-b-e-r-r-y: r appears at positions 3, 8 and 9.",
      thinking_blocks: [
        {
          type: 'thinking',
          thinking:
            "The user wants the number of r's in strawberry. s-t-r-a-w-b-e-r-r-y: r appears at positions 3, 8 and 9.",
          signature: 'ErcBCkgIAhABGAIiQHNjUsFcb6PoLfR0hgENmqdDCpVz0bH5szvbsmw8e09YT7CT/E2D7iPYkv1u0zQ',
        },
        { type: 'redacted_thinking', data: 'RXhhbXBsZSByZWRhY3RlZCByZWFzb25pbmc=' },
      ],
    });
    expect(response.usage).toEqual({
      prompt_tokens: 2063,
      completion_tokens: 118,
      total_tokens: 2181,
      prompt_tokens_details: { cached_tokens: 2000, cache_creation_tokens: 48 },
    });
  });

  it('makes the JSON-mode tool input the content, finishing with stop', () => {
    const response = convertBedrockResponse(
      {
        output: {
          message: {
            role: 'assistant',
            content: [{ toolUse: { toolUseId: 't', name: 'json_tool_call', input: { a: 1 } } }],
          },
        },
        stopReason: 'tool_use',
      },
      { ...context, jsonToolName: 'json_tool_call' },
    );

    expect(response.choices[0]?.message).toEqual({ role: 'assistant', content: '{"a":1}' });
    expect(response.choices[0]?.finish_reason).toBe('stop');
  });

  it('maps a guardrail intervention to content_filter', () => {
    const response = convertBedrockResponse(
      {
        output: { message: { content: [{ text: 'Sorry, the model cannot answer this question.' }] } },
        stopReason: 'guardrail_intervened',
      },
      context,
    );

    expect(response.choices[0]?.finish_reason).toBe('content_filter');
  });

  it('refuses an answer without output.message.content', () => {
    expect(() => convertBedrockResponse({ stopReason: 'end_turn' }, context)).toThrow(BadGatewayError);
  });
});
