import { readFileSync } from 'node:fs';
import { safeParseJson } from '@switchyard/core';

const dataPrefix = /^data: /;

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

/** The `data:` payloads of a recorded SSE transcript, in order. */
export function sseFrames(transcript: string): string[] {
  return transcript
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => block.replace(dataPrefix, ''));
}
