import path from 'node:path';

/** Where the app reads its config and where it listens, from the environment. */
export interface AppSettings {
  /** `SWITCHYARD_CONFIG`, resolved against the working directory; default `./config.yaml`. */
  configPath: string;
  /** `PORT`; default 4000. 0 picks a free port (tests). */
  port: number;
  /** `HOST`; default 127.0.0.1. The container image sets 0.0.0.0. */
  host: string;
}

export const defaultPort = 4000;
export const defaultHost = '127.0.0.1';
export const defaultConfigFile = 'config.yaml';

/** A setting in the environment is unusable; the message names the variable and what it accepts. */
export class AppSettingsError extends Error {
  override name = 'AppSettingsError';
}

/** Reads the app's settings; empty variables count as unset. Throws AppSettingsError on a bad value. */
export function readAppSettings(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): AppSettings {
  return {
    configPath: path.resolve(cwd, nonEmpty(env.SWITCHYARD_CONFIG) ?? defaultConfigFile),
    port: readPort(nonEmpty(env.PORT)),
    host: nonEmpty(env.HOST) ?? defaultHost,
  };
}

function readPort(value: string | undefined): number {
  if (value === undefined) return defaultPort;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new AppSettingsError(`PORT must be a whole number from 0 to 65535 (got "${value}")`);
  }
  return port;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}
