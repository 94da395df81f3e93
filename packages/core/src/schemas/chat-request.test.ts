import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../errors/error-classes.js';
import { chatRequestSchema } from './chat-request.js';
import { embeddingRequestSchema } from './embedding.js';
import { parseRequest } from './validation.js';

describe('chat request schema', () => {
  it('accepts the full range of OpenAI request features', () => {
    const request = {
      model: 'gpt-4o',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'system', content: [{ type: 'text', text: 'Sys' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR', detail: 'low' } },
            { type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } },
            { type: 'file', file: { file_id: 'file-abc' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'look', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'a cat' },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'look', parameters: { type: 'object', properties: {} }, strict: true },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'look' } },
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'out', schema: { type: 'object' }, strict: true },
      },
      stream: true,
      stream_options: { include_usage: true },
      n: 2,
      stop: ['\n'],
      temperature: 0.7,
      top_p: 0.9,
      max_completion_tokens: 100,
      seed: 42,
      user: 'u-1',
      reasoning_effort: 'low',
      metadata: { team: 'a' },
    };
    expect(parseRequest(chatRequestSchema, request)).toEqual(request);
  });

  it('keeps unknown fields for providers that accept them', () => {
    const parsed = parseRequest(chatRequestSchema, {
      model: 'm',
      messages: [{ role: 'user', content: 'hi', vendor_flag: 1 }],
      top_k: 40,
      repetition_penalty: 1.1,
    });
    expect(parsed).toMatchObject({ top_k: 40, repetition_penalty: 1.1 });
    expect(parsed.messages[0]).toMatchObject({ vendor_flag: 1 });
  });

  it.each([
    [{ messages: [{ role: 'user', content: 'x' }] }, 'model'],
    [{ model: 'm', messages: [] }, 'messages'],
    [{ model: 'm', messages: [{ role: 'user', content: 7 }] }, 'messages[0].content'],
    [{ model: 'm', messages: [{ role: 'wizard', content: 'x' }] }, 'messages[0].role'],
    [{ model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: 3 }, 'temperature'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], n: 0 }, 'n'],
    [
      { model: 'm', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'extreme' },
      'reasoning_effort',
    ],
    [
      { model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'xml' } },
      'response_format.type',
    ],
  ])('refuses %j with a 400 naming %s', (body, param) => {
    let thrown: unknown;
    try {
      parseRequest(chatRequestSchema, body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadRequestError);
    expect((thrown as BadRequestError).param).toBe(param);
    expect((thrown as BadRequestError).message).toContain(param);
  });
});

describe('embedding request schema', () => {
  it('accepts strings, string arrays and token arrays', () => {
    for (const input of ['a', ['a', 'b'], [1, 2, 3], [[1, 2], [3]]]) {
      expect(parseRequest(embeddingRequestSchema, { model: 'e', input }).input).toEqual(input);
    }
  });
  it('refuses an empty batch', () => {
    expect(() => parseRequest(embeddingRequestSchema, { model: 'e', input: [] })).toThrow(BadRequestError);
  });
});
