import { parseConfig, type RunningProxy, silentLogger, startProxy } from '@switchyard/proxy';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import OpenAI from 'openai';
import { createDefaultProviders } from 'switchyard';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { providerCases } from './provider-cases.js';

// Every first-party provider through the deployable composition: litellm-style config entries
// pointing at the mock upstream, called with the official openai client.
const masterKey = 'sk-providers-e2e-master';
let mock: MockUpstream;
let proxy: RunningProxy;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: providerCases.flatMap((entry) => entry.mockApiKeys) });
  const entries = providerCases.map((entry) => ({
    model_name: entry.name,
    litellm_params: entry.litellmParams(mock.url),
  }));
  // JSON is YAML: the config goes through the same loader as a file would.
  // No retries: each upstream failure below must reach the client as it is.
  const text = JSON.stringify({
    model_list: entries,
    router_settings: { num_retries: 0 },
    general_settings: { master_key: masterKey },
  });
  const config = parseConfig(text, { env: {}, source: 'providers-e2e.yaml' });
  proxy = await startProxy({
    config,
    providers: createDefaultProviders(),
    port: 0,
    logger: silentLogger,
    env: { SWITCHYARD_DATABASE_PATH: ':memory:' },
  });
  client = new OpenAI({ apiKey: masterKey, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await proxy?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

const messages = [{ role: 'user' as const, content: 'Hello from the openai client' }];
const tools = [
  {
    type: 'function' as const,
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];

/** The capabilities of the provider serving a configured model name. */
function capabilitiesOf(name: string) {
  const provider = proxy.gateway.provider(proxy.gateway.resolve(name).deployment.provider);
  if (!provider) throw new Error(`no provider for ${name}`);
  return provider.capabilities;
}

describe.each(providerCases)('$name through the proxy', (entry) => {
  it('answers a plain request, reaching the provider’s own endpoint', async () => {
    const answer = await client.chat.completions.create({ model: entry.name, messages });
    expect(answer.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(answer.usage?.total_tokens).toBe(
      (answer.usage?.prompt_tokens ?? 0) + (answer.usage?.completion_tokens ?? 0),
    );
    const request = mock.requests.at(-1);
    expect(request?.path).toMatch(entry.upstreamPath);
    entry.checkRequest?.(request!);
  });

  it('streams, with the usage chunk when asked', async () => {
    const stream = await client.chat.completions.create({
      model: entry.name,
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish ??= chunk.choices[0]?.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(finish).toBe('stop');
    // A service that cannot report stream usage declares it (and is not asked for it upstream).
    if (capabilitiesOf(entry.name).streamUsage) expect(usage?.total_tokens).toBeGreaterThan(0);
    else expect(mock.requests.at(-1)?.body).not.toHaveProperty('stream_options');
  });

  it('returns tool calls, plain and streamed (or refuses tools it declares it lacks)', async () => {
    if (!capabilitiesOf(entry.name).tools) {
      const error = await client.chat.completions
        .create({ model: entry.name, messages, tools })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as Error).message).toContain('tools');
      return;
    }
    mock.script({
      respond: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
      times: 2,
    });
    const answer = await client.chat.completions.create({
      model: entry.name,
      messages,
      tools,
      tool_choice: 'auto',
    });
    expect(answer.choices[0]?.finish_reason).toBe('tool_calls');
    const call = answer.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    const stream = await client.chat.completions.create({
      model: entry.name,
      messages,
      tools,
      tool_choice: 'auto',
      stream: true,
    });
    let args = '';
    for await (const chunk of stream)
      args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
    expect(JSON.parse(args)).toEqual({ city: 'Oslo' });
  });

  it.each([
    [400, OpenAI.BadRequestError],
    [401, OpenAI.AuthenticationError],
    [404, OpenAI.NotFoundError],
    [429, OpenAI.RateLimitError],
    [500, OpenAI.InternalServerError],
    [503, OpenAI.InternalServerError],
  ])('passes an upstream %i on with the right status', async (status, type) => {
    mock.script({ status, times: 1 });
    const error = await client.chat.completions
      .create({ model: entry.name, messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(status);
  });
});
