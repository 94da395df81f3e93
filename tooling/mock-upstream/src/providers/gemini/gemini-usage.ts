/** Gemini's `usageMetadata`: thoughts are counted apart from the candidates' tokens. */
export interface GeminiUsageMetadata {
  promptTokenCount: number;
  candidatesTokenCount?: number;
  totalTokenCount: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  promptTokensDetails: Array<{ modality: string; tokenCount: number }>;
}

/** Counts in OpenAI's terms: prompt includes cached tokens, completion includes reasoning tokens. */
export interface GeminiUsageCounts {
  promptTokens: number;
  completionTokens: number;
  cachedTokens?: number;
  reasoningTokens?: number;
}

/** Converts OpenAI-terms counts to Gemini's wire semantics (candidates exclude thoughts). */
export function buildGeminiUsage(counts: GeminiUsageCounts): GeminiUsageMetadata {
  const reasoning = Math.min(counts.reasoningTokens ?? 0, counts.completionTokens);
  const cached = counts.cachedTokens ?? 0;
  return {
    promptTokenCount: counts.promptTokens,
    candidatesTokenCount: counts.completionTokens - reasoning,
    totalTokenCount: counts.promptTokens + counts.completionTokens,
    ...(cached > 0 ? { cachedContentTokenCount: cached } : {}),
    ...(reasoning > 0 ? { thoughtsTokenCount: reasoning } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: counts.promptTokens }],
  };
}

/** What a stream's events before the last carry: the prompt only (usage is cumulative, not per event). */
export function partialGeminiUsage(usage: GeminiUsageMetadata): GeminiUsageMetadata {
  return {
    promptTokenCount: usage.promptTokenCount,
    totalTokenCount: usage.promptTokenCount,
    promptTokensDetails: usage.promptTokensDetails,
  };
}
