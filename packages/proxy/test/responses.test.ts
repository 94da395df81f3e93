import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy } from './start-test-proxy.js';

let setup: TestProxy;
let client: OpenAI;

beforeAll(async () => {
  // An OpenAI deployment that declares chat only: the Responses API is bridged through chat for it,
  // as for every provider without a native Responses API (native pass-through: responses-native.test.ts).
  setup = await startTestProxy(
    '',
    `  - model_name: gpt-bridged
    litellm_params:
      model: openai/gpt-4o-mini-2024-07-18
      api_base: MOCK/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
    model_info:
      supported_endpoints: ["/v1/chat/completions"]
`,
  );
  client = new OpenAI({ apiKey: masterKey, baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

type Event = OpenAI.Responses.ResponseStreamEvent;

async function collect(stream: AsyncIterable<Event>): Promise<Event[]> {
  const events: Event[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};

describe('the Responses API with the official openai client', () => {
  it('answers through the provider’s chat API, with instructions as a system message', async () => {
    const response = await client.responses.create({
      model: 'gpt-bridged',
      input: 'Tell me a bedtime story',
      instructions: 'You are a storyteller.',
      max_output_tokens: 64,
    });
    expect(response).toMatchObject({ object: 'response', status: 'completed', model: 'gpt-bridged' });
    expect(response.id).toMatch(/^resp_/);
    expect(response.output[0]).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' });
    expect(response.output_text.length).toBeGreaterThan(0);
    expect(response.usage?.total_tokens).toBeGreaterThan(0);
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe('/v1/chat/completions');
    expect(upstream?.body).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      max_completion_tokens: 64,
      messages: [
        { role: 'system', content: 'You are a storyteller.' },
        { role: 'user', content: 'Tell me a bedtime story' },
      ],
    });
    expect(upstream?.body).not.toHaveProperty('input');
  });

  it('answers with the local mock provider', async () => {
    const response = await client.responses.create({ model: 'local', input: 'Hello there' });
    expect(response.status).toBe('completed');
    expect(response.output_text.length).toBeGreaterThan(0);
    expect(setup.upstream.requests).toHaveLength(0);
  });

  it.each(['gpt-bridged', 'local'])('streams typed events in the spec’s order (%s)', async (model) => {
    const events = await collect(
      await client.responses.create({ model, input: 'Stream a story', stream: true }),
    );
    const types = events.map((event) => event.type);
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.slice(-4)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const deltas = types.slice(4, -4);
    expect(deltas.length).toBeGreaterThan(0);
    expect(new Set(deltas)).toEqual(new Set(['response.output_text.delta']));
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const text = events
      .filter(
        (event): event is OpenAI.Responses.ResponseTextDeltaEvent =>
          event.type === 'response.output_text.delta',
      )
      .map((event) => event.delta)
      .join('');
    const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    expect(completed.response.status).toBe('completed');
    expect(completed.response.output[0]).toMatchObject({
      type: 'message',
      content: [{ type: 'output_text', text }],
    });
    expect(completed.response.usage?.total_tokens).toBeGreaterThan(0);
    // The streamed response was stored like any other.
    expect((await client.responses.retrieve(completed.response.id)).output).toEqual(
      completed.response.output,
    );
  });

  it('writes each event with its `event:` line and no [DONE]', async () => {
    const answer = await fetch(`${setup.proxy.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'local', input: 'Hi', stream: true }),
    });
    expect(answer.headers.get('content-type')).toContain('text/event-stream');
    const frames = (await answer.text()).trim().split('\n\n');
    expect(frames[0]).toMatch(
      /^event: response\.created\ndata: \{"type":"response\.created","sequence_number":0,/,
    );
    for (const frame of frames) {
      const [eventLine, dataLine] = frame.split('\n');
      expect(JSON.parse(dataLine!.slice('data: '.length)).type).toBe(eventLine!.slice('event: '.length));
    }
    expect(frames.at(-1)).toMatch(/^event: response\.completed\n/);
  });

  it('ends a stream that fails upstream mid-way with response.failed, and does not store it', async () => {
    setup.upstream.script({ times: 1, streamErrorStatus: 500, respond: { content: 'one two three four' } });
    const events = await collect(
      await client.responses.create({ model: 'gpt-bridged', input: 'Hi', stream: true }),
    );
    const failed = events.at(-1) as OpenAI.Responses.ResponseFailedEvent;
    expect(failed.type).toBe('response.failed');
    expect(failed.sequence_number).toBe(events.length - 1);
    expect(failed.response.status).toBe('failed');
    expect(failed.response.error?.code).toBe('server_error');
    await expect(client.responses.retrieve(failed.response.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('continues a conversation with previous_response_id', async () => {
    const first = await client.responses.create({
      model: 'gpt-bridged',
      input: 'My name is Ada.',
      instructions: 'Only the first turn has these.',
    });
    const second = await client.responses.create({
      model: 'gpt-bridged',
      input: 'What is my name?',
      previous_response_id: first.id,
    });
    expect(second.previous_response_id).toBe(first.id);
    expect(setup.upstream.requests[1]?.body).toMatchObject({
      messages: [
        { role: 'user', content: 'My name is Ada.' },
        { role: 'assistant', content: first.output_text },
        { role: 'user', content: 'What is my name?' },
      ],
    });
  });

  it('retrieves and deletes stored responses, then answers 404 for them', async () => {
    const created = await client.responses.create({ model: 'local', input: 'Keep this' });
    const retrieved = await client.responses.retrieve(created.id);
    expect(retrieved.id).toBe(created.id);
    expect(retrieved.output).toEqual(created.output);

    const deleted = await fetch(`${setup.proxy.url}/v1/responses/${created.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${masterKey}` },
    });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ id: created.id, object: 'response', deleted: true });

    const missing = await client.responses.retrieve(created.id).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.responses.delete(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('answers an unknown previous_response_id with a 404 naming it, without calling upstream', async () => {
    const error = await client.responses
      .create({ model: 'gpt-bridged', input: 'hi', previous_response_id: 'resp_does_not_exist' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    const notFound = error as InstanceType<typeof OpenAI.NotFoundError>;
    expect(notFound.param).toBe('previous_response_id');
    expect(notFound.message).toContain('resp_does_not_exist');
    expect(setup.upstream.requests).toHaveLength(0);
  });

  it('does not keep a response made with store: false', async () => {
    const response = await client.responses.create({ model: 'local', input: 'Forget this', store: false });
    await expect(client.responses.retrieve(response.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('round-trips a function call: call, then function_call_output with previous_response_id', async () => {
    setup.upstream.script({
      times: 1,
      respond: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
    });
    const first = await client.responses.create({
      model: 'gpt-bridged',
      input: 'What is the weather in Paris?',
      tools: [weatherTool],
    });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: '{"city":"Paris"}' });
    expect(setup.upstream.requests[0]?.body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: weatherTool.parameters } }],
    });
    const callId = (call as OpenAI.Responses.ResponseFunctionToolCall).call_id;

    const second = await client.responses.create({
      model: 'gpt-bridged',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: callId, output: '{"temperature":21}' }],
      tools: [weatherTool],
    });
    expect(second.status).toBe('completed');
    expect(second.output_text.length).toBeGreaterThan(0);
    expect(setup.upstream.requests[1]?.body).toMatchObject({
      messages: [
        { role: 'user', content: 'What is the weather in Paris?' },
        {
          role: 'assistant',
          tool_calls: [
            {
              id: callId,
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: callId, content: '{"temperature":21}' },
      ],
    });
  });

  it('streams a function call with its argument deltas', async () => {
    setup.upstream.script({
      times: 1,
      respond: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
    });
    const events = await collect(
      await client.responses.create({
        model: 'gpt-bridged',
        input: 'Weather?',
        tools: [weatherTool],
        stream: true,
      }),
    );
    const types = events.map((event) => event.type);
    expect(types).toContain('response.function_call_arguments.delta');
    const done = events.find(
      (event): event is OpenAI.Responses.ResponseFunctionCallArgumentsDoneEvent =>
        event.type === 'response.function_call_arguments.done',
    );
    expect(done).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' });
    expect(types.at(-1)).toBe('response.completed');
  });

  it('refuses an invalid input item with a 400 naming it', async () => {
    const error = await client.responses
      .create({ model: 'gpt-bridged', input: [{ role: 'robot', content: 'hi' }] } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toMatch(/^input\[0\]/);
  });
});
