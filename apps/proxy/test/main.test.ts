import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { maskSecret } from '@switchyard/core';
import { type ChildWithOutput, waitForExit, waitForOutput } from '@switchyard-tooling/test-process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// The built app as the container runs it: `node dist/main.js`, configured by the environment.
const mainPath = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const masterKey = 'sk-app-proxy-test-master-key-0123';

const mockConfig = `
model_list:
  - model_name: demo
    litellm_params:
      model: mock/demo-chat
`;

const brokenConfig = `
model_list:
  - model_name: demo
    litellm_params:
      api_base: http://127.0.0.1:1
`;

describe('node dist/main.js', () => {
  let directory: string;
  let child: ChildWithOutput | undefined;

  async function writeConfig(name: string, text: string): Promise<string> {
    const file = path.join(directory, name);
    await writeFile(file, text);
    return file;
  }

  /** Starts the app with only the given variables (and PATH): no provider keys leak in. */
  function startApp(env: Record<string, string>): ChildWithOutput {
    child = spawn(process.execPath, [mainPath], {
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        SWITCHYARD_DATABASE_PATH: ':memory:',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return child;
  }

  /** Runs the app to its exit; resolves with the exit and everything it wrote to stderr. */
  async function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
    const app = startApp(env);
    let stderr = '';
    app.stderr.setEncoding('utf8');
    app.stderr.on('data', (data: string) => {
      stderr += data;
    });
    const { code } = await waitForExit(app);
    return { code, stderr };
  }

  beforeAll(async () => {
    if (!existsSync(mainPath))
      throw new Error(`${mainPath} is missing: run \`pnpm build\` in apps/proxy first`);
    directory = await mkdtemp(path.join(tmpdir(), 'switchyard-app-'));
  });

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await waitForExit(child);
    }
    child = undefined;
  });

  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('serves the config, logs one start line without the master key, and exits 0 on SIGTERM', async () => {
    const config = await writeConfig('config.yaml', mockConfig);
    const app = startApp({ SWITCHYARD_CONFIG: config, SWITCHYARD_MASTER_KEY: masterKey });
    const [startLine = '', url] = await waitForOutput(app, /^.*proxy listening on (http:\/\/[^\s]+).*$/m);
    expect(startLine).toContain(config);
    expect(startLine).toContain(maskSecret(masterKey));
    expect(startLine).not.toContain(masterKey);

    const health = await fetch(`${url}/health/liveliness`);
    expect(health.status).toBe(200);

    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      object: string;
      choices: Array<{ message: { content: string } }>;
    };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]?.message.content).toEqual(expect.any(String));

    const stopped = waitForOutput(app, /proxy stopped/);
    app.kill('SIGTERM');
    await stopped;
    expect(await waitForExit(app)).toEqual({ code: 0, signal: null });
  });

  it('exits non-zero naming the path of a broken config entry', async () => {
    const config = await writeConfig('broken.yaml', brokenConfig);
    const { code, stderr } = await runToExit({ SWITCHYARD_CONFIG: config, SWITCHYARD_MASTER_KEY: masterKey });
    expect(code).toBe(1);
    expect(stderr).toContain('switchyard: invalid configuration');
    expect(stderr).toContain(`${config}: model_list[0].litellm_params.model`);
  });

  it('exits non-zero naming a missing config file', async () => {
    const config = path.join(directory, 'missing.yaml');
    const { code, stderr } = await runToExit({ SWITCHYARD_CONFIG: config, SWITCHYARD_MASTER_KEY: masterKey });
    expect(code).toBe(1);
    expect(stderr).toContain(`${config}: file not found`);
  });

  it('refuses to start without a master key, which it could not show', async () => {
    const config = await writeConfig('no-key.yaml', mockConfig);
    const { code, stderr } = await runToExit({ SWITCHYARD_CONFIG: config });
    expect(code).toBe(1);
    expect(stderr).toContain('no master key: set SWITCHYARD_MASTER_KEY');
  });

  it('exits non-zero on an unusable PORT', async () => {
    const config = await writeConfig('config.yaml', mockConfig);
    const { code, stderr } = await runToExit({
      SWITCHYARD_CONFIG: config,
      SWITCHYARD_MASTER_KEY: masterKey,
      PORT: 'http',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT must be a whole number');
  });
});
