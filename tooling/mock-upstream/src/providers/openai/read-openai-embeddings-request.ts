import { countWords } from '../../core/count-words.js';
import type { ErrorReply } from '../../core/provider.js';
import { openAIError } from './openai-error.js';

export const DEFAULT_EMBEDDING_DIMENSIONS = 16;
const MAX_EMBEDDING_DIMENSIONS = 3072;

/** One input to embed: what its vector is derived from, and what it costs in (mock) tokens. */
export interface OpenAIEmbeddingInput {
  seed: string;
  tokens: number;
}

export interface OpenAIEmbeddingsRequest {
  model: string;
  inputs: OpenAIEmbeddingInput[];
  dimensions: number;
  encodingFormat: 'float' | 'base64';
}

export type OpenAIEmbeddingsRequestResult =
  | { ok: true; request: OpenAIEmbeddingsRequest }
  | { ok: false; error: ErrorReply };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Accepts `input` as a string, strings, a token array or token arrays, as OpenAI does. */
export function readOpenAIEmbeddingsRequest(body: unknown): OpenAIEmbeddingsRequestResult {
  if (!isObject(body)) {
    return fail(openAIError(400, 'Invalid type for request body: expected an object.'));
  }
  if (typeof body.model !== 'string' || body.model === '') {
    return fail(openAIError(400, 'you must provide a model parameter'));
  }
  if (body.input === undefined) {
    return fail(
      openAIError(400, "Missing required parameter: 'input'.", {
        param: 'input',
        code: 'missing_required_parameter',
      }),
    );
  }
  const inputs = readInputs(body.input);
  if (inputs === undefined) {
    return fail(
      openAIError(
        400,
        "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
        { param: 'input' },
      ),
    );
  }
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    return fail(invalidValue('encoding_format', format, "Supported values are: 'float' and 'base64'."));
  }
  const dimensions = body.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
  if (
    typeof dimensions !== 'number' ||
    !Number.isInteger(dimensions) ||
    dimensions < 1 ||
    dimensions > MAX_EMBEDDING_DIMENSIONS
  ) {
    return fail(
      invalidValue(
        'dimensions',
        dimensions,
        `Expected an integer between 1 and ${MAX_EMBEDDING_DIMENSIONS}.`,
      ),
    );
  }
  return { ok: true, request: { model: body.model, inputs, dimensions, encodingFormat: format } };
}

function fail(error: ErrorReply): OpenAIEmbeddingsRequestResult {
  return { ok: false, error };
}

function invalidValue(param: string, value: unknown, hint: string): ErrorReply {
  return openAIError(400, `Invalid value for '${param}': ${JSON.stringify(value)}. ${hint}`, {
    param,
    code: 'invalid_value',
  });
}

function readInputs(input: unknown): OpenAIEmbeddingInput[] | undefined {
  if (typeof input === 'string') {
    return [textInput(input)];
  }
  if (!Array.isArray(input) || input.length === 0) {
    return undefined;
  }
  if (isTokenArray(input)) {
    return [tokenInput(input)];
  }
  const inputs: OpenAIEmbeddingInput[] = [];
  for (const item of input) {
    if (typeof item === 'string') {
      inputs.push(textInput(item));
    } else if (Array.isArray(item) && item.length > 0 && isTokenArray(item)) {
      inputs.push(tokenInput(item));
    } else {
      return undefined;
    }
  }
  return inputs;
}

function isTokenArray(values: unknown[]): values is number[] {
  return values.every((value) => typeof value === 'number' && Number.isInteger(value) && value >= 0);
}

function textInput(text: string): OpenAIEmbeddingInput {
  return { seed: `text:${text}`, tokens: countWords(text) };
}

function tokenInput(tokens: number[]): OpenAIEmbeddingInput {
  return { seed: `tokens:${tokens.join(',')}`, tokens: tokens.length };
}
