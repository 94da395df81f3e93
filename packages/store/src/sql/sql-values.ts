// Reading columns the same way from both drivers: SQLite returns times as epoch milliseconds,
// booleans as 0/1 and JSON as text; PostgreSQL returns Date, boolean and parsed jsonb.
import { isRecord, safeParseJson } from '@switchyard/core';
import type { JsonObject } from '../records.js';

export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'string') return new Date(value);
  throw new TypeError(`expected a time, got ${typeof value}`);
}

export function toNullableDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' || typeof value === 'bigint') return Number(value);
  return 0;
}

export function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

export function toText(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

export function toNullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : toText(value);
}

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const result = safeParseJson(value);
  return result.ok ? result.value : undefined;
}

export function toJsonObject(value: unknown): JsonObject {
  const result = parsed(value);
  return isRecord(result) ? result : {};
}

export function toStringArray(value: unknown): string[] {
  const result = parsed(value);
  return Array.isArray(result) ? result.filter((item): item is string => typeof item === 'string') : [];
}

/** JSON text for a JSON column parameter. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value);
}
