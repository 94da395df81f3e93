import { BadRequestError, type ChatRequest, isRecord } from '@switchyard/core';
import type { CohereChatBody, CohereTool } from './cohere-api-types.js';

export interface CohereToolsContext {
  provider: string;
  model: string;
  /** litellm's drop_params: what Cohere cannot do is dropped instead of refused. */
  dropParams: boolean;
}

export type CohereToolFields = Pick<CohereChatBody, 'tools' | 'tool_choice' | 'strict_tools'>;

const emptyParameters = { type: 'object', properties: {} };

function refuse(context: CohereToolsContext, param: string, what: string): BadRequestError {
  return new BadRequestError({
    message: `${context.provider} does not support ${what} (model ${context.model}). Remove it, or set drop_params: true in the request (or litellm_settings.drop_params in the config) to drop unsupported parameters.`,
    param,
    code: 'unsupported_params',
    provider: context.provider,
    model: context.model,
  });
}

function convertTools(request: ChatRequest, context: CohereToolsContext): CohereTool[] {
  const tools: CohereTool[] = [];
  for (const [index, tool] of (request.tools ?? []).entries()) {
    const fn = tool.type === 'function' && isRecord(tool.function) ? tool.function : undefined;
    if (!fn || typeof fn.name !== 'string') {
      if (context.dropParams) continue;
      throw refuse(context, `tools[${index}]`, `tools of type "${tool.type}" (only function tools)`);
    }
    tools.push({
      type: 'function',
      function: {
        name: fn.name,
        ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
        // Cohere wants a parameters schema even for tools that take none.
        parameters: isRecord(fn.parameters) ? fn.parameters : emptyParameters,
      },
    });
  }
  return tools;
}

/**
 * OpenAI tools and tool_choice as Cohere's: function tools keep their JSON Schema; tool_choice
 * `required` and `none` are Cohere's `REQUIRED` and `NONE`, `auto` is Cohere's default (no field).
 * Cohere cannot force one named function, so a named tool_choice is refused, or dropped (back to
 * auto) with drop_params. Tools marked `strict` turn on Cohere's `strict_tools`.
 */
export function prepareCohereTools(request: ChatRequest, context: CohereToolsContext): CohereToolFields {
  const tools = convertTools(request, context);
  if (tools.length === 0) return {};
  const fields: CohereToolFields = { tools };
  const strict = (request.tools ?? []).some(
    (tool) => tool.type === 'function' && isRecord(tool.function) && tool.function.strict === true,
  );
  if (strict) fields.strict_tools = true;
  const choice = request.tool_choice;
  if (choice === 'required') fields.tool_choice = 'REQUIRED';
  else if (choice === 'none') fields.tool_choice = 'NONE';
  else if (choice !== undefined && choice !== 'auto' && !context.dropParams) {
    throw refuse(
      context,
      'tool_choice',
      'a tool_choice naming one function (only "auto", "required" and "none")',
    );
  }
  return fields;
}
