import { BadRequestError, type ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import {
  type CompatibleRequestQuirks,
  prepareCompatibleRequest,
  upstreamModel,
} from './compatible-service-request.js';

const hello: ChatRequest = { model: 'some-model', messages: [{ role: 'user', content: 'Hello!' }] };

function prepare(
  request: ChatRequest,
  quirks: CompatibleRequestQuirks,
  extra: { dropParams?: boolean; unsupportedParams?: string[] } = {},
): ChatRequest {
  return prepareCompatibleRequest(request, quirks, {
    provider: 'svc',
    model: request.model,
    dropParams: extra.dropParams ?? false,
    unsupportedParams: extra.unsupportedParams ?? [],
  });
}

function refusal(run: () => unknown): BadRequestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return error as BadRequestError;
  }
  throw new Error('expected a refusal');
}

describe('prepareCompatibleRequest', () => {
  it('returns the request itself when no quirk applies', () => {
    expect(prepare(hello, {})).toBe(hello);
    expect(prepare(hello, { maxCompletionTokensAsMaxTokens: true, stripToolStrict: true })).toBe(hello);
  });

  it('refuses unsupported parameters naming them, and drops them with drop_params', () => {
    const request: ChatRequest = { ...hello, logit_bias: { '50256': -100 }, seed: 7 };
    const error = refusal(() => prepare(request, {}, { unsupportedParams: ['logit_bias'] }));
    expect(error.param).toBe('logit_bias');
    expect(error.message).toContain('svc');
    const dropped = prepare(request, {}, { unsupportedParams: ['logit_bias'], dropParams: true });
    expect(dropped).not.toHaveProperty('logit_bias');
    expect(dropped.seed).toBe(7);
  });

  it('refuses parameters a model family cannot take', () => {
    const quirks: CompatibleRequestQuirks = {
      modelUnsupportedParams: [{ models: ['grok-4'], params: ['stop'] }],
    };
    expect(refusal(() => prepare({ ...hello, model: 'grok-4-0709', stop: ['x'] }, quirks)).param).toBe(
      'stop',
    );
    expect(prepare({ ...hello, model: 'grok-3', stop: ['x'] }, quirks).stop).toEqual(['x']);
  });

  it('accepts n = 1 but refuses other values when only one choice is possible', () => {
    expect(prepare({ ...hello, n: 1 }, { singleChoice: true }).n).toBe(1);
    expect(refusal(() => prepare({ ...hello, n: 2 }, { singleChoice: true })).param).toBe('n');
  });

  it('refuses tool_choice values the service does not know, and drops them with drop_params', () => {
    const quirks = { toolChoiceValues: ['auto', 'none'] };
    expect(prepare({ ...hello, tool_choice: 'auto' }, quirks).tool_choice).toBe('auto');
    expect(refusal(() => prepare({ ...hello, tool_choice: 'required' }, quirks)).param).toBe('tool_choice');
    expect(prepare({ ...hello, tool_choice: 'required' }, quirks, { dropParams: true })).not.toHaveProperty(
      'tool_choice',
    );
  });

  it('sends max_completion_tokens as max_tokens without overriding an explicit max_tokens', () => {
    const quirks = { maxCompletionTokensAsMaxTokens: true };
    const renamed = prepare({ ...hello, max_completion_tokens: 100 }, quirks);
    expect(renamed.max_tokens).toBe(100);
    expect(renamed).not.toHaveProperty('max_completion_tokens');
    expect(prepare({ ...hello, max_tokens: 50, max_completion_tokens: 100 }, quirks)).toEqual({
      ...hello,
      max_tokens: 50,
    });
  });

  it('strips message names from every message or from all but user messages', () => {
    const request: ChatRequest = {
      ...hello,
      messages: [
        { role: 'system', content: 'Be brief.', name: 'rules' },
        { role: 'user', content: 'Hi', name: 'ada' },
      ],
    };
    expect(prepare(request, { stripMessageName: 'all' }).messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
    expect(prepare(request, { stripMessageName: 'non-user' }).messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi', name: 'ada' },
    ]);
  });

  it('strips strict from function tools only', () => {
    const request: ChatRequest = {
      ...hello,
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' }, strict: true } }],
    };
    expect(prepare(request, { stripToolStrict: true }).tools).toEqual([
      { type: 'function', function: { name: 'f', parameters: { type: 'object' } } },
    ]);
  });

  it('collapses text-only content lists to a string and leaves images as they are', () => {
    const image = { type: 'image_url' as const, image_url: { url: 'https://example.com/cat.png' } };
    const request: ChatRequest = {
      ...hello,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Hello ' },
            { type: 'text', text: 'there' },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, image] },
      ],
    };
    const messages = prepare(request, { collapseTextContent: true }).messages;
    expect(messages[0]).toEqual({ role: 'user', content: 'Hello there' });
    expect(messages[1]).toBe(request.messages[1]);
  });

  it('moves message cache markers onto the last content part for the models that read them', () => {
    const marker = { type: 'ephemeral' };
    const request: ChatRequest = {
      ...hello,
      model: 'anthropic/claude-sonnet-4',
      messages: [
        { role: 'system', content: 'Long rules', cache_control: marker },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
          cache_control: marker,
        },
      ],
    };
    const messages = prepare(request, { cacheControlInContent: ['claude'] }).messages;
    expect(messages[0]).toEqual({
      role: 'system',
      content: [{ type: 'text', text: 'Long rules', cache_control: marker }],
    });
    expect(messages[1]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b', cache_control: marker },
      ],
    });
    const other = { ...request, model: 'meta-llama/llama-3.3-70b-instruct' };
    expect(prepare(other, { cacheControlInContent: ['claude'] })).toBe(other);
  });

  it('spells tool_choice "required" the service way', () => {
    const request: ChatRequest = { ...hello, tool_choice: 'required' };
    expect(prepare(request, { toolChoiceRequired: 'any' }).tool_choice).toBe('any');
    const prompted = prepare(request, { toolChoiceRequired: 'prompt' });
    expect(prompted).not.toHaveProperty('tool_choice');
    expect(prompted.messages.at(-1)).toEqual({
      role: 'user',
      content: 'Please select a tool to handle the current issue.',
    });
  });

  it('leaves out response_format text, clamps temperature, maps reasoning effort to thinking', () => {
    expect(
      prepare({ ...hello, response_format: { type: 'text' } }, { dropTextResponseFormat: true }),
    ).toEqual(hello);
    const range = { temperatureRange: { max: 1, minWithChoices: 0.3 } };
    expect(prepare({ ...hello, temperature: 1.6 }, range).temperature).toBe(1);
    expect(prepare({ ...hello, temperature: 0.1, n: 2 }, range).temperature).toBe(0.3);
    expect(prepare({ ...hello, temperature: 0.1 }, range).temperature).toBe(0.1);
    const thinking = { reasoningEffortAsThinking: true };
    expect(prepare({ ...hello, reasoning_effort: 'low' }, thinking)).toMatchObject({
      reasoning_effort: 'low',
      thinking: { type: 'enabled' },
    });
    const off = prepare({ ...hello, reasoning_effort: 'none' }, thinking);
    expect(off.thinking).toEqual({ type: 'disabled' });
    expect(off).not.toHaveProperty('reasoning_effort');
  });
});

describe('upstreamModel', () => {
  it('adds a model prefix unless present', () => {
    const quirks = { modelPrefix: { prefix: 'accounts/fireworks/models/', unlessStartsWith: 'accounts/' } };
    expect(upstreamModel('llama-v3p1-8b-instruct', quirks)).toBe(
      'accounts/fireworks/models/llama-v3p1-8b-instruct',
    );
    expect(upstreamModel('accounts/me/models/mine', quirks)).toBe('accounts/me/models/mine');
  });

  it('turns a routed provider prefix into the router suffix', () => {
    const quirks = { routedProviders: ['together', 'sambanova'] };
    expect(upstreamModel('together/deepseek-ai/DeepSeek-R1', quirks)).toBe(
      'deepseek-ai/DeepSeek-R1:together',
    );
    expect(upstreamModel('deepseek-ai/DeepSeek-R1', quirks)).toBe('deepseek-ai/DeepSeek-R1');
    expect(upstreamModel('other/deepseek-ai/DeepSeek-R1', quirks)).toBe('other/deepseek-ai/DeepSeek-R1');
  });
});
