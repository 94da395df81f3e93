import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy } from './start-test-proxy.js';

// The official Anthropic client (as Claude Code uses it with ANTHROPIC_BASE_URL) against the proxy,
// answered by an OpenAI-backed model, a Gemini-backed one and the local mock provider.
let setup: TestProxy;
let client: Anthropic;

beforeAll(async () => {
  setup = await startTestProxy(
    '',
    `  - model_name: gemini-test
    litellm_params:
      model: gemini/gemini-2.0-flash
      api_base: MOCK
      api_key: os.environ/TEST_UPSTREAM_KEY
`,
  );
  client = new Anthropic({ apiKey: masterKey, baseURL: setup.proxy.url, maxRetries: 0 });
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

describe.each(['gpt-test', 'gemini-test', 'local'])(
  'the official @anthropic-ai/sdk client with %s',
  (model) => {
    it('gets a plain answer', async () => {
      const message = await client.messages.create({
        model,
        max_tokens: 256,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'Hello from the Anthropic client' }],
      });
      expect(message.type).toBe('message');
      expect(message.role).toBe('assistant');
      const text = message.content.find((block) => block.type === 'text');
      expect(text?.type === 'text' && text.text).toContain('Hello from the Anthropic client');
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage.output_tokens).toBeGreaterThan(0);
    });

    it('streams, and the helper assembles the same message', async () => {
      const stream = client.messages.stream({
        model,
        max_tokens: 256,
        messages: [{ role: 'user', content: 'Stream to the Anthropic client' }],
      });
      const events: string[] = [];
      stream.on('streamEvent', (event) => events.push(event.type));
      const message = await stream.finalMessage();
      expect(events[0]).toBe('message_start');
      expect(events.at(-1)).toBe('message_stop');
      expect(events).toContain('content_block_delta');
      const text = message.content.find((block) => block.type === 'text');
      expect(text?.type === 'text' && text.text).toContain('Stream to the Anthropic client');
    });

    it('uses tools and takes the tool result back', async () => {
      setup.upstream.script({
        respond: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
        times: 1,
      });
      const first = await client.messages.create({
        model,
        max_tokens: 256,
        tools: [weather],
        tool_choice: { type: 'tool', name: 'get_weather' },
        messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      });
      expect(first.stop_reason).toBe('tool_use');
      const call = first.content.find((block) => block.type === 'tool_use');
      expect(call?.type === 'tool_use' && call.name).toBe('get_weather');
      if (call?.type !== 'tool_use') return;
      if (model !== 'local') expect(call.input).toEqual({ city: 'Oslo' });
      const second = await client.messages.create({
        model,
        max_tokens: 256,
        tools: [weather],
        messages: [
          { role: 'user', content: 'Weather in Oslo?' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '21 degrees' }] },
        ],
      });
      expect(second.stop_reason).toBe('end_turn');
    });
  },
);

describe('errors in Anthropic’s shape for the official client', () => {
  it('reports a wrong key and an unknown model with the SDK’s own error classes', async () => {
    const wrong = new Anthropic({ apiKey: 'sk-wrong', baseURL: setup.proxy.url, maxRetries: 0 });
    const denied = await wrong.messages
      .create({ model: 'gpt-test', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(Anthropic.AuthenticationError);
    const missing = await client.messages
      .create({ model: 'nope', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
  });
});
