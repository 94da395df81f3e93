import type { ErrorReply } from '../../core/provider.js';
import {
  CONTENT_FIELDS,
  checkFields,
  checkSchema,
  FUNCTION_CALLING_CONFIG_FIELDS,
  FUNCTION_DECLARATION_FIELDS,
  GENERATION_CONFIG_FIELDS,
  isObject,
  REQUEST_FIELDS,
  THINKING_CONFIG_FIELDS,
  TOOL_CONFIG_FIELDS,
  TOOL_FIELDS,
} from './check-gemini-fields.js';
import { googleError } from './google-error.js';
import { readGeminiContents } from './read-gemini-contents.js';

/** The parts of a generateContent request the mock reads. */
export interface GeminiRequest {
  model: string;
  /** Every text of the prompt (system instruction included), for the word-count token stand-in. */
  promptTexts: string[];
  /** Text parts of the last user turn, joined with spaces. */
  lastUserText: string;
  candidateCount: number;
  toolNames: string[];
  /** The function a `mode: ANY` tool config forces (the first allowed, else the first declared). */
  forcedToolName: string | undefined;
  /** A thinking config that does not turn thinking off: function calls carry thought signatures. */
  thinking: boolean;
  /** `includeThoughts`: thought summaries are returned as `thought: true` parts. */
  includeThoughts: boolean;
}

export type GeminiRequestResult = { ok: true; request: GeminiRequest } | { ok: false; error: ErrorReply };

type JsonObject = Record<string, unknown>;

const fail = (error: ErrorReply): GeminiRequestResult => ({ ok: false, error });

/** Validates a generateContent body as strictly as Google's proto parsing, for what the mock relies on. */
export function readGeminiRequest(body: unknown, model: string): GeminiRequestResult {
  if (!isObject(body)) {
    return fail(googleError(400, 'Invalid JSON payload received. Expected an object.'));
  }
  const shapeProblem = checkRequestShape(body);
  if (shapeProblem !== undefined) {
    return fail(shapeProblem);
  }
  const contents = readGeminiContents(body.contents, body.systemInstruction);
  if (!contents.ok) {
    return fail(contents.error);
  }
  const tools = readTools(body.tools);
  if (!Array.isArray(tools)) {
    return fail(tools);
  }
  const config = isObject(body.generationConfig) ? body.generationConfig : {};
  const candidateCount = config.candidateCount ?? 1;
  if (
    typeof candidateCount !== 'number' ||
    !Number.isInteger(candidateCount) ||
    candidateCount < 1 ||
    candidateCount > 8
  ) {
    return fail(
      googleError(400, "Invalid value at 'generation_config.candidate_count': must be between 1 and 8."),
    );
  }
  const thinking = isObject(config.thinkingConfig) ? config.thinkingConfig : undefined;
  return {
    ok: true,
    request: {
      model,
      promptTexts: contents.texts,
      lastUserText: contents.lastUserText,
      candidateCount,
      toolNames: tools,
      forcedToolName: readForcedToolName(body.toolConfig, tools),
      thinking: thinking !== undefined && thinking.thinkingBudget !== 0,
      includeThoughts: thinking?.includeThoughts === true && thinking.thinkingBudget !== 0,
    },
  };
}

function checkRequestShape(body: JsonObject): ErrorReply | undefined {
  const config = body.generationConfig;
  const toolConfig = body.toolConfig;
  return (
    checkFields(body, REQUEST_FIELDS) ??
    (isObject(config) ? checkGenerationConfig(config) : undefined) ??
    (isObject(body.systemInstruction)
      ? checkFields(body.systemInstruction, CONTENT_FIELDS, 'systemInstruction')
      : undefined) ??
    (isObject(toolConfig) ? checkToolConfig(toolConfig) : undefined)
  );
}

function checkGenerationConfig(config: JsonObject): ErrorReply | undefined {
  return (
    checkFields(config, GENERATION_CONFIG_FIELDS, 'generationConfig') ??
    (isObject(config.thinkingConfig)
      ? checkFields(config.thinkingConfig, THINKING_CONFIG_FIELDS, 'generationConfig.thinkingConfig')
      : undefined) ??
    (config.responseSchema === undefined
      ? undefined
      : checkSchema(config.responseSchema, 'generationConfig.responseSchema'))
  );
}

function checkToolConfig(toolConfig: JsonObject): ErrorReply | undefined {
  const calling = toolConfig.functionCallingConfig;
  return (
    checkFields(toolConfig, TOOL_CONFIG_FIELDS, 'toolConfig') ??
    (isObject(calling)
      ? checkFields(calling, FUNCTION_CALLING_CONFIG_FIELDS, 'toolConfig.functionCallingConfig')
      : undefined)
  );
}

/** Declared function names, after checking each declaration and its parameter schema. */
function readTools(tools: unknown): string[] | ErrorReply {
  const names: string[] = [];
  const list = Array.isArray(tools) ? tools : [];
  for (const [toolIndex, tool] of list.entries()) {
    if (!isObject(tool)) {
      return googleError(400, `Invalid value at 'tools[${toolIndex}]': expected a Tool object.`);
    }
    const problem = checkFields(tool, TOOL_FIELDS, `tools[${toolIndex}]`);
    if (problem !== undefined) {
      return problem;
    }
    const declarations = Array.isArray(tool.functionDeclarations) ? tool.functionDeclarations : [];
    for (const [index, declaration] of declarations.entries()) {
      const at = `tools[${toolIndex}].functionDeclarations[${index}]`;
      const declarationProblem = checkDeclaration(declaration, at);
      if (declarationProblem !== undefined) {
        return declarationProblem;
      }
      names.push(String((declaration as JsonObject).name));
    }
  }
  return names;
}

function checkDeclaration(declaration: unknown, at: string): ErrorReply | undefined {
  if (!isObject(declaration) || typeof declaration.name !== 'string' || declaration.name === '') {
    return googleError(
      400,
      `* GenerateContentRequest.${at.replace('functionDeclarations', 'function_declarations')}.name: Invalid function name. Must start with a letter or an underscore.\n`,
    );
  }
  return (
    checkFields(declaration, FUNCTION_DECLARATION_FIELDS, at) ??
    (declaration.parameters === undefined
      ? undefined
      : checkSchema(declaration.parameters, `${at}.parameters`))
  );
}

function readForcedToolName(toolConfig: unknown, toolNames: string[]): string | undefined {
  const calling =
    isObject(toolConfig) && isObject(toolConfig.functionCallingConfig)
      ? toolConfig.functionCallingConfig
      : undefined;
  if (calling?.mode !== 'ANY' || toolNames.length === 0) {
    return undefined;
  }
  const allowed = Array.isArray(calling.allowedFunctionNames) ? calling.allowedFunctionNames : [];
  const first = allowed.find((name): name is string => typeof name === 'string' && toolNames.includes(name));
  return first ?? toolNames[0];
}
