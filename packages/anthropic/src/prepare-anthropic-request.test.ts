import { BadRequestError, type ChatRequest, type SwitchyardError, thinkingBudgetFor } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { type PrepareAnthropicRequestOptions, prepareAnthropicRequest } from './prepare-anthropic-request.js';

const options: PrepareAnthropicRequestOptions = {
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  stream: false,
};
const hello: ChatRequest = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello' }] };
const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };

const prepare = (
  request: Partial<ChatRequest> & Record<string, unknown>,
  extra: Partial<PrepareAnthropicRequestOptions> = {},
) => prepareAnthropicRequest({ ...hello, ...request } as ChatRequest, { ...options, ...extra });

function refusal(run: () => unknown): SwitchyardError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return error as SwitchyardError;
  }
  throw new Error('expected a refusal');
}

describe('prepareAnthropicRequest', () => {
  it('translates OpenAI sampling parameters to Anthropic’s', () => {
    const { body } = prepare({
      temperature: 0.3,
      top_p: 0.9,
      stop: 'END',
      user: 'user-1234',
      max_completion_tokens: 300,
      max_tokens: 100,
    });

    expect(body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      messages: [{ role: 'user', content: 'Hello' }],
      temperature: 0.3,
      top_p: 0.9,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-1234' },
    });
  });

  it('passes a temperature above 1 as given, for Anthropic to refuse', () => {
    expect(prepare({ temperature: 1.5 }).body.temperature).toBe(1.5);
  });

  it('takes max_tokens, else the model table’s output limit, else 4096', () => {
    expect(prepare({ max_tokens: 100 }).body.max_tokens).toBe(100);
    expect(prepare({}, { model: 'claude-sonnet-4-20250514' }).body.max_tokens).toBe(64000);
    expect(prepare({}, { model: 'claude-unknown' }).body.max_tokens).toBe(4096);
  });

  it('sets stream only when streaming, whatever the request says', () => {
    expect(prepare({ stream: true, stream_options: { include_usage: true } }).body).not.toHaveProperty(
      'stream',
    );
    expect(prepare({}, { stream: true }).body.stream).toBe(true);
  });

  it('forwards Anthropic’s own fields and leaves out OpenAI-only ones that ask for nothing', () => {
    const { body } = prepare({
      top_k: 40,
      container: 'container_1',
      store: true,
      metadata: { team: 'search' },
      safety_identifier: 'abc',
      n: 1,
      logprobs: false,
      frequency_penalty: 0,
      modalities: ['text'],
      service_tier: 'auto',
    });

    expect(body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      messages: [{ role: 'user', content: 'Hello' }],
      top_k: 40,
      container: 'container_1',
      service_tier: 'auto',
    });
  });

  it('forwards Anthropic-native fields only where the translation did not set them', () => {
    expect(prepare({ stop_sequences: ['X'] }).body.stop_sequences).toEqual(['X']);
    expect(prepare({ stop: 'Y', stop_sequences: ['X'] }).body.stop_sequences).toEqual(['Y']);
    expect(prepare({ system: 'Native system' }).body.system).toBe('Native system');
    expect(
      prepare({
        system: 'Native system',
        messages: [{ role: 'system', content: 'Canonical' }, ...hello.messages],
      }).body.system,
    ).toBe('Canonical');
  });

  it.each(['seed', 'logit_bias', 'frequency_penalty', 'presence_penalty', 'n', 'logprobs'])(
    'refuses %s, naming it and drop_params',
    (param) => {
      const value = {
        seed: 7,
        logit_bias: { '50256': -100 },
        frequency_penalty: 0.5,
        presence_penalty: 1,
        n: 2,
        logprobs: true,
      }[param];

      const error = refusal(() => prepare({ [param]: value }));

      expect(error).toMatchObject({ param, code: 'unsupported_params', provider: 'anthropic' });
      expect(error.message).toContain('drop_params');
    },
  );

  it('drops unsupported parameters with drop_params', () => {
    const { body } = prepare(
      { seed: 7, n: 2, presence_penalty: 1, logit_bias: { '1': 1 } },
      { dropParams: true },
    );

    expect(Object.keys(body).sort()).toEqual(['max_tokens', 'messages', 'model']);
  });

  describe('reasoning', () => {
    it('turns reasoning_effort into a thinking budget, raising a defaulted max_tokens above it', () => {
      const { body } = prepare({ reasoning_effort: 'high' }, { model: 'claude-unknown' });

      expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: thinkingBudgetFor('high') });
      expect(body.max_tokens).toBe(thinkingBudgetFor('high') + 4096);
    });

    it('keeps an explicit max_tokens even when it is not above the budget (Anthropic says why)', () => {
      expect(prepare({ reasoning_effort: 'high', max_tokens: 1000 }).body.max_tokens).toBe(1000);
    });

    it('thinks adaptively with an effort on models without budget thinking', () => {
      const { body } = prepare({ reasoning_effort: 'minimal' }, { model: 'claude-opus-4-7' });

      expect(body.thinking).toEqual({ type: 'adaptive' });
      expect(body.output_config).toEqual({ effort: 'low' });
    });

    it('sends no thinking for reasoning_effort none, and a thinking object as given', () => {
      const given = { type: 'enabled', budget_tokens: 2000 };

      expect(prepare({ reasoning_effort: 'none' }).body).not.toHaveProperty('thinking');
      expect(prepare({ reasoning_effort: 'high', thinking: given }).body.thinking).toEqual(given);
    });
  });

  describe('response_format', () => {
    const jsonSchema: ChatRequest['response_format'] = {
      type: 'json_schema',
      json_schema: { name: 'answer', schema, strict: true },
    };

    it('uses native structured output where the model has it', () => {
      const prepared = prepare({ response_format: jsonSchema });

      expect(prepared.body.output_config).toEqual({ format: { type: 'json_schema', schema } });
      expect(prepared.body).not.toHaveProperty('tools');
      expect(prepared.jsonToolName).toBeUndefined();
    });

    it('asks through a forced json_tool_call tool on older models, next to the caller’s tools', () => {
      const tool = { type: 'function' as const, function: { name: 'lookup' } };

      const prepared = prepare(
        { response_format: jsonSchema, tools: [tool] },
        { model: 'claude-3-5-sonnet-20241022' },
      );

      expect(prepared.jsonToolName).toBe('json_tool_call');
      expect(prepared.body.tools).toEqual([
        { name: 'lookup', input_schema: { type: 'object', properties: {} } },
        { name: 'json_tool_call', input_schema: schema },
      ]);
      expect(prepared.body.tool_choice).toEqual({ type: 'tool', name: 'json_tool_call' });
      expect(prepared.body).not.toHaveProperty('output_config');
    });

    it('asks for json_object through the tool with an open object schema, only offered while thinking', () => {
      const prepared = prepare({ response_format: { type: 'json_object' }, reasoning_effort: 'low' });

      expect(prepared.body.tools).toEqual([
        {
          name: 'json_tool_call',
          input_schema: { type: 'object', additionalProperties: true, properties: {} },
        },
      ]);
      expect(prepared.body.tool_choice).toEqual({ type: 'auto' });
    });
  });

  it('reports the betas the content needs', () => {
    const { betas } = prepare({
      messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file_1' } }] }],
    });

    expect(betas).toEqual(['files-api-2025-04-14']);
  });
});
