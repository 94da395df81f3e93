import type { ErrorReply } from '../../core/provider.js';
import {
  CONTENT_FIELDS,
  checkFields,
  isObject,
  PART_DATA_FIELDS,
  PART_FIELDS,
} from './check-gemini-fields.js';
import { googleError } from './google-error.js';
import { isMockThoughtSignature } from './mock-thought-signature.js';

export type GeminiContentsResult =
  | { ok: true; texts: string[]; lastUserText: string }
  | { ok: false; error: ErrorReply };

type JsonObject = Record<string, unknown>;

interface Turn {
  role: string;
  parts: JsonObject[];
}

const fail = (message: string): GeminiContentsResult => ({ ok: false, error: googleError(400, message) });
const count = (turn: Turn | undefined, field: string) =>
  turn?.parts.filter((part) => part[field] !== undefined).length ?? 0;

/**
 * Checks `contents` (and the system instruction) the way the Gemini API does: a non-empty list of
 * `user` / `model` turns with non-empty parts of one kind each; function responses right after the
 * function calls they answer, as many as there were calls; thought signatures passed back intact.
 */
export function readGeminiContents(contents: unknown, systemInstruction: unknown): GeminiContentsResult {
  if (!Array.isArray(contents) || contents.length === 0) {
    return fail('* GenerateContentRequest.contents: contents is not specified\n');
  }
  const turns: Turn[] = [];
  for (const [index, content] of contents.entries()) {
    const turn = readTurn(content, `contents[${index}]`);
    if (!turn.ok) {
      return turn;
    }
    turns.push(turn.turn);
  }
  const orderProblem = checkFunctionTurns(turns);
  if (orderProblem !== undefined) {
    return fail(orderProblem);
  }
  let systemParts: JsonObject[] = [];
  if (isObject(systemInstruction)) {
    const system = readTurn({ ...systemInstruction, role: 'user' }, 'systemInstruction');
    if (!system.ok) {
      return system;
    }
    systemParts = system.turn.parts;
  }
  const texts = [...systemParts, ...turns.flatMap((turn) => turn.parts)].flatMap(textOf);
  const lastUser = turns.findLast((turn) => turn.role === 'user');
  return { ok: true, texts, lastUserText: (lastUser?.parts ?? []).flatMap(textOf).join(' ') };
}

function textOf(part: JsonObject): string[] {
  return typeof part.text === 'string' && part.thought !== true ? [part.text] : [];
}

type TurnResult = { ok: true; turn: Turn } | { ok: false; error: ErrorReply };

const refuse = (message: string): TurnResult => ({ ok: false, error: googleError(400, message) });

function readTurn(content: unknown, at: string): TurnResult {
  if (!isObject(content)) {
    return refuse(`Invalid value at '${at}': expected a Content object.`);
  }
  const fieldProblem = checkFields(content, CONTENT_FIELDS, at);
  if (fieldProblem !== undefined) {
    return { ok: false, error: fieldProblem };
  }
  const role = content.role ?? 'user';
  if (role !== 'user' && role !== 'model') {
    return refuse('Please use a valid role: user, model.');
  }
  const parts = Array.isArray(content.parts) ? content.parts : [];
  if (parts.length === 0) {
    return refuse(`* GenerateContentRequest.${at}.parts: contents.parts must not be empty.\n`);
  }
  for (const [index, part] of parts.entries()) {
    const problem = checkPart(part, `${at}.parts[${index}]`);
    if (problem !== undefined) {
      return { ok: false, error: problem };
    }
  }
  return { ok: true, turn: { role, parts: parts as JsonObject[] } };
}

function checkPart(part: unknown, at: string): ErrorReply | undefined {
  if (!isObject(part)) {
    return googleError(400, `Invalid value at '${at}': expected a Part object.`);
  }
  const fieldProblem = checkFields(part, PART_FIELDS, at);
  if (fieldProblem !== undefined) {
    return fieldProblem;
  }
  const kinds = PART_DATA_FIELDS.filter((field) => part[field] !== undefined);
  if (kinds.length !== 1) {
    return googleError(
      400,
      `* GenerateContentRequest.${at}.data: required oneof field 'data' must have one initialized field\n`,
    );
  }
  if (part.text === '') {
    return googleError(
      400,
      'Unable to submit request because it has an empty text parameter. Add a value to the parameter and try again.',
    );
  }
  if (part.thoughtSignature !== undefined && !isMockThoughtSignature(part.thoughtSignature)) {
    return googleError(400, 'Corrupted thought signature.');
  }
  return undefined;
}

function checkFunctionTurns(turns: Turn[]): string | undefined {
  for (const [index, turn] of turns.entries()) {
    const previous = turns[index - 1];
    const responses = count(turn, 'functionResponse');
    if (responses > 0) {
      const calls = previous?.role === 'model' ? count(previous, 'functionCall') : 0;
      if (calls === 0) {
        return 'Please ensure that function response turn comes immediately after a function call turn.';
      }
      if (calls !== responses) {
        return 'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.';
      }
    }
    if (count(turn, 'functionCall') > 0 && previous !== undefined && previous.role !== 'user') {
      return 'Please ensure that function call turn comes immediately after a user turn or after a function response turn.';
    }
  }
  return undefined;
}
