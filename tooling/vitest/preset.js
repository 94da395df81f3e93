// Shared vitest settings for every package: node environment, tests beside the code (src/**)
// and end-to-end tests under test/**, no globals, bounded time so a hang fails instead of stalling CI.
import { defineConfig } from 'vitest/config';

export function switchyardPreset(overrides = {}) {
  return defineConfig({
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
