import type { MockRule, MockRuleMatch, MockRuleResponse } from './mock-rule.js';

export type MockRuleParseResult = { ok: true; rule: MockRule } | { ok: false; error: string };

type Check = (value: unknown) => string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Check = (value) => (typeof value === 'string' ? undefined : 'must be a string');
const boolean: Check = (value) => (typeof value === 'boolean' ? undefined : 'must be a boolean');
const nonNegative: Check = (value) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? undefined : 'must be a number >= 0';
const isIntegerIn = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
const count: Check = (value) => (isIntegerIn(value, 0) ? undefined : 'must be an integer >= 0');
const positiveCount: Check = (value) => (isIntegerIn(value, 1) ? undefined : 'must be an integer >= 1');
const httpStatus: Check = (value) =>
  isIntegerIn(value, 100, 599) ? undefined : 'must be an HTTP status code (100-599)';
const anything: Check = () => undefined;

const objectOf =
  (shape: Record<string, Check>, required: readonly string[] = []): Check =>
  (value) =>
    checkObject(value, shape, required);

const arrayOf =
  (item: Check): Check =>
  (value) => {
    if (!Array.isArray(value)) {
      return 'must be an array';
    }
    for (const [index, element] of value.entries()) {
      const problem = item(element);
      if (problem !== undefined) {
        return prefixProblem(`[${index}]`, problem);
      }
    }
    return undefined;
  };

const stringRecord: Check = (value) => {
  if (!isRecord(value)) {
    return 'must be an object of strings';
  }
  const bad = Object.entries(value).find(([, header]) => typeof header !== 'string');
  return bad === undefined ? undefined : `.${bad[0]} must be a string`;
};

const matchShape: Record<keyof MockRuleMatch, Check> = { model: string, path: string };

const respondShape: Record<keyof MockRuleResponse, Check> = {
  content: string,
  reasoning: string,
  toolCalls: arrayOf(objectOf({ name: string, arguments: string }, ['name', 'arguments'])),
  finishReason: string,
  usage: objectOf(
    {
      prompt_tokens: count,
      completion_tokens: count,
      cached_tokens: count,
      cache_creation_tokens: count,
      reasoning_tokens: count,
    },
    ['prompt_tokens', 'completion_tokens'],
  ),
  model: string,
};

const ruleShape: Record<keyof MockRule, Check> = {
  match: objectOf(matchShape),
  times: positiveCount,
  status: httpStatus,
  errorBody: anything,
  headers: stringRecord,
  delayMs: nonNegative,
  hang: boolean,
  hangAfterFirstChunk: boolean,
  chunkDelayMs: nonNegative,
  dropConnection: boolean,
  malformed: boolean,
  streamErrorStatus: httpStatus,
  respond: objectOf(respondShape),
};

function checkObject(
  value: unknown,
  shape: Record<string, Check>,
  required: readonly string[],
): string | undefined {
  if (!isRecord(value)) {
    return 'must be an object';
  }
  for (const key of required) {
    if (value[key] === undefined) {
      return `.${key} is required`;
    }
  }
  for (const [key, field] of Object.entries(value)) {
    const check = shape[key];
    if (check === undefined) {
      return `.${key} is not a known field (known: ${Object.keys(shape).join(', ')})`;
    }
    const problem = field === undefined ? undefined : check(field);
    if (problem !== undefined) {
      return prefixProblem(`.${key}`, problem);
    }
  }
  return undefined;
}

/** `.respond` + `.usage must be…` reads `.respond.usage must be…`; a plain message gets a space. */
function prefixProblem(path: string, problem: string): string {
  return `${path}${/^[.[]/.test(problem) ? '' : ' '}${problem}`;
}

/** Validates a rule received over HTTP (or from a test) strictly, with a readable error. */
export function parseMockRule(value: unknown): MockRuleParseResult {
  const problem = checkObject(value, ruleShape, []);
  if (problem !== undefined) {
    return { ok: false, error: `Invalid mock rule: ${prefixProblem('rule', problem)}` };
  }
  return { ok: true, rule: value as MockRule };
}
