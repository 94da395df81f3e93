import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../errors/error-classes.js';
import { parseRequest } from '../schemas/validation.js';
import { createResponseRequestSchema } from './response-request.js';

// Request bodies from the spec's `/responses` examples (shared/specs/openai-openapi.yaml).
const functionsExample = {
  model: 'gpt-5.4',
  input: 'What is the weather like in Boston today?',
  tools: [
    {
      type: 'function',
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string' },
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['location', 'unit'],
      },
    },
  ],
  tool_choice: 'auto',
};

describe('createResponseRequestSchema', () => {
  it('accepts the spec’s text, function and reasoning examples', () => {
    expect(
      parseRequest(createResponseRequestSchema, {
        model: 'gpt-5.4',
        input: 'Tell me a three sentence bedtime story about a unicorn.',
      }).input,
    ).toBe('Tell me a three sentence bedtime story about a unicorn.');
    expect(parseRequest(createResponseRequestSchema, functionsExample).tools).toHaveLength(1);
    expect(
      parseRequest(createResponseRequestSchema, {
        model: 'o3-mini',
        input: 'How much wood would a woodchuck chuck?',
        reasoning: { effort: 'high' },
      }).reasoning,
    ).toEqual({ effort: 'high' });
  });

  it('accepts the spec’s image input and every input item kind, keeping unknown fields', () => {
    const request = parseRequest(createResponseRequestSchema, {
      model: 'gpt-5.4',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'what is in this image?' },
            { type: 'input_image', image_url: 'https://example.com/a.jpg' },
            { type: 'input_image', file_id: 'file-123' },
          ],
        },
        {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'A cat.', annotations: [] }],
        },
        { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}' },
        { type: 'function_call_output', call_id: 'call_1', output: '42' },
        { role: 'developer', content: 'Be brief.' },
      ],
      text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true } },
      prompt_cache_key: 'kept',
    });
    expect(request.input).toHaveLength(5);
    expect(request.prompt_cache_key).toBe('kept');
  });

  it('refuses a message with an unknown role, naming the field', () => {
    const parse = () =>
      parseRequest(createResponseRequestSchema, { model: 'm', input: [{ role: 'robot', content: 'hi' }] });
    expect(parse).toThrow(BadRequestError);
    expect(parse).toThrow(/input\[0\]/);
  });

  it('refuses a request without input', () => {
    expect(() => parseRequest(createResponseRequestSchema, { model: 'm' })).toThrow(/input/);
  });
});
