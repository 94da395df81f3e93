import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { ConfigError, type LoadedConfig, loadConfig, startProxy } from '@switchyard/proxy';
import { createDefaultProviders } from 'switchyard';
import { banner } from './banner.js';
import { CliUsageError, parseCliArgs, usage } from './cli-args.js';
import { runWorkers, type WorkerListening } from './run-workers.js';
import { workersRefusal } from './workers-refusal.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGINT / SIGTERM). */
  untilStopped: () => Promise<void>;
}

const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  untilStopped: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
      // A cluster worker whose primary is gone stops too.
      if (cluster.isWorker) process.once('disconnect', () => resolve());
    }),
};

/** Set by the primary of `--workers N` when it generated the master key its workers share. */
const generatedKeyEnv = 'SWITCHYARD_WORKERS_GENERATED_KEY';

/** The `switchyard` command. Resolves with the exit code once the proxy has stopped. */
export async function main(argv: ReadonlyArray<string>, io: CliIo = processIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.help) return print(io.stdout, usage);
    if (args.version) return print(io.stdout, `${version}\n`);
    const loaded = args.config
      ? await loadConfig(args.config, { env: io.env })
      : quickStart(args.model ?? '');
    const worker = args.workers > 1 && cluster.isWorker;
    if (!worker) for (const warning of loaded.warnings) io.stderr(`warning: ${warning}\n`);
    if (args.workers > 1 && cluster.isPrimary) {
      const refusal = workersRefusal(args.workers, loaded.config, io.env);
      if (refusal) {
        io.stderr(`switchyard: ${refusal}\n`);
        return 1;
      }
      return await runWorkers({ workers: args.workers, io, workerEnv: sharedMasterKey(loaded, io.env) });
    }
    const proxy = await startProxy({
      config: loaded,
      providers: createDefaultProviders(),
      port: args.port,
      host: args.host,
      env: io.env,
      version,
    });
    const generated = worker && io.env[generatedKeyEnv] === '1';
    const text = banner(proxy, version, loaded.source, generated ? { keyGenerated: true } : {});
    if (worker && process.send)
      process.send({ type: 'switchyard:listening', banner: text } satisfies WorkerListening);
    else io.stdout(text);
    await io.untilStopped();
    await proxy.close();
    return 0;
  } catch (error) {
    return fail(io, error);
  }
}

/**
 * Workers must share one master key: when neither the config nor the environment sets one, the
 * primary generates it and hands it to every worker.
 */
function sharedMasterKey(
  loaded: LoadedConfig,
  env: Record<string, string | undefined>,
): Record<string, string> {
  if (loaded.config.general_settings?.master_key || env.SWITCHYARD_MASTER_KEY || env.LITELLM_MASTER_KEY) {
    return {};
  }
  return { SWITCHYARD_MASTER_KEY: `sk-${randomBytes(24).toString('base64url')}`, [generatedKeyEnv]: '1' };
}

function quickStart(model: string): LoadedConfig {
  return {
    source: `--model ${model}`,
    warnings: [],
    config: { model_list: [{ model_name: model, litellm_params: { model } }] },
  };
}

function print(write: (text: string) => void, text: string): number {
  write(text);
  return 0;
}

function fail(io: CliIo, error: unknown): number {
  if (error instanceof CliUsageError) {
    io.stderr(`switchyard: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (ConfigError.isInstance(error)) {
    io.stderr(`switchyard: invalid configuration\n${error.message}\n`);
    return 1;
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') {
    io.stderr('switchyard: the port is already in use; pick another with --port\n');
    return 1;
  }
  io.stderr(`switchyard: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}
