const marker = Symbol.for('switchyard.config-error');

/** One problem found in a config file. Messages never contain config or environment values. */
export interface ConfigIssue {
  /** Where in the file, e.g. `model_list[2].litellm_params.model`; empty for the file as a whole. */
  path: string;
  message: string;
  /** 1-based position, for YAML syntax errors. */
  line?: number;
  column?: number;
}

function formatIssue(source: string, issue: ConfigIssue): string {
  if (issue.line !== undefined) {
    const column = issue.column === undefined ? '' : `:${issue.column}`;
    return `${source}:${issue.line}${column}: ${issue.message}`;
  }
  return issue.path === '' ? `${source}: ${issue.message}` : `${source}: ${issue.path}: ${issue.message}`;
}

/**
 * The config could not be loaded. Carries every issue found, so one start-up reports them all;
 * the message lists them one per line, each prefixed by the file name.
 */
export class ConfigError extends Error {
  /** The file (or label) the config came from. */
  readonly source: string;
  readonly issues: readonly ConfigIssue[];

  constructor(source: string, issues: readonly ConfigIssue[], options?: { cause?: unknown }) {
    super(issues.map((issue) => formatIssue(source, issue)).join('\n'), options);
    this.name = 'ConfigError';
    Object.defineProperty(this, marker, { value: true });
    this.source = source;
    this.issues = issues;
  }

  /** Recognises a ConfigError from another copy of this package as well. */
  static isInstance(value: unknown): value is ConfigError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
