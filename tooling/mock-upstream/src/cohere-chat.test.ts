import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import type { CohereChatResponse } from './providers/cohere/build-cohere-chat-response.js';
import type { CohereErrorBody } from './providers/cohere/cohere-error.js';
import { postJson } from './test-utils/http.js';
import { readJson } from './test-utils/read-json.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const body = (text: string, extra: Record<string, unknown> = {}) => ({
  model: 'command-a-03-2025',
  messages: [{ role: 'user', content: text }],
  ...extra,
});
const chat = (payload: unknown) => postJson(`${mock.url}/v2/chat`, payload);
const weather = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } };

describe('POST /v2/chat', () => {
  it('answers in Cohere’s shape: content blocks, finish reason and usage with billed units', async () => {
    const response = await chat(body('hello there world'));

    expect(response.status).toBe(200);
    expect(response.headers.get('x-debug-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    const answer = await readJson<CohereChatResponse>(response);
    expect(answer).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/),
      message: { role: 'assistant', content: [{ type: 'text', text: 'Mock reply to: hello there world' }] },
      finish_reason: 'COMPLETE',
      usage: {
        billed_units: { input_tokens: 3, output_tokens: 6 },
        tokens: { input_tokens: 3, output_tokens: 6 },
        cached_tokens: 0,
      },
    });
  });

  it('reads text parts and counts every message’s words as input', async () => {
    const answer = await readJson<CohereChatResponse>(
      await chat({
        model: 'command-a-03-2025',
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is' },
              { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
              { type: 'text', text: 'this?' },
            ],
          },
        ],
      }),
    );

    expect(answer.message.content).toEqual([{ type: 'text', text: 'Mock reply to: What is this?' }]);
    expect(answer.usage.tokens.input_tokens).toBe(5);
  });

  it('calls the scripted tools with Cohere-style ids, the scripted content as the tool plan', async () => {
    mock.script({
      respond: {
        content: 'I will look up the weather.',
        toolCalls: [
          { name: 'get_weather', arguments: '{"city":"Paris"}' },
          { name: 'get_weather', arguments: '{"city":"Rome"}' },
        ],
      },
    });

    const answer = await readJson<CohereChatResponse>(await chat(body('weather?', { tools: [weather] })));

    expect(answer.finish_reason).toBe('TOOL_CALL');
    expect(answer.message.content).toBeUndefined();
    expect(answer.message.tool_plan).toBe('I will look up the weather.');
    expect(answer.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^get_weather_[0-9a-z]{12}$/),
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
      },
      {
        id: expect.stringMatching(/^get_weather_[0-9a-z]{12}$/),
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
      },
    ]);
    expect(answer.message.tool_calls?.[0]?.id).not.toBe(answer.message.tool_calls?.[1]?.id);
  });

  it('calls the first tool when tool_choice is REQUIRED, and none when NONE', async () => {
    const required = await readJson<CohereChatResponse>(
      await chat(body('hi', { tools: [weather], tool_choice: 'REQUIRED' })),
    );
    const none = await readJson<CohereChatResponse>(
      await chat(body('hi', { tools: [weather], tool_choice: 'NONE' })),
    );

    expect(required.message.tool_calls?.[0]?.function).toEqual({ name: 'get_weather', arguments: '{}' });
    expect(none.message.tool_calls).toBeUndefined();
    expect(none.finish_reason).toBe('COMPLETE');
  });

  it('thinks first when thinking is enabled', async () => {
    const answer = await readJson<CohereChatResponse>(
      await chat(body('two plus two', { thinking: { type: 'enabled', token_budget: 1024 } })),
    );

    expect(answer.message.content).toEqual([
      { type: 'thinking', thinking: 'Mock reasoning about: two plus two' },
      { type: 'text', text: 'Mock reply to: two plus two' },
    ]);
  });

  it('reports scripted usage, cached tokens inside input tokens and outside billed units', async () => {
    mock.script({ respond: { usage: { prompt_tokens: 120, completion_tokens: 40, cached_tokens: 30 } } });

    const answer = await readJson<CohereChatResponse>(await chat(body('hi')));

    expect(answer.usage).toEqual({
      billed_units: { input_tokens: 90, output_tokens: 40 },
      tokens: { input_tokens: 120, output_tokens: 40 },
      cached_tokens: 30,
    });
  });

  it('answers with a scripted finish reason and content', async () => {
    mock.script({ respond: { content: 'cut', finishReason: 'MAX_TOKENS' } });

    const answer = await readJson<CohereChatResponse>(await chat(body('hi')));

    expect(answer).toMatchObject({
      finish_reason: 'MAX_TOKENS',
      message: { content: [{ type: 'text', text: 'cut' }] },
    });
  });

  it.each([
    ['a missing model', { messages: [{ role: 'user', content: 'hi' }] }, 'model must be specified'],
    ['no messages', { model: 'command-a-03-2025', messages: [] }, 'messages must not be empty'],
    [
      'an OpenAI-only role',
      body('hi', { messages: [{ role: 'developer', content: 'x' }] }),
      'messages[0].role',
    ],
    [
      'a tool result without its call id',
      body('hi', { messages: [{ role: 'tool', content: '1' }] }),
      'tool_call_id',
    ],
    [
      'a lower-case tool choice',
      body('hi', { tools: [weather], tool_choice: 'required' }),
      'tool_choice must be',
    ],
    ['REQUIRED without tools', body('hi', { tool_choice: 'REQUIRED' }), 'needs at least one tool'],
  ])('rejects %s with a 400 and Cohere’s error body', async (_name, payload, message) => {
    const response = await chat(payload);

    expect(response.status).toBe(400);
    expect((await readJson<CohereErrorBody>(response)).message).toContain(message);
  });

  it('answers invalid JSON with Cohere’s 400', async () => {
    const response = await chat('{"model":');

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'invalid request: the request body is not valid JSON.',
    });
  });
});
