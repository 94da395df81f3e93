import { BadRequestError, type ChatRequest, isRecord } from '@switchyard/core';
import { convertToGeminiSchema } from './convert-to-gemini-schema.js';
import type { GeminiFunctionDeclaration, GeminiTool, GeminiToolConfig } from './gemini-wire-types.js';

export interface ToolContext {
  provider: string;
  model: string;
}

/** Gemini's built-in tools, by the names clients use for them. */
const builtInTools: Readonly<Record<string, GeminiTool>> = {
  google_search: { googleSearch: {} },
  googleSearch: { googleSearch: {} },
  code_execution: { codeExecution: {} },
  codeExecution: { codeExecution: {} },
  url_context: { urlContext: {} },
  urlContext: { urlContext: {} },
};

function refuse(context: ToolContext, message: string, param: string): never {
  throw new BadRequestError({ message, param, provider: context.provider, model: context.model });
}

function declarationOf(fn: Record<string, unknown>): GeminiFunctionDeclaration {
  const parameters = convertToGeminiSchema(fn.parameters);
  // Gemini refuses an object schema without properties; a function without parameters omits them.
  const hasParameters =
    parameters !== undefined && (parameters.properties !== undefined || parameters.type !== 'object');
  return {
    name: String(fn.name),
    ...(typeof fn.description === 'string' && fn.description !== '' ? { description: fn.description } : {}),
    ...(hasParameters ? { parameters } : {}),
  };
}

function toolConfigOf(
  choice: ChatRequest['tool_choice'],
  context: ToolContext,
): GeminiToolConfig | undefined {
  if (choice === undefined || choice === 'auto')
    return choice === 'auto' ? { functionCallingConfig: { mode: 'AUTO' } } : undefined;
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  if (choice.type === 'function' && isRecord(choice.function) && typeof choice.function.name === 'string') {
    return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
  }
  return refuse(
    context,
    `${context.provider} does not support tool_choice of type "${choice.type}"`,
    'tool_choice',
  );
}

/**
 * OpenAI tools as Gemini's: functions become one `functionDeclarations` tool with schemas rewritten
 * to Gemini's subset, built-ins (`google_search`, `code_execution`, `url_context`) their own tools;
 * tool_choice becomes the function calling mode (auto AUTO, none NONE, required ANY, a named function
 * ANY limited to it).
 */
export function prepareGeminiTools(
  request: Pick<ChatRequest, 'tools' | 'tool_choice'>,
  context: ToolContext,
): { tools?: GeminiTool[]; toolConfig?: GeminiToolConfig } {
  const declarations: GeminiFunctionDeclaration[] = [];
  const others: GeminiTool[] = [];
  for (const [index, tool] of (request.tools ?? []).entries()) {
    if (tool.type === 'function' && isRecord(tool.function)) {
      declarations.push(declarationOf(tool.function));
      continue;
    }
    const builtIn = builtInTools[tool.type];
    if (builtIn === undefined) {
      refuse(
        context,
        `${context.provider} does not support tools of type "${tool.type}"`,
        `tools[${index}].type`,
      );
    }
    others.push(builtIn);
  }
  const tools = [...(declarations.length > 0 ? [{ functionDeclarations: declarations }] : []), ...others];
  const toolConfig = declarations.length > 0 ? toolConfigOf(request.tool_choice, context) : undefined;
  return {
    ...(tools.length > 0 ? { tools } : {}),
    ...(toolConfig ? { toolConfig } : {}),
  };
}
