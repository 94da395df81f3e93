import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import type { AnthropicErrorBody } from './providers/anthropic/anthropic-error.js';
import type { AnthropicMessage } from './providers/anthropic/build-anthropic-message.js';
import { postJson } from './test-utils/http.js';
import { readJson } from './test-utils/read-json.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: ['sk-ant-test-key-one'] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const headers = { 'x-api-key': 'sk-ant-test-key-one', 'anthropic-version': '2023-06-01' };

const messagesBody = (text: string, extra: Record<string, unknown> = {}) => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: text }],
  ...extra,
});

const post = (body: unknown, init: RequestInit = {}, path = '/v1/messages') =>
  postJson(`${mock.url}${path}`, body, { headers, ...init });

const readMessage = (response: Response) => readJson<AnthropicMessage>(response);
const readError = (response: Response) => readJson<AnthropicErrorBody>(response);

const weatherTool = {
  name: 'get_weather',
  description: 'Weather of a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } } },
};

describe('POST /v1/messages (JSON)', () => {
  it('answers in the Messages API shape with a reply to the last user turn', async () => {
    const response = await post({
      ...messagesBody('first question'),
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'an answer' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is' },
            { type: 'text', text: 'the time?' },
          ],
        },
      ],
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('request-id')).toMatch(/^req_mock\d{20}$/);
    expect(await readMessage(response)).toEqual({
      id: expect.stringMatching(/^msg_01[A-Za-z0-9]{22}$/),
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'Mock reply to: What is the time?' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      // prompt: "Be brief." 2 + "first question" 2 + "an answer" 2 + "What is the time?" 4; reply: 7 words
      usage: {
        input_tokens: 10,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 7,
        output_tokens_details: { thinking_tokens: 0 },
        service_tier: 'standard',
      },
    });
  });

  it('answers a forced tool with a tool_use block and stop_reason tool_use', async () => {
    const response = await post(
      messagesBody('weather?', { tools: [weatherTool], tool_choice: { type: 'tool', name: 'get_weather' } }),
    );

    const message = await readMessage(response);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      { type: 'tool_use', id: expect.stringMatching(/^toolu_01/), name: 'get_weather', input: {} },
    ]);
  });

  it('answers scripted tool calls, thinking, content, stop reason and usage in Anthropic terms', async () => {
    mock.script({
      respond: {
        reasoning: 'Let me check.',
        content: 'Checking.',
        toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }],
        finishReason: 'tool_use',
        usage: {
          prompt_tokens: 120,
          completion_tokens: 40,
          cached_tokens: 30,
          cache_creation_tokens: 50,
          reasoning_tokens: 10,
        },
      },
    });

    const message = await readMessage(await post(messagesBody('weather?', { tools: [weatherTool] })));

    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Let me check.', signature: expect.any(String) },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: expect.any(String), name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(message.usage).toMatchObject({
      input_tokens: 40,
      cache_read_input_tokens: 30,
      cache_creation_input_tokens: 50,
      output_tokens: 40,
      output_tokens_details: { thinking_tokens: 10 },
    });
  });

  it('thinks before answering when thinking is enabled, with a signature', async () => {
    const message = await readMessage(
      await post(
        messagesBody('why?', { max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 } }),
      ),
    );

    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(message.content[0]).toMatchObject({ thinking: 'Mock thinking about: why?' });
    expect((message.content[0] as { signature: string }).signature.length).toBeGreaterThan(20);
    // "Mock thinking about: why?" 4 words of the 8 output tokens
    expect(message.usage).toMatchObject({ output_tokens: 8, output_tokens_details: { thinking_tokens: 4 } });
  });

  it('answers {} to a JSON schema output unless content is scripted', async () => {
    const format = { type: 'json_schema', schema: { type: 'object' } };

    const native = await readMessage(await post(messagesBody('x', { output_config: { format } })));
    const beta = await readMessage(await post(messagesBody('x', { output_format: format })));

    expect(native.content).toEqual([{ type: 'text', text: '{}' }]);
    expect(beta.content).toEqual([{ type: 'text', text: '{}' }]);
  });

  it('accepts a tool result answering the previous tool_use, and quotes it', async () => {
    const response = await post(
      messagesBody('x', {
        tools: [weatherTool],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }],
          },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }],
          },
        ],
      }),
    );

    expect((await readMessage(response)).content).toEqual([{ type: 'text', text: 'Mock reply to: sunny' }]);
  });
});

describe('POST /v1/messages validation', () => {
  const textBlock = (text: string) => ({ type: 'text', text });

  it.each([
    ['max_tokens', { max_tokens: undefined }, 'max_tokens: Field required'],
    ['model', { model: undefined }, 'model: Field required'],
    [
      'a system role',
      { messages: [{ role: 'system', content: 'x' }] },
      'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
    ],
    [
      'two user turns in a row',
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
        ],
      },
      'messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row',
    ],
    [
      'an empty text block',
      { messages: [{ role: 'user', content: [textBlock('')] }] },
      'messages: text content blocks must be non-empty',
    ],
    [
      'empty content',
      {
        messages: [
          { role: 'user', content: [] },
          { role: 'assistant', content: 'a' },
        ],
      },
      'messages.0: all messages must have non-empty content except for the optional final assistant message',
    ],
    ['a temperature above 1', { temperature: 1.5 }, 'temperature: range: 0..1'],
    [
      'a tool result without its tool_use',
      {
        messages: [
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: 'y' }] },
        ],
      },
      'messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_x. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
    ],
    [
      'a tool_use left unanswered',
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }] },
          { role: 'user', content: 'b' },
        ],
      },
      'messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
    ],
    [
      'a thinking block without its signature',
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm' }, textBlock('b')] },
          { role: 'user', content: 'c' },
        ],
      },
      'messages.1.content.0.thinking.signature: Field required',
    ],
    [
      'an image with an unsupported media type',
      {
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'Qk0=' } }],
          },
        ],
      },
      "messages.0.content.0.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'",
    ],
    [
      'a thinking budget under 1024',
      { thinking: { type: 'enabled', budget_tokens: 100 } },
      'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024',
    ],
    [
      'a forced tool with thinking',
      {
        max_tokens: 4096,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        tools: [weatherTool],
        tool_choice: { type: 'any' },
      },
      'Thinking may not be enabled when tool_choice forces tool use.',
    ],
    [
      'tool_choice without tools',
      { tool_choice: { type: 'auto' } },
      'tool_choice may only be specified while providing tools.',
    ],
  ])('refuses %s with a 400 invalid_request_error', async (_name, extra, message) => {
    const response = await post(messagesBody('hello', extra));

    expect(response.status).toBe(400);
    expect(await readError(response)).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message },
    });
  });

  it('refuses a max_tokens not above the thinking budget, pointing at the documentation', async () => {
    const response = await post(messagesBody('x', { thinking: { type: 'enabled', budget_tokens: 1024 } }));

    expect(response.status).toBe(400);
    expect((await readError(response)).error.message).toMatch(
      /^`max_tokens` must be greater than `thinking.budget_tokens`/,
    );
  });

  it('requires the anthropic-version header', async () => {
    const response = await post(messagesBody('x'), { headers: { 'x-api-key': 'sk-ant-test-key-one' } });

    expect(response.status).toBe(400);
    expect((await readError(response)).error.message).toBe('anthropic-version: header is required');
  });

  it('answers a body that is not JSON with a 400 in Anthropic’s shape', async () => {
    const response = await post('{"model":');

    expect(response.status).toBe(400);
    expect((await readError(response)).error.type).toBe('invalid_request_error');
  });
});

describe('authentication and scripted errors', () => {
  it.each([
    [{ 'anthropic-version': '2023-06-01' }, 'x-api-key header is required'],
    [{ 'anthropic-version': '2023-06-01', 'x-api-key': 'sk-ant-wrong-secret' }, 'invalid x-api-key'],
  ])('answers %j with a 401 authentication_error', async (sent, message) => {
    const response = await post(messagesBody('x'), { headers: sent });

    expect(response.status).toBe(401);
    const body = await readError(response);
    expect(body).toEqual({ type: 'error', error: { type: 'authentication_error', message } });
    expect(JSON.stringify(body)).not.toContain('wrong-secret');
  });

  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [413, 'request_too_large'],
    [429, 'rate_limit_error'],
    [500, 'api_error'],
    [529, 'overloaded_error'],
  ])('answers a scripted %i with Anthropic’s error type for it', async (status, type) => {
    mock.script({ status });

    const response = await post(messagesBody('x'));

    expect(response.status).toBe(status);
    expect(await readError(response)).toEqual({
      type: 'error',
      error: { type, message: expect.any(String) },
    });
  });

  it('names the model in a 404, as Anthropic does', async () => {
    mock.script({ status: 404 });

    const response = await post(messagesBody('x', { model: 'claude-nonexistent' }));

    expect((await readError(response)).error.message).toBe('model: claude-nonexistent');
  });

  it('matches rules on the path without the /v1 prefix', async () => {
    mock.script({ match: { path: '/messages' }, status: 529 });

    const response = await post(messagesBody('x'));

    expect(response.status).toBe(529);
  });
});

describe('POST /v1/messages/count_tokens', () => {
  it('counts the prompt’s tokens without needing max_tokens', async () => {
    const response = await post(
      {
        model: 'claude-sonnet-4-5',
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'one two three' }],
      },
      {},
      '/v1/messages/count_tokens',
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ input_tokens: 5 });
    expect(mock.requests[0]?.path).toBe('/v1/messages/count_tokens');
  });
});
