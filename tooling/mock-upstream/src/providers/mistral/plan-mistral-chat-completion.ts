import { countWords } from '../../core/count-words.js';
import { deterministicId, seededRandom } from '../../core/deterministic-random.js';
import type { MockRuleResponse } from '../../core/mock-rule.js';
import type { MistralChatRequest } from './read-mistral-chat-request.js';

/** Mistral's usage object; the details appear only when there is something to report. */
export interface MistralUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

export interface MistralToolCallPlan {
  id: string;
  name: string;
  arguments: string;
}

export interface MistralChoicePlan {
  index: number;
  content: string | null;
  /** Thinking text (Magistral's `thinking` chunks), when the model thinks aloud. */
  reasoning: string | undefined;
  toolCalls: MistralToolCallPlan[];
  finishReason: string;
}

/** Everything a chat completion answer says, decided once and rendered as JSON or as chunks. */
export interface MistralChatPlan {
  id: string;
  created: number;
  model: string;
  choices: MistralChoicePlan[];
  usage: MistralUsage;
}

export interface MistralChatPlanInput {
  request: MistralChatRequest;
  respond: MockRuleResponse | undefined;
  /** Makes ids deterministic, e.g. the recorded request's id. */
  seed: string;
  /** Unix seconds for `created`. */
  created: number;
}

function lastUserText(request: MistralChatRequest): string {
  return request.messages.findLast((message) => message.role === 'user')?.text ?? '';
}

/** The default reply, derived from the input so tests can predict it. */
export function defaultMistralReply(request: MistralChatRequest): string {
  return `Mock reply to: ${lastUserText(request)}`;
}

/** Mistral's completion ids are 32 lowercase hex digits. */
function hexId(seed: string): string {
  const random = seededRandom(seed);
  return Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
}

export function planMistralChatCompletion(input: MistralChatPlanInput): MistralChatPlan {
  const { request, respond, seed } = input;
  const choices = Array.from({ length: request.n }, (_, index) => planChoice(input, index));
  const completionWords = choices.reduce((sum, choice) => sum + choiceWords(choice), 0);
  const promptWords = request.messages.reduce((sum, message) => sum + countWords(message.text), 0);
  const promptTokens = respond?.usage?.prompt_tokens ?? promptWords;
  const completionTokens = respond?.usage?.completion_tokens ?? completionWords;
  const usage: MistralUsage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  if (respond?.usage?.cached_tokens !== undefined) {
    usage.prompt_tokens_details = { cached_tokens: respond.usage.cached_tokens };
  }
  if (respond?.usage?.reasoning_tokens !== undefined) {
    usage.completion_tokens_details = { reasoning_tokens: respond.usage.reasoning_tokens };
  }
  return {
    id: hexId(`chat:${seed}`),
    created: input.created,
    model: respond?.model ?? request.model,
    choices,
    usage,
  };
}

function planChoice({ request, respond, seed }: MistralChatPlanInput, index: number): MistralChoicePlan {
  const forced = request.forcedToolName;
  const calls = respond?.toolCalls ?? (forced === undefined ? [] : [{ name: forced, arguments: '{}' }]);
  // Mistral's tool call ids are nine letters and digits.
  const toolCalls = calls.map((call, callIndex) => ({
    id: deterministicId('', `call:${seed}:${index}:${callIndex}`, 9),
    name: call.name,
    arguments: call.arguments,
  }));
  const hasToolCalls = toolCalls.length > 0;
  return {
    index,
    content: respond?.content ?? (hasToolCalls ? null : defaultMistralReply(request)),
    reasoning:
      respond?.reasoning ?? (request.reasoning ? `Thinking about: ${lastUserText(request)}` : undefined),
    toolCalls,
    finishReason: respond?.finishReason ?? (hasToolCalls ? 'tool_calls' : 'stop'),
  };
}

function choiceWords(choice: MistralChoicePlan): number {
  const callWords = choice.toolCalls.reduce(
    (sum, call) => sum + countWords(`${call.name} ${call.arguments}`),
    0,
  );
  return countWords(choice.content ?? '') + countWords(choice.reasoning ?? '') + callWords;
}
