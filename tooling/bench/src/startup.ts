import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import { cliBin } from './bench-setup.js';

const run = promisify(execFile);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Cold start to first answer: from spawning `switchyard --config <file>` to the first 200 of a chat
 * completion (polled every 2 ms), median of `times` runs.
 */
export async function coldStartMs(configFile: string, model: string, key: string, times: number) {
  const runs: number[] = [];
  for (let index = 0; index < times; index += 1) {
    const port = await freePort();
    const began = process.hrtime.bigint();
    const child = spawn(process.execPath, [cliBin, '--config', configFile, '--port', String(port)], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error('switchyard did not answer');
        const answered = await request(`http://127.0.0.1:${port}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
        }).then(
          async (response) => {
            await response.body.text();
            return response.statusCode === 200;
          },
          () => false,
        );
        if (answered) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      runs.push(Number(process.hrtime.bigint() - began) / 1e6);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }
  return { medianMs: median(runs), runsMs: runs };
}

/** Time of `await import(specifier)` in a fresh node process (median of `times`). */
export async function importMs(specifier: string, times: number) {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const runs: number[] = [];
  for (let index = 0; index < times; index += 1) {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: path.dirname(new URL(import.meta.url).pathname),
    });
    runs.push(Number(stdout.trim()));
  }
  return { medianMs: median(runs), runsMs: runs };
}

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
}

/**
 * The production dependencies `packages` install, transitively (from the installed package.json
 * files): third-party packages and workspace (`@switchyard/*`, `switchyard`) ones apart.
 */
export function runtimeDependencies(packages: string[]) {
  const thirdParty = new Set<string>();
  const workspace = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string, from: string) => {
    const manifestPath = createRequire(from).resolve(`${name}/package.json`);
    if (seen.has(manifestPath)) return;
    seen.add(manifestPath);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      (dependency.startsWith('@switchyard/') || dependency === 'switchyard' ? workspace : thirdParty).add(
        dependency,
      );
      visit(dependency, manifestPath);
    }
  };
  for (const name of packages) visit(name, import.meta.url);
  return { count: thirdParty.size, thirdParty: [...thirdParty].sort(), workspace: [...workspace].sort() };
}
