// Shared vitest settings for every package: node environment, tests beside the code (src/**)
// and end-to-end tests under test/**, no globals, bounded time so a hang fails instead of stalling CI.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests use the mock upstream's (and the conformance suite's) source, so a provider's tests see its wire format without a build
// step in between (and parallel builds never race on its dist/).
const source = (folder) => fileURLToPath(new URL(`../${folder}/src/index.ts`, import.meta.url));

export function switchyardPreset(overrides = {}) {
  return defineConfig({
    resolve: {
      alias: {
        '@switchyard-tooling/mock-upstream': source('mock-upstream'),
        '@switchyard-tooling/provider-conformance': source('provider-conformance'),
      },
    },
    test: {
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 20_000,
      hookTimeout: 20_000,
      restoreMocks: true,
      ...overrides,
    },
  });
}

export default switchyardPreset();
