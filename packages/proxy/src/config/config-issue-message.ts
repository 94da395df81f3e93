import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
};

/** Names the kind of a value, never the value itself (it may be a secret). */
function describeKind(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'a fractional number';
  return `a ${typeof value}`;
}

function describeInvalidType(issue: Extract<RawIssue, { code: 'invalid_type' }>): string {
  if (issue.input === undefined) return 'Required';
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  return `Expected ${expected}, got ${describeKind(issue.input)}`;
}

function describeTooSmall(issue: Extract<RawIssue, { code: 'too_small' }>): string | undefined {
  const minimum = Number(issue.minimum);
  if (issue.origin === 'string')
    return minimum === 1 ? 'Must not be empty' : `Must be at least ${minimum} characters`;
  if (issue.origin === 'array') return `Must have at least ${minimum} items`;
  if (issue.origin === 'number' || issue.origin === 'int') {
    return issue.inclusive === false ? `Must be greater than ${minimum}` : `Must be at least ${minimum}`;
  }
  return undefined;
}

/**
 * zod error map for the config: short messages a user can act on, with no input values in them.
 * Returning `undefined` falls back to zod's default message, which does not echo input either.
 */
export function describeConfigIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return describeInvalidType(issue);
    case 'too_small':
      return describeTooSmall(issue);
    case 'invalid_format':
      return issue.format === 'starts_with' && 'prefix' in issue
        ? `Must start with "${String(issue.prefix)}"`
        : undefined;
    default:
      return undefined;
  }
}
