import { createRequire } from 'node:module';
import { ConfigError, createLogger, type Logger, loadConfig, startProxy } from '@switchyard/proxy';
import { createDefaultProviders } from 'switchyard';
import { AppSettingsError, readAppSettings } from './app-settings.js';
import { startMessage } from './start-message.js';

export interface ProxyAppIo {
  env: Record<string, string | undefined>;
  /** Lifecycle log lines (start, stop). */
  stdout: (text: string) => void;
  /** Why the app could not start. */
  stderr: (text: string) => void;
  /** Resolves with the signal's name when the process is asked to stop. */
  untilStopped: Promise<string>;
}

const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/**
 * The deployable proxy: settings from the environment, the config file, every first-party
 * provider (custom ones come from the config). Resolves with the exit code: 0 after a requested
 * stop, 1 when it could not start (the reason written to stderr).
 */
export async function runProxyApp(io: ProxyAppIo): Promise<number> {
  try {
    const settings = readAppSettings(io.env);
    const loaded = await loadConfig(settings.configPath, { env: io.env });
    const logger = createLogger({
      json: loaded.config.litellm_settings?.json_logs === true,
      write: (line) => io.stdout(`${line}\n`),
    });
    for (const warning of loaded.warnings) logger.warn(warning);
    const proxy = await startProxy({
      config: loaded,
      providers: createDefaultProviders(),
      port: settings.port,
      host: settings.host,
      env: io.env,
      version,
    });
    if (proxy.masterKeySource === 'generated') {
      await proxy.close();
      throw new AppSettingsError(
        'no master key: set SWITCHYARD_MASTER_KEY in the environment or general_settings.master_key in the config (a generated key would never be shown, so no client could call the proxy)',
      );
    }
    const start = startMessage(proxy, { config: loaded.source, version });
    logger.info(start.message, start.fields);
    await stop(await io.untilStopped, logger, () => proxy.close());
    return 0;
  } catch (error) {
    io.stderr(`switchyard: ${describeStartError(error)}\n`);
    return 1;
  }
}

async function stop(signal: string, logger: Logger, close: () => Promise<void>): Promise<void> {
  logger.info(`received ${signal}, closing the proxy`);
  await close();
  logger.info('proxy stopped');
}

function describeStartError(error: unknown): string {
  if (ConfigError.isInstance(error)) return `invalid configuration\n${error.message}`;
  if (error instanceof AppSettingsError) return error.message;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') return 'the port is already in use; choose another with PORT';
  if (code === 'EADDRNOTAVAIL') return 'HOST is not an address of this machine';
  return error instanceof Error ? error.message : String(error);
}
