import type { z } from 'zod';
import { BadRequestError } from '../errors/error-classes.js';

/** Formats a zod issue path as `messages[0].content`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** One readable line per issue, each naming the field: `messages[0].role: Invalid input ...`. */
export function formatIssues(issues: ReadonlyArray<z.core.$ZodIssue>, limit = 5): string {
  const lines = issues.slice(0, limit).map((issue) => {
    const path = formatIssuePath(issue.path);
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  if (issues.length > limit) lines.push(`(${issues.length - limit} more)`);
  return lines.join('; ');
}

/** Validates a request body; a violation becomes a 400 naming the first offending field. */
export function parseRequest<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new BadRequestError({
    message: `Invalid request: ${formatIssues(result.error.issues)}`,
    param: first ? formatIssuePath(first.path) || null : null,
    code: 'invalid_request_body',
  });
}
