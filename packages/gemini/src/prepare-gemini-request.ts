import {
  type ChatRequest,
  getModelInfo,
  handleUnsupportedParams,
  isRecord,
  thinkingBudgetFor,
} from '@switchyard/core';
import { convertToGeminiMessages } from './convert-to-gemini-messages.js';
import { convertToGeminiSchema } from './convert-to-gemini-schema.js';
import type { GeminiGenerationConfig, GeminiRequestBody, GeminiThinkingConfig } from './gemini-wire-types.js';
import { prepareGeminiTools } from './prepare-gemini-tools.js';

export interface GeminiRequestContext {
  provider: string;
  model: string;
  /** litellm's drop_params: drop what Gemini cannot take instead of refusing the request. */
  dropParams: boolean;
  /** Vertex AI takes `labels`; the Gemini API refuses them. */
  vertex: boolean;
}

/** Canonical parameters Gemini has no equivalent for (or whose answer Switchyard cannot return). */
const unsupportedParams = ['logit_bias', 'logprobs', 'top_logprobs', 'audio', 'prediction'] as const;
const modelsPrefix = /^models\//;

function unsupportedIn(request: ChatRequest, context: GeminiRequestContext): string[] {
  const unsupported: string[] = [...unsupportedParams];
  if ((request.modalities ?? []).some((modality) => modality !== 'text')) unsupported.push('modalities');
  if (request.reasoning_effort && request.reasoning_effort !== 'none' && !canReason(context)) {
    unsupported.push('reasoning_effort');
  }
  return unsupported;
}

/** False only for models the model table knows do not think (Gemini 1.5, 2.0): they refuse a thinking config. */
function canReason(context: GeminiRequestContext): boolean {
  const info = getModelInfo(context.model.replace(modelsPrefix, ''), context.vertex ? 'vertex_ai' : 'gemini');
  return info?.supports_reasoning !== false;
}

/** `reasoning_effort: "none"` asks for no thinking, which a model that cannot think already does. */
function withoutNoThinking(request: ChatRequest, context: GeminiRequestContext): ChatRequest {
  if (request.reasoning_effort !== 'none' || canReason(context)) return request;
  const { reasoning_effort: _effort, ...rest } = request;
  return rest;
}

function thinkingConfigOf(request: ChatRequest): GeminiThinkingConfig | undefined {
  const effort = request.reasoning_effort;
  if (effort) {
    const budget = thinkingBudgetFor(effort);
    return { thinkingBudget: budget, includeThoughts: budget > 0 };
  }
  // Anthropic-style `thinking: {type: 'enabled', budget_tokens}` as litellm accepts it.
  const thinking = request.thinking;
  if (isRecord(thinking) && typeof thinking.budget_tokens === 'number') {
    const enabled = thinking.type !== 'disabled';
    return { thinkingBudget: enabled ? thinking.budget_tokens : 0, includeThoughts: enabled };
  }
  return undefined;
}

function responseFormatConfig(format: ChatRequest['response_format']): GeminiGenerationConfig {
  if (format?.type === 'json_object') return { responseMimeType: 'application/json' };
  if (format?.type !== 'json_schema') return {};
  const schema = convertToGeminiSchema(format.json_schema.schema);
  return { responseMimeType: 'application/json', ...(schema ? { responseSchema: schema } : {}) };
}

/** Sampling and output settings as Gemini's `generationConfig`; undefined when nothing is set. */
export function prepareGenerationConfig(request: ChatRequest): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  const set = <K extends keyof GeminiGenerationConfig>(
    key: K,
    value: GeminiGenerationConfig[K] | null | undefined,
  ) => {
    if (value !== undefined && value !== null) config[key] = value;
  };
  set('temperature', request.temperature);
  set('topP', request.top_p);
  set('topK', typeof request.top_k === 'number' ? request.top_k : undefined);
  set('maxOutputTokens', request.max_completion_tokens ?? request.max_tokens);
  set('stopSequences', typeof request.stop === 'string' ? [request.stop] : request.stop);
  set('seed', request.seed);
  set(
    'candidateCount',
    request.n !== undefined && request.n !== null && request.n > 1 ? request.n : undefined,
  );
  set('presencePenalty', request.presence_penalty);
  set('frequencyPenalty', request.frequency_penalty);
  Object.assign(config, responseFormatConfig(request.response_format));
  set('thinkingConfig', thinkingConfigOf(request));
  return Object.keys(config).length > 0 ? config : undefined;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Gemini-specific fields a request may carry the way litellm accepts them. */
function geminiExtras(request: ChatRequest, vertex: boolean): Partial<GeminiRequestBody> {
  const safety = request.safety_settings ?? request.safetySettings;
  const cached = request.cached_content ?? request.cachedContent;
  const labels = vertex ? stringRecord(request.labels) : undefined;
  return {
    ...(Array.isArray(safety) ? { safetySettings: safety } : {}),
    ...(typeof cached === 'string' && cached !== '' ? { cachedContent: cached } : {}),
    ...(labels ? { labels } : {}),
  };
}

/**
 * The generateContent body for a chat request. Parameters Gemini cannot take are refused with a
 * 400 naming them, or dropped with drop_params. Unknown request fields are not forwarded: Google
 * refuses any field its API does not define.
 */
export function prepareGeminiRequest(request: ChatRequest, context: GeminiRequestContext): GeminiRequestBody {
  const checked = handleUnsupportedParams(withoutNoThinking(request, context), {
    provider: context.provider,
    model: context.model,
    unsupported: unsupportedIn(request, context),
    dropParams: context.dropParams,
  });
  const prompt = convertToGeminiMessages(checked.messages, context);
  const generationConfig = prepareGenerationConfig(checked);
  return {
    ...prompt,
    ...prepareGeminiTools(checked, context),
    ...(generationConfig ? { generationConfig } : {}),
    ...geminiExtras(checked, context.vertex),
  };
}
