import { BadRequestError, safeParseJson } from '@switchyard/core';

/** Position in a list ordered by (time, id): the last row of the previous page. */
export interface CursorPosition {
  time: Date;
  id: string;
}

export const defaultPageSize = 50;
export const maxPageSize = 1_000;

/** The page size: default 50, at least 1, at most 1,000. */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return defaultPageSize;
  return Math.min(maxPageSize, Math.max(1, Math.floor(limit)));
}

export function pageOffset(offset: number | undefined): number {
  if (offset === undefined || !Number.isFinite(offset)) return 0;
  return Math.max(0, Math.floor(offset));
}

/** An opaque cursor (base64url JSON) for a position. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.time.getTime(), position.id])).toString('base64url');
}

/** Decodes a cursor from `encodeCursor`; a malformed one is a 400 naming `cursor`. */
export function decodeCursor(cursor: string): CursorPosition {
  const parsed = safeParseJson(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (parsed.ok && Array.isArray(parsed.value) && parsed.value.length === 2) {
    const [time, id] = parsed.value as unknown[];
    if (typeof time === 'number' && Number.isFinite(time) && typeof id === 'string') {
      return { time: new Date(time), id };
    }
  }
  throw new BadRequestError({
    message: 'cursor: not a cursor from a previous page; start again without one',
    param: 'cursor',
  });
}
