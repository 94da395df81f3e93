import { BadRequestError, type ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { prepareCohereChatBody } from './prepare-cohere-request.js';

const context = { provider: 'cohere', model: 'command-a-03-2025', dropParams: false };
const hello: ChatRequest = { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] };
const prepare = (request: Partial<ChatRequest>, stream = false) =>
  prepareCohereChatBody({ ...hello, ...request }, context, stream);

describe('prepareCohereChatBody', () => {
  it('writes the reference request for the same canonical request', () => {
    const expected = loadJsonFixture('chat.request.json');
    const canonical: ChatRequest = {
      model: 'cohere/command-a-03-2025',
      messages: [
        { role: 'system', content: 'You answer in one sentence.' },
        { role: 'user', content: 'Which river runs through Lyon?' },
      ],
      temperature: 0.3,
      max_tokens: 200,
      user: 'user-1234',
      metadata: { team: 'search' },
    };

    expect(prepareCohereChatBody(canonical, context, false)).toEqual({ ...expected, stream: false });
  });

  it('renames sampling fields: top_p is p (within Cohere’s range), stop is stop_sequences', () => {
    expect(
      prepare({
        top_p: 1,
        stop: 'END',
        seed: 7,
        frequency_penalty: 0.2,
        presence_penalty: 0.1,
        max_tokens: 50,
        max_completion_tokens: 80,
      }),
    ).toMatchObject({
      p: 0.99,
      stop_sequences: ['END'],
      seed: 7,
      frequency_penalty: 0.2,
      presence_penalty: 0.1,
      max_tokens: 80,
    });
    expect(prepare({ top_p: 0.5, stop: ['a', 'b'] })).toMatchObject({ p: 0.5, stop_sequences: ['a', 'b'] });
  });

  it('asks for JSON, with the schema for json_schema', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } } };

    expect(prepare({ response_format: { type: 'json_object' } }).response_format).toEqual({
      type: 'json_object',
    });
    expect(
      prepare({
        response_format: { type: 'json_schema', json_schema: { name: 'city', schema, strict: true } },
      }).response_format,
    ).toEqual({ type: 'json_object', json_schema: schema });
    expect(prepare({ response_format: { type: 'text' } })).not.toHaveProperty('response_format');
  });

  it('turns reasoning_effort into a thinking budget, none into disabled thinking', () => {
    expect(prepare({ reasoning_effort: 'medium' }).thinking).toEqual({ type: 'enabled', token_budget: 2048 });
    expect(prepare({ reasoning_effort: 'none' }).thinking).toEqual({ type: 'disabled' });
    expect(
      prepare({ reasoning_effort: 'high', thinking: { type: 'enabled', token_budget: 31000 } }).thinking,
    ).toEqual({
      type: 'enabled',
      token_budget: 31000,
    });
  });

  it('forwards Cohere’s own fields and documents, and sets stream', () => {
    const body = prepare(
      { k: 40, safety_mode: 'STRICT', documents: [{ data: { text: 'Lyon is in France.' } }] },
      true,
    );

    expect(body).toMatchObject({
      k: 40,
      safety_mode: 'STRICT',
      documents: [{ data: { text: 'Lyon is in France.' } }],
      stream: true,
    });
  });

  it.each([
    ['logit_bias', { logit_bias: { '50256': -100 } }],
    ['logprobs', { logprobs: true }],
    ['n', { n: 2 }],
    ['parallel_tool_calls', { parallel_tool_calls: false }],
  ])('refuses %s naming it, and drops it with drop_params', (name, extra) => {
    expect(() => prepare(extra)).toThrow(BadRequestError);
    expect(() => prepare(extra)).toThrow(`"${name}"`);
    const dropped = prepareCohereChatBody({ ...hello, ...extra }, { ...context, dropParams: true }, false);
    expect(dropped).not.toHaveProperty(name);
  });

  it('accepts the harmless values of those fields', () => {
    expect(() =>
      prepare({ n: 1, logprobs: false, parallel_tool_calls: true, modalities: ['text'] }),
    ).not.toThrow();
  });
});
