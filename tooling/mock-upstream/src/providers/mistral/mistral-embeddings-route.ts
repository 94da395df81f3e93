import { countWords } from '../../core/count-words.js';
import { seededRandom } from '../../core/deterministic-random.js';
import { deterministicUnitVector } from '../../core/deterministic-vector.js';
import type { ErrorReply, MockRoute } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { encodeFloat32Base64 } from '../openai/encode-float32-base64.js';
import { extraFields, isObject } from './check-mistral-messages.js';
import { invalidValue, missingField, mistralError, mistralValidationError } from './mistral-error.js';

const DEFAULT_DIMENSIONS = 16;
const MAX_DIMENSIONS = 3072;
const requestFields = ['model', 'input', 'metadata', 'output_dimension', 'output_dtype', 'encoding_format'];
const dtypes = ['float', 'int8', 'uint8', 'binary', 'ubinary'];

export interface MistralEmbeddingsRequest {
  model: string;
  inputs: string[];
  dimensions: number;
  base64: boolean;
}

/** An embeddings response, shaped as Mistral's API returns it. */
export interface MistralEmbeddingsResponse {
  id: string;
  object: 'list';
  data: Array<{ object: 'embedding'; embedding: number[] | string; index: number }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number; completion_tokens: number };
}

/** Validates an embeddings body as Mistral does: text input only, its own field names. */
export function readMistralEmbeddingsRequest(
  body: unknown,
): { ok: true; request: MistralEmbeddingsRequest } | { ok: false; error: ErrorReply } {
  if (!isObject(body)) return { ok: false, error: mistralValidationError([missingField(['model'], body)]) };
  const details = extraFields(body, requestFields, []);
  if (typeof body.model !== 'string') details.push(missingField(['model'], body));
  const input = body.input;
  const inputs = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((item) => typeof item === 'string')) {
    details.push(invalidValue(['input'], 'Input should be a valid string or a list of strings', input));
  }
  const dimension = body.output_dimension ?? DEFAULT_DIMENSIONS;
  if (
    typeof dimension !== 'number' ||
    !Number.isInteger(dimension) ||
    dimension < 1 ||
    dimension > MAX_DIMENSIONS
  ) {
    details.push(
      invalidValue(['output_dimension'], `Input should be between 1 and ${MAX_DIMENSIONS}`, dimension),
    );
  }
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    details.push(invalidValue(['encoding_format'], "Input should be 'float' or 'base64'", format));
  }
  const dtype = body.output_dtype ?? 'float';
  if (!dtypes.includes(String(dtype))) {
    details.push(invalidValue(['output_dtype'], `Input should be ${dtypes.join(', ')}`, dtype));
  }
  if (details.length > 0) return { ok: false, error: mistralValidationError(details) };
  if (dtype !== 'float') {
    return {
      ok: false,
      error: mistralError(
        400,
        `output_dtype ${String(dtype)} is not supported for model ${String(body.model)}`,
      ),
    };
  }
  return {
    ok: true,
    request: {
      model: body.model as string,
      inputs: inputs as string[],
      dimensions: dimension as number,
      base64: format === 'base64',
    },
  };
}

export function buildMistralEmbeddings(
  request: MistralEmbeddingsRequest,
  seed: string,
  model = request.model,
): MistralEmbeddingsResponse {
  const tokens = request.inputs.reduce((sum, input) => sum + countWords(input), 0);
  const random = seededRandom(`embeddings:${seed}`);
  return {
    id: Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join(''),
    object: 'list',
    data: request.inputs.map((input, index) => {
      const vector = deterministicUnitVector(`text:${input}`, request.dimensions);
      return { object: 'embedding', embedding: request.base64 ? encodeFloat32Base64(vector) : vector, index };
    }),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens, completion_tokens: 0 },
  };
}

/** `POST /v1/embeddings`. */
export const mistralEmbeddingsRoute: MockRoute = {
  method: 'POST',
  path: '/embeddings',
  async handle(context) {
    const parsed = readMistralEmbeddingsRequest(context.request.body);
    if (!parsed.ok) {
      return sendErrorReply(context, parsed.error);
    }
    const seed = String(context.request.id);
    sendJson(context, 200, buildMistralEmbeddings(parsed.request, seed, context.rule?.respond?.model));
  },
};
