import { countWords } from '../../core/count-words.js';
import { deterministicId } from '../../core/deterministic-random.js';
import { deterministicUuid } from '../../core/deterministic-uuid.js';
import type { MockRuleResponse } from '../../core/mock-rule.js';
import type { CohereChatRequest } from './read-cohere-chat-request.js';

export interface CohereToolCallPlan {
  id: string;
  name: string;
  arguments: string;
}

/** Cohere's usage object: billed units, token counts, and the prompt tokens read from cache. */
export interface CohereUsage {
  billed_units: { input_tokens: number; output_tokens: number };
  tokens: { input_tokens: number; output_tokens: number };
  cached_tokens: number;
}

/** Everything a chat answer says, decided once and rendered as JSON or as events. */
export interface CohereChatPlan {
  id: string;
  /** Reasoning text (a `thinking` content block), when the request enabled thinking. */
  thinking: string | undefined;
  /** Answer text; empty when the model only calls tools. */
  text: string;
  /** The plan Cohere writes before its tool calls (`tool_plan`). */
  toolPlan: string | undefined;
  toolCalls: CohereToolCallPlan[];
  finishReason: string;
  usage: CohereUsage;
}

export interface CohereChatPlanInput {
  request: CohereChatRequest;
  respond: MockRuleResponse | undefined;
  /** Makes ids deterministic, e.g. the recorded request's id. */
  seed: string;
}

function lastUserText(request: CohereChatRequest): string {
  return request.messages.findLast((message) => message.role === 'user')?.text ?? '';
}

/** The default reply, derived from the input so tests can predict it (the same as OpenAI's mock). */
export function defaultCohereReply(request: CohereChatRequest): string {
  return `Mock reply to: ${lastUserText(request)}`;
}

/**
 * Tool calls come from the rule, or from `tool_choice: "REQUIRED"` (the first tool, no arguments).
 * A thinking block comes first when the request enables thinking or the rule scripts `reasoning`.
 * With tool calls, a scripted `content` becomes the `tool_plan` Cohere sends before them, and the
 * answer text is empty, as Cohere answers.
 */
export function planCohereChat({ request, respond, seed }: CohereChatPlanInput): CohereChatPlan {
  const forced = request.toolsRequired ? request.toolNames[0] : undefined;
  const calls = respond?.toolCalls ?? (forced === undefined ? [] : [{ name: forced, arguments: '{}' }]);
  const toolCalls = calls.map((call, index) => ({
    id: deterministicId(`${call.name}_`, `call:${seed}:${index}`, 12).toLowerCase(),
    name: call.name,
    arguments: call.arguments,
  }));
  const hasToolCalls = toolCalls.length > 0;
  const thinking =
    respond?.reasoning ?? (request.thinking ? `Mock reasoning about: ${lastUserText(request)}` : undefined);
  const text = hasToolCalls ? '' : (respond?.content ?? defaultCohereReply(request));
  const toolPlan = hasToolCalls ? respond?.content : undefined;
  const outputWords =
    countWords(text) +
    countWords(toolPlan ?? '') +
    countWords(thinking ?? '') +
    toolCalls.reduce((sum, call) => sum + countWords(`${call.name} ${call.arguments}`), 0);
  const promptWords = request.messages.reduce((sum, message) => sum + countWords(message.text), 0);
  return {
    id: deterministicUuid(`chat:${seed}`),
    thinking,
    text,
    toolPlan,
    toolCalls,
    finishReason: respond?.finishReason ?? (hasToolCalls ? 'TOOL_CALL' : 'COMPLETE'),
    usage: buildCohereUsage(
      respond?.usage?.prompt_tokens ?? promptWords,
      respond?.usage?.completion_tokens ?? outputWords,
      respond?.usage?.cached_tokens ?? 0,
    ),
  };
}

/**
 * Cohere reports no reasoning-token count (thinking is part of `output_tokens`), so a scripted
 * `reasoning_tokens` has nowhere to go. Billed input excludes the tokens read from cache.
 */
export function buildCohereUsage(
  inputTokens: number,
  outputTokens: number,
  cachedTokens: number,
): CohereUsage {
  return {
    billed_units: { input_tokens: Math.max(0, inputTokens - cachedTokens), output_tokens: outputTokens },
    tokens: { input_tokens: inputTokens, output_tokens: outputTokens },
    cached_tokens: cachedTokens,
  };
}
