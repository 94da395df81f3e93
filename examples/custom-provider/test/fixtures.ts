import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The example config (registers ./dist/index.js through custom_provider_map). */
export const configPath = fileURLToPath(new URL('../config.yaml', import.meta.url));

/** The real `switchyard` command of the @switchyard/cli dependency. */
export const cliPath = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@switchyard/cli/package.json')),
  'bin/switchyard.js',
);

export const masterKey = 'sk-custom-provider-example-test-key';

/** The config loads the built provider; say so plainly when it has not been built. */
export function assertBuilt(): void {
  const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  if (!existsSync(built))
    throw new Error(`${built} is missing: run \`pnpm build\` in examples/custom-provider first`);
}
