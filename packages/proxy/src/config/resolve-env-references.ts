import type { ConfigIssue } from './config-error.js';
import { isPlainObject } from './config-values.js';
import { formatConfigPath } from './format-config-path.js';

/** A string value of exactly this form, `os.environ/NAME`, stands for the variable NAME. */
export const ENV_REFERENCE_PREFIX = 'os.environ/';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ResolvedEnvReferences {
  /** The document with every reference replaced; a missing variable leaves `undefined` behind. */
  value: Record<string, unknown>;
  /** The environment the references were resolved against: `env` overlaid with the file's `environment_variables`. */
  env: Record<string, string>;
  /** One per missing variable, naming the path and the variable, never a value. */
  issues: ConfigIssue[];
}

type Lookup = (name: string, path: readonly PropertyKey[]) => string | undefined;

function referenceResolver(env: Environment, issues: ConfigIssue[]): Lookup {
  return (name, path) => {
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (typeof value === 'string') return value;
    const message =
      name === ''
        ? `"${ENV_REFERENCE_PREFIX}" names no environment variable`
        : `environment variable ${name} is not set`;
    issues.push({ path: formatConfigPath(path), message });
    return undefined;
  };
}

function resolveValue(value: unknown, path: readonly PropertyKey[], lookup: Lookup): unknown {
  if (typeof value === 'string') {
    return value.startsWith(ENV_REFERENCE_PREFIX)
      ? lookup(value.slice(ENV_REFERENCE_PREFIX.length), path)
      : value;
  }
  if (Array.isArray(value)) return value.map((item, index) => resolveValue(item, [...path, index], lookup));
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveValue(item, [...path, key], lookup)]),
    );
  }
  return value;
}

/**
 * Resolves `environment_variables` first, against `env` only, turning scalars into strings as
 * litellm does (`REDIS_PORT: 6379`). Values that are not scalars are left for the schema to report.
 */
function resolveFileVariables(
  section: unknown,
  lookup: Lookup,
): { section: unknown; values: Record<string, string> } {
  if (!isPlainObject(section)) return { section, values: {} };
  const resolved = Object.entries(section).map(([key, raw]): [string, unknown] => {
    const scalar = typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
    return [key, resolveValue(scalar, ['environment_variables', key], lookup)];
  });
  const values = resolved.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return { section: Object.fromEntries(resolved), values: Object.fromEntries(values) };
}

function definedEntries(env: Environment): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/**
 * Replaces every string value `os.environ/NAME` in a parsed config with the variable's value.
 * The file's own `environment_variables` are applied first, as litellm does, but only to the
 * returned `env`: `process.env` is never changed, so the caller decides whether to export them.
 */
export function resolveEnvReferences(
  document: Readonly<Record<string, unknown>>,
  env: Environment = process.env,
): ResolvedEnvReferences {
  const issues: ConfigIssue[] = [];
  const fileVariables = resolveFileVariables(document.environment_variables, referenceResolver(env, issues));
  const merged = { ...definedEntries(env), ...fileVariables.values };
  const lookup = referenceResolver(merged, issues);
  const value = Object.fromEntries(
    Object.entries(document).map(([key, item]) => [
      key,
      key === 'environment_variables' ? fileVariables.section : resolveValue(item, [key], lookup),
    ]),
  );
  return { value, env: merged, issues };
}
