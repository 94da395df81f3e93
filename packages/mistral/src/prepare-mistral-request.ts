import { type ChatRequest, handleUnsupportedParams, isRecord } from '@switchyard/core';
import { convertToMistralMessages } from './convert-to-mistral-messages.js';
import { mapMistralResponseFormat } from './map-mistral-response-format.js';
import type { MistralChatBody } from './mistral-api-types.js';
import { mapMistralToolChoice, prepareMistralTools } from './prepare-mistral-tools.js';

export interface MistralRequestContext {
  /** Provider id, for error messages. */
  provider: string;
  /** The upstream model id, sent as `model`. */
  model: string;
  /** litellm's drop_params. */
  dropParams: boolean;
}

/**
 * Canonical parameters Mistral has no equivalent for: refused with a 400 naming them, or dropped
 * with drop_params (`handleUnsupportedParams`).
 */
export const unsupportedMistralParams = [
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'user',
  'store',
  'modalities',
  'audio',
  'functions',
  'function_call',
  'web_search_options',
  'verbosity',
] as const;

// Values that mean the same as leaving the parameter out; not worth refusing a request over.
const neutralValues: Record<string, unknown> = { logprobs: false, store: false };

type Effort = NonNullable<MistralChatBody['reasoning_effort']>;

/**
 * The body for Mistral's chat completions endpoint. OpenAI's names become Mistral's (`seed` →
 * `random_seed`, `max_completion_tokens` → `max_tokens`), `stream_options` is left out (Mistral
 * always reports usage on the last chunk and rejects the field), messages, tools, `tool_choice` and
 * `response_format` are translated, and fields the canonical API does not define (Mistral's own
 * `safe_prompt`, `prompt_mode`, `guardrails`, `prompt_cache_key`, `prediction` …) pass through.
 */
export function prepareMistralChatBody(
  request: ChatRequest,
  context: MistralRequestContext,
  stream: boolean,
): MistralChatBody {
  const checked = checkParams(request, context);
  const {
    model: _model,
    messages,
    stream: _stream,
    stream_options: _streamOptions,
    tools,
    tool_choice,
    response_format,
    seed,
    max_tokens,
    max_completion_tokens,
    reasoning_effort,
    service_tier,
    ...rest
  } = checked;
  const passThrough: Record<string, unknown> = { ...rest };
  for (const name of unsupportedMistralParams) delete passThrough[name];
  const thinking = passThrough.thinking;
  delete passThrough.thinking;
  const body: MistralChatBody = {
    model: context.model,
    messages: convertToMistralMessages(messages, context),
    ...withoutNulls(passThrough),
  };
  if (stream) body.stream = true;
  setIfPresent(body, 'max_tokens', max_completion_tokens ?? max_tokens);
  setIfPresent(body, 'random_seed', seed);
  setIfPresent(body, 'reasoning_effort', mistralEffort(reasoning_effort, thinking));
  setIfPresent(body, 'service_tier', mistralServiceTier(service_tier));
  if (tools && tools.length > 0) body.tools = prepareMistralTools(tools);
  if (tool_choice !== undefined)
    body.tool_choice = mapMistralToolChoice(tool_choice) as MistralChatBody['tool_choice'];
  if (response_format) body.response_format = mapMistralResponseFormat(response_format);
  return body;
}

function checkParams(request: ChatRequest, context: MistralRequestContext): ChatRequest {
  let checked = request;
  for (const [name, neutral] of Object.entries(neutralValues)) {
    if ((checked as Record<string, unknown>)[name] === neutral) {
      const { [name]: _neutral, ...rest } = checked as Record<string, unknown>;
      checked = rest as ChatRequest;
    }
  }
  const options = { provider: context.provider, model: context.model, dropParams: context.dropParams };
  checked = handleUnsupportedParams(checked, { ...options, unsupported: unsupportedMistralParams });
  const tier = checked.service_tier;
  if (tier !== undefined && tier !== null && mistralServiceTier(tier) === undefined) {
    checked = handleUnsupportedParams(checked, { ...options, unsupported: ['service_tier'] });
  }
  return checked;
}

/** Mistral's tiers: `auto` (priority capacity when available) and `standard_only`, OpenAI's `default`. */
function mistralServiceTier(tier: string | null | undefined): MistralChatBody['service_tier'] {
  if (tier === 'auto') return 'auto';
  if (tier === 'default') return 'standard_only';
  return undefined;
}

/**
 * Mistral takes OpenAI's effort levels itself; `max` is its `xhigh`. An Anthropic-style `thinking`
 * object (from a Messages API client) is read as an effort when no effort is given.
 */
function mistralEffort(effort: ChatRequest['reasoning_effort'], thinking: unknown): Effort | undefined {
  if (effort === 'max') return 'xhigh';
  if (effort) return effort;
  if (!isRecord(thinking)) return undefined;
  if (thinking.type === 'disabled') return 'none';
  if (thinking.type !== 'enabled') return undefined;
  const budget = typeof thinking.budget_tokens === 'number' ? thinking.budget_tokens : 4096;
  return budget <= 1024 ? 'low' : budget <= 2048 ? 'medium' : 'high';
}

function setIfPresent<K extends keyof MistralChatBody>(
  body: MistralChatBody,
  key: K,
  value: MistralChatBody[K] | null | undefined,
): void {
  if (value !== undefined && value !== null) body[key] = value;
}

// Canonical fields sent under the same name; a null among them means "not set" and is left out.
// A null in a field only Mistral knows (`prompt_mode: null` turns its system prompt off) is sent.
const canonicalFields = new Set([
  'n',
  'stop',
  'temperature',
  'top_p',
  'parallel_tool_calls',
  'metadata',
  'frequency_penalty',
  'presence_penalty',
]);

function withoutNulls(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || (value === null && canonicalFields.has(key))) continue;
    out[key] = value;
  }
  return out;
}
