import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { isPlainObject } from './config-values.js';

export interface ParsedConfigYaml {
  document: Record<string, unknown>;
  /** YAML warnings, e.g. an unknown tag, with their position. */
  warnings: string[];
}

function positionedIssue(error: YAMLError, lines: LineCounter, prefix: string): ConfigIssue {
  const { line, col } = lines.linePos(error.pos[0]);
  // With prettyErrors off, yaml's messages do not quote the source line (which may hold a secret).
  return { path: '', line, column: col, message: `${prefix}: ${error.message}` };
}

function describeTopLevel(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

function toJavaScript(toJS: () => unknown, source: string): unknown {
  try {
    return toJS();
  } catch (error) {
    // e.g. too many aliases (a YAML bomb); the message names no values.
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(source, [{ path: '', message: `YAML error: ${message}` }]);
  }
}

/**
 * Parses config text as YAML 1.2 (with `<<` merge keys, which PyYAML also honours) into a plain
 * mapping. Syntax errors, an empty file and a top level that is not a mapping are ConfigErrors.
 */
export function parseConfigYaml(text: string, source: string): ParsedConfigYaml {
  const lines = new LineCounter();
  const parsed = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true });
  if (parsed.errors.length > 0) {
    throw new ConfigError(
      source,
      parsed.errors.map((error) => positionedIssue(error, lines, 'YAML syntax error')),
    );
  }
  const document = toJavaScript(() => parsed.toJS({ maxAliasCount: 100 }), source);
  if (document === null || document === undefined) {
    throw new ConfigError(source, [
      { path: '', message: 'the file is empty; expected a mapping with model_list, general_settings, …' },
    ]);
  }
  if (!isPlainObject(document)) {
    throw new ConfigError(source, [
      {
        path: '',
        message: `the top level must be a mapping (key: value), got ${describeTopLevel(document)}`,
      },
    ]);
  }
  const warnings = parsed.warnings.map((warning) => {
    const issue = positionedIssue(warning, lines, 'YAML warning');
    return `${source}:${issue.line}:${issue.column}: ${issue.message}`;
  });
  return { document, warnings };
}
