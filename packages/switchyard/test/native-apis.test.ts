import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CallInfo,
  createSwitchyard,
  type ModelDeployment,
  type ResponseObject,
  type ResponseStreamEvent,
  type Switchyard,
  type TextCompletion,
} from '../src/index.js';

// The library takes the native path by itself where a model's deployment has it (the Responses
// API on OpenAI and Azure, legacy completions on completion models), with every call reported to
// onCall with its usage and cost, streamed or not, the Anthropic pass-through included.
const key = 'sk-lib-native-key';
let upstream: MockUpstream;
let gateway: Switchyard;
const calls: CallInfo[] = [];

beforeAll(async () => {
  upstream = await startMockUpstream({ apiKeys: [key] });
  const models: ModelDeployment[] = [
    {
      modelName: 'gpt',
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      apiKey: key,
      apiBase: `${upstream.url}/v1`,
    },
    {
      modelName: 'azure',
      provider: 'azure',
      model: 'my-deployment',
      apiKey: key,
      apiBase: upstream.url,
      apiVersion: 'v1',
    },
    {
      modelName: 'instruct',
      provider: 'openai',
      model: 'gpt-3.5-turbo-instruct',
      apiKey: key,
      apiBase: `${upstream.url}/v1`,
    },
    {
      modelName: 'claude',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      apiKey: key,
      apiBase: upstream.url,
    },
    // One model, two upstream accounts (different endpoints) taking turns.
    {
      modelName: 'pair',
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      apiKey: key,
      apiBase: `${upstream.url}/v1`,
    },
    {
      modelName: 'pair',
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      apiKey: key,
      apiBase: upstream.url,
    },
  ];
  gateway = createSwitchyard({ models, onCall: (info) => calls.push(info) });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.reset();
  calls.length = 0;
});

const paths = () => upstream.requests.map((request) => `${request.method} ${request.path}`);

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

describe('gateway.responses() on a native deployment', () => {
  it('answers with the upstream’s response and reports usage and cost', async () => {
    const response = (await gateway.responses({ model: 'gpt', input: 'Tell me a story' })) as ResponseObject;
    expect(response.id).toMatch(/^resp_[0-9a-f]{48}$/);
    expect(paths()).toEqual(['POST /v1/responses']);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      api: 'openai-responses',
      outcome: 'success',
      stream: false,
      requestedModel: 'gpt',
      model: 'gpt-4o-mini-2024-07-18',
      usage: { prompt_tokens: 4, completion_tokens: 7, total_tokens: 11 },
    });
    expect(calls[0]?.cost).toBeGreaterThan(0);
  });

  it('streams the upstream’s events and reports the usage of response.completed once the stream ends', async () => {
    const events = await collect(
      (await gateway.responses({
        model: 'azure',
        input: 'hello world',
        stream: true,
      })) as AsyncIterable<ResponseStreamEvent>,
    );
    expect(events[0]?.type).toBe('response.created');
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(paths()).toEqual(['POST /openai/v1/responses']);
    expect(calls).toEqual([
      expect.objectContaining({
        stream: true,
        outcome: 'success',
        usage: expect.objectContaining({ total_tokens: 7 }),
      }),
    ]);
    // No price for a deployment name: flagged, never counted as zero.
    expect(calls[0]?.cost).toBeUndefined();
    expect(calls[0]?.costUnknownReason).toBeDefined();
  });

  it('reports a stream the caller leaves early as aborted, and one that fails upstream as an error', async () => {
    for await (const _event of (await gateway.responses({
      model: 'gpt',
      input: 'one two three four five',
      stream: true,
    })) as AsyncIterable<ResponseStreamEvent>) {
      break;
    }
    upstream.script({ times: 1, streamErrorStatus: 500 });
    await collect(
      (await gateway.responses({
        model: 'gpt',
        input: 'x',
        stream: true,
      })) as AsyncIterable<ResponseStreamEvent>,
    );
    expect(calls.map((call) => call.outcome)).toEqual(['aborted', 'error']);
    expect(String(calls[1]?.error)).toContain('The server had an error');
  });

  it('forwards retrieve, input items, cancel and delete to the upstream that stores the response', async () => {
    const created = (await gateway.responses({ model: 'azure', input: 'Keep this' })) as ResponseObject;
    expect((await gateway.getResponse(created.id)).id).toBe(created.id);
    const items = await gateway.responseInputItems(created.id, { limit: 5, order: 'asc' });
    expect(items.data).toHaveLength(1);
    const background = (await gateway.responses({
      model: 'azure',
      input: 'Later',
      background: true,
    })) as ResponseObject;
    expect((await gateway.cancelResponse(background.id)).status).toBe('cancelled');
    expect(await gateway.deleteResponse(created.id)).toEqual({
      id: created.id,
      object: 'response',
      deleted: true,
    });
    await expect(gateway.getResponse(created.id)).rejects.toMatchObject({ status: 404 });
    expect(paths()).toEqual([
      'POST /openai/v1/responses',
      `GET /openai/v1/responses/${created.id}`,
      `GET /openai/v1/responses/${created.id}/input_items`,
      'POST /openai/v1/responses',
      `POST /openai/v1/responses/${background.id}/cancel`,
      `DELETE /openai/v1/responses/${created.id}`,
    ]);
    expect(upstream.requests[2]?.query).toEqual({ limit: '5', order: 'asc' });
    // Only model calls are accounted: two creations.
    expect(calls).toHaveLength(2);
  });

  it('keeps a conversation on the deployment that stores it while the model’s deployments take turns', async () => {
    const first = (await gateway.responses({ model: 'pair', input: 'Hi' })) as ResponseObject;
    const firstPath = upstream.requests[0]?.path;
    await gateway.responses({ model: 'pair', input: 'Again', previous_response_id: first.id });
    await gateway.getResponse(first.id);
    const other = (await gateway.responses({ model: 'pair', input: 'Fresh' })) as ResponseObject;
    expect(other.id).not.toBe(first.id);
    const seen = upstream.requests.map((request) => request.path);
    expect(seen.slice(0, 2)).toEqual([firstPath, firstPath]);
    expect(seen[2]).toBe(`${firstPath}/${first.id}`);
    // Without a previous response the turn goes on to the other deployment.
    expect(seen[3]).not.toBe(firstPath);
  });
});

describe('gateway.textCompletion() on a completion model', () => {
  it('answers natively, all legacy fields honoured, with usage reported', async () => {
    const completion = (await gateway.textCompletion({
      model: 'instruct',
      prompt: 'Once upon a time',
      echo: true,
      suffix: 'The end.',
    })) as TextCompletion;
    expect(completion.choices[0]?.text).toBe('Once upon a timeMock reply to: Once upon a time');
    expect(upstream.requests[0]?.path).toBe('/v1/completions');
    expect(calls[0]).toMatchObject({ api: 'openai-completions', usage: { total_tokens: 11 } });
  });

  it('streams natively; usage reaches onCall though the caller did not ask for it in the stream', async () => {
    const chunks = await collect(
      (await gateway.textCompletion({
        model: 'instruct',
        prompt: 'Hello there',
        stream: true,
      })) as AsyncIterable<TextCompletion>,
    );
    expect(chunks.map((chunk) => chunk.choices[0]?.text ?? '').join('')).toBe('Mock reply to: Hello there');
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(calls[0]).toMatchObject({ stream: true, outcome: 'success', usage: { total_tokens: 7 } });
  });
});

describe('the Anthropic pass-through', () => {
  it('reports usage from message_start and message_delta, streamed or not', async () => {
    const body = { model: 'claude', max_tokens: 100, messages: [{ role: 'user', content: 'Hello Claude' }] };
    for (const stream of [false, true]) {
      const passed = await gateway.passthrough('anthropic-messages', { body: { ...body, stream }, stream });
      expect(passed).toBeDefined();
      await collect(passed!.body);
    }
    expect(calls.map((call) => [call.api, call.stream, call.outcome])).toEqual([
      ['anthropic-messages', false, 'success'],
      ['anthropic-messages', true, 'success'],
    ]);
    expect(calls[0]?.usage).toEqual(calls[1]?.usage);
    expect(calls[0]?.usage?.prompt_tokens).toBe(2);
    expect(calls[0]?.cost).toBeGreaterThan(0);
  });
});
