import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy, upstreamKey } from './start-test-proxy.js';

// Anthropic in, Anthropic upstream: the body and the answer pass through without a lossy round
// trip (thinking blocks with signatures, cache_control, anthropic-beta kept).
let setup: TestProxy;
let client: Anthropic;

beforeAll(async () => {
  setup = await startTestProxy(
    '',
    `  - model_name: claude
    litellm_params:
      model: anthropic/claude-sonnet-4-5
      api_base: MOCK
      api_key: os.environ/TEST_UPSTREAM_KEY
`,
  );
  client = new Anthropic({ apiKey: masterKey, baseURL: setup.proxy.url, maxRetries: 0 });
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

const conversation: Anthropic.MessageParam[] = [
  { role: 'user', content: [{ type: 'text', text: 'Think first.', cache_control: { type: 'ephemeral' } }] },
  {
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'Let me think.', signature: 'sig-abc123' },
      { type: 'text', text: 'Thought about it.' },
    ],
  },
  { role: 'user', content: 'And now?' },
];

describe('Anthropic pass-through', () => {
  it('sends the client’s body unchanged but for the upstream model id, with anthropic-beta kept', async () => {
    const message = await client.messages.create(
      {
        model: 'claude',
        max_tokens: 300,
        system: 'Be brief.',
        messages: conversation,
        metadata: { user_id: 'user-7' },
      },
      { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' } },
    );
    expect(message.type).toBe('message');
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe('/v1/messages');
    expect(upstream?.headers['x-api-key']).toBe(upstreamKey);
    expect(upstream?.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    expect(upstream?.body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      system: 'Be brief.',
      messages: conversation,
      metadata: { user_id: 'user-7' },
    });
  });

  it('passes the upstream stream through frame for frame', async () => {
    const stream = client.messages.stream({ model: 'claude', max_tokens: 300, messages: conversation });
    const events: string[] = [];
    stream.on('streamEvent', (event) => events.push(event.type));
    const message = await stream.finalMessage();
    expect(events[0]).toBe('message_start');
    expect(events.at(-1)).toBe('message_stop');
    expect(message.content.length).toBeGreaterThan(0);
    expect(setup.upstream.requests[0]?.body).toMatchObject({ stream: true, messages: conversation });
  });

  it('maps an upstream error to Anthropic’s shape and status', async () => {
    setup.upstream.script({ status: 529, times: 1 });
    const error = await client.messages
      .create({ model: 'claude', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
  });
});
