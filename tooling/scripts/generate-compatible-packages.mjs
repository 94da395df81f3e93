#!/usr/bin/env node
// Generates one thin package per OpenAI-compatible service of `compatible-services.mjs`:
// packages/<kebab-id> named @switchyard/<kebab-id>, exporting create<Name>, <Name>Settings, the
// service definition and a default instance, with package.json / tsconfig / vitest config copied
// from packages/openai, a README and a test against the mock upstream (plus the conformance
// fixture for the entries that ask for it). Re-runnable: the same table gives the same files
// (formatted with the repo's biome at the end).
//
//   node tooling/scripts/generate-compatible-packages.mjs
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  banner,
  batteriesFile,
  indexFile,
  kebab,
  packageJson,
  providerFile,
  readme,
} from './compatible-package-templates.mjs';
import { conformanceFiles, testFile } from './compatible-package-tests.mjs';
import { compatibleServices } from './compatible-services.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function copyText(from, to) {
  await writeFile(to, await readFile(from, 'utf8'));
}

async function generate(entry, template) {
  const dir = join(root, 'packages', kebab(entry.id));
  const src = join(dir, 'src');
  await mkdir(entry.conformance ? join(src, '__fixtures__') : src, { recursive: true });
  const openai = join(root, 'packages', 'openai');
  await writeFile(join(dir, 'package.json'), packageJson(entry, template));
  for (const name of ['tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts']) {
    await copyText(join(openai, name), join(dir, name));
  }
  await writeFile(join(dir, 'README.md'), readme(entry));
  await writeFile(join(src, 'index.ts'), indexFile(entry));
  await writeFile(join(src, `${kebab(entry.id)}-provider.ts`), providerFile(entry));
  await writeFile(join(src, `${kebab(entry.id)}-provider.test.ts`), banner + testFile(entry));
  if (entry.conformance) {
    const files = conformanceFiles(entry);
    await writeFile(join(src, '__fixtures__', 'conformance.ts'), banner + files.fixture);
    await writeFile(join(src, 'conformance.test.ts'), banner + files.test);
  }
  return dir;
}

/** Registers every service in the batteries-included `switchyard` package (dependencies + list). */
async function writeBatteries(entries) {
  const dir = join(root, 'packages', 'switchyard');
  const file = join(dir, 'src', 'compatible-providers.ts');
  await writeFile(file, batteriesFile(entries));
  const pkgFile = join(dir, 'package.json');
  const pkg = JSON.parse(await readFile(pkgFile, 'utf8'));
  for (const entry of entries) pkg.dependencies[`@switchyard/${kebab(entry.id)}`] = 'workspace:*';
  pkg.dependencies = Object.fromEntries(
    Object.entries(pkg.dependencies).sort(([a], [b]) => a.localeCompare(b)),
  );
  await writeFile(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  return [file, pkgFile];
}

async function main() {
  const template = JSON.parse(await readFile(join(root, 'packages', 'openai', 'package.json'), 'utf8'));
  const ids = new Set();
  for (const entry of compatibleServices) {
    if (ids.has(entry.id)) throw new Error(`duplicate service id ${entry.id}`);
    ids.add(entry.id);
  }
  const dirs = [];
  for (const entry of compatibleServices) dirs.push(await generate(entry, template));
  const batteries = await writeBatteries(compatibleServices);
  await promisify(execFile)(
    'pnpm',
    ['exec', 'biome', 'check', '--write', ...[...dirs, ...batteries].map((dir) => relative(root, dir))],
    {
      cwd: root,
    },
  );
  console.log(`generated ${dirs.length} packages: ${dirs.map((dir) => relative(root, dir)).join(', ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
