import {
  attachRawJson,
  type CachedAnswer,
  isRecord,
  type StoredAnswer,
  safeParseJson,
  toJsonText,
} from '@switchyard/core';

// An entry's text: one line of JSON about the entry, a newline, then the answer's JSON exactly as
// it is sent to clients. JSON.stringify never writes a raw newline, so the first one ends the line.
const FORMAT = 1;

interface EntryHeader {
  format: number;
  storedAt: number;
  provider?: string;
  model?: string;
}

/** The text stored for an answer. */
export function encodeEntry(answer: StoredAnswer, storedAt: number): string {
  const header: EntryHeader = { format: FORMAT, storedAt };
  if (answer.provider !== undefined) header.provider = answer.provider;
  if (answer.model !== undefined) header.model = answer.model;
  return `${JSON.stringify(header)}\n${toJsonText(answer.value)}`;
}

/**
 * The answer an entry's text holds; undefined for text this version cannot read (another format,
 * corruption). The answer keeps its stored text, so a server writes those bytes unchanged.
 */
export function decodeEntry(key: string, text: string): CachedAnswer | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  const header = safeParseJson(text.slice(0, newline));
  if (!header.ok || !isRecord(header.value)) return undefined;
  const { format, storedAt, provider, model } = header.value;
  if (format !== FORMAT || typeof storedAt !== 'number') return undefined;
  const body = text.slice(newline + 1);
  const parsed = safeParseJson(body);
  if (!parsed.ok || !isRecord(parsed.value)) return undefined;
  const answer: CachedAnswer = { key, value: attachRawJson(parsed.value, body), storedAt };
  if (typeof provider === 'string') answer.provider = provider;
  if (typeof model === 'string') answer.model = model;
  return answer;
}
