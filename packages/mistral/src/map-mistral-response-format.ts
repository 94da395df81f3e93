import type { ResponseFormat } from '@switchyard/core';
import type { MistralResponseFormat } from './mistral-api-types.js';
import { cleanMistralSchema } from './prepare-mistral-tools.js';

/**
 * `response_format` in Mistral's form: text and JSON mode are the same; Mistral's structured output
 * takes OpenAI's `json_schema` object, but requires `schema` (an empty one when none is given) and
 * does not take `strict: null`.
 */
export function mapMistralResponseFormat(format: ResponseFormat): MistralResponseFormat {
  if (format.type !== 'json_schema') return { type: format.type };
  const { name, description, schema, strict } = format.json_schema;
  return {
    type: 'json_schema',
    json_schema: {
      name,
      schema: schema ? (cleanMistralSchema(schema) as Record<string, unknown>) : {},
      ...(description !== undefined ? { description } : {}),
      ...(typeof strict === 'boolean' ? { strict } : {}),
    },
  };
}
