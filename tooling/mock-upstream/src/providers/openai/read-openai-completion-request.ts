import type { ErrorReply } from '../../core/provider.js';
import { openAIError } from './openai-error.js';

/** One prompt of a legacy completion request: its text, or its token ids. */
export interface OpenAICompletionPrompt {
  text: string;
  /** Token count: words of a text prompt, ids of a token prompt. */
  tokens: number;
}

/** The parts of a legacy completion request (`POST /v1/completions`) the mock reads. */
export interface OpenAICompletionRequest {
  model: string;
  prompts: OpenAICompletionPrompt[];
  n: number;
  /** OpenAI's default is 16. */
  maxTokens: number;
  echo: boolean;
  logprobs: number | undefined;
  stream: boolean;
  includeUsage: boolean;
}

export type OpenAICompletionRequestResult =
  | { ok: true; request: OpenAICompletionRequest }
  | { ok: false; error: ErrorReply };

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

function textPrompt(text: string): OpenAICompletionPrompt {
  return { text, tokens: text.split(/\s+/).filter((word) => word !== '').length };
}

function tokenPrompt(ids: number[]): OpenAICompletionPrompt {
  return { text: ids.join(' '), tokens: ids.length };
}

/** The prompts of `prompt` (a string, strings, token ids, or lists of token ids), or undefined. */
function readPrompts(prompt: unknown): OpenAICompletionPrompt[] | undefined {
  if (typeof prompt === 'string') return [textPrompt(prompt)];
  if (!Array.isArray(prompt) || prompt.length === 0) return undefined;
  if (prompt.every((item) => typeof item === 'string')) return prompt.map(textPrompt);
  if (prompt.every(isInteger)) return [tokenPrompt(prompt)];
  if (prompt.every((item) => Array.isArray(item) && item.length > 0 && item.every(isInteger))) {
    return (prompt as number[][]).map(tokenPrompt);
  }
  return undefined;
}

const invalid = (param: string, message: string) =>
  ({ ok: false, error: openAIError(400, message, { param, code: 'invalid_value' }) }) as const;

/** Validates a legacy completion body the way OpenAI does for the fields the mock relies on. */
export function readOpenAICompletionRequest(body: unknown): OpenAICompletionRequestResult {
  if (!isObject(body)) {
    return { ok: false, error: openAIError(400, 'Invalid type for request body: expected an object.') };
  }
  if (typeof body.model !== 'string' || body.model === '') {
    return { ok: false, error: openAIError(400, 'you must provide a model parameter') };
  }
  if (body.prompt === undefined) {
    return {
      ok: false,
      error: openAIError(400, "Missing required parameter: 'prompt'.", {
        param: 'prompt',
        code: 'missing_required_parameter',
      }),
    };
  }
  const prompts = readPrompts(body.prompt);
  if (!prompts) {
    return invalid('prompt', "Invalid 'prompt': expected a string, an array of strings, or token ids.");
  }
  const n = body.n ?? 1;
  if (!isInteger(n) || n < 1 || n > 128) {
    return invalid('n', `Invalid 'n': expected an integer between 1 and 128, got ${JSON.stringify(n)}.`);
  }
  const maxTokens = body.max_tokens ?? 16;
  if (!isInteger(maxTokens) || maxTokens < 0) {
    return invalid(
      'max_tokens',
      `Invalid 'max_tokens': expected a non-negative integer, got ${JSON.stringify(maxTokens)}.`,
    );
  }
  const logprobs = body.logprobs ?? undefined;
  if (logprobs !== undefined && (!isInteger(logprobs) || logprobs < 0 || logprobs > 5)) {
    return invalid(
      'logprobs',
      `Invalid 'logprobs': expected an integer between 0 and 5, got ${JSON.stringify(logprobs)}.`,
    );
  }
  const stream = body.stream === true;
  if (body.stream_options != null && !stream) {
    return invalid(
      'stream_options',
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
    );
  }
  return {
    ok: true,
    request: {
      model: body.model,
      prompts,
      n,
      maxTokens,
      echo: body.echo === true,
      logprobs,
      stream,
      includeUsage: isObject(body.stream_options) && body.stream_options.include_usage === true,
    },
  };
}
