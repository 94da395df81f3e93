import { countWords } from '../../core/count-words.js';
import { deterministicId } from '../../core/deterministic-random.js';
import type { MockRuleResponse } from '../../core/mock-rule.js';
import { splitIntoWords } from '../../core/split-text.js';
import type { OpenAICompletionRequest } from './read-openai-completion-request.js';

/** Token log probabilities of one choice, in the legacy API's shape. */
export interface OpenAICompletionLogprobs {
  tokens: string[];
  token_logprobs: number[];
  top_logprobs: Array<Record<string, number>>;
  text_offset: number[];
}

export interface OpenAICompletionChoice {
  text: string;
  index: number;
  logprobs: OpenAICompletionLogprobs | null;
  finish_reason: string | null;
}

export interface OpenAICompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** A `text_completion` object: the answer, and (with one-choice deltas) each streamed chunk. */
export interface OpenAICompletion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: OpenAICompletionChoice[];
  usage?: OpenAICompletionUsage | null;
}

interface ChoicePlan {
  index: number;
  /** The generated words, whitespace kept, joined back to the text. */
  words: string[];
  /** The prompt, when `echo` puts it in front of the text. */
  echoed: string;
  finishReason: string;
}

/** Everything a completion answer says, decided once and rendered as JSON or as chunks. */
export interface OpenAICompletionPlan {
  id: string;
  created: number;
  model: string;
  logprobs: boolean;
  choices: ChoicePlan[];
  usage: OpenAICompletionUsage;
}

export interface OpenAICompletionPlanInput {
  request: OpenAICompletionRequest;
  respond: MockRuleResponse | undefined;
  seed: string;
  created: number;
}

/**
 * The default answer: `Mock reply to: <prompt>`, cut to `max_tokens` words (finish reason `length`,
 * as the legacy API's default of 16 tokens often does); `n` choices per prompt, indexed prompt by
 * prompt.
 */
export function planOpenAICompletion(input: OpenAICompletionPlanInput): OpenAICompletionPlan {
  const { request, respond } = input;
  const choices: ChoicePlan[] = [];
  request.prompts.forEach((prompt, promptIndex) => {
    for (let choice = 0; choice < request.n; choice++) {
      const all = splitIntoWords(respond?.content ?? `Mock reply to: ${prompt.text}`);
      const cut = all.length > request.maxTokens;
      choices.push({
        index: promptIndex * request.n + choice,
        words: cut ? all.slice(0, request.maxTokens) : all,
        echoed: request.echo ? prompt.text : '',
        finishReason: cut ? 'length' : (respond?.finishReason ?? 'stop'),
      });
    }
  });
  const promptTokens = request.prompts.reduce((sum, prompt) => sum + prompt.tokens, 0);
  const completionTokens = choices.reduce((sum, choice) => sum + countWords(choice.words.join('')), 0);
  const usage = {
    prompt_tokens: respond?.usage?.prompt_tokens ?? promptTokens,
    completion_tokens: respond?.usage?.completion_tokens ?? completionTokens,
    total_tokens: 0,
  };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  return {
    id: deterministicId('cmpl-', `completion:${input.seed}`, 29),
    created: input.created,
    model: respond?.model ?? request.model,
    logprobs: request.logprobs !== undefined,
    choices,
    usage,
  };
}

/** Deterministic log probabilities for the words of a text (one "token" per word). */
function logprobsOf(words: string[], offset: number): OpenAICompletionLogprobs {
  const offsets: number[] = [];
  let position = offset;
  for (const word of words) {
    offsets.push(position);
    position += word.length;
  }
  return {
    tokens: words,
    token_logprobs: words.map(() => -0.25),
    top_logprobs: words.map((word) => ({ [word]: -0.25 })),
    text_offset: offsets,
  };
}

export function buildOpenAICompletion(plan: OpenAICompletionPlan): OpenAICompletion {
  return {
    id: plan.id,
    object: 'text_completion',
    created: plan.created,
    model: plan.model,
    choices: plan.choices.map((choice) => ({
      text: choice.echoed + choice.words.join(''),
      index: choice.index,
      logprobs: plan.logprobs ? logprobsOf(choice.words, choice.echoed.length) : null,
      finish_reason: choice.finishReason,
    })),
    usage: plan.usage,
  };
}

/**
 * The streamed chunks, in OpenAI's order, per choice: the echoed prompt (when asked), one chunk per
 * word, an empty text with the finish reason; then, only with `include_usage`, a chunk without
 * choices holding the usage (every chunk before it carries `usage: null`). `[DONE]` is not a chunk.
 */
export function buildOpenAICompletionChunks(
  plan: OpenAICompletionPlan,
  includeUsage: boolean,
): OpenAICompletion[] {
  const chunk = (choices: OpenAICompletionChoice[]): OpenAICompletion => ({
    id: plan.id,
    object: 'text_completion',
    created: plan.created,
    model: plan.model,
    choices,
    ...(includeUsage ? { usage: null } : {}),
  });
  const chunks: OpenAICompletion[] = [];
  for (const choice of plan.choices) {
    const pieces = choice.echoed === '' ? choice.words : [choice.echoed, ...choice.words];
    let offset = 0;
    for (const piece of pieces) {
      const logprobs = plan.logprobs ? logprobsOf([piece], offset) : null;
      chunks.push(chunk([{ text: piece, index: choice.index, logprobs, finish_reason: null }]));
      offset += piece.length;
    }
    chunks.push(
      chunk([{ text: '', index: choice.index, logprobs: null, finish_reason: choice.finishReason }]),
    );
  }
  if (includeUsage) chunks.push({ ...chunk([]), usage: plan.usage });
  return chunks;
}
