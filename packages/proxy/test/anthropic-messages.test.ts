import { decodeSse } from '@switchyard/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy } from './start-test-proxy.js';

// Anthropic-shaped requests over plain fetch, as the official @anthropic-ai/sdk would send them
// (that client is not a dependency yet).

let setup: TestProxy;
const headers = {
  'x-api-key': masterKey,
  'anthropic-version': '2023-06-01',
  'content-type': 'application/json',
};

beforeAll(async () => {
  setup = await startTestProxy();
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

/** An Anthropic message or error body, read loosely: each test checks the fields it reads. */
interface Body {
  type: string;
  id?: string;
  content: Array<{ type: string; text?: string; id?: string; name?: string; input?: unknown }>;
  stop_reason?: string | null;
  usage?: Record<string, number>;
  error: { type: string; message: string };
  [field: string]: unknown;
}

/** The payload of one stream event. */
interface EventData {
  type: string;
  index?: number;
  message?: Record<string, unknown>;
  content_block?: Record<string, unknown>;
  delta: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: Record<string, number>;
  [field: string]: unknown;
}

async function post(body: unknown, extra: { headers?: Record<string, string>; path?: string } = {}) {
  const response = await fetch(`${setup.proxy.url}${extra.path ?? '/v1/messages'}`, {
    method: 'POST',
    headers: extra.headers ?? headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
}

async function stream(body: Record<string, unknown>): Promise<Array<{ event: string; data: EventData }>> {
  const response = await fetch(`${setup.proxy.url}/v1/messages`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ...body, stream: true }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const events: Array<{ event: string; data: EventData }> = [];
  for await (const event of decodeSse(response.body!)) {
    const data = JSON.parse(event.data) as EventData;
    expect(data.type).toBe(event.event);
    events.push({ event: event.event ?? '', data });
  }
  return events;
}

function upstreamBody(index: number): Record<string, unknown> {
  return setup.upstream.requests[index]?.body as Record<string, unknown>;
}

function expectAnthropicError(body: Body, type: string) {
  expect(Object.keys(body).sort()).toEqual(['error', 'request_id', 'type']);
  expect(body.type).toBe('error');
  expect(Object.keys(body.error).sort()).toEqual(['message', 'type']);
  expect(body.error.type).toBe(type);
  expect(typeof body.error.message).toBe('string');
}

const hello = { max_tokens: 256, messages: [{ role: 'user', content: 'Hello, Claude' }] };

/** Checks Anthropic's framing: start, then whole blocks with consecutive indexes, delta, stop. */
function expectWellFramed(events: Array<{ event: string; data: EventData }>) {
  const names = events.map((item) => item.event).filter((name) => name !== 'ping');
  expect(names[0]).toBe('message_start');
  expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
  let open: number | undefined;
  let next = 0;
  for (const { event, data } of events) {
    if (event === 'content_block_start') {
      expect(open).toBeUndefined();
      expect(data.index).toBe(next);
      open = next;
      next += 1;
    } else if (event === 'content_block_delta') {
      expect(data.index).toBe(open);
    } else if (event === 'content_block_stop') {
      expect(data.index).toBe(open);
      open = undefined;
    }
  }
  expect(open).toBeUndefined();
}

describe('the Anthropic Messages API on the proxy', () => {
  it('answers from an OpenAI-backed model as an Anthropic message', async () => {
    const result = await post({ ...hello, model: 'gpt-test', temperature: 0.5, top_k: 5 });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: expect.stringContaining('Hello, Claude') }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: expect.any(Number),
        output_tokens: expect.any(Number),
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    });
    expect(result.body.usage?.input_tokens).toBeGreaterThan(0);
    const [request] = setup.upstream.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.body).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      messages: [{ role: 'user', content: 'Hello, Claude' }],
      temperature: 0.5,
    });
  });

  it('answers from the mock provider, also on /messages with a Bearer key', async () => {
    const result = await post(
      { ...hello, model: 'local' },
      { path: '/messages', headers: { ...headers, 'x-api-key': '', authorization: `Bearer ${masterKey}` } },
    );
    expect(result.status).toBe(200);
    expect(result.body.type).toBe('message');
    expect(result.body.content[0]).toMatchObject({ type: 'text', text: expect.any(String) });
    expect(result.body.stop_reason).toBe('end_turn');
  });

  it('sends the system prompt upstream as a system message', async () => {
    await post({ ...hello, model: 'gpt-test', system: [{ type: 'text', text: 'Be brief.' }] });
    expect(setup.upstream.requests[0]?.body).toMatchObject({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: 'Hello, Claude' },
      ],
    });
  });

  it('streams with the exact event order and consistent indexes', async () => {
    const events = await stream({ ...hello, model: 'gpt-test' });
    expectWellFramed(events);
    expect(events.map((item) => item.event).slice(0, 4)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
    ]);
    expect(events[0]?.data.message).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [],
      stop_reason: null,
    });
    const text = events
      .filter((item) => item.event === 'content_block_delta')
      .map((item) => item.data.delta.text as string)
      .join('');
    const plain = await post({ ...hello, model: 'gpt-test' });
    expect(text).toBe(plain.body.content[0]?.text);
    const delta = events.find((item) => item.event === 'message_delta')!.data;
    expect(delta.delta).toEqual({ stop_reason: 'end_turn', stop_sequence: null });
    expect(delta.usage).toEqual(plain.body.usage);
  });

  it('round-trips tool use: tool_use out, tool_result back in', async () => {
    const tools = [
      {
        name: 'get_weather',
        description: 'Get the current weather in a given location',
        input_schema: {
          type: 'object',
          properties: { location: { type: 'string' } },
          required: ['location'],
        },
      },
    ];
    const question = { role: 'user', content: 'What is the weather in Paris?' };
    setup.upstream.script({
      times: 1,
      respond: { toolCalls: [{ name: 'get_weather', arguments: '{"location":"Paris"}' }] },
    });
    const first = await post({
      model: 'gpt-test',
      max_tokens: 100,
      tools,
      tool_choice: { type: 'any' },
      messages: [question],
    });
    expect(first.status).toBe(200);
    expect(first.body.stop_reason).toBe('tool_use');
    const toolUse = first.body.content.find((block) => block.type === 'tool_use')!;
    expect(toolUse).toEqual({
      type: 'tool_use',
      id: expect.any(String),
      name: 'get_weather',
      input: { location: 'Paris' },
    });
    expect(setup.upstream.requests[0]?.body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: tools[0]?.input_schema } }],
      tool_choice: 'required',
    });

    const second = await post({
      model: 'gpt-test',
      max_tokens: 100,
      tools,
      messages: [
        question,
        { role: 'assistant', content: first.body.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18°C and sunny' }],
        },
      ],
    });
    expect(second.status).toBe(200);
    expect(second.body.stop_reason).toBe('end_turn');
    expect(upstreamBody(1).messages).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: toolUse.id,
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: toolUse.id, content: '18°C and sunny' },
    ]);
  });

  it('streams tool calls as tool_use blocks with input_json_delta', async () => {
    setup.upstream.script({
      times: 1,
      respond: {
        toolCalls: [
          { name: 'get_weather', arguments: '{"location":"Paris, France"}' },
          { name: 'get_time', arguments: '{"zone":"Europe/Paris"}' },
        ],
      },
    });
    const events = await stream({ ...hello, model: 'gpt-test' });
    expectWellFramed(events);
    const starts = events
      .filter((item) => item.event === 'content_block_start')
      .map((item) => item.data.content_block);
    expect(starts).toEqual([
      { type: 'tool_use', id: expect.any(String), name: 'get_weather', input: {} },
      { type: 'tool_use', id: expect.any(String), name: 'get_time', input: {} },
    ]);
    const inputs = [0, 1].map((index) =>
      events
        .filter((item) => item.event === 'content_block_delta' && item.data.index === index)
        .map((item) => {
          expect(item.data.delta.type).toBe('input_json_delta');
          return item.data.delta.partial_json as string;
        })
        .join(''),
    );
    expect(inputs.map((input) => JSON.parse(input))).toEqual([
      { location: 'Paris, France' },
      { zone: 'Europe/Paris' },
    ]);
    expect(events.find((item) => item.event === 'message_delta')?.data.delta.stop_reason).toBe('tool_use');
  });

  it('sends images upstream as image_url parts', async () => {
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const result = await post({
      model: 'gpt-test',
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/ant.jpg' } },
            { type: 'text', text: 'What is in these images?' },
          ],
        },
      ],
    });
    expect(result.status).toBe(200);
    expect(upstreamBody(0).messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
          { type: 'image_url', image_url: { url: 'https://example.com/ant.jpg' } },
          { type: 'text', text: 'What is in these images?' },
        ],
      },
    ]);
  });
});

describe('count_tokens', () => {
  it('estimates the input tokens without calling upstream', async () => {
    const result = await post(
      { model: 'gpt-test', messages: [{ role: 'user', content: 'Hello, Claude' }] },
      { path: '/v1/messages/count_tokens' },
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ input_tokens: 4 });
    expect(setup.upstream.requests).toHaveLength(0);
  });

  it("answers an unknown model with 404 and a PDF with 400, in Anthropic's shape", async () => {
    const unknown = await post(
      { model: 'nowhere', messages: [{ role: 'user', content: 'x' }] },
      { path: '/v1/messages/count_tokens' },
    );
    expect(unknown.status).toBe(404);
    expectAnthropicError(unknown.body, 'not_found_error');
    const pdf = await post(
      {
        model: 'gpt-test',
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'document',
                source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' },
              },
            ],
          },
        ],
      },
      { path: '/v1/messages/count_tokens' },
    );
    expect(pdf.status).toBe(400);
    expectAnthropicError(pdf.body, 'invalid_request_error');
  });
});

describe("errors on the Anthropic route are in Anthropic's shape", () => {
  it('a wrong or missing key is a 401 authentication_error', async () => {
    const wrong = await post(
      { ...hello, model: 'gpt-test' },
      { headers: { ...headers, 'x-api-key': 'sk-wrong' } },
    );
    expect(wrong.status).toBe(401);
    expectAnthropicError(wrong.body, 'authentication_error');
    const missing = await post(
      { ...hello, model: 'gpt-test' },
      { headers: { 'content-type': 'application/json' } },
    );
    expect(missing.status).toBe(401);
    expectAnthropicError(missing.body, 'authentication_error');
  });

  it('malformed JSON is a 400 invalid_request_error', async () => {
    const result = await post('{"model": "gpt-test", "messages": [');
    expect(result.status).toBe(400);
    expectAnthropicError(result.body, 'invalid_request_error');
    expect(result.body.error.message).toContain('not valid JSON');
  });

  it('a schema violation is a 400 naming the field', async () => {
    const result = await post({
      model: 'gpt-test',
      max_tokens: 10,
      messages: [{ role: 'user', content: [{ type: 'text', text: 3 }] }],
    });
    expect(result.status).toBe(400);
    expectAnthropicError(result.body, 'invalid_request_error');
    expect(result.body.error.message).toContain('messages[0].content[0].text');
    const noMax = await post({ model: 'gpt-test', messages: [{ role: 'user', content: 'x' }] });
    expect(noMax.status).toBe(400);
    expect(noMax.body.error.message).toContain('max_tokens');
    expect(setup.upstream.requests).toHaveLength(0);
  });

  it('an unknown model is a 404 not_found_error', async () => {
    const result = await post({ ...hello, model: 'claude-nowhere' });
    expect(result.status).toBe(404);
    expectAnthropicError(result.body, 'not_found_error');
  });

  it('an upstream 429 is a 429 rate_limit_error with retry-after', async () => {
    setup.upstream.script({ status: 429, times: 1, headers: { 'retry-after': '3' } });
    const result = await post({ ...hello, model: 'gpt-test' });
    expect(result.status).toBe(429);
    expectAnthropicError(result.body, 'rate_limit_error');
    expect(result.headers.get('retry-after')).toBe('3');
  });

  it('an upstream 529 or 503 is overloaded_error', async () => {
    setup.upstream.script({ status: 529, times: 1 });
    const overloaded = await post({ ...hello, model: 'gpt-test' });
    expect(overloaded.status).toBe(529);
    expectAnthropicError(overloaded.body, 'overloaded_error');
    setup.upstream.script({ status: 503, times: 1 });
    const unavailable = await post({ ...hello, model: 'gpt-test' });
    expect(unavailable.status).toBe(503);
    expectAnthropicError(unavailable.body, 'overloaded_error');
  });

  it('an upstream error before a stream starts is an HTTP error, not a stream', async () => {
    setup.upstream.script({ status: 429, times: 1 });
    const response = await fetch(`${setup.proxy.url}/v1/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...hello, model: 'gpt-test', stream: true }),
    });
    expect(response.status).toBe(429);
    expectAnthropicError((await response.json()) as Body, 'rate_limit_error');
  });

  it('an error mid-stream becomes event: error', async () => {
    setup.upstream.script({ streamErrorStatus: 429, times: 1 });
    const events = await stream({ ...hello, model: 'gpt-test' });
    expect(events[0]?.event).toBe('message_start');
    const last = events.at(-1)!;
    expect(last.event).toBe('error');
    expect(last.data).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error', message: expect.any(String) },
    });
  });

  it("leaves the OpenAI routes' error shape alone", async () => {
    const result = await fetch(`${setup.proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-api-key': 'sk-wrong', 'content-type': 'application/json' },
      body: '{}',
    });
    const body = (await result.json()) as { error: Record<string, unknown> };
    expect(result.status).toBe(401);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  });

  it('still serves afterwards', async () => {
    const result = await post({ ...hello, model: 'gpt-test' });
    expect(result.status).toBe(200);
    expect(result.body.type).toBe('message');
  });
});

describe('the body limit on the Anthropic route', () => {
  let small: TestProxy;
  beforeAll(async () => {
    small = await startTestProxy('  max_request_size_mb: 0.01\n');
  });
  afterAll(() => small.close());

  it("answers 413 request_too_large in Anthropic's shape", async () => {
    const response = await fetch(`${small.proxy.url}/v1/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        ...hello,
        model: 'gpt-test',
        messages: [{ role: 'user', content: 'x'.repeat(20_000) }],
      }),
    });
    expect(response.status).toBe(413);
    expectAnthropicError((await response.json()) as Body, 'request_too_large');
  });
});
