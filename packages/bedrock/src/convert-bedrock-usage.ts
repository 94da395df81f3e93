import { makeUsage, type Usage } from '@switchyard/core';
import type { BedrockTokenUsage } from './bedrock-api-types.js';

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;

/**
 * Converse's TokenUsage in OpenAI's terms. Converse counts cache reads and writes apart from
 * `inputTokens`; OpenAI's prompt_tokens includes them, with reads reported as
 * prompt_tokens_details.cached_tokens (and writes as cache_creation_tokens). Reasoning tokens are
 * part of outputTokens and not reported apart.
 */
export function convertBedrockUsage(usage: BedrockTokenUsage | undefined): Usage | undefined {
  if (usage === undefined || usage === null || typeof usage !== 'object') return undefined;
  const cacheRead = count(usage.cacheReadInputTokens);
  const cacheWrite = count(usage.cacheWriteInputTokens);
  const hasCache = usage.cacheReadInputTokens !== undefined || usage.cacheWriteInputTokens !== undefined;
  return makeUsage({
    promptTokens: count(usage.inputTokens) + cacheRead + cacheWrite,
    completionTokens: count(usage.outputTokens),
    ...(hasCache ? { cachedTokens: cacheRead } : {}),
    ...(usage.cacheWriteInputTokens !== undefined ? { cacheCreationTokens: cacheWrite } : {}),
  });
}
