import { createOpenAI } from '@switchyard/openai';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, startProxy } from '../src/index.js';

const yaml = (router: string) => `
model_list:
  - model_name: a
    litellm_params:
      model: openai/gpt-4o-mini
      api_key: sk-x
router_settings:
${router}
general_settings:
  master_key: sk-test-master-key-0123456789
`;

async function startError(router: string): Promise<ConfigError> {
  const config = parseConfig(yaml(router), { source: 'router.yaml', env: {} });
  const error = await startProxy({
    config,
    providers: [createOpenAI()],
    port: 0,
    env: { SWITCHYARD_DATABASE_PATH: ':memory:' },
  }).then(
    async (proxy) => {
      await proxy.close();
      throw new Error('expected start-up to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('router settings at start-up', () => {
  it('refuses fallbacks and aliases to groups that do not exist, naming them', async () => {
    const error = await startError('  fallbacks: [{ a: [missing] }]\n  model_group_alias: { b: nowhere }');
    expect(error.issues).toEqual([
      { path: 'router_settings.fallbacks[0].a[0]', message: 'Unknown model group "missing"' },
      { path: 'router_settings.model_group_alias.b', message: 'Unknown model group "nowhere"' },
    ]);
    expect(error.message).toContain('router.yaml: router_settings.fallbacks[0].a[0]');
  });

  it('refuses invalid Redis settings without showing their values', async () => {
    const error = await startError('  redis_url: "http://user:hunter2@example"');
    expect(error.issues[0]?.path).toBe('router_settings.redis_url');
    expect(error.message).not.toContain('hunter2');
  });
});
