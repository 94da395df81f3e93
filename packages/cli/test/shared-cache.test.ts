import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { waitForOutput } from '@switchyard-tooling/test-process';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCli } from './run-cli.js';

// Two proxy processes with one config, sharing the Redis on 127.0.0.1:6379 (under a namespace of
// this run's own): an answer one of them stored is served by the other without an upstream call.

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const key = 'sk-shared-cache-test-key';
let dir: string;
let upstream: MockUpstream;
const runs: CliRun[] = [];

/** The URL a replica listens on; two processes starting at once on a busy machine may take a while. */
async function listening(run: CliRun): Promise<string> {
  const pattern = /proxy listening on (http:\/\/\S+)/;
  const match = pattern.exec(run.stdout()) ?? (await waitForOutput(run.child, pattern, 45_000));
  return match[1]!;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'switchyard-cache-'));
  upstream = await startMockUpstream({ apiKeys: ['sk-upstream'] });
});
afterAll(async () => {
  for (const run of runs) {
    run.child.kill('SIGTERM');
    await run.exited;
  }
  await upstream.close();
  await rm(dir, { recursive: true, force: true });
});

describe('two proxy processes sharing one Redis cache', () => {
  it('serve each other’s cached answers', { timeout: 60_000 }, async () => {
    const namespace = `switchyard-test-${randomUUID()}`;
    const file = path.join(dir, 'config.yaml');
    await writeFile(
      file,
      [
        'model_list:',
        '  - model_name: gpt-shared',
        '    litellm_params:',
        '      model: openai/gpt-4o-mini',
        `      api_base: ${upstream.url}/v1`,
        '      api_key: sk-upstream',
        'litellm_settings:',
        '  cache: true',
        '  cache_params:',
        '    type: redis',
        `    url: ${redisUrl}`,
        `    namespace: ${namespace}`,
        '    ttl: 60',
        'general_settings:',
        `  master_key: ${key}`,
        '',
      ].join('\n'),
    );
    const replicas = [runCli(['--config', file, '--port', '0']), runCli(['--config', file, '--port', '0'])];
    runs.push(...replicas);
    const urls = await Promise.all(replicas.map((run) => listening(run)));
    const [first, second] = urls.map(
      (url) => new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 }),
    );
    const messages = [{ role: 'user' as const, content: `shared ${namespace}` }];

    const original = await first!.chat.completions.create({ model: 'gpt-shared', messages });
    const { data: fromCache, response } = await second!.chat.completions
      .create({ model: 'gpt-shared', messages })
      .withResponse();
    expect(upstream.requestCount()).toBe(1);
    expect(response.headers.get('x-litellm-cache-key')).toMatch(new RegExp(`^${namespace}:[0-9a-f]{64}$`));
    expect(fromCache).toEqual(original);

    // And the other way round, streamed.
    const streamed = await second!.chat.completions.create({
      model: 'gpt-shared',
      messages: [{ role: 'user', content: `streamed ${namespace}` }],
      stream: true,
    });
    let text = '';
    for await (const chunk of streamed) text += chunk.choices[0]?.delta.content ?? '';
    const replayed = await first!.chat.completions.create({
      model: 'gpt-shared',
      messages: [{ role: 'user', content: `streamed ${namespace}` }],
    });
    expect(replayed.choices[0]?.message.content).toBe(text);
    expect(upstream.requestCount()).toBe(2);
  });
});
