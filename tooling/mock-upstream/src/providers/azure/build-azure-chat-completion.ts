import { buildOpenAIChatChunks, type OpenAIChatCompletionChunk } from '../openai/build-openai-chat-chunks.js';
import {
  buildOpenAIChatCompletion,
  type OpenAIChatCompletion,
} from '../openai/build-openai-chat-completion.js';
import type { OpenAIChatPlan } from '../openai/plan-openai-chat-completion.js';
import {
  type AzureContentFilterResults,
  choiceFilterResults,
  promptFilterResults,
} from './azure-content-filter.js';

type PromptFilterResults = ReturnType<typeof promptFilterResults>;

/** OpenAI's `chat.completion` with Azure's content filter verdicts on the prompt and each choice. */
export interface AzureChatCompletion extends Omit<OpenAIChatCompletion, 'choices' | 'service_tier'> {
  choices: Array<
    OpenAIChatCompletion['choices'][number] & { content_filter_results: AzureContentFilterResults }
  >;
  prompt_filter_results: PromptFilterResults;
}

export function buildAzureChatCompletion(plan: OpenAIChatPlan): AzureChatCompletion {
  const { service_tier: _serviceTier, ...completion } = buildOpenAIChatCompletion(plan);
  return {
    ...completion,
    choices: completion.choices.map((choice) => ({
      ...choice,
      content_filter_results: choiceFilterResults(choice.finish_reason),
    })),
    prompt_filter_results: promptFilterResults(),
  };
}

/** The frame Azure streams before any chunk: no choices, empty ids, only the prompt's verdicts. */
export interface AzurePromptFilterFrame {
  choices: [];
  created: 0;
  id: '';
  model: '';
  object: '';
  prompt_filter_results: PromptFilterResults;
}

export function buildAzurePromptFilterFrame(): AzurePromptFilterFrame {
  return {
    choices: [],
    created: 0,
    id: '',
    model: '',
    object: '',
    prompt_filter_results: promptFilterResults(),
  };
}

type AzureChunkChoice = OpenAIChatCompletionChunk['choices'][number] & {
  content_filter_results: AzureContentFilterResults | Record<string, never>;
};

/** A streamed chunk as Azure sends it: OpenAI's, each choice carrying its filter verdicts. */
export interface AzureChatCompletionChunk
  extends Omit<OpenAIChatCompletionChunk, 'choices' | 'service_tier'> {
  choices: AzureChunkChoice[];
}

/**
 * OpenAI's chunk sequence with Azure's additions: the role chunk carries empty verdicts, the
 * others the choice's verdicts. The prompt-filter frame that precedes them is built separately.
 */
export function buildAzureChatChunks(
  plan: OpenAIChatPlan,
  includeUsage: boolean,
): AzureChatCompletionChunk[] {
  return buildOpenAIChatChunks(plan, includeUsage).map(({ service_tier: _serviceTier, ...chunk }) => ({
    ...chunk,
    choices: chunk.choices.map((choice) => ({
      ...choice,
      content_filter_results:
        choice.delta.role === 'assistant' ? {} : choiceFilterResults(choice.finish_reason ?? null),
    })),
  }));
}
