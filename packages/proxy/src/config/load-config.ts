import { readFile } from 'node:fs/promises';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { KNOWN_TOP_LEVEL_KEYS, type SwitchyardConfig, validateConfig } from './config-schema.js';
import { formatConfigPath, isWithinConfigPath } from './format-config-path.js';
import { parseConfigYaml } from './parse-config-yaml.js';
import { resolveEnvReferences } from './resolve-env-references.js';

export interface LoadedConfig {
  config: SwitchyardConfig;
  /** Things worth telling the operator that do not stop start-up, e.g. unknown top-level keys. */
  warnings: string[];
  /** The file the config came from (or the `source` label given to `parseConfig`). */
  source: string;
}

export interface ParseConfigOptions {
  /** Where `os.environ/NAME` references are looked up; defaults to `process.env`, which is never changed. */
  env?: NodeJS.ProcessEnv;
  /** Names the config in messages; defaults to `config`. */
  source?: string;
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_SOURCE = 'config';

function unknownKeyWarnings(document: Readonly<Record<string, unknown>>, source: string): string[] {
  return Object.keys(document)
    .filter((key) => !KNOWN_TOP_LEVEL_KEYS.has(key))
    .map((key) => {
      const reason =
        key === 'include'
          ? 'not supported: models and settings in included files are not loaded'
          : 'unknown top-level key, kept but not used by Switchyard';
      return `${source}: ${formatConfigPath([key])}: ${reason}`;
    });
}

/** Schema issues caused by a missing variable repeat what the variable's issue already says. */
function withoutKnockOnIssues(schemaIssues: ConfigIssue[], envIssues: ConfigIssue[]): ConfigIssue[] {
  return schemaIssues.filter(
    (issue) => !envIssues.some((envIssue) => isWithinConfigPath(issue.path, envIssue.path)),
  );
}

/**
 * Parses and validates litellm-style `config.yaml` text into one typed object, resolving
 * `os.environ/NAME` references against `options.env`. Throws a ConfigError listing every issue.
 */
export function parseConfig(text: string, options: ParseConfigOptions = {}): LoadedConfig {
  const source = options.source ?? DEFAULT_SOURCE;
  const { document, warnings } = parseConfigYaml(text, source);
  const resolved = resolveEnvReferences(document, options.env ?? process.env);
  const validation = validateConfig(resolved.value);
  const issues = validation.ok
    ? resolved.issues
    : [...resolved.issues, ...withoutKnockOnIssues(validation.issues, resolved.issues)];
  if (issues.length > 0 || !validation.ok) throw new ConfigError(source, issues);
  return {
    config: validation.config,
    warnings: [...warnings, ...unknownKeyWarnings(document, source)],
    source,
  };
}

function describeReadError(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied reading the file';
    case 'EISDIR':
      return 'is a directory, expected a YAML file';
    default:
      return code === undefined ? 'the file could not be read' : `the file could not be read (${code})`;
  }
}

/** Reads and validates a litellm-style `config.yaml`. Throws a ConfigError naming the file on any problem. */
export async function loadConfig(file: string, options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [{ path: '', message: describeReadError(error) }], { cause: error });
  }
  return parseConfig(text, { env: options.env, source: file });
}
