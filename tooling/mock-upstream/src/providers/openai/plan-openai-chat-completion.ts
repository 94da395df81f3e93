import { countWords } from '../../core/count-words.js';
import { deterministicId } from '../../core/deterministic-random.js';
import type { MockRuleResponse } from '../../core/mock-rule.js';
import { buildOpenAIUsage, type OpenAIUsage } from './openai-usage.js';
import type { OpenAIChatRequest } from './read-openai-chat-request.js';

export const OPENAI_SYSTEM_FINGERPRINT = 'fp_m0ck5eed01';

export interface OpenAIToolCallPlan {
  id: string;
  name: string;
  arguments: string;
}

export interface OpenAIChoicePlan {
  index: number;
  content: string | null;
  toolCalls: OpenAIToolCallPlan[];
  finishReason: string;
}

/** Everything a chat completion answer says, decided once and rendered as JSON or as chunks. */
export interface OpenAIChatPlan {
  id: string;
  created: number;
  model: string;
  serviceTier: string;
  systemFingerprint: string;
  choices: OpenAIChoicePlan[];
  usage: OpenAIUsage;
}

export interface OpenAIChatPlanInput {
  request: OpenAIChatRequest;
  respond: MockRuleResponse | undefined;
  /** Makes ids deterministic, e.g. the recorded request's id. */
  seed: string;
  /** Unix seconds for `created`. */
  created: number;
}

/** The default reply, derived from the input so tests can predict it. */
export function defaultOpenAIReply(request: OpenAIChatRequest): string {
  const lastUser = request.messages.findLast((message) => message.role === 'user');
  return `Mock reply to: ${lastUser?.text ?? ''}`;
}

export function planOpenAIChatCompletion(input: OpenAIChatPlanInput): OpenAIChatPlan {
  const { request, respond, seed } = input;
  const choices = Array.from({ length: request.n }, (_, index) => planChoice(input, index));
  const completionWords = choices.reduce((sum, choice) => sum + choiceWords(choice), 0);
  const promptWords = request.messages.reduce((sum, message) => sum + countWords(message.text), 0);
  return {
    id: deterministicId('chatcmpl-', `chat:${seed}`, 29),
    created: input.created,
    model: respond?.model ?? request.model,
    serviceTier:
      request.serviceTier === undefined || request.serviceTier === 'auto' ? 'default' : request.serviceTier,
    systemFingerprint: OPENAI_SYSTEM_FINGERPRINT,
    choices,
    usage: buildOpenAIUsage({
      promptTokens: respond?.usage?.prompt_tokens ?? promptWords,
      completionTokens: respond?.usage?.completion_tokens ?? completionWords,
      cachedTokens: respond?.usage?.cached_tokens,
      reasoningTokens: respond?.usage?.reasoning_tokens,
    }),
  };
}

function planChoice({ request, respond, seed }: OpenAIChatPlanInput, index: number): OpenAIChoicePlan {
  const scriptedCalls = respond?.toolCalls;
  const forced = request.forcedToolName;
  const calls = scriptedCalls ?? (forced === undefined ? [] : [{ name: forced, arguments: '{}' }]);
  const toolCalls = calls.map((call, callIndex) => ({
    id: deterministicId('call_', `call:${seed}:${index}:${callIndex}`, 24),
    name: call.name,
    arguments: call.arguments,
  }));
  const hasToolCalls = toolCalls.length > 0;
  return {
    index,
    content: respond?.content ?? (hasToolCalls ? null : defaultOpenAIReply(request)),
    toolCalls,
    finishReason: respond?.finishReason ?? (hasToolCalls ? 'tool_calls' : 'stop'),
  };
}

function choiceWords(choice: OpenAIChoicePlan): number {
  const callWords = choice.toolCalls.reduce(
    (sum, call) => sum + countWords(`${call.name} ${call.arguments}`),
    0,
  );
  return countWords(choice.content ?? '') + callWords;
}
