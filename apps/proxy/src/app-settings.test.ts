import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppSettingsError, readAppSettings } from './app-settings.js';

const cwd = path.resolve('/srv/switchyard');

describe('readAppSettings', () => {
  it('defaults to ./config.yaml, port 4000 and the loopback address', () => {
    expect(readAppSettings({}, cwd)).toEqual({
      configPath: path.join(cwd, 'config.yaml'),
      port: 4000,
      host: '127.0.0.1',
    });
  });

  it('reads SWITCHYARD_CONFIG, PORT and HOST', () => {
    expect(
      readAppSettings({ SWITCHYARD_CONFIG: '/app/config.yaml', PORT: '8080', HOST: '0.0.0.0' }, cwd),
    ).toEqual({ configPath: path.resolve('/app/config.yaml'), port: 8080, host: '0.0.0.0' });
  });

  it('resolves a relative config path against the working directory', () => {
    expect(readAppSettings({ SWITCHYARD_CONFIG: 'conf/proxy.yaml' }, cwd).configPath).toBe(
      path.join(cwd, 'conf/proxy.yaml'),
    );
  });

  it('treats empty variables as unset', () => {
    expect(readAppSettings({ SWITCHYARD_CONFIG: '', PORT: ' ', HOST: '' }, cwd)).toEqual(
      readAppSettings({}, cwd),
    );
  });

  it('accepts port 0 (any free port)', () => {
    expect(readAppSettings({ PORT: '0' }, cwd).port).toBe(0);
  });

  it.each(['http', '-1', '65536', '40.5', '4e3'])('rejects PORT=%s, naming the variable', (value) => {
    expect(() => readAppSettings({ PORT: value }, cwd)).toThrow(AppSettingsError);
    expect(() => readAppSettings({ PORT: value }, cwd)).toThrow(
      `PORT must be a whole number from 0 to 65535 (got "${value}")`,
    );
  });
});
