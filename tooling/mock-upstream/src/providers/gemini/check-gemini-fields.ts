import type { ErrorReply } from '../../core/provider.js';
import { googleError, unknownFieldError } from './google-error.js';

// Google parses request bodies into protocol buffers: a field the message does not define is a 400
// ("Unknown name … Cannot find field"), which is how an adapter leaking OpenAI fields gets caught.

type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fields = (...names: string[]): ReadonlySet<string> => new Set(names);

export const REQUEST_FIELDS = fields(
  'model',
  'contents',
  'tools',
  'toolConfig',
  'safetySettings',
  'systemInstruction',
  'generationConfig',
  'cachedContent',
  'labels',
);
export const GENERATION_CONFIG_FIELDS = fields(
  'stopSequences',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'responseModalities',
  'candidateCount',
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseLogprobs',
  'logprobs',
  'enableEnhancedCivicAnswers',
  'speechConfig',
  'thinkingConfig',
  'mediaResolution',
  'imageConfig',
);
export const THINKING_CONFIG_FIELDS = fields('includeThoughts', 'thinkingBudget', 'thinkingLevel');
export const CONTENT_FIELDS = fields('role', 'parts');
export const PART_FIELDS = fields(
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
  'thought',
  'thoughtSignature',
  'videoMetadata',
  'partMetadata',
  'mediaResolution',
);
/** A part carries exactly one of these. */
export const PART_DATA_FIELDS = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
] as const;
export const TOOL_FIELDS = fields(
  'functionDeclarations',
  'googleSearch',
  'googleSearchRetrieval',
  'codeExecution',
  'urlContext',
  'retrieval',
  'fileSearch',
  'googleMaps',
  'computerUse',
);
export const FUNCTION_DECLARATION_FIELDS = fields(
  'name',
  'description',
  'parameters',
  'parametersJsonSchema',
  'response',
  'responseJsonSchema',
  'behavior',
);
export const TOOL_CONFIG_FIELDS = fields('functionCallingConfig', 'retrievalConfig');
export const FUNCTION_CALLING_CONFIG_FIELDS = fields('mode', 'allowedFunctionNames');
/** The OpenAPI subset `Schema` accepts (`parameters`, `responseSchema`). */
export const SCHEMA_FIELDS = fields(
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'anyOf',
  'propertyOrdering',
  'default',
  'items',
  'minimum',
  'maximum',
);

const upperCase = /[A-Z]/g;

/** Google reports field paths in snake_case: `generation_config.thinking_config`. */
export function snakePath(path: string): string {
  return path.replace(upperCase, (letter) => `_${letter.toLowerCase()}`);
}

export function checkFields(
  value: JsonObject,
  known: ReadonlySet<string>,
  at?: string,
): ErrorReply | undefined {
  const unknown = Object.keys(value).find((name) => !known.has(name));
  return unknown === undefined
    ? undefined
    : unknownFieldError(unknown, at === undefined ? undefined : snakePath(at));
}

/**
 * Checks a `Schema` (function parameters, response schema): only the OpenAPI subset's fields, object
 * properties non-empty when given, and `required` naming defined properties.
 */
export function checkSchema(schema: unknown, at: string): ErrorReply | undefined {
  if (!isObject(schema)) {
    return googleError(400, `Invalid value at '${snakePath(at)}': expected a Schema object.`);
  }
  const problem = checkFields(schema, SCHEMA_FIELDS, at);
  if (problem !== undefined) {
    return problem;
  }
  const properties = schema.properties;
  if (properties !== undefined) {
    if (!isObject(properties) || Object.keys(properties).length === 0) {
      return googleError(
        400,
        `* GenerateContentRequest.${snakePath(at)}.properties: should be non-empty for OBJECT type\n`,
      );
    }
    for (const [index, [, child]] of Object.entries(properties).entries()) {
      const childProblem = checkSchema(child, `${at}.properties[${index}].value`);
      if (childProblem !== undefined) {
        return childProblem;
      }
    }
  }
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const [index, name] of required.entries()) {
    if (typeof name !== 'string' || !isObject(properties) || !(name in properties)) {
      return googleError(
        400,
        `* GenerateContentRequest.${snakePath(at)}.required[${index}]: property is not defined\n`,
      );
    }
  }
  if (schema.items !== undefined) {
    const itemsProblem = checkSchema(schema.items, `${at}.items`);
    if (itemsProblem !== undefined) {
      return itemsProblem;
    }
  }
  const anyOf = Array.isArray(schema.anyOf) ? schema.anyOf : [];
  for (const [index, option] of anyOf.entries()) {
    const optionProblem = checkSchema(option, `${at}.anyOf[${index}]`);
    if (optionProblem !== undefined) {
      return optionProblem;
    }
  }
  return undefined;
}
