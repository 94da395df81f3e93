import { readFileSync } from 'node:fs';
import { safeParseJson } from '@switchyard/core';

/** The text of a fixture in this folder, exactly as recorded. */
export function loadFixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** A JSON fixture, parsed. */
export function loadJsonFixture<T = Record<string, unknown>>(name: string): T {
  const parsed = safeParseJson(loadFixture(name));
  if (!parsed.ok) throw new Error(`Fixture ${name} is not valid JSON: ${parsed.error.message}`);
  return parsed.value as T;
}
