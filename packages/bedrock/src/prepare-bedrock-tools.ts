import { BadRequestError, type ChatRequest, isRecord } from '@switchyard/core';
import type {
  BedrockMessage,
  BedrockTool,
  BedrockToolChoice,
  BedrockToolConfig,
} from './bedrock-api-types.js';
import type { ConversionContext } from './convert-to-bedrock-content.js';
import { hasToolBlocks, toolNamesInHistory } from './convert-to-bedrock-messages.js';

/** A tool Switchyard adds itself (JSON mode), forced unless thinking forbids forcing. */
export interface ExtraTool {
  name: string;
  description?: string;
  schema: Record<string, unknown>;
  force: boolean;
}

const emptyObjectSchema = { type: 'object', properties: {} };

/** Converse requires the top-level input schema to be an object schema. */
function inputSchema(parameters: Record<string, unknown> | undefined): Record<string, unknown> {
  if (parameters === undefined) return emptyObjectSchema;
  return parameters.type === undefined ? { type: 'object', ...parameters } : parameters;
}

function toolSpecs(request: ChatRequest, context: ConversionContext): BedrockTool[] {
  const tools: BedrockTool[] = [];
  for (const [index, tool] of (request.tools ?? []).entries()) {
    const fn = tool.type === 'function' && isRecord(tool.function) ? tool.function : undefined;
    if (!fn || typeof fn.name !== 'string') {
      throw new BadRequestError({
        message: `${context.provider} takes function tools only; tools[${index}] is of type "${tool.type}"`,
        param: `tools[${index}]`,
        provider: context.provider,
        model: context.model,
      });
    }
    const description =
      typeof fn.description === 'string' && fn.description !== '' ? { description: fn.description } : {};
    const parameters = isRecord(fn.parameters) ? fn.parameters : undefined;
    tools.push({
      toolSpec: { name: fn.name, ...description, inputSchema: { json: inputSchema(parameters) } },
    });
    if ('cache_control' in tool && tool.cache_control) tools.push({ cachePoint: { type: 'default' } });
  }
  return tools;
}

function toolChoiceOf(choice: ChatRequest['tool_choice']): BedrockToolChoice | undefined {
  if (choice === 'auto') return { auto: {} };
  if (choice === 'required') return { any: {} };
  if (isRecord(choice) && isRecord(choice.function) && typeof choice.function.name === 'string') {
    return { tool: { name: choice.function.name } };
  }
  return undefined;
}

/**
 * Converse's `toolConfig`: function tools as toolSpecs (a cache point after any tool marked with
 * cache_control), tool_choice auto → auto, required → any, a named function → tool. Converse has no
 * "none": the tools are left out instead, unless the conversation already holds tool blocks, which
 * Converse only accepts with tools declared (the model may then still call one). Tools called
 * earlier in the conversation but not declared now are declared with an open schema.
 */
export function prepareBedrockTools(
  request: ChatRequest,
  messages: readonly BedrockMessage[],
  context: ConversionContext,
  extraTool?: ExtraTool,
): BedrockToolConfig | undefined {
  const withHistory = hasToolBlocks(messages);
  const none = request.tool_choice === 'none';
  let tools = none && !withHistory ? [] : toolSpecs(request, context);
  let toolChoice = none ? undefined : toolChoiceOf(request.tool_choice);
  if (extraTool) {
    const description = extraTool.description ? { description: extraTool.description } : {};
    tools.push({
      toolSpec: {
        name: extraTool.name,
        ...description,
        inputSchema: { json: inputSchema(extraTool.schema) },
      },
    });
    if (extraTool.force) toolChoice = { tool: { name: extraTool.name } };
  }
  if (withHistory) {
    const declared = new Set(tools.flatMap((tool) => ('toolSpec' in tool ? [tool.toolSpec.name] : [])));
    const missing = toolNamesInHistory(messages).filter((name) => !declared.has(name));
    if (declared.size === 0 && missing.length === 0) missing.push('dummy_tool');
    tools = [
      ...tools,
      ...missing.map((name) => ({ toolSpec: { name, inputSchema: { json: emptyObjectSchema } } })),
    ];
  }
  if (!tools.some((tool) => 'toolSpec' in tool)) return undefined;
  return toolChoice ? { tools, toolChoice } : { tools };
}
