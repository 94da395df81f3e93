import { redactSecrets } from '@switchyard/core';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** One JSON object per line instead of readable text. */
  json?: boolean;
  /** Where lines go (default: stderr). */
  write?: (line: string) => void;
  /** Known secrets (master key, api keys) scrubbed from every line. */
  secrets?: ReadonlyArray<string | undefined>;
  now?: () => Date;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A small structured logger; every line passes through secret redaction before it is written. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = order[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const secrets = options.secrets ?? [];
  const now = options.now ?? (() => new Date());
  function log(level: LogLevel, message: string, fields?: LogFields): void {
    if (order[level] < threshold) return;
    const line = options.json
      ? JSON.stringify({ time: now().toISOString(), level, message, ...fields })
      : `${level.toUpperCase().padEnd(5)} ${message}${fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : ''}`;
    write(redactSecrets(line, secrets));
  }
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

/** Discards everything (tests, embedding). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
