import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig, parseConfig } from './load-config.js';

const fixture = new URL('./__fixtures__/litellm-config.yaml', import.meta.url);

const env = {
  AZURE_API_KEY_EU: 'azure-eu-secret-value',
  AZURE_API_KEY_CA: 'azure-ca-secret-value',
  ANTHROPIC_API_KEY: 'sk-ant-secret-value',
  LITELLM_MASTER_KEY: 'sk-master-secret-value',
};

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

async function rejectedConfigError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

const models = (...entries: string[]) => `model_list:\n${entries.join('')}`;
const model = (name: string, params: string) => `  - model_name: ${name}\n    litellm_params:\n${params}`;

describe('loadConfig with a real litellm config', () => {
  it('loads every model with typed fields, env references resolved and unknown keys kept', async () => {
    const { config, source } = await loadConfig(fixture.pathname, { env });
    expect(source).toBe(fixture.pathname);
    expect(config.model_list.map((entry) => entry.model_name)).toEqual([
      'gpt-4o',
      'gpt-4o',
      'claude-sonnet',
      'vllm-models',
      'demo',
      '*',
    ]);
    const [europe, canada, claude, vllm] = config.model_list;
    expect(europe?.litellm_params).toMatchObject({
      model: 'azure/gpt-4o-eu',
      api_key: 'azure-eu-secret-value',
      api_version: '2024-08-01-preview',
      timeout: 300,
    });
    expect(europe?.model_info).toMatchObject({ id: '1', supports_vision: true });
    expect(canada?.litellm_params.tags).toEqual(['canada', 'paid']);
    expect(claude?.litellm_params).toMatchObject({
      api_key: 'sk-ant-secret-value',
      max_retries: 3,
      timeout: 120,
      extra_headers: { 'anthropic-beta': 'prompt-caching-2024-07-31' },
      temperature: 0.2,
      max_tokens: 1024,
    });
    expect(claude?.model_info).toMatchObject({ cache_read_input_token_cost: 3e-7, custom_label: 'team-a' });
    expect(vllm?.model_info?.version).toBe(2);
  });

  it('keeps unknown settings, applies environment_variables and warns about unknown top-level keys', async () => {
    const { config, warnings } = await loadConfig(fixture.pathname, { env });
    expect(config.general_settings?.master_key).toBe('sk-master-secret-value');
    expect(config.general_settings?.alerting).toEqual(['slack']);
    expect(config.litellm_settings).toMatchObject({ drop_params: true, num_retries: 3, cache: true });
    expect(config.litellm_settings?.cache_params).toEqual({ type: 'redis', host: 'redis.internal' });
    expect(config.router_settings).toMatchObject({ redis_host: 'redis.internal', redis_port: 6379 });
    expect(config.environment_variables).toEqual({
      REDIS_HOST: 'redis.internal',
      REDIS_PORT: '6379',
      ANTHROPIC_TIMEOUT: '120',
    });
    expect(config.server_settings).toEqual({ port: 4000 });
    expect(warnings).toEqual([
      `${fixture.pathname}: server_settings: unknown top-level key, kept but not used by Switchyard`,
    ]);
  });

  it('does not change process.env', async () => {
    await loadConfig(fixture.pathname, { env });
    expect(process.env.REDIS_HOST).toBeUndefined();
  });
});

describe('loadConfig reading the file', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'switchyard-config-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('names a missing file', async () => {
    const file = join(directory, 'missing.yaml');
    const error = await rejectedConfigError(loadConfig(file));
    expect(error.message).toBe(`${file}: file not found`);
  });

  it('names a directory given as the file', async () => {
    const error = await rejectedConfigError(loadConfig(directory));
    expect(error.message).toBe(`${directory}: is a directory, expected a YAML file`);
  });

  // root reads a file whatever its mode, so the check cannot be provoked when tests run as root
  it.skipIf(process.getuid?.() === 0)('names an unreadable file', async () => {
    const file = join(directory, 'locked.yaml');
    await writeFile(file, 'model_list: []\n');
    await chmod(file, 0o000);
    const error = await rejectedConfigError(loadConfig(file));
    expect(error.message).toBe(`${file}: permission denied reading the file`);
  });

  it('prefixes validation issues with the file name', async () => {
    const file = join(directory, 'bad.yaml');
    await writeFile(file, models(model('a', '      api_key: x\n')));
    const error = await rejectedConfigError(loadConfig(file));
    expect(error.message).toBe(`${file}: model_list[0].litellm_params.model: Required`);
  });
});

describe('parseConfig errors name the exact path', () => {
  it('reports a missing model in the third entry', () => {
    const text = models(
      model('a', '      model: openai/gpt-4o\n'),
      model('b', '      model: mock/demo\n'),
      model('c', '      api_base: https://api.example.com\n'),
    );
    const error = configErrorOf(() => parseConfig(text, { source: 'config.yaml' }));
    expect(error.issues).toEqual([{ path: 'model_list[2].litellm_params.model', message: 'Required' }]);
    expect(error.message).toBe('config.yaml: model_list[2].litellm_params.model: Required');
  });

  it('reports a wrong type in general_settings.max_request_size_mb', () => {
    const error = configErrorOf(() => parseConfig('general_settings:\n  max_request_size_mb: lots\n'));
    expect(error.issues).toEqual([
      { path: 'general_settings.max_request_size_mb', message: 'Expected a number, got a string' },
    ]);
  });

  it('reports an api_base that is not an http(s) URL', () => {
    const text = models(model('a', '      model: openai/gpt-4o\n      api_base: ftp://files.example.com\n'));
    const error = configErrorOf(() => parseConfig(text));
    expect(error.issues).toEqual([
      {
        path: 'model_list[0].litellm_params.api_base',
        message: 'Must be an http(s) URL, e.g. https://api.example.com/v1',
      },
    ]);
  });

  it('reports a missing environment variable with its path and name', () => {
    const text = 'general_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY\n';
    const error = configErrorOf(() => parseConfig(text, { env: {}, source: 'config.yaml' }));
    expect(error.message).toBe(
      'config.yaml: general_settings.master_key: environment variable LITELLM_MASTER_KEY is not set',
    );
  });

  it('reports a missing variable once, not again as a missing field', () => {
    const text = models(model('a', '      model: os.environ/MODEL\n      rpm: -1\n'));
    const error = configErrorOf(() => parseConfig(text, { env: {} }));
    expect(error.issues).toEqual([
      { path: 'model_list[0].litellm_params.model', message: 'environment variable MODEL is not set' },
      { path: 'model_list[0].litellm_params.rpm', message: 'Must be at least 0' },
    ]);
  });

  it('reports a YAML syntax error with its line and column', () => {
    const text = 'model_list:\n  - model_name: a\n   litellm_params: {}\n';
    const error = configErrorOf(() => parseConfig(text, { source: 'config.yaml' }));
    expect(error.issues).toEqual([
      { path: '', line: 3, column: 1, message: 'YAML syntax error: Sequence item without - indicator' },
    ]);
    expect(error.message).toBe('config.yaml:3:1: YAML syntax error: Sequence item without - indicator');
  });

  it('reports duplicate keys as a YAML error', () => {
    const error = configErrorOf(() => parseConfig('model_list: []\nmodel_list: []\n', { source: 'c.yaml' }));
    expect(error.message).toBe('c.yaml:2:1: YAML syntax error: Map keys must be unique');
  });

  it('rejects an empty file', () => {
    for (const text of ['', '\n\n', '# only a comment\n', '---\n']) {
      const error = configErrorOf(() => parseConfig(text, { source: 'config.yaml' }));
      expect(error.message).toBe(
        'config.yaml: the file is empty; expected a mapping with model_list, general_settings, …',
      );
    }
  });

  it('rejects a top level that is not a mapping', () => {
    const error = configErrorOf(() => parseConfig('- model_name: a\n', { source: 'config.yaml' }));
    expect(error.message).toBe('config.yaml: the top level must be a mapping (key: value), got a list');
  });

  it('lists every issue, one per line', () => {
    const text = `${models(model('', '      model: ""\n'), model('b', '      timeout: 0\n'))}general_settings:\n  master_key: 1234\n`;
    const error = configErrorOf(() => parseConfig(text, { source: 'config.yaml' }));
    expect(error.message.split('\n')).toEqual([
      'config.yaml: model_list[0].model_name: Required',
      'config.yaml: model_list[0].litellm_params.model: Must not be empty',
      'config.yaml: model_list[1].litellm_params.model: Required',
      'config.yaml: model_list[1].litellm_params.timeout: Must be greater than 0',
      'config.yaml: general_settings.master_key: Expected a string, got a number',
    ]);
  });
});

describe('parseConfig keeps secrets out of messages', () => {
  const secret = 'hunter2-very-secret';

  it('does not echo a master key from the environment that fails validation', () => {
    const text = 'general_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY\n';
    const error = configErrorOf(() => parseConfig(text, { env: { LITELLM_MASTER_KEY: secret } }));
    expect(error.issues[0]?.path).toBe('general_settings.master_key');
    expect(error.message).toContain('Must start with "sk-"');
    expect(error.message).not.toContain(secret);
  });

  it('does not echo an api_base from the environment that is not a URL', () => {
    const text = models(model('a', '      model: openai/x\n      api_base: os.environ/API_BASE\n'));
    const error = configErrorOf(() => parseConfig(text, { env: { API_BASE: secret } }));
    expect(error.message).not.toContain(secret);
  });

  it('does not echo the source line of a YAML syntax error', () => {
    const error = configErrorOf(() => parseConfig(`general_settings:\n  master_key: sk-${secret}: x\n`));
    expect(error.message).not.toContain(secret);
  });

  it('does not echo values of the wrong type', () => {
    const text = models(
      model('a', `      model: openai/x\n      headers:\n        Authorization: [${secret}]\n`),
    );
    const error = configErrorOf(() => parseConfig(text));
    expect(error.message).toBe(
      'config: model_list[0].litellm_params.headers.Authorization: Expected a string, got a list',
    );
    expect(error.message).not.toContain(secret);
  });
});

describe('parseConfig accepts litellm shorthands', () => {
  it('treats empty sections as absent and an absent model_list as empty', () => {
    const { config, warnings } = parseConfig(
      'litellm_settings:\ngeneral_settings: {}\nrouter_settings: {}\n',
    );
    expect(config.model_list).toEqual([]);
    expect(config.litellm_settings).toBeUndefined();
    expect(config.general_settings).toEqual({});
    expect(warnings).toEqual([]);
  });

  it('supports YAML anchors and merge keys', () => {
    const text = [
      'x-azure: &azure',
      '  api_base: https://example.openai.azure.com',
      '  api_version: "2024-02-01"',
      'model_list:',
      '  - model_name: a',
      '    litellm_params:',
      '      <<: *azure',
      '      model: azure/a',
      '',
    ].join('\n');
    const { config, warnings } = parseConfig(text);
    expect(config.model_list[0]?.litellm_params).toEqual({
      api_base: 'https://example.openai.azure.com',
      api_version: '2024-02-01',
      model: 'azure/a',
    });
    expect(warnings).toEqual(['config: x-azure: unknown top-level key, kept but not used by Switchyard']);
  });

  it('warns that include is not supported', () => {
    const { warnings } = parseConfig('include:\n  - models.yaml\nmodel_list: []\n', {
      source: 'config.yaml',
    });
    expect(warnings).toEqual([
      'config.yaml: include: not supported: models and settings in included files are not loaded',
    ]);
  });
});
