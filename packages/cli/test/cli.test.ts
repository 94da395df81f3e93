import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, waitForListening } from './run-cli.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'switchyard-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function writeConfig(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('switchyard command', () => {
  it('prints help and version', async () => {
    const help = runCli(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toContain('--config FILE');
    const version = runCli(['--version']);
    expect(await version.exited).toBe(0);
    expect(version.stdout().trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses wrong usage with exit code 2', async () => {
    const none = runCli([]);
    expect(await none.exited).toBe(2);
    expect(none.stderr()).toContain('Pass --config FILE or --model');
    const badPort = runCli(['--model', 'mock/x', '--port', 'abc']);
    expect(await badPort.exited).toBe(2);
    expect(badPort.stderr()).toContain('--port');
    const unknown = runCli(['--bogus']);
    expect(await unknown.exited).toBe(2);
  });

  it('stops on an invalid config, naming the path, with a non-zero exit', async () => {
    const file = await writeConfig(
      'bad.yaml',
      'model_list:\n  - model_name: a\n    litellm_params:\n      model: mock/a\n  - model_name: b\n    litellm_params: {}\n',
    );
    const run = runCli(['--config', file]);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('model_list[1].litellm_params.model');
  });

  it('stops on a model whose provider is unknown, naming the path', async () => {
    const file = await writeConfig(
      'provider.yaml',
      'model_list:\n  - model_name: a\n    litellm_params:\n      model: nowhere/a\n',
    );
    const run = runCli(['--config', file]);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('model_list[0].litellm_params.model');
    expect(run.stderr()).toContain('nowhere');
  });

  it('serves a config, answers the openai client, and exits cleanly on SIGTERM', async () => {
    const file = await writeConfig(
      'good.yaml',
      'model_list:\n  - model_name: demo\n    litellm_params:\n      model: mock/demo\ngeneral_settings:\n  master_key: os.environ/MY_KEY\n',
    );
    const run = runCli(['--config', file, '--port', '0'], { MY_KEY: 'sk-cli-test-key-1234' });
    const url = await waitForListening(run);
    expect(run.stdout()).not.toContain('sk-cli-test-key-1234');
    const client = new OpenAI({ apiKey: 'sk-cli-test-key-1234', baseURL: `${url}/v1`, maxRetries: 0 });
    const answer = await client.chat.completions.create({
      model: 'demo',
      messages: [{ role: 'user', content: 'ping' }],
    });
    expect(answer.choices[0]?.message.content).toContain('ping');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('quick-starts one model with --model and a generated key printed once', async () => {
    const run = runCli(['--model', 'mock/quick', '--port', '0']);
    const url = await waitForListening(run);
    const key = /key:\s+(sk-\S+)/.exec(run.stdout())?.[1];
    expect(key).toBeTruthy();
    const client = new OpenAI({ apiKey: key!, baseURL: `${url}/v1`, maxRetries: 0 });
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['mock/quick']);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('says so when the port is taken', async () => {
    const first = runCli(['--model', 'mock/a', '--port', '0']);
    const url = await waitForListening(first);
    const port = new URL(url).port;
    const second = runCli(['--model', 'mock/a', '--port', port]);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain('already in use');
    first.child.kill('SIGTERM');
    await first.exited;
  });
});
