import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mockUpstreamCliPath } from '@switchyard-tooling/mock-upstream';
import { request } from 'undici';
import { type Spawned, spawnServer } from './processes.js';

const requireFromHere = createRequire(import.meta.url);

/** The `switchyard` command's script. */
export const cliBin = path.join(
  path.dirname(requireFromHere.resolve('@switchyard/cli/package.json')),
  'bin/switchyard.js',
);
export const referenceProxyScript = fileURLToPath(new URL('./reference-proxy.js', import.meta.url));
export const masterKey = 'sk-bench-master-key';
/** The model the mock streams slowly: `streamChunks` frames, `chunkDelayMs` apart. */
export const pacedModel = 'gpt-paced-stream';

export interface Target {
  origin: string;
  /** The model name this target knows the benchmark model by. */
  model: string;
  /** Same, for the paced stream. */
  pacedModel: string;
  key: string;
  /** The process whose CPU and memory are measured. */
  pid: number | undefined;
}

/** The realistic Switchyard config: several model groups, a store, a master key, cache off. */
export function switchyardConfig(
  upstreamUrl: string,
  databaseLines: string[],
  routerLines: string[],
): string {
  const deployment = (name: string, model: string, base = `${upstreamUrl}/v1`) => [
    `  - model_name: ${name}`,
    '    litellm_params:',
    `      model: ${model}`,
    `      api_base: ${base}`,
    '      api_key: sk-upstream',
  ];
  return [
    'model_list:',
    // Two deployments of the benchmark group: the router picks one per request.
    ...deployment('bench', 'openai/gpt-4o-mini'),
    ...deployment('bench', 'openai/gpt-4o-mini'),
    ...deployment('bench-stream', `openai/${pacedModel}`),
    ...deployment('claude', 'anthropic/claude-sonnet-4-5', upstreamUrl),
    ...deployment('embed', 'openai/text-embedding-3-small'),
    'router_settings:',
    '  num_retries: 0',
    ...routerLines,
    'general_settings:',
    `  master_key: ${masterKey}`,
    ...databaseLines,
    '',
  ].join('\n');
}

/** Starts the mock upstream with the paced-stream rule. */
export async function startUpstream(streamChunks: number, chunkDelayMs: number): Promise<Spawned> {
  const upstream = await spawnServer([mockUpstreamCliPath, '--port', '0'], /(http:\/\/\S+)/);
  await scriptPacedStream(upstream.url, streamChunks, chunkDelayMs);
  return upstream;
}

/**
 * (Re)scripts the paced stream and forgets recorded requests (the mock keeps every request, which
 * would grow its memory over a long run). OpenAI's stream is a role frame, one frame per word and
 * a finish frame, so `chunks - 2` words make `chunks` frames.
 */
export async function scriptPacedStream(upstreamUrl: string, chunks: number, chunkDelayMs: number) {
  await control(upstreamUrl, '/__mock/reset', {});
  const words = Array.from({ length: Math.max(1, chunks - 2) }, (_, index) => `w${index}`).join(' ');
  await control(upstreamUrl, '/__mock/rules', {
    match: { model: pacedModel },
    chunkDelayMs,
    respond: { content: words },
  });
}

async function control(upstreamUrl: string, route: string, body: unknown): Promise<void> {
  const response = await request(`${upstreamUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`mock upstream ${route}: ${response.statusCode} ${text}`);
}

export async function startReference(upstreamUrl: string): Promise<Spawned> {
  return spawnServer([referenceProxyScript, upstreamUrl], /listening on (http:\/\/\S+)/);
}

/** Starts the switchyard command on `config` and waits for its banner. */
export async function startSwitchyard(
  dir: string,
  name: string,
  config: string,
  extraArgs: string[] = [],
  bin = cliBin,
): Promise<Spawned> {
  const file = path.join(dir, `${name}.yaml`);
  await writeFile(file, config);
  return spawnServer(
    [bin, '--config', file, '--port', '0', ...extraArgs],
    /proxy listening on (http:\/\/\S+)/,
    {},
    60_000,
  );
}

/** A virtual key generated through the management API with the master key. */
export async function generateVirtualKey(origin: string): Promise<string> {
  const response = await request(`${origin}/key/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key_alias: `bench-${randomBytes(4).toString('hex')}` }),
  });
  const answer = (await response.body.json()) as { key?: string };
  if (response.statusCode !== 200 || !answer.key) {
    throw new Error(`POST /key/generate answered ${response.statusCode}: ${JSON.stringify(answer)}`);
  }
  return answer.key;
}
