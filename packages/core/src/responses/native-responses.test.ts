import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/error-classes.js';
import { createSwitchyard } from '../gateway/create-switchyard.js';
import type { ModelDeployment } from '../gateway/deployment.js';
import { meterPassthroughBody } from '../passthrough/meter-passthrough-body.js';
import { openAIResponsesReader } from '../passthrough/openai-responses-reader.js';
import { defaultCapabilities, type PassthroughRequest, type Provider } from '../provider.js';
import type { ResponseObject } from './response-object.js';
import { createMemoryResponseStore } from './response-store.js';

// The gateway side of the native Responses API against an in-memory upstream: each endpoint
// (api_base) is an account with its own stored responses, as OpenAI and Azure resources are.

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

function upstream() {
  const accounts = new Map<string, Map<string, Record<string, unknown>>>();
  const calls: Array<{
    base: string;
    method: string;
    path: string;
    body: Record<string, unknown> | undefined;
  }> = [];
  let next = 0;
  const native = (id: string): Provider => ({
    id,
    capabilities: defaultCapabilities,
    chat: async (request) => ({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: request.model,
      choices: [
        { index: 0, message: { role: 'assistant', content: 'bridged answer' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    }),
    stream: async () => {
      throw new Error('not used');
    },
    passthrough: {
      apis: ['openai-responses'],
      async call(_api, request: PassthroughRequest, options) {
        const base = options.apiBase ?? '';
        const method = request.method ?? 'POST';
        calls.push({ base, method, path: request.path ?? '', body: request.body });
        const stored = accounts.get(base) ?? new Map<string, Record<string, unknown>>();
        accounts.set(base, stored);
        let answer: Record<string, unknown>;
        if (method === 'POST' && !request.path) {
          const previous = request.body?.previous_response_id;
          if (typeof previous === 'string' && !stored.has(previous)) {
            throw new NotFoundError({ message: `Previous response with id '${previous}' not found.` });
          }
          answer = { id: `resp_${++next}`, object: 'response', model: request.body?.model, usage: null };
          if (request.body?.store !== false) stored.set(String(answer.id), answer);
        } else {
          const id = decodeURIComponent((request.path ?? '').split('/')[1] ?? '');
          const found = stored.get(id);
          if (!found) throw new NotFoundError({ message: `Response with id '${id}' not found.` });
          if (method === 'DELETE') stored.delete(id);
          answer = method === 'DELETE' ? { id, object: 'response', deleted: true } : found;
        }
        const metered = meterPassthroughBody(once(JSON.stringify(answer)), false, openAIResponsesReader);
        return { status: 200, contentType: 'application/json', body: metered.body, reading: metered.reading };
      },
    },
  });
  return { native, calls, accounts };
}

const openai = (
  modelName: string,
  apiBase: string,
  extra: Partial<ModelDeployment> = {},
): ModelDeployment => ({
  modelName,
  provider: 'openai',
  model: 'gpt-4o',
  apiKey: 'k',
  apiBase,
  ...extra,
});

function gatewayWith(models: ModelDeployment[], fake = upstream(), store = createMemoryResponseStore()) {
  return {
    fake,
    store,
    gateway: createSwitchyard({ providers: [fake.native('openai')], models, responseStore: store }),
  };
}

describe('native responses in the gateway', () => {
  it('pins a conversation to the deployment that stores it while the model’s deployments take turns', async () => {
    const { gateway, fake } = gatewayWith([openai('pair', 'https://a'), openai('pair', 'https://b')]);
    const first = (await gateway.responses({ model: 'pair', input: 'Hi' })) as ResponseObject;
    await gateway.responses({ model: 'pair', input: 'Again', previous_response_id: first.id });
    await gateway.responses({ model: 'pair', input: 'And again', previous_response_id: first.id });
    await gateway.getResponse(first.id);
    expect(fake.calls.map((call) => call.base)).toEqual(['https://a', 'https://a', 'https://a', 'https://a']);
    expect(fake.calls[1]?.body).toMatchObject({ previous_response_id: first.id });
  });

  it('lets a conversation move to another model on the same upstream account, and no further', async () => {
    const { gateway, fake } = gatewayWith([
      openai('mini', 'https://a'),
      openai('big', 'https://a', { model: 'gpt-4.1' }),
      openai('elsewhere', 'https://b'),
    ]);
    const first = (await gateway.responses({ model: 'mini', input: 'Hi' })) as ResponseObject;
    await gateway.responses({ model: 'big', input: 'More', previous_response_id: first.id });
    expect(fake.calls[1]).toMatchObject({ base: 'https://a', body: { model: 'gpt-4.1' } });
    await expect(
      gateway.responses({ model: 'elsewhere', input: 'More', previous_response_id: first.id }),
    ).rejects.toMatchObject({
      status: 400,
      param: 'previous_response_id',
      code: 'previous_response_unreachable',
    });
    expect(fake.calls).toHaveLength(2);
  });

  it('passes an id it never saw through unchanged, so the upstream decides', async () => {
    const { gateway, fake } = gatewayWith([openai('gpt', 'https://a')]);
    await expect(
      gateway.responses({ model: 'gpt', input: 'Hi', previous_response_id: 'resp_elsewhere' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(fake.calls[0]?.body).toMatchObject({ previous_response_id: 'resp_elsewhere' });
  });

  it('continues a bridged conversation natively by sending its turns as input', async () => {
    const { gateway, fake } = gatewayWith([
      openai('bridged', 'https://a', { modelInfo: { supported_endpoints: ['/v1/chat/completions'] } }),
      openai('native', 'https://a'),
    ]);
    const first = (await gateway.responses({ model: 'bridged', input: 'Hello' })) as ResponseObject;
    expect(fake.calls).toHaveLength(0);
    await gateway.responses({ model: 'native', input: 'Go on', previous_response_id: first.id });
    expect(fake.calls[0]?.body).toEqual({
      model: 'gpt-4o',
      input: [
        { type: 'message', role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'bridged answer' },
        { role: 'user', content: 'Go on' },
      ],
    });
  });

  it('does not remember store: false responses; forgets deleted ones and ones gone upstream', async () => {
    const { gateway, fake, store } = gatewayWith([openai('gpt', 'https://a')]);
    const unstored = (await gateway.responses({ model: 'gpt', input: 'Hi', store: false })) as ResponseObject;
    expect(await store.getUpstream(unstored.id)).toBeUndefined();
    const kept = (await gateway.responses({ model: 'gpt', input: 'Hi' })) as ResponseObject;
    expect(await store.getUpstream(kept.id)).toEqual({
      deployment: expect.stringMatching(/^dep_[0-9a-f]{24}$/),
      requestedModel: 'gpt',
      provider: 'openai',
      model: 'gpt-4o',
    });
    await gateway.deleteResponse(kept.id);
    expect(await store.getUpstream(kept.id)).toBeUndefined();
    const gone = (await gateway.responses({ model: 'gpt', input: 'Hi' })) as ResponseObject;
    fake.accounts.get('https://a')?.delete(gone.id);
    await expect(gateway.getResponse(gone.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.getUpstream(gone.id)).toBeUndefined();
  });

  it('answers 404 for a response whose deployment is no longer configured (a store shared across configs)', async () => {
    const store = createMemoryResponseStore();
    const before = gatewayWith([openai('gpt', 'https://a')], upstream(), store);
    const created = (await before.gateway.responses({ model: 'gpt', input: 'Hi' })) as ResponseObject;
    const after = gatewayWith([openai('gpt', 'https://moved')], upstream(), store);
    await expect(after.gateway.getResponse(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      after.gateway.responses({ model: 'gpt', input: 'x', previous_response_id: created.id }),
    ).rejects.toMatchObject({ status: 404, param: 'previous_response_id' });
    expect(after.fake.calls).toHaveLength(0);
  });

  it('finds responses of unlisted provider/model deployments again', async () => {
    const fake = upstream();
    const gateway = createSwitchyard({ providers: [fake.native('openai')] });
    const created = (await gateway.responses({ model: 'openai/gpt-4o', input: 'Hi' })) as ResponseObject;
    expect((await gateway.getResponse(created.id)).id).toBe(created.id);
    expect(fake.calls.map((call) => call.method)).toEqual(['POST', 'GET']);
  });
});
