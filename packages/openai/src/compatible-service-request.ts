import { type ChatMessage, type ChatRequest, handleUnsupportedParams, isRecord } from '@switchyard/core';

/**
 * What an OpenAI-compatible service does differently on the way in, as data: each entry names a
 * documented deviation (litellm's transformation for that provider, or the service's own docs).
 */
export interface CompatibleRequestQuirks {
  /** Send `max_completion_tokens` as `max_tokens` (services that only know the older name). */
  maxCompletionTokensAsMaxTokens?: boolean;
  /** Remove `name` from messages: from every message, or from all but user messages. */
  stripMessageName?: 'all' | 'non-user';
  /** Remove `strict` from function tools (the service rejects it). */
  stripToolStrict?: boolean;
  /** Send content lists made only of text parts as one string (the service rejects lists). */
  collapseTextContent?: boolean;
  /**
   * Keep prompt-caching markers by moving a message's `cache_control` onto its last content part
   * (where the service reads it): for every model, or for models whose id contains one of these.
   */
  cacheControlInContent?: true | readonly string[];
  /** `tool_choice: "required"` spelled `any`, or asked for in a user turn (the value is refused). */
  toolChoiceRequired?: 'any' | 'prompt';
  /** The only string `tool_choice` values accepted; others are unsupported (drop_params applies). */
  toolChoiceValues?: readonly string[];
  /** `n` other than 1 is unsupported. */
  singleChoice?: boolean;
  /** `response_format: {type: "text"}` is left out (the default; some services reject it). */
  dropTextResponseFormat?: boolean;
  /** Highest temperature accepted, and the lowest one accepted when `n` > 1. */
  temperatureRange?: { max: number; minWithChoices?: number };
  /** `reasoning_effort` also sent as `thinking: {type: enabled|disabled}` ("none" disables). */
  reasoningEffortAsThinking?: boolean;
  /** Upstream model ids get this prefix unless they already start with `unlessStartsWith`. */
  modelPrefix?: { prefix: string; unlessStartsWith: string };
  /** `<provider>/<org>/<model>` (provider from this list) sent as `<org>/<model>:<provider>`. */
  routedProviders?: readonly string[];
  /** Parameters some models refuse: models whose id contains one of `models`. */
  modelUnsupportedParams?: ReadonlyArray<{ models: readonly string[]; params: readonly string[] }>;
}

export interface RequestContext {
  provider: string;
  model: string;
  dropParams: boolean;
  /** Parameters the service refuses for every model. */
  unsupportedParams: readonly string[];
}

const requiredToolPrompt = 'Please select a tool to handle the current issue.';

type MessageRecord = Record<string, unknown>;

/** The request the service gets: unsupported parameters refused or dropped, then each quirk applied. */
export function prepareCompatibleRequest(
  request: ChatRequest,
  quirks: CompatibleRequestQuirks,
  context: RequestContext,
): ChatRequest {
  let body = handleUnsupportedParams(request, {
    provider: context.provider,
    model: context.model,
    unsupported: unsupportedFor(request, quirks, context.unsupportedParams),
    dropParams: context.dropParams,
  });
  if (quirks.maxCompletionTokensAsMaxTokens) body = renameMaxCompletionTokens(body);
  if (quirks.dropTextResponseFormat && body.response_format?.type === 'text') {
    const { response_format: _text, ...rest } = body;
    body = rest;
  }
  if (quirks.temperatureRange) body = clampTemperature(body, quirks.temperatureRange);
  if (quirks.reasoningEffortAsThinking) body = reasoningEffortAsThinking(body);
  if (quirks.stripToolStrict) body = stripToolStrict(body);
  if (quirks.toolChoiceRequired && body.tool_choice === 'required') {
    body = requiredToolChoice(body, quirks.toolChoiceRequired);
  }
  body = rewriteMessages(body, quirks);
  const model = upstreamModel(body.model, quirks);
  return model === body.model ? body : { ...body, model };
}

function unsupportedFor(
  request: ChatRequest,
  quirks: CompatibleRequestQuirks,
  always: readonly string[],
): string[] {
  const names = [...always];
  for (const rule of quirks.modelUnsupportedParams ?? []) {
    if (rule.models.some((part) => request.model.includes(part))) names.push(...rule.params);
  }
  if (quirks.singleChoice && request.n !== undefined && request.n !== null && request.n !== 1)
    names.push('n');
  const choice = request.tool_choice;
  if (quirks.toolChoiceValues && typeof choice === 'string' && !quirks.toolChoiceValues.includes(choice)) {
    names.push('tool_choice');
  }
  return names;
}

export function renameMaxCompletionTokens(request: ChatRequest): ChatRequest {
  const { max_completion_tokens: limit, ...rest } = request;
  if (limit === undefined) return request;
  if (limit === null || rest.max_tokens !== undefined) return rest;
  return { ...rest, max_tokens: limit };
}

function clampTemperature(
  request: ChatRequest,
  range: { max: number; minWithChoices?: number },
): ChatRequest {
  const temperature = request.temperature;
  if (typeof temperature !== 'number') return request;
  let clamped = Math.min(temperature, range.max);
  if (range.minWithChoices !== undefined && (request.n ?? 1) > 1) {
    clamped = Math.max(clamped, range.minWithChoices);
  }
  return clamped === temperature ? request : { ...request, temperature: clamped };
}

function reasoningEffortAsThinking(request: ChatRequest): ChatRequest {
  const effort = request.reasoning_effort;
  if (effort === undefined || effort === null || request.thinking !== undefined) return request;
  if (effort === 'none') {
    const { reasoning_effort: _none, ...rest } = request;
    return { ...rest, thinking: { type: 'disabled' } };
  }
  return { ...request, thinking: { type: 'enabled' } };
}

function stripToolStrict(request: ChatRequest): ChatRequest {
  const tools = request.tools;
  if (!tools?.some((tool) => isRecord(tool.function) && 'strict' in tool.function)) return request;
  return {
    ...request,
    tools: tools.map((tool) => {
      if (!isRecord(tool.function) || !('strict' in tool.function)) return tool;
      const { strict: _strict, ...fn } = tool.function;
      return { ...tool, function: fn } as typeof tool;
    }),
  };
}

function requiredToolChoice(request: ChatRequest, mode: 'any' | 'prompt'): ChatRequest {
  if (mode === 'any') return { ...request, tool_choice: 'any' } as unknown as ChatRequest;
  const { tool_choice: _required, ...rest } = request;
  return { ...rest, messages: [...request.messages, { role: 'user', content: requiredToolPrompt }] };
}

function rewriteMessages(request: ChatRequest, quirks: CompatibleRequestQuirks): ChatRequest {
  const cache = quirks.cacheControlInContent;
  const moveCache =
    cache === true || cache?.some((part) => request.model.toLowerCase().includes(part)) === true;
  if (!quirks.stripMessageName && !quirks.collapseTextContent && !moveCache) return request;
  let changed = false;
  const messages = request.messages.map((original) => {
    let message = original as MessageRecord;
    if (quirks.stripMessageName) message = withoutName(message, quirks.stripMessageName);
    if (quirks.collapseTextContent) message = collapseText(message);
    if (moveCache) message = cacheControlIntoContent(message);
    if (message !== original) changed = true;
    return message as ChatMessage;
  });
  return changed ? { ...request, messages } : request;
}

function withoutName(message: MessageRecord, scope: 'all' | 'non-user'): MessageRecord {
  if (!('name' in message) || (scope === 'non-user' && message.role === 'user')) return message;
  const { name: _name, ...rest } = message;
  return rest;
}

function collapseText(message: MessageRecord): MessageRecord {
  const content = message.content;
  if (!Array.isArray(content) || content.length === 0) return message;
  const texts: string[] = [];
  for (const part of content) {
    if (!isRecord(part) || part.type !== 'text' || typeof part.text !== 'string' || 'cache_control' in part) {
      return message;
    }
    texts.push(part.text);
  }
  return { ...message, content: texts.join('') };
}

function cacheControlIntoContent(message: MessageRecord): MessageRecord {
  const { cache_control: marker, ...rest } = message;
  if (marker === undefined || marker === null) return message;
  const content = rest.content;
  if (typeof content === 'string') {
    return { ...rest, content: [{ type: 'text', text: content, cache_control: marker }] };
  }
  if (!Array.isArray(content) || content.length === 0) return message;
  const last = content.length - 1;
  return {
    ...rest,
    content: content.map((part, index) =>
      index === last && isRecord(part) ? { ...part, cache_control: marker } : part,
    ),
  };
}

/** The model id the service expects for the one the deployment names. */
export function upstreamModel(model: string, quirks: CompatibleRequestQuirks): string {
  const prefix = quirks.modelPrefix;
  if (prefix && !model.startsWith(prefix.unlessStartsWith)) return `${prefix.prefix}${model}`;
  const routed = quirks.routedProviders;
  if (routed) {
    const [provider, ...rest] = model.split('/');
    if (provider && rest.length >= 2 && routed.includes(provider)) return `${rest.join('/')}:${provider}`;
  }
  return model;
}
