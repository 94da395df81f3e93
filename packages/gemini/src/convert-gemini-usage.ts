import { isRecord, makeUsage, type Usage } from '@switchyard/core';

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * OpenAI usage from Gemini's `usageMetadata`. Gemini counts thoughts apart from the candidates and
 * tool-use prompt tokens apart from the prompt; OpenAI's completion tokens include reasoning and its
 * prompt tokens include everything read, cached tokens too (`cachedContentTokenCount` is already part
 * of `promptTokenCount`). The total is recomputed rather than trusted.
 */
export function convertGeminiUsage(metadata: unknown): Usage | undefined {
  if (!isRecord(metadata)) return undefined;
  const thoughts = metadata.thoughtsTokenCount;
  const cached = metadata.cachedContentTokenCount;
  return makeUsage({
    promptTokens: count(metadata.promptTokenCount) + count(metadata.toolUsePromptTokenCount),
    completionTokens: count(metadata.candidatesTokenCount) + count(thoughts),
    ...(typeof cached === 'number' ? { cachedTokens: cached } : {}),
    ...(typeof thoughts === 'number' ? { reasoningTokens: thoughts } : {}),
  });
}
