import { BadRequestError, type ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { prepareBedrockRequest } from './prepare-bedrock-request.js';

const claude = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const options = { provider: 'bedrock', model: claude, dropParams: false };
const hello: ChatRequest = { model: claude, messages: [{ role: 'user', content: 'Hello' }] };

describe('prepareBedrockRequest', () => {
  it('builds the Converse body of the API reference example', () => {
    const request: ChatRequest = {
      model: claude,
      messages: [
        {
          role: 'system',
          content:
            'You are an app that creates playlists for a radio station that plays rock and pop music. Only return song names and the artist.',
        },
        { role: 'user', content: 'Create a list of 3 pop songs.' },
      ],
      max_tokens: 512,
      temperature: 0.5,
      top_p: 0.9,
    };

    expect(prepareBedrockRequest(request, options)).toEqual({
      body: loadJsonFixture('converse.request.json'),
    });
  });

  it('prefers max_completion_tokens and sends stop sequences, skipping empty ones', () => {
    const { body } = prepareBedrockRequest(
      { ...hello, max_tokens: 10, max_completion_tokens: 20, stop: ['END', ''] },
      options,
    );

    expect(body.inferenceConfig).toEqual({ maxTokens: 20, stopSequences: ['END'] });
    expect(prepareBedrockRequest({ ...hello, stop: 'STOP' }, options).body.inferenceConfig).toEqual({
      stopSequences: ['STOP'],
    });
  });

  it('asks for native structured output for a json_schema response format', () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    };
    const { body, jsonToolName } = prepareBedrockRequest(
      {
        ...hello,
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'city', description: 'A city', schema },
        },
      },
      options,
    );

    expect(jsonToolName).toBeUndefined();
    expect(body.outputConfig).toEqual({
      textFormat: {
        type: 'json_schema',
        structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'city', description: 'A city' } },
      },
    });
  });

  it('forces a JSON tool for json_object (Converse has no schema-less JSON mode)', () => {
    const { body, jsonToolName } = prepareBedrockRequest(
      { ...hello, response_format: { type: 'json_object' } },
      options,
    );

    expect(jsonToolName).toBe('json_tool_call');
    expect(body.toolConfig?.toolChoice).toEqual({ tool: { name: 'json_tool_call' } });
  });

  it('turns reasoning_effort into an Anthropic thinking budget with room for the answer', () => {
    const { body } = prepareBedrockRequest({ ...hello, reasoning_effort: 'low', max_tokens: 500 }, options);
    const unbounded = prepareBedrockRequest({ ...hello, reasoning_effort: 'high' }, options).body;

    expect(body.additionalModelRequestFields).toEqual({ thinking: { type: 'enabled', budget_tokens: 1024 } });
    expect(body.inferenceConfig).toEqual({ maxTokens: 1524 });
    expect(unbounded.inferenceConfig).toEqual({ maxTokens: 8192 });
    expect(
      prepareBedrockRequest({ ...hello, reasoning_effort: 'none' }, options).body
        .additionalModelRequestFields,
    ).toBeUndefined();
  });

  it('does not force the JSON tool while thinking (Anthropic refuses forced tools then)', () => {
    const { body } = prepareBedrockRequest(
      { ...hello, reasoning_effort: 'medium', response_format: { type: 'json_object' } },
      options,
    );

    expect(body.toolConfig?.toolChoice).toBeUndefined();
  });

  it('uses Nova’s reasoningConfig, leaving inference settings unset at high effort as Nova requires', () => {
    const nova = { ...options, model: 'us.amazon.nova-2-lite-v1:0' };

    const low = prepareBedrockRequest({ ...hello, reasoning_effort: 'minimal', temperature: 0.3 }, nova).body;
    const high = prepareBedrockRequest(
      { ...hello, reasoning_effort: 'high', temperature: 0.3, max_tokens: 100 },
      nova,
    ).body;

    expect(low.additionalModelRequestFields).toEqual({
      reasoningConfig: { type: 'enabled', maxReasoningEffort: 'low' },
    });
    expect(low.inferenceConfig).toEqual({ temperature: 0.3 });
    expect(high.additionalModelRequestFields).toEqual({
      reasoningConfig: { type: 'enabled', maxReasoningEffort: 'high' },
    });
    expect(high.inferenceConfig).toBeUndefined();
  });

  it('refuses reasoning_effort for a model without a reasoning switch, or drops it with drop_params', () => {
    const llama = { ...options, model: 'meta.llama3-1-70b-instruct-v1:0' };

    expect(() => prepareBedrockRequest({ ...hello, reasoning_effort: 'high' }, llama)).toThrow(
      '"reasoning_effort"',
    );
    expect(
      prepareBedrockRequest({ ...hello, reasoning_effort: 'high' }, { ...llama, dropParams: true }).body,
    ).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Hello' }] }],
    });
  });

  it.each(['seed', 'logit_bias', 'frequency_penalty', 'presence_penalty', 'logprobs'] as const)(
    'refuses %s with a 400 naming it and the provider, and drops it with drop_params',
    (param) => {
      const values = {
        seed: 7,
        logit_bias: { '50256': -100 },
        frequency_penalty: 0.5,
        presence_penalty: 0.5,
        logprobs: true,
      };
      const request = { ...hello, [param]: values[param] } as ChatRequest;

      const error = (() => {
        try {
          prepareBedrockRequest(request, options);
        } catch (caught) {
          return caught;
        }
      })();

      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ param, code: 'unsupported_params' });
      expect((error as Error).message).toContain('bedrock');
      expect(prepareBedrockRequest(request, { ...options, dropParams: true }).body).not.toHaveProperty(param);
    },
  );

  it('refuses n > 1 and parallel_tool_calls: false, but takes n = 1 and parallel_tool_calls: true', () => {
    expect(() => prepareBedrockRequest({ ...hello, n: 2 }, options)).toThrow('"n"');
    expect(() => prepareBedrockRequest({ ...hello, parallel_tool_calls: false }, options)).toThrow(
      '"parallel_tool_calls"',
    );
    expect(() => prepareBedrockRequest({ ...hello, n: 1, parallel_tool_calls: true }, options)).not.toThrow();
  });

  it('passes Converse-native fields through and maps the service tier', () => {
    const guardrailConfig = { guardrailIdentifier: 'gr-1', guardrailVersion: '1' };
    const request = {
      ...hello,
      guardrailConfig,
      additionalModelRequestFields: { top_k: 40 },
      service_tier: 'flex',
      reasoning_effort: 'low',
    } as ChatRequest;

    const { body } = prepareBedrockRequest(request, options);

    expect(body.guardrailConfig).toEqual(guardrailConfig);
    expect(body.serviceTier).toEqual({ type: 'flex' });
    expect(body.additionalModelRequestFields).toEqual({
      top_k: 40,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    expect(prepareBedrockRequest({ ...hello, service_tier: 'auto' }, options).body).not.toHaveProperty(
      'serviceTier',
    );
  });
});
