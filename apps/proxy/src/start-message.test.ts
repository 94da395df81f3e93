import { createSwitchyard } from '@switchyard/core';
import { mock } from 'switchyard';
import { describe, expect, it } from 'vitest';
import { startMessage } from './start-message.js';

describe('startMessage', () => {
  const masterKey = 'sk-very-secret-master-key-1234';
  const gateway = createSwitchyard({
    providers: [mock],
    models: [
      { modelName: 'demo', provider: 'mock', model: 'demo-chat' },
      { modelName: 'demo-embedding', provider: 'mock', model: 'demo-embedding' },
    ],
  });

  it('names the address, config, models and key source, and masks the master key', () => {
    const start = startMessage(
      { url: 'http://0.0.0.0:4000', masterKey, masterKeySource: 'environment', gateway },
      { config: '/app/config.yaml', version: '1.2.3' },
    );
    expect(start).toEqual({
      message: 'proxy listening on http://0.0.0.0:4000',
      fields: {
        version: '1.2.3',
        config: '/app/config.yaml',
        models: ['demo', 'demo-embedding'],
        masterKey: 'sk-…34',
        masterKeySource: 'environment',
      },
    });
    expect(JSON.stringify(start)).not.toContain(masterKey);
  });

  it('says when the key comes from the config', () => {
    const start = startMessage(
      { url: 'http://127.0.0.1:4000', masterKey, masterKeySource: 'config', gateway },
      { config: 'config.yaml', version: '1.2.3' },
    );
    expect(start.fields.masterKeySource).toBe('general_settings.master_key');
  });
});
