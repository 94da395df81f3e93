import { describe, expect, it } from 'vitest';
import { createDeploymentKeys, sameUpstreamAccount } from './deployment-key.js';

describe('createDeploymentKeys', () => {
  const base = {
    modelName: 'gpt',
    provider: 'openai',
    model: 'gpt-4o',
    apiBase: 'https://a',
    apiKey: 'sk-secret-1',
  };

  it('uses model_info.id when set, else a stable digest that never contains the key', () => {
    const key = createDeploymentKeys();
    expect(key({ ...base, id: 'my-id' })).toBe('my-id');
    const digest = key(base);
    expect(digest).toMatch(/^dep_[0-9a-f]{24}$/);
    expect(digest).not.toContain('secret');
    expect(createDeploymentKeys()({ ...base })).toBe(digest);
  });

  it('tells apart deployments that differ only by key, endpoint or version', () => {
    const key = createDeploymentKeys();
    const keys = new Set([
      key(base),
      key({ ...base, apiKey: 'sk-secret-2' }),
      key({ ...base, apiBase: 'https://b' }),
      key({ ...base, apiVersion: 'v1' }),
    ]);
    expect(keys.size).toBe(4);
  });
});

describe('sameUpstreamAccount', () => {
  it('compares provider, endpoint and key', () => {
    const a = { modelName: 'x', provider: 'openai', model: 'm', apiBase: 'https://a', apiKey: 'k' };
    expect(sameUpstreamAccount(a, { ...a, modelName: 'y', model: 'n' })).toBe(true);
    expect(sameUpstreamAccount(a, { ...a, apiKey: 'other' })).toBe(false);
    expect(sameUpstreamAccount(a, { ...a, provider: 'azure' })).toBe(false);
  });
});
