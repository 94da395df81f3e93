import { type ChatTool, isRecord, type ToolChoice } from '@switchyard/core';
import type { MistralFunctionTool, MistralToolChoice } from './mistral-api-types.js';

// Keywords Mistral's schema grammar rejects ("$schema" and "$id" make its constrained decoding
// fail); everything else in JSON Schema is sent as written.
const rejectedSchemaKeys = new Set(['$schema', '$id']);

/** A JSON Schema without the keywords Mistral rejects, at any depth; the input is not modified. */
export function cleanMistralSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(cleanMistralSchema);
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!rejectedSchemaKeys.has(key)) out[key] = cleanMistralSchema(value);
  }
  return out;
}

const emptyParameters = { type: 'object', properties: {} };

/**
 * Function tools in Mistral's form: `parameters` is required there (a tool without any gets an
 * empty object schema) and `cache_control` has no place (Mistral caches prefixes by itself). Other
 * tool kinds (Mistral's built-in `web_search`, `code_interpreter` …) are passed as given.
 */
export function prepareMistralTools(
  tools: ReadonlyArray<ChatTool>,
): Array<MistralFunctionTool | Record<string, unknown>> {
  return tools.map((tool) => {
    const { cache_control: _cacheControl, ...rest } = tool as ChatTool & { cache_control?: unknown };
    if (rest.type !== 'function' || !isRecord(rest.function)) return rest;
    const fn = rest.function as Extract<ChatTool, { type: 'function' }>['function'];
    const parameters = fn.parameters
      ? (cleanMistralSchema(fn.parameters) as Record<string, unknown>)
      : emptyParameters;
    return {
      type: 'function',
      function: {
        name: fn.name,
        parameters,
        ...(fn.description !== undefined ? { description: fn.description } : {}),
        ...(typeof fn.strict === 'boolean' ? { strict: fn.strict } : {}),
      },
    };
  });
}

/**
 * OpenAI's `tool_choice` in Mistral's words: `auto` and `none` are the same, `required` is `any`
 * (the value every Mistral deployment knows), a named function is forced the same way.
 */
export function mapMistralToolChoice(choice: ToolChoice): MistralToolChoice | Record<string, unknown> {
  if (choice === 'required') return 'any';
  if (typeof choice === 'string') return choice;
  if (choice.type === 'function' && isRecord(choice.function) && typeof choice.function.name === 'string') {
    return { type: 'function', function: { name: choice.function.name } };
  }
  return choice;
}
