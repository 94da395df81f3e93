/** What a Claude model accepts, where the Messages API differs between model generations. */
export interface AnthropicModelFeatures {
  /**
   * Thinking with a fixed `budget_tokens` is refused (Opus 4.7 and later, Claude 5 and Mythos):
   * thinking is `{type: 'adaptive'}` and its depth `output_config.effort`.
   */
  adaptiveThinkingOnly: boolean;
  /**
   * Native structured output (`output_config.format`) and strict tool schemas (Opus, Sonnet and
   * Haiku 4.5 and later); older models answer a JSON schema through a forced tool instead.
   */
  structuredOutputs: boolean;
}

// `claude-<family>-<major>[-<minor>][-<date>]`: claude-sonnet-4-5-20250929, claude-opus-4-1, claude-opus-5.
// Older ids (`claude-3-7-sonnet-…`) do not match and get the conservative answers.
const modelId = /claude-([a-z]+)-(\d{1,2})(?:-(\d{1,2}))?(?=$|[^\d])/;
const structuredOutputFamilies = new Set(['opus', 'sonnet', 'haiku']);

/**
 * The features of a model id, from its family and version. An id this cannot read (an alias, a
 * proxy's own name) gets the answers every model accepts: budget thinking and the JSON tool.
 */
export function anthropicModelFeatures(model: string): AnthropicModelFeatures {
  const id = model.toLowerCase();
  if (id.includes('claude-mythos')) return { adaptiveThinkingOnly: true, structuredOutputs: true };
  const match = modelId.exec(id);
  if (!match) return { adaptiveThinkingOnly: false, structuredOutputs: false };
  const family = match[1] ?? '';
  const major = Number(match[2]);
  const minor = match[3] === undefined ? 0 : Number(match[3]);
  const atLeast = (wantMajor: number, wantMinor: number) =>
    major > wantMajor || (major === wantMajor && minor >= wantMinor);
  return {
    adaptiveThinkingOnly: major >= 5 || (family === 'opus' && atLeast(4, 7)),
    structuredOutputs: structuredOutputFamilies.has(family) && atLeast(4, 5),
  };
}
