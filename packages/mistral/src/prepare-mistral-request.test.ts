import { BadRequestError, type ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { prepareMistralChatBody } from './prepare-mistral-request.js';

const context = { provider: 'mistral', model: 'mistral-small-latest', dropParams: false };
const base: ChatRequest = {
  model: 'mistral/mistral-small-latest',
  messages: [{ role: 'user', content: 'Hi' }],
};

function refusal(run: () => unknown): BadRequestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return error as BadRequestError;
  }
  throw new Error('expected a refusal');
}

describe('prepareMistralChatBody', () => {
  it('renames OpenAI’s parameters to Mistral’s and sends the upstream model id', () => {
    const body = prepareMistralChatBody(
      {
        ...base,
        seed: 42,
        max_completion_tokens: 300,
        max_tokens: 100,
        temperature: 0.3,
        top_p: 0.9,
        stop: ['END'],
        n: 2,
        presence_penalty: 0.5,
        frequency_penalty: 0.25,
        parallel_tool_calls: false,
        metadata: { team: 'a' },
      },
      context,
      false,
    );

    expect(body).toEqual({
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'Hi' }],
      random_seed: 42,
      max_tokens: 300,
      temperature: 0.3,
      top_p: 0.9,
      stop: ['END'],
      n: 2,
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      parallel_tool_calls: false,
      metadata: { team: 'a' },
    });
  });

  it('streams without stream_options (Mistral always reports usage, and refuses the field)', () => {
    const body = prepareMistralChatBody(
      { ...base, stream: true, stream_options: { include_usage: true } },
      context,
      true,
    );

    expect(body.stream).toBe(true);
    expect(body).not.toHaveProperty('stream_options');
    expect(prepareMistralChatBody({ ...base, stream: true }, context, false)).not.toHaveProperty('stream');
  });

  it('leaves out canonical fields set to null, keeps nulls Mistral gives a meaning', () => {
    const body = prepareMistralChatBody(
      { ...base, temperature: null, stop: null, seed: null, prompt_mode: null },
      context,
      false,
    );

    expect(body).toEqual({ model: 'mistral-small-latest', messages: base.messages, prompt_mode: null });
  });

  it('passes Mistral’s own fields through', () => {
    const body = prepareMistralChatBody(
      {
        ...base,
        safe_prompt: true,
        prompt_mode: 'reasoning',
        prompt_cache_key: 'session-1',
        prediction: { type: 'content', content: 'x' },
      },
      context,
      false,
    );

    expect(body).toMatchObject({
      safe_prompt: true,
      prompt_mode: 'reasoning',
      prompt_cache_key: 'session-1',
      prediction: { type: 'content', content: 'x' },
    });
  });

  it('refuses parameters Mistral does not have, naming them, unless drop_params', () => {
    const request = { ...base, logit_bias: { '50256': -100 }, user: 'u-1', top_logprobs: 2 };

    const error = refusal(() => prepareMistralChatBody(request, context, false));

    expect(error.message).toContain('"logit_bias", "top_logprobs", "user"');
    expect(error.message).toContain('mistral');
    expect(error.param).toBe('logit_bias');
    const dropped = prepareMistralChatBody(request, { ...context, dropParams: true }, false);
    expect(dropped).toEqual({ model: 'mistral-small-latest', messages: base.messages });
  });

  it('takes values that change nothing (logprobs: false, store: false) without refusing', () => {
    expect(prepareMistralChatBody({ ...base, logprobs: false, store: false }, context, false)).toEqual({
      model: 'mistral-small-latest',
      messages: base.messages,
    });
  });

  it('sends reasoning_effort as Mistral’s own, max as xhigh, and reads an Anthropic thinking object', () => {
    expect(
      prepareMistralChatBody({ ...base, reasoning_effort: 'medium' }, context, false).reasoning_effort,
    ).toBe('medium');
    expect(
      prepareMistralChatBody({ ...base, reasoning_effort: 'max' }, context, false).reasoning_effort,
    ).toBe('xhigh');
    const thinking = { ...base, thinking: { type: 'enabled', budget_tokens: 1024 } };
    const body = prepareMistralChatBody(thinking, context, false);
    expect(body.reasoning_effort).toBe('low');
    expect(body).not.toHaveProperty('thinking');
  });

  it('maps service tiers Mistral has, refuses the others', () => {
    expect(prepareMistralChatBody({ ...base, service_tier: 'default' }, context, false).service_tier).toBe(
      'standard_only',
    );
    expect(prepareMistralChatBody({ ...base, service_tier: 'auto' }, context, false).service_tier).toBe(
      'auto',
    );
    expect(
      refusal(() => prepareMistralChatBody({ ...base, service_tier: 'flex' }, context, false)).param,
    ).toBe('service_tier');
    expect(
      prepareMistralChatBody({ ...base, service_tier: 'flex' }, { ...context, dropParams: true }, false),
    ).not.toHaveProperty('service_tier');
  });

  it('translates tools, tool_choice and response_format', () => {
    const body = prepareMistralChatBody(
      {
        ...base,
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
        tool_choice: 'required',
        response_format: { type: 'json_object' },
      },
      context,
      false,
    );

    expect(body.tools).toEqual([
      { type: 'function', function: { name: 'f', parameters: { type: 'object' } } },
    ]);
    expect(body.tool_choice).toBe('any');
    expect(body.response_format).toEqual({ type: 'json_object' });
  });
});
