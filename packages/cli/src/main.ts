import { createRequire } from 'node:module';
import { ConfigError, type LoadedConfig, loadConfig, startProxy } from '@switchyard/proxy';
import { createDefaultProviders } from 'switchyard';
import { banner } from './banner.js';
import { CliUsageError, parseCliArgs, usage } from './cli-args.js';

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
    }),
};

/** The `switchyard` command. Resolves with the exit code once the proxy has stopped. */
export async function main(argv: ReadonlyArray<string>, io: CliIo = processIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.help) return print(io.stdout, usage);
    if (args.version) return print(io.stdout, `${version}\n`);
    const loaded = args.config
      ? await loadConfig(args.config, { env: io.env })
      : quickStart(args.model ?? '');
    for (const warning of loaded.warnings) io.stderr(`warning: ${warning}\n`);
    const proxy = await startProxy({
      config: loaded,
      providers: createDefaultProviders(),
      port: args.port,
      host: args.host,
      env: io.env,
      version,
    });
    io.stdout(banner(proxy, version, loaded.source));
    await io.untilStopped();
    await proxy.close();
    return 0;
  } catch (error) {
    return fail(io, error);
  }
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
