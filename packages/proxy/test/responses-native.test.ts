import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy, upstreamKey } from './start-test-proxy.js';

// The Responses API passed through to deployments that speak it natively: OpenAI, and Azure in
// both its URL forms. The official client talks to the proxy; the mock upstream must see the native
// routes (never chat), the bodies unchanged but for the model id, and every later call on a
// response (retrieve, delete, input items, cancel, previous_response_id) at the same upstream.
let setup: TestProxy;
let client: OpenAI;

beforeAll(async () => {
  setup = await startTestProxy(
    '',
    `  - model_name: azure-preview
    litellm_params:
      model: azure/gpt-4o-deployment
      api_base: MOCK
      api_key: os.environ/TEST_UPSTREAM_KEY
      api_version: 2025-04-01-preview
  - model_name: azure-v1
    litellm_params:
      model: azure/gpt-4o-deployment
      api_base: MOCK
      api_key: os.environ/TEST_UPSTREAM_KEY
      api_version: v1
  - model_name: azure-old
    litellm_params:
      model: azure/gpt-4o-deployment
      api_base: MOCK
      api_key: os.environ/TEST_UPSTREAM_KEY
      api_version: 2024-10-21
  - model_name: gpt-bridged
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

const targets = [
  { model: 'gpt-test', upstream: 'gpt-4o-mini-2024-07-18', create: '/v1/responses', query: {} },
  {
    model: 'azure-preview',
    upstream: 'gpt-4o-deployment',
    create: '/openai/responses',
    query: { 'api-version': '2025-04-01-preview' },
  },
  { model: 'azure-v1', upstream: 'gpt-4o-deployment', create: '/openai/v1/responses', query: {} },
];

describe.each(targets)('native Responses API on $model', ({ model, upstream, create, query }) => {
  const seen = () => setup.upstream.requests.map((request) => `${request.method} ${request.path}`);

  it('passes the body through, model id replaced, and the upstream’s response back', async () => {
    const response = await client.responses.create({
      model,
      input: 'Tell me a story',
      instructions: 'Be brief.',
      metadata: { topic: 'stories' },
    });
    // The upstream's own ids and fields (the chat bridge makes 32-digit ids and no logprobs).
    expect(response.id).toMatch(/^resp_[0-9a-f]{48}$/);
    expect(response.output[0]).toMatchObject({ content: [{ logprobs: [] }] });
    expect(response.output_text).toBe('Mock reply to: Tell me a story');
    expect(response.usage?.total_tokens).toBe(13);
    expect(seen()).toEqual([`POST ${create}`]);
    const request = setup.upstream.requests[0]!;
    expect(request.query).toEqual(query);
    expect(request.body).toEqual({
      model: upstream,
      input: 'Tell me a story',
      instructions: 'Be brief.',
      metadata: { topic: 'stories' },
    });
    expect(request.headers[model.startsWith('azure') ? 'api-key' : 'authorization']).toContain(upstreamKey);
  });

  it('streams the upstream’s events through unchanged', async () => {
    const answer = await fetch(`${setup.proxy.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, input: 'hello world', stream: true }),
    });
    expect(answer.headers.get('content-type')).toBe('text/event-stream');
    const text = await answer.text();
    const frames = text.trim().split('\n\n');
    expect(frames[0]).toMatch(
      /^event: response\.created\ndata: \{"type":"response\.created","sequence_number":0,/,
    );
    expect(frames.at(-1)).toMatch(/^event: response\.completed\n/);
    expect(frames).toHaveLength(13);
    expect(seen()).toEqual([`POST ${create}`]);
    expect(setup.upstream.requests[0]?.body).toMatchObject({ model: upstream, stream: true });

    const events: Event[] = [];
    for await (const event of await client.responses.create({ model, input: 'hello world', stream: true })) {
      events.push(event);
    }
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    expect(completed.response.output_text ?? completed.response.output[0]).toBeDefined();
    expect((await client.responses.retrieve(completed.response.id)).id).toBe(completed.response.id);
  });

  it('continues with previous_response_id at the same upstream, retrieves, lists input items, deletes', async () => {
    const first = await client.responses.create({ model, input: 'My name is Ada.' });
    const second = await client.responses.create({
      model,
      input: [{ role: 'user', content: 'What is my name?' }],
      previous_response_id: first.id,
    });
    expect(second.previous_response_id).toBe(first.id);
    expect(setup.upstream.requests[1]?.body).toMatchObject({ previous_response_id: first.id });
    // The upstream answered from the stored conversation: the first turn counts as input.
    expect(second.usage?.input_tokens).toBe(4 + 7 + 4);

    const retrieved = await client.responses.retrieve(second.id);
    expect(retrieved.output_text).toBe(second.output_text);
    const items = await client.responses.inputItems.list(second.id);
    expect(items.data).toHaveLength(1);
    expect(items.data[0]).toMatchObject({ type: 'message', role: 'user' });
    await client.responses.delete(second.id);
    const gone = await client.responses.retrieve(second.id).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(OpenAI.NotFoundError);
    expect((gone as InstanceType<typeof OpenAI.NotFoundError>).message).toContain(second.id);
    const base = create;
    expect(seen()).toEqual([
      `POST ${base}`,
      `POST ${base}`,
      `GET ${base}/${second.id}`,
      `GET ${base}/${second.id}/input_items`,
      `DELETE ${base}/${second.id}`,
    ]);
    expect(
      setup.upstream.requests.every((request) => request.query['api-version'] === query['api-version']),
    ).toBe(true);
  });

  it('cancels a background response upstream, and passes the upstream’s refusal for a synchronous one', async () => {
    const queued = await client.responses.create({ model, input: 'Think long', background: true });
    expect(queued.status).toBe('queued');
    const cancelled = await client.responses.cancel(queued.id);
    expect(cancelled.status).toBe('cancelled');
    expect(seen()).toEqual([`POST ${create}`, `POST ${create}/${queued.id}/cancel`]);
    const synchronous = await client.responses.create({ model, input: 'Hi' });
    const refused = await client.responses.cancel(synchronous.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect((refused as InstanceType<typeof OpenAI.BadRequestError>).message).toContain(
      'Cannot cancel a synchronous response.',
    );
  });

  it('relays an upstream error in OpenAI’s shape with its status', async () => {
    setup.upstream.script({ status: 429, times: 1, headers: { 'retry-after': '1' } });
    const error = await client.responses.create({ model, input: 'Hi' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
  });
});

describe('native and bridged responses together', () => {
  it('continues a conversation the chat bridge stored on a native model by sending its turns as input', async () => {
    const first = await client.responses.create({ model: 'gpt-bridged', input: 'My name is Ada.' });
    expect(setup.upstream.requests[0]?.path).toBe('/v1/chat/completions');
    const second = await client.responses.create({
      model: 'gpt-test',
      input: 'What is my name?',
      previous_response_id: first.id,
    });
    expect(second.output_text).toBe('Mock reply to: What is my name?');
    const upstream = setup.upstream.requests[1]!;
    expect(upstream.path).toBe('/v1/responses');
    expect(upstream.body).not.toHaveProperty('previous_response_id');
    expect(upstream.body).toMatchObject({
      input: [
        { type: 'message', role: 'user', content: 'My name is Ada.' },
        { role: 'assistant', content: 'Mock reply to: My name is Ada.' },
        { role: 'user', content: 'What is my name?' },
      ],
    });
  });

  it('refuses to continue a native response on a model that cannot reach its upstream', async () => {
    const first = await client.responses.create({ model: 'gpt-test', input: 'Hi' });
    const error = await client.responses
      .create({ model: 'local', input: 'Again', previous_response_id: first.id })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const message = (error as InstanceType<typeof OpenAI.BadRequestError>).message;
    expect(message).toContain(first.id);
    expect(message).toContain("'gpt-test'");
    expect(setup.upstream.requests).toHaveLength(1);
  });

  it('bridges an Azure deployment whose api-version has no Responses API', async () => {
    const response = await client.responses.create({ model: 'azure-old', input: 'Hi' });
    expect(response.id).toMatch(/^resp_[0-9a-f]{32}$/);
    expect(setup.upstream.requests[0]?.path).toBe('/openai/deployments/gpt-4o-deployment/chat/completions');
    // Its stored-response operations stay with the gateway: input items from the stored input, no cancel.
    const items = await client.responses.inputItems.list(response.id);
    expect(items.data).toEqual([expect.objectContaining({ type: 'message', role: 'user' })]);
    const cancel = await client.responses.cancel(response.id).catch((caught: unknown) => caught);
    expect(cancel).toBeInstanceOf(OpenAI.BadRequestError);
    expect(setup.upstream.requests).toHaveLength(1);
  });

  it('answers unknown ids on every operation with a 404 in OpenAI’s shape', async () => {
    for (const call of [
      () => client.responses.retrieve('resp_unknown'),
      () => client.responses.delete('resp_unknown'),
      () => client.responses.inputItems.list('resp_unknown'),
      () => client.responses.cancel('resp_unknown'),
    ]) {
      const error = await call().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      expect((error as InstanceType<typeof OpenAI.NotFoundError>).message).toContain("'resp_unknown'");
    }
    expect(setup.upstream.requests).toHaveLength(0);
  });
});
