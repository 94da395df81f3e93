import { spawn } from 'node:child_process';
import { type ChildWithOutput, waitForExit, waitForOutput } from '@switchyard-tooling/test-process';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { assertBuilt, cliPath, configPath, masterKey } from './fixtures.js';

// The real `switchyard` command, as a user runs it: `switchyard --config config.yaml --port 0`.
describe('the switchyard command with the example config', () => {
  let child: ChildWithOutput | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await waitForExit(child);
    }
    child = undefined;
  });

  it('serves the custom provider and stops cleanly on SIGTERM', async () => {
    assertBuilt();
    child = spawn(process.execPath, [cliPath, '--config', configPath, '--port', '0'], {
      env: { ...process.env, SWITCHYARD_MASTER_KEY: masterKey, SWITCHYARD_DATABASE_PATH: ':memory:' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [, url] = await waitForOutput(child, /proxy listening on (http:\/\/\S+)/);

    const client = new OpenAI({ apiKey: masterKey, baseURL: `${url}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'echo-reverse',
      messages: [{ role: 'user', content: 'from the command line' }],
    });
    expect(completion.choices[0]?.message.content).toBe('enil dnammoc eht morf');

    child.kill('SIGTERM');
    expect(await waitForExit(child)).toEqual({ code: 0, signal: null });
  });
});
