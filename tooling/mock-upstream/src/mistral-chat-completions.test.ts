import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import type { MistralChatCompletion } from './providers/mistral/build-mistral-chat-completion.js';
import type { MistralValidationErrorBody } from './providers/mistral/mistral-error.js';
import { postJson } from './test-utils/http.js';

let mock: MockUpstream;
const key = 'mistral-test-key-0123456789';

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [key] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const auth = { headers: { authorization: `Bearer ${key}` } };
const url = () => `${mock.url}/mistral/v1/chat/completions`;

function chat(body: Record<string, unknown>): Promise<Response> {
  return postJson(url(), { model: 'mistral-small-latest', ...body }, auth);
}

const user = (content: string) => ({ role: 'user', content });
const weather = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
};

/** A response body, typed for the test (the test asserts its shape itself). */
async function json<T = unknown>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe('POST /mistral/v1/chat/completions', () => {
  it('answers in Mistral’s shape: no tool calls (null), prefix false, usage before created', async () => {
    const response = await chat({ messages: [user('hello world')] });

    expect(response.status).toBe(200);
    expect(response.headers.get('mistral-correlation-id')).toBeTruthy();
    const body = await json<MistralChatCompletion>(response);
    expect(Object.keys(body)).toEqual(['id', 'object', 'model', 'usage', 'created', 'choices']);
    expect(body.id).toMatch(/^[0-9a-f]{32}$/);
    expect(body.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', tool_calls: null, content: 'Mock reply to: hello world', prefix: false },
      finish_reason: 'stop',
    });
    expect(body.usage).toEqual({ prompt_tokens: 2, completion_tokens: 5, total_tokens: 7 });
  });

  it('is served only under its own prefix, so OpenAI’s /v1 paths stay OpenAI’s', async () => {
    const response = await postJson(
      `${mock.url}/v1/chat/completions`,
      {
        model: 'gpt-4o-mini',
        messages: [user('hi')],
        seed: 1,
      },
      auth,
    );

    expect(response.status).toBe(200);
    expect((await json<MistralChatCompletion>(response)).object).toBe('chat.completion');
  });

  it('requires the bearer key and answers 401 as Mistral’s gateway does', async () => {
    const response = await postJson(url(), { model: 'm', messages: [user('hi')] });

    expect(response.status).toBe(401);
    expect(await json(response)).toEqual({ detail: 'Unauthorized' });
  });

  it('refuses OpenAI-only fields with a 422 naming each of them', async () => {
    const response = await chat({
      messages: [user('hi')],
      seed: 7,
      max_completion_tokens: 10,
      stream_options: { include_usage: true },
    });

    expect(response.status).toBe(422);
    const body = await json<MistralValidationErrorBody>(response);
    expect(body).toMatchObject({ object: 'error', type: 'invalid_request_error', param: null, code: null });
    expect(body.message.detail.map((entry) => entry.loc)).toEqual([
      ['body', 'seed'],
      ['body', 'max_completion_tokens'],
      ['body', 'stream_options'],
    ]);
    expect(body.message.detail[0]).toMatchObject({
      type: 'extra_forbidden',
      msg: 'Extra inputs are not permitted',
    });
  });

  it('refuses fields Mistral’s messages and chunks do not define', async () => {
    const response = await chat({
      messages: [
        {
          role: 'user',
          name: 'ann',
          content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }],
        },
        { role: 'assistant', content: 'yes', reasoning_content: 'thought' },
        user('more'),
      ],
    });

    expect(response.status).toBe(422);
    const locs = (await json<MistralValidationErrorBody>(response)).message.detail.map((entry) =>
      entry.loc.join('.'),
    );
    expect(locs).toEqual([
      'body.messages.0.user.name',
      'body.messages.0.user.content.0.text.cache_control',
      'body.messages.1.assistant.reasoning_content',
    ]);
  });

  it('accepts its own chunks: image_url as a string, document_url, thinking in assistant turns', async () => {
    const response = await chat({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: 'data:image/png;base64,iVBORw0KGgo=' },
            { type: 'document_url', document_url: 'https://example.com/a.pdf', document_name: 'a.pdf' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: [{ type: 'text', text: 'hmm' }] },
            { type: 'text', text: 'ok' },
          ],
        },
        user('again'),
      ],
    });

    expect(response.status).toBe(200);
  });

  it('rejects tool call ids that are not nine letters and digits, as Mistral does', async () => {
    const response = await chat({
      tools: [weather],
      messages: [
        user('weather?'),
        {
          role: 'assistant',
          tool_calls: [
            { id: 'call_abc123', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_abc123', content: '21' },
      ],
    });

    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({
      object: 'error',
      message: 'Tool call id was call_abc123 but must be a-z, A-Z, 0-9, with a length of 9.',
      type: 'invalid_function_call',
      param: null,
      code: '3280',
    });
  });

  it('enforces its role order: no user right after a tool result, a last turn it can answer', async () => {
    const call = { id: 'abcDEF123', function: { name: 'get_weather', arguments: '{}' } };
    const afterTool = await chat({
      messages: [
        user('w?'),
        { role: 'assistant', tool_calls: [call] },
        { role: 'tool', tool_call_id: 'abcDEF123', content: '1' },
        user('and?'),
      ],
    });
    const lastAssistant = await chat({ messages: [user('hi'), { role: 'assistant', content: 'Hel' }] });
    const prefixed = await chat({
      messages: [user('hi'), { role: 'assistant', content: 'Hel', prefix: true }],
    });

    expect(afterTool.status).toBe(400);
    expect(await json(afterTool)).toMatchObject({
      message: "Unexpected role 'user' after role 'tool'",
      type: 'invalid_request_message_order',
      code: '3230',
    });
    expect(lastAssistant.status).toBe(400);
    expect(prefixed.status).toBe(200);
  });

  it('forces a tool call with tool_choice "any" and returns it without a type, with an index', async () => {
    const response = await chat({ messages: [user('w?')], tools: [weather], tool_choice: 'any' });

    const choice = (await json<MistralChatCompletion>(response)).choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^[a-zA-Z0-9]{9}$/),
        function: { name: 'get_weather', arguments: '{}' },
        index: 0,
      },
    ]);
  });

  it('answers thinking models with thinking and text chunks', async () => {
    const response = await chat({ model: 'magistral-medium-latest', messages: [user('why?')] });

    expect((await json<MistralChatCompletion>(response)).choices[0]?.message.content).toEqual([
      { type: 'thinking', thinking: [{ type: 'text', text: 'Thinking about: why?' }] },
      { type: 'text', text: 'Mock reply to: why?' },
    ]);
  });

  it('reports scripted usage with cached and reasoning details', async () => {
    mock.script({
      respond: { usage: { prompt_tokens: 50, completion_tokens: 9, cached_tokens: 20, reasoning_tokens: 4 } },
    });

    const body = await json<MistralChatCompletion>(await chat({ messages: [user('hi')] }));

    expect(body.usage).toEqual({
      prompt_tokens: 50,
      completion_tokens: 9,
      total_tokens: 59,
      prompt_tokens_details: { cached_tokens: 20 },
      completion_tokens_details: { reasoning_tokens: 4 },
    });
  });

  it.each([
    [400, { object: 'error', type: 'invalid_request_error' }],
    [404, { detail: 'Not Found' }],
    [429, { message: 'Requests rate limit exceeded' }],
    [500, { object: 'error', type: 'internal_server_error', code: '1000' }],
    [503, { object: 'error', type: 'service_unavailable' }],
  ])('answers a scripted %i with Mistral’s body for it', async (status, body) => {
    mock.script({ status });

    const response = await chat({ messages: [user('hi')] });

    expect(response.status).toBe(status);
    expect(await json(response)).toMatchObject(body);
  });

  it('answers invalid JSON with a validation error', async () => {
    const response = await postJson(url(), '{"model":', auth);

    expect(response.status).toBe(422);
    expect((await json<MistralValidationErrorBody>(response)).message.detail[0]?.type).toBe('json_invalid');
  });
});
