import type { FinishReason } from '@switchyard/core';

const finishReasons: Record<string, FinishReason> = {
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop',
  MAX_TOKENS: 'length',
  TOOL_CALL: 'tool_calls',
  // v1 names some deployments still send.
  ERROR_TOXIC: 'content_filter',
  ERROR_LIMIT: 'length',
};

/** Cohere's finish reasons that mean the generation failed rather than finished. */
export type CohereFailureReason = 'ERROR' | 'TIMEOUT';

export function isCohereFailureReason(reason: string | null | undefined): reason is CohereFailureReason {
  return reason === 'ERROR' || reason === 'TIMEOUT';
}

/**
 * Cohere's `finish_reason` in OpenAI's words: COMPLETE and STOP_SEQUENCE stop, MAX_TOKENS is
 * length, TOOL_CALL is tool_calls. ERROR and TIMEOUT are failures (see `isCohereFailureReason`),
 * not finish reasons; anything unknown is read as stop. A response with tool calls finishes with
 * tool_calls whatever the reason says, as OpenAI clients expect.
 */
export function mapCohereFinishReason(reason: string | null | undefined, hasToolCalls = false): FinishReason {
  const mapped = (reason ? finishReasons[reason] : undefined) ?? 'stop';
  return hasToolCalls && mapped === 'stop' ? 'tool_calls' : mapped;
}
