import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { chatBody, postJson } from './test-utils/http.js';
import { readCompletion, readError } from './test-utils/read-json.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const ZERO_DETAILS = {
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: {
    reasoning_tokens: 0,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
};

describe('POST /v1/chat/completions (JSON)', () => {
  it('answers in OpenAI chat.completion shape with a reply derived from the last user message', async () => {
    const response = await postJson(`${mock.url}/v1/chat/completions`, {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
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
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    const body = await readCompletion(response);
    expect(body).toEqual({
      id: expect.stringMatching(/^chatcmpl-[A-Za-z0-9]{29}$/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Mock reply to: What is the time?', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      // prompt: "Be brief." 2 + "first question" 2 + "an answer" 2 + "What is the time?" 4; reply: 7 words
      usage: { prompt_tokens: 10, completion_tokens: 7, total_tokens: 17, ...ZERO_DETAILS },
      system_fingerprint: expect.stringMatching(/^fp_/),
      service_tier: 'default',
    });
    expect(Math.abs(body.created - Date.now() / 1000)).toBeLessThan(60);
  });

  it('serves the route without the /v1 prefix too', async () => {
    const response = await postJson(`${mock.url}/chat/completions`, chatBody('hi'));

    expect(response.status).toBe(200);
    expect((await readCompletion(response)).choices[0]?.message.content).toBe('Mock reply to: hi');
  });

  it('returns n choices and counts completion tokens across them', async () => {
    const response = await postJson(`${mock.url}/v1/chat/completions`, chatBody('hello', { n: 3 }));
    const body = await readCompletion(response);

    expect(body.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
    expect(body.usage.completion_tokens).toBe(3 * 4);
  });

  it('applies a rule’s respond overrides: content, finish reason, usage and model', async () => {
    mock.script({
      respond: {
        content: 'Scripted.',
        finishReason: 'length',
        usage: { prompt_tokens: 11, completion_tokens: 5, cached_tokens: 4, reasoning_tokens: 2 },
        model: 'gpt-4o-mini-2024-07-18',
      },
    });

    const body = await readCompletion(await postJson(`${mock.url}/v1/chat/completions`, chatBody('hi')));

    expect(body.model).toBe('gpt-4o-mini-2024-07-18');
    expect(body.choices[0]?.message.content).toBe('Scripted.');
    expect(body.choices[0]?.finish_reason).toBe('length');
    expect(body.usage).toEqual({
      prompt_tokens: 11,
      completion_tokens: 5,
      total_tokens: 16,
      prompt_tokens_details: { cached_tokens: 4, audio_tokens: 0 },
      completion_tokens_details: { ...ZERO_DETAILS.completion_tokens_details, reasoning_tokens: 2 },
    });
  });

  it('answers with scripted tool calls', async () => {
    mock.script({ respond: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] } });

    const body = await readCompletion(
      await postJson(`${mock.url}/v1/chat/completions`, chatBody('weather?')),
    );

    expect(body.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: [
          {
            id: expect.stringMatching(/^call_[A-Za-z0-9]{24}$/),
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    });
  });

  it('calls the first tool when tool_choice is "required", and the named one when given', async () => {
    const tools = ['lookup', 'search'].map((name) => ({
      type: 'function',
      function: { name, parameters: {} },
    }));
    const required = await postJson(
      `${mock.url}/v1/chat/completions`,
      chatBody('go', { tools, tool_choice: 'required' }),
    );
    const named = await postJson(
      `${mock.url}/v1/chat/completions`,
      chatBody('go', { tools, tool_choice: { type: 'function', function: { name: 'search' } } }),
    );
    const auto = await postJson(`${mock.url}/v1/chat/completions`, chatBody('go', { tools }));

    const calledFunction = async (response: Response) =>
      (await readCompletion(response)).choices[0]?.message.tool_calls?.[0]?.function;
    expect(await calledFunction(required)).toEqual({ name: 'lookup', arguments: '{}' });
    expect(await calledFunction(named)).toEqual({ name: 'search', arguments: '{}' });
    expect(await calledFunction(auto)).toBeUndefined();
  });

  it('rejects a body that is not JSON with OpenAI’s 400', async () => {
    const response = await postJson(`${mock.url}/v1/chat/completions`, '{"model": ');

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining('We could not parse the JSON body of your request.'),
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });

  it('rejects a request without messages as OpenAI does', async () => {
    const response = await postJson(`${mock.url}/v1/chat/completions`, { model: 'gpt-4o' });

    expect(response.status).toBe(400);
    expect((await readError(response)).error).toEqual({
      message: "Missing required parameter: 'messages'.",
      type: 'invalid_request_error',
      param: 'messages',
      code: 'missing_required_parameter',
    });
  });

  it('answers an unknown route with OpenAI’s 404', async () => {
    const response = await fetch(`${mock.url}/v1/completions/nope`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: 'Invalid URL (GET /v1/completions/nope)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });
});
