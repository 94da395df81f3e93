import {
  BadRequestError,
  type ChatRequest,
  ContextWindowExceededError,
  getModelInfo,
  type ModelDeployment,
  type ResolvedDeployment,
} from '@switchyard/core';
import { estimatePromptTokens } from './estimate-prompt-tokens.js';

/** What a deployment is known to take: its `model_info` first, then core's model table. */
export interface DeploymentLimits {
  maxInputTokens?: number;
  functionCalling?: boolean;
  vision?: boolean;
  responseSchema?: boolean;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function flagOf(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A deployment's context window and capabilities (undefined where neither source says). */
export function deploymentLimits(deployment: ModelDeployment, model: string): DeploymentLimits {
  const own = deployment.modelInfo ?? {};
  const table = getModelInfo(model, deployment.provider);
  const limits: DeploymentLimits = {};
  const maxInput = numberOf(own.max_input_tokens) ?? numberOf(own.max_tokens) ?? table?.max_input_tokens;
  if (maxInput !== undefined) limits.maxInputTokens = maxInput;
  const tools = flagOf(own.supports_function_calling) ?? table?.supports_function_calling;
  if (tools !== undefined) limits.functionCalling = tools;
  const vision = flagOf(own.supports_vision) ?? table?.supports_vision;
  if (vision !== undefined) limits.vision = vision;
  const schema = flagOf(own.supports_response_schema) ?? table?.supports_response_schema;
  if (schema !== undefined) limits.responseSchema = schema;
  return limits;
}

interface Needs {
  tools: boolean;
  vision: boolean;
  jsonSchema: boolean;
}

function needsOf(request: ChatRequest): Needs {
  const vision = request.messages.some(
    (message) =>
      Array.isArray(message.content) &&
      (message.content as Array<{ type?: string }>).some((part) => part.type === 'image_url'),
  );
  return {
    tools: (request.tools?.length ?? 0) > 0,
    vision,
    jsonSchema: request.response_format?.type === 'json_schema',
  };
}

/**
 * litellm's `enable_pre_call_checks`: keeps the deployments whose context window fits the
 * prompt's estimated tokens and that do not lack a capability the request uses (tools, images,
 * a JSON schema). Unknown limits do not exclude a deployment. When none is left, throws the
 * error that explains why: a ContextWindowExceededError (so context_window_fallbacks apply) or a
 * BadRequestError naming the missing capability.
 */
export function applyPreCallChecks(
  group: string,
  candidates: ReadonlyArray<ResolvedDeployment>,
  request: ChatRequest,
  limitsOf: (resolved: ResolvedDeployment) => DeploymentLimits,
): ResolvedDeployment[] {
  const tokens = estimatePromptTokens(request);
  const needs = needsOf(request);
  let largestWindow = 0;
  let fitting = 0;
  const kept = candidates.filter((resolved) => {
    const limits = limitsOf(resolved);
    if (limits.maxInputTokens !== undefined) {
      largestWindow = Math.max(largestWindow, limits.maxInputTokens);
      if (tokens > limits.maxInputTokens) return false;
    }
    fitting += 1;
    if (needs.tools && limits.functionCalling === false) return false;
    if (needs.vision && limits.vision === false) return false;
    if (needs.jsonSchema && limits.responseSchema === false) return false;
    return true;
  });
  if (kept.length > 0) return kept;
  if (fitting === 0) {
    throw new ContextWindowExceededError({
      message: `The prompt (about ${tokens} tokens) exceeds the context window of every deployment of \`${group}\` (largest: ${largestWindow} tokens).`,
      param: 'messages',
      model: group,
    });
  }
  const missing = [needs.tools && 'tools', needs.vision && 'images', needs.jsonSchema && 'json_schema output']
    .filter(Boolean)
    .join(', ');
  throw new BadRequestError({
    message: `No deployment of \`${group}\` that fits the prompt supports what the request uses (${missing}).`,
    param: 'model',
    code: 'no_capable_deployment',
    model: group,
  });
}
