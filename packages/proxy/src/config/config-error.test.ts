import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { formatConfigPath, isWithinConfigPath } from './format-config-path.js';

describe('ConfigError', () => {
  it('lists issues one per line, each prefixed by the file name', () => {
    const error = new ConfigError('config.yaml', [
      { path: 'model_list[2].litellm_params.model', message: 'Required' },
      { path: '', message: 'file not found' },
      { path: '', line: 3, column: 7, message: 'YAML syntax error: Missing closing "quote' },
    ]);
    expect(error.name).toBe('ConfigError');
    expect(error.source).toBe('config.yaml');
    expect(error.message).toBe(
      [
        'config.yaml: model_list[2].litellm_params.model: Required',
        'config.yaml: file not found',
        'config.yaml:3:7: YAML syntax error: Missing closing "quote',
      ].join('\n'),
    );
  });

  it('is recognised by isInstance, also across copies of the package', () => {
    const error = new ConfigError('c', [{ path: '', message: 'x' }]);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(ConfigError.isInstance(new Error('x'))).toBe(false);
    const foreign = Object.defineProperty(new Error('x'), Symbol.for('switchyard.config-error'), {
      value: true,
    });
    expect(ConfigError.isInstance(foreign)).toBe(true);
  });
});

describe('formatConfigPath', () => {
  it('uses dots for keys and [n] for indexes', () => {
    expect(formatConfigPath(['model_list', 2, 'litellm_params', 'model'])).toBe(
      'model_list[2].litellm_params.model',
    );
    expect(formatConfigPath(['general_settings', 'max_request_size_mb'])).toBe(
      'general_settings.max_request_size_mb',
    );
    expect(formatConfigPath(['headers', 'X-Api-Version'])).toBe('headers.X-Api-Version');
    expect(formatConfigPath([])).toBe('');
  });

  it('quotes keys that are not plain words', () => {
    expect(formatConfigPath(['router_settings', 'model_group_alias', 'gpt-3.5-turbo'])).toBe(
      'router_settings.model_group_alias["gpt-3.5-turbo"]',
    );
    expect(formatConfigPath(['a b', 0])).toBe('["a b"][0]');
  });
});

describe('isWithinConfigPath', () => {
  it('matches the path itself and paths inside it, not siblings sharing a prefix', () => {
    expect(isWithinConfigPath('a.b', 'a.b')).toBe(true);
    expect(isWithinConfigPath('a.b.c', 'a.b')).toBe(true);
    expect(isWithinConfigPath('a.b[0]', 'a.b')).toBe(true);
    expect(isWithinConfigPath('a.bc', 'a.b')).toBe(false);
    expect(isWithinConfigPath('anything', '')).toBe(true);
  });
});
