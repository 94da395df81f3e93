import { fileURLToPath } from 'node:url';
import { loadConfig, silentLogger, startProxy } from '@switchyard/proxy';
import { createDefaultProviders } from 'switchyard';
import { describe, expect, it } from 'vitest';

const examplePath = fileURLToPath(new URL('../config.example.yaml', import.meta.url));

describe('config.example.yaml', () => {
  const env = {
    OPENAI_API_KEY: 'sk-test-openai-key',
    SWITCHYARD_MASTER_KEY: 'sk-test-master-key',
    SWITCHYARD_DATABASE_PATH: ':memory:',
  };

  it('starts the proxy with every first-party provider, its key from the environment', async () => {
    const config = await loadConfig(examplePath, { env });
    expect(config.warnings).toEqual([]);
    const proxy = await startProxy({
      config,
      providers: createDefaultProviders(),
      port: 0,
      env,
      logger: silentLogger,
    });
    try {
      expect(proxy.masterKey).toBe('sk-test-master-key');
      expect(proxy.masterKeySource).toBe('config');
      expect(proxy.gateway.models().map((model) => model.id)).toEqual(['gpt-4o-mini', 'demo']);
    } finally {
      await proxy.close();
    }
  });

  it('names the variables it needs when they are missing', async () => {
    await expect(loadConfig(examplePath, { env: {} })).rejects.toThrow(
      /OPENAI_API_KEY[\s\S]*SWITCHYARD_MASTER_KEY/,
    );
  });
});
