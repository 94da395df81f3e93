import { loadConfig, parseConfig, type RunningProxy, silentLogger, startProxy } from '@switchyard/proxy';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, configPath, masterKey } from './fixtures.js';

// The proxy started in-process from the example config: the only provider is the custom one, loaded
// from custom_provider_map, and clients reach it with the official OpenAI client.
describe('the proxy with the example config', () => {
  let proxy: RunningProxy;
  let client: OpenAI;

  beforeAll(async () => {
    assertBuilt();
    const config = await loadConfig(configPath);
    proxy = await startProxy({
      config,
      providers: [],
      port: 0,
      env: { SWITCHYARD_MASTER_KEY: masterKey, SWITCHYARD_DATABASE_PATH: ':memory:' },
      logger: silentLogger,
    });
    client = new OpenAI({ apiKey: masterKey, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await proxy?.close();
  });

  it('lists the models served by the custom provider', async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id).sort()).toEqual(['echo-reverse', 'echo-upper']);
  });

  it('answers a chat completion from the custom provider', async () => {
    const completion = await client.chat.completions.create({
      model: 'echo-reverse',
      messages: [
        { role: 'system', content: 'Be helpful.' },
        { role: 'user', content: 'Hello, world' },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.content).toBe('dlrow ,olleH');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 6, completion_tokens: 3, total_tokens: 9 });
  });

  it('streams a chat completion from the custom provider, with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'echo-upper',
      messages: [{ role: 'user', content: 'stream me please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      content += chunk.choices[0]?.delta.content ?? '';
    }
    expect(content).toBe('STREAM ME PLEASE');
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 4, total_tokens: 8 } });
  });

  it('streams without a usage chunk when the client does not ask for one', async () => {
    const stream = await client.chat.completions.create({
      model: 'echo-reverse',
      messages: [{ role: 'user', content: 'abc def' }],
      stream: true,
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('fed cba');
    expect(chunks.every((chunk) => !chunk.usage)).toBe(true);
  });

  it('answers errors of the custom provider in OpenAI shape', async () => {
    const failure = client.chat.completions.create({
      model: 'echo-reverse',
      messages: [{ role: 'system', content: 'no user message here' }],
    });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(failure).rejects.toMatchObject({ status: 400, param: 'messages' });
  });
});

// custom_handler may name an export: here the factory, which receives the configured provider name.
describe('custom_provider_map with the factory export', () => {
  let proxy: RunningProxy;

  beforeAll(async () => {
    assertBuilt();
    const config = parseConfig(
      [
        'model_list:',
        '  - model_name: parrot',
        '    litellm_params:',
        '      model: parrot/repeat',
        'litellm_settings:',
        '  custom_provider_map:',
        '    - provider: parrot',
        '      custom_handler: ./dist/index.js#createEchoProvider',
      ].join('\n'),
      // Relative handler paths resolve from the config file's folder.
      { source: configPath },
    );
    proxy = await startProxy({
      config,
      providers: [],
      port: 0,
      env: { SWITCHYARD_MASTER_KEY: masterKey, SWITCHYARD_DATABASE_PATH: ':memory:' },
      logger: silentLogger,
    });
  });

  afterAll(async () => {
    await proxy?.close();
  });

  it('registers the provider the factory builds under the configured name', async () => {
    expect(proxy.gateway.provider('parrot')?.id).toBe('parrot');
    const client = new OpenAI({ apiKey: masterKey, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'parrot',
      messages: [{ role: 'user', content: 'Polly wants a cracker' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Polly wants a cracker');
  });
});
