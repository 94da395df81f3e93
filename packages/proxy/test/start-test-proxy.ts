import { createAnthropic } from '@switchyard/anthropic';
import { createAzure } from '@switchyard/azure';
import { createCohere } from '@switchyard/cohere';
import type { Provider } from '@switchyard/core';
import { createGemini } from '@switchyard/gemini';
import { createMock } from '@switchyard/mock';
import { createOpenAI } from '@switchyard/openai';
import { createTogetherAi } from '@switchyard/together-ai';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { createLogger, parseConfig, type RunningProxy, startProxy } from '../src/index.js';

export const masterKey = 'sk-test-master-key-0123456789';
export const upstreamKey = 'sk-upstream-secret-abcdef123456';

export interface TestProxy {
  proxy: RunningProxy;
  upstream: MockUpstream;
  /** Every line the proxy logged. */
  logs: string[];
  close(): Promise<void>;
}

/** A mock OpenAI upstream plus a proxy whose config routes to it, both on free ports. */
/**
 * `extraYaml` is appended to general_settings; `extraModels` to model_list, with `MOCK` standing
 * for the mock upstream's origin; `extraProviders` are registered beside the default ones; `routerYaml` is the router_settings section (by default no
 * retries, so a scripted upstream failure reaches the client as it is).
 */
export async function startTestProxy(
  extraYaml = '',
  extraModels = '',
  extraProviders: Provider[] = [],
  routerYaml = 'router_settings:\n  num_retries: 0\n',
): Promise<TestProxy> {
  const upstream = await startMockUpstream({ apiKeys: [upstreamKey] });
  const yaml = `
model_list:
  - model_name: gpt-test
    litellm_params:
      model: openai/gpt-4o-mini-2024-07-18
      api_base: ${upstream.url}/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
  - model_name: embed-test
    litellm_params:
      model: openai/text-embedding-3-small
      api_base: ${upstream.url}/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
  - model_name: local
    litellm_params:
      model: mock/local-model
${extraModels.replaceAll('MOCK', upstream.url)}${routerYaml}general_settings:
  master_key: ${masterKey}
${extraYaml.includes('database_') ? '' : '  database_path: ":memory:"\n'}${extraYaml}`;
  const config = parseConfig(yaml, { env: { TEST_UPSTREAM_KEY: upstreamKey }, source: 'test-config.yaml' });
  const logs: string[] = [];
  // The logger is given no secrets to scrub, so the tests see whether any reach it unredacted.
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const proxy = await startProxy({
    config,
    providers: [
      createOpenAI(),
      createAzure({ env: {} }),
      createTogetherAi({ env: {} }),
      createAnthropic(),
      createCohere(),
      createGemini(),
      createMock(),
      ...extraProviders,
    ],
    port: 0,
    logger,
  });
  return {
    proxy,
    upstream,
    logs,
    async close() {
      await proxy.close();
      await upstream.close();
    },
  };
}
