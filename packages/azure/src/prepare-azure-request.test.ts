import { BadRequestError, type ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { parseAzureApiVersion } from './azure-api-version.js';
import {
  prepareAzureChatBody,
  prepareAzureEmbeddingBody,
  unsupportedForVersion,
} from './prepare-azure-request.js';

const request: ChatRequest = {
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'be brief', cache_control: { type: 'ephemeral' } },
    { role: 'user', content: 'hi' },
  ],
  stream: true,
  stream_options: { include_usage: true },
};

const options = (version: string, stream: boolean, dropParams = false) => ({
  provider: 'azure',
  deployment: 'my-deployment',
  surface: parseAzureApiVersion(version),
  stream,
  dropParams,
});

describe('prepareAzureChatBody', () => {
  it('sends OpenAI’s body with the deployment as model and our extras removed', () => {
    const body = prepareAzureChatBody(request, options('2024-10-21', true));

    expect(body).toEqual({
      model: 'my-deployment',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hi' },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('leaves stream and stream_options out of a non-streaming call', () => {
    const body = prepareAzureChatBody(request, options('2024-10-21', false));

    expect(body).not.toHaveProperty('stream');
    expect(body).not.toHaveProperty('stream_options');
  });

  it('leaves stream_options out before 2024-09-01-preview, which rejects it', () => {
    expect(prepareAzureChatBody(request, options('2024-06-01', true))).not.toHaveProperty('stream_options');
    expect(prepareAzureChatBody(request, options('2024-09-01-preview', true)).stream_options).toEqual({
      include_usage: true,
    });
  });

  it('refuses tool_choice "required" before 2024-06-01 naming it, or drops it with drop_params', () => {
    const tools: ChatRequest = {
      ...request,
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      tool_choice: 'required',
    };

    expect(() => prepareAzureChatBody(tools, options('2024-02-01', false))).toThrow(BadRequestError);
    expect(() => prepareAzureChatBody(tools, options('2024-02-01', false))).toThrow(/"tool_choice"/);
    expect(prepareAzureChatBody(tools, options('2024-02-01', false, true))).not.toHaveProperty('tool_choice');
    expect(prepareAzureChatBody(tools, options('2024-06-01', false)).tool_choice).toBe('required');
  });
});

describe('unsupportedForVersion', () => {
  const schema: ChatRequest = {
    ...request,
    tool_choice: 'auto',
    response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
  };

  it('gates tool_choice before 2023-12-01 and json_schema before 2024-08-01', () => {
    expect(unsupportedForVersion(schema, parseAzureApiVersion('2023-05-15'))).toEqual([
      'tool_choice',
      'response_format',
    ]);
    expect(unsupportedForVersion(schema, parseAzureApiVersion('2024-06-01'))).toEqual(['response_format']);
    expect(unsupportedForVersion(schema, parseAzureApiVersion('2024-10-21'))).toEqual([]);
    expect(unsupportedForVersion(schema, parseAzureApiVersion('v1'))).toEqual([]);
  });
});

describe('prepareAzureEmbeddingBody', () => {
  it('sends the deployment as model', () => {
    expect(prepareAzureEmbeddingBody({ model: 'alias', input: 'x' }, 'embed-dep')).toEqual({
      model: 'embed-dep',
      input: 'x',
    });
  });
});
