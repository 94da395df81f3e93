import type { Provider } from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { chatScenarios } from './chat-scenarios.js';
import type { ConformanceContext } from './conformance-context.js';
import type { ConformanceTarget } from './conformance-target.js';
import { failureScenarios } from './failure-scenarios.js';

export { type CollectedStream, collect } from './collect.js';
export type { ConformanceFeature, ConformanceTarget } from './conformance-target.js';
export { type ServiceHarness, type ServiceHarnessOptions, useServiceHarness } from './service-harness.js';

/**
 * The conformance suite every provider runs (as honojs/hono runs one router suite over all its
 * routers): the same scenarios through real HTTP against the mock upstream speaking the provider's
 * wire format. A scenario a provider cannot do is skipped only where its capabilities say so.
 */
export function describeProviderConformance(target: ConformanceTarget): void {
  describe(`${target.name} conformance`, () => {
    let mock: MockUpstream | undefined;
    let provider: Provider | undefined;
    beforeAll(async () => {
      mock = await startMockUpstream({ apiKeys: target.mockApiKeys });
      provider = target.createProvider(mock.url);
    });
    afterAll(async () => {
      await provider?.close?.();
      await mock?.close();
    });
    beforeEach(() => mock?.reset());
    const context: ConformanceContext = {
      target,
      mock: () => mock!,
      provider: () => provider!,
      options: (extra = {}) => ({ ...target.callOptions(mock!.url), ...extra }),
    };
    chatScenarios(context);
    failureScenarios(context);
  });
}
