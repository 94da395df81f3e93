import { describe, expect, it } from 'vitest';
import { BadRequestError, NotFoundError } from '../errors/error-classes.js';
import type { Provider, ProviderCallOptions } from '../provider.js';
import { defaultCapabilities } from '../provider.js';
import type { ChatRequest } from '../schemas/chat-request.js';
import type { ChatChunk, ChatResponse } from '../schemas/chat-response.js';
import type { CallInfo } from './call-info.js';
import { createSwitchyard } from './create-switchyard.js';

interface Recorded {
  request: ChatRequest;
  options: ProviderCallOptions;
}

/** An in-memory provider that records its calls; the gateway logic is what is under test. */
function recordingProvider(id: string, calls: Recorded[], events: string[] = []): Provider {
  const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
  const chunk = (delta: ChatChunk['choices'][number]['delta'], finish: string | null = null): ChatChunk => ({
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'x',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  return {
    id,
    capabilities: { ...defaultCapabilities, streamUsage: true },
    async chat(request, options): Promise<ChatResponse> {
      calls.push({ request, options });
      return {
        id: 'r',
        object: 'chat.completion',
        created: 1,
        model: options.model,
        choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
        usage,
      };
    },
    async stream(request, options) {
      calls.push({ request, options });
      return (async function* () {
        try {
          yield chunk({ role: 'assistant', content: '' });
          yield chunk({ content: 'hi' });
          yield chunk({}, 'stop');
          if (request.stream_options?.include_usage) yield { ...chunk({}), choices: [], usage };
        } finally {
          events.push('upstream closed');
        }
      })();
    },
  };
}

const messages: ChatRequest['messages'] = [{ role: 'user', content: 'hello' }];

describe('createSwitchyard', () => {
  it('routes provider/model strings to the registered provider when no model list is given', async () => {
    const calls: Recorded[] = [];
    const gateway = createSwitchyard({ providers: [recordingProvider('acme', calls)] });
    const response = await gateway.completion({ model: 'acme/model-1', messages });
    expect(response.choices[0]?.message.content).toBe('hi');
    expect(calls[0]?.request.model).toBe('model-1');
    expect(calls[0]?.options).toMatchObject({ model: 'model-1', timeoutMs: 600_000 });
  });

  it('resolves configured names, passes deployment settings, and takes turns within a group', async () => {
    const calls: Recorded[] = [];
    const gateway = createSwitchyard({
      providers: [recordingProvider('acme', calls)],
      models: [
        {
          modelName: 'fast',
          provider: 'acme',
          model: 'a',
          apiKey: 'k1',
          apiBase: 'http://one',
          timeoutMs: 5000,
          headers: { x: '1' },
        },
        { modelName: 'fast', provider: 'acme', model: 'b', apiKey: 'k2' },
      ],
    });
    await gateway.completion({ model: 'fast', messages });
    await gateway.completion({ model: 'fast', messages }, { headers: { y: '2' } });
    await gateway.completion({ model: 'fast', messages });
    expect(calls.map((call) => call.options.model)).toEqual(['a', 'b', 'a']);
    expect(calls[0]?.options).toMatchObject({
      apiKey: 'k1',
      apiBase: 'http://one',
      timeoutMs: 5000,
      headers: { x: '1' },
    });
    expect(calls[1]?.options).toMatchObject({ apiKey: 'k2', headers: { y: '2' } });
  });

  it('expands wildcard model names', async () => {
    const calls: Recorded[] = [];
    const gateway = createSwitchyard({
      providers: [recordingProvider('acme', calls)],
      models: [{ modelName: 'acme/*', provider: 'acme', model: '*', apiKey: 'k' }],
    });
    await gateway.completion({ model: 'acme/anything-7b', messages });
    expect(calls[0]?.options).toMatchObject({ model: 'anything-7b', apiKey: 'k' });
    expect(gateway.models()).toEqual([{ id: 'acme/*', provider: 'acme' }]);
  });

  it('refuses unlisted and unknown models with a 404 naming them', async () => {
    const gateway = createSwitchyard({
      providers: [recordingProvider('acme', [])],
      models: [{ modelName: 'fast', provider: 'acme', model: 'a' }],
    });
    await expect(gateway.completion({ model: 'acme/other', messages })).rejects.toThrow(NotFoundError);
    await expect(gateway.completion({ model: 'ghost', messages })).rejects.toThrow(/`ghost`/);
  });

  it('refuses a deployment whose provider is not registered', () => {
    expect(() =>
      createSwitchyard({ providers: [], models: [{ modelName: 'x', provider: 'nope', model: 'y' }] }),
    ).toThrow(/provider "nope"/);
  });

  it('asks upstream for stream usage, reports it, and hides it from callers that did not ask', async () => {
    const calls: Recorded[] = [];
    const infos: CallInfo[] = [];
    const gateway = createSwitchyard({
      providers: [recordingProvider('acme', calls)],
      models: [
        {
          modelName: 'priced',
          provider: 'acme',
          model: 'a',
          modelInfo: { input_cost_per_token: 0.001, output_cost_per_token: 0.002 },
        },
      ],
      onCall: (info) => infos.push(info),
    });
    const chunks: ChatChunk[] = [];
    for await (const chunk of await gateway.completion({ model: 'priced', messages, stream: true }))
      chunks.push(chunk);
    expect(calls[0]?.request.stream_options).toEqual({ include_usage: true });
    expect(chunks.map((chunk) => chunk.choices.length)).toEqual([1, 1, 1]);
    expect(infos[0]).toMatchObject({ outcome: 'success', stream: true, usage: { total_tokens: 15 } });
    expect(infos[0]?.cost).toBeCloseTo(10 * 0.001 + 5 * 0.002, 10);

    const withUsage: ChatChunk[] = [];
    const stream = await gateway.completion({
      model: 'priced',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) withUsage.push(chunk);
    expect(withUsage.at(-1)?.usage?.total_tokens).toBe(15);
  });

  it('flags an unknown price instead of counting it as zero', async () => {
    const infos: CallInfo[] = [];
    const gateway = createSwitchyard({
      providers: [recordingProvider('acme', [])],
      onCall: (info) => infos.push(info),
    });
    await gateway.completion({ model: 'acme/unpriced-model', messages });
    expect(infos[0]?.cost).toBeUndefined();
    expect(infos[0]?.costUnknownReason).toBeTruthy();
  });

  it('closes the upstream stream when the caller stops early, and reports the call as aborted', async () => {
    const events: string[] = [];
    const infos: CallInfo[] = [];
    const gateway = createSwitchyard({ providers: [recordingProvider('acme', [], events)] });
    const stream = await gateway.completion(
      { model: 'acme/x', messages, stream: true },
      { onCall: (info) => infos.push(info) },
    );
    for await (const _chunk of stream) break;
    expect(events).toEqual(['upstream closed']);
    expect(infos[0]?.outcome).toBe('aborted');
  });

  it('reports a rerank call’s tokens as usage, priced from the deployment’s model_info', async () => {
    const infos: CallInfo[] = [];
    const reranker: Provider = {
      ...recordingProvider('ranker', []),
      async rerank(request) {
        return {
          id: 'rr',
          results: request.documents.map((_, index) => ({ index, relevance_score: 1 / (index + 1) })),
          meta: { billed_units: { total_tokens: 40 }, tokens: { input_tokens: 40, output_tokens: 0 } },
        };
      },
    };
    const gateway = createSwitchyard({
      providers: [reranker],
      models: [
        {
          modelName: 'rr',
          provider: 'ranker',
          model: 'rerank-1',
          modelInfo: { input_cost_per_token: 0.000001 },
        },
      ],
      onCall: (info) => infos.push(info),
    });
    const result = await gateway.rerank({ model: 'rr', query: 'q', documents: ['a', 'b'] });
    expect(result.results).toHaveLength(2);
    expect(infos[0]).toMatchObject({
      outcome: 'success',
      usage: { prompt_tokens: 40, completion_tokens: 0, total_tokens: 40 },
      cost: 0.00004,
    });
  });

  it('refuses embeddings for a provider without them', async () => {
    const gateway = createSwitchyard({ providers: [recordingProvider('acme', [])] });
    await expect(gateway.embedding({ model: 'acme/x', input: 'hi' })).rejects.toThrow(BadRequestError);
  });

  it('passes drop_params from the request, the deployment or the gateway, and strips gateway fields', async () => {
    const calls: Recorded[] = [];
    const gateway = createSwitchyard({
      providers: [recordingProvider('acme', calls)],
      models: [
        { modelName: 'strict', provider: 'acme', model: 'a' },
        {
          modelName: 'lenient',
          provider: 'acme',
          model: 'b',
          params: { drop_params: true, additional_drop_params: ['user'] },
        },
      ],
    });
    await gateway.completion({ model: 'strict', messages, drop_params: true, user: 'u' });
    await gateway.completion({ model: 'strict', messages });
    await gateway.completion({ model: 'lenient', messages, user: 'u' });
    await gateway.completion({ model: 'lenient', messages, drop_params: false });
    expect(calls.map((call) => call.options.dropParams)).toEqual([true, undefined, true, undefined]);
    expect(calls[0]?.request).not.toHaveProperty('drop_params');
    expect(calls[0]?.request).toHaveProperty('user', 'u');
    expect(calls[2]?.request).not.toHaveProperty('user');
    const global = createSwitchyard({ providers: [recordingProvider('acme', calls)], dropParams: true });
    await global.completion({ model: 'acme/x', messages });
    expect(calls.at(-1)?.options.dropParams).toBe(true);
  });
});
