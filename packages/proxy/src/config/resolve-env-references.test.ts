import { describe, expect, it } from 'vitest';
import { resolveEnvReferences } from './resolve-env-references.js';

describe('resolveEnvReferences', () => {
  it('replaces os.environ/NAME strings at any depth, in mappings and lists', () => {
    const document = {
      model_list: [{ litellm_params: { api_key: 'os.environ/KEY', tags: ['os.environ/TAG', 'plain'] } }],
      general_settings: { master_key: 'sk-literal', max_request_size_mb: 4 },
    };
    const { value, issues } = resolveEnvReferences(document, { KEY: 'key-value', TAG: 'tag-value' });
    expect(issues).toEqual([]);
    expect(value).toEqual({
      model_list: [{ litellm_params: { api_key: 'key-value', tags: ['tag-value', 'plain'] } }],
      general_settings: { master_key: 'sk-literal', max_request_size_mb: 4 },
    });
  });

  it('leaves strings that only contain the prefix elsewhere alone', () => {
    const { value } = resolveEnvReferences({ a: 'see os.environ/KEY', b: 'OS.ENVIRON/KEY' }, {});
    expect(value).toEqual({ a: 'see os.environ/KEY', b: 'OS.ENVIRON/KEY' });
  });

  it('applies environment_variables first, without touching the given env', () => {
    const env = { FROM_PROCESS: 'process', SHARED: 'process' };
    const document = {
      environment_variables: { SHARED: 'file', PORT: 6379, DEBUG: true, FROM_ENV: 'os.environ/FROM_PROCESS' },
      router_settings: { a: 'os.environ/SHARED', b: 'os.environ/PORT', c: 'os.environ/FROM_ENV' },
    };
    const result = resolveEnvReferences(document, env);
    expect(result.issues).toEqual([]);
    expect(result.value.router_settings).toEqual({ a: 'file', b: '6379', c: 'process' });
    expect(result.value.environment_variables).toEqual({
      SHARED: 'file',
      PORT: '6379',
      DEBUG: 'true',
      FROM_ENV: 'process',
    });
    expect(result.env).toEqual({
      FROM_PROCESS: 'process',
      SHARED: 'file',
      PORT: '6379',
      DEBUG: 'true',
      FROM_ENV: 'process',
    });
    expect(env).toEqual({ FROM_PROCESS: 'process', SHARED: 'process' });
  });

  it('reports every missing variable with its path and name', () => {
    const document = {
      model_list: [{ litellm_params: { api_key: 'os.environ/OPENAI_API_KEY' } }],
      environment_variables: { REDIS_PASSWORD: 'os.environ/REDIS_SECRET' },
      general_settings: { master_key: 'os.environ/' },
    };
    const { value, issues } = resolveEnvReferences(document, {});
    expect(issues).toEqual([
      {
        path: 'environment_variables.REDIS_PASSWORD',
        message: 'environment variable REDIS_SECRET is not set',
      },
      {
        path: 'model_list[0].litellm_params.api_key',
        message: 'environment variable OPENAI_API_KEY is not set',
      },
      { path: 'general_settings.master_key', message: '"os.environ/" names no environment variable' },
    ]);
    expect(value.model_list).toEqual([{ litellm_params: { api_key: undefined } }]);
  });

  it('counts a variable set to an empty string as set', () => {
    const { value, issues } = resolveEnvReferences({ a: 'os.environ/EMPTY' }, { EMPTY: '' });
    expect(issues).toEqual([]);
    expect(value).toEqual({ a: '' });
  });

  it('does not treat inherited object properties as variables', () => {
    const { issues } = resolveEnvReferences({ a: 'os.environ/constructor' }, {});
    expect(issues).toEqual([{ path: 'a', message: 'environment variable constructor is not set' }]);
  });

  it('defaults to process.env', () => {
    process.env.SWITCHYARD_CONFIG_TEST_VARIABLE = 'from-process';
    try {
      const { value } = resolveEnvReferences({ a: 'os.environ/SWITCHYARD_CONFIG_TEST_VARIABLE' });
      expect(value).toEqual({ a: 'from-process' });
    } finally {
      delete process.env.SWITCHYARD_CONFIG_TEST_VARIABLE;
    }
  });
});
