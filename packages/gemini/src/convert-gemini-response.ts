import { randomUUID } from 'node:crypto';
import { BadGatewayError, type ChatResponse, isRecord } from '@switchyard/core';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import { promptBlockedError } from './gemini-error.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { readCandidateParts } from './read-gemini-candidate.js';

export interface GeminiResponseContext {
  provider: string;
  /** The model asked for, reported when Gemini does not name its version. */
  model: string;
  /** Unix seconds. */
  created: number;
}

type Choice = ChatResponse['choices'][number];

function choiceOf(candidate: Record<string, unknown>, position: number, seed: string): Choice {
  const index = typeof candidate.index === 'number' ? candidate.index : position;
  const output = readCandidateParts(candidate.content, `${seed}:${index}`);
  return {
    index,
    message: {
      role: 'assistant',
      content: output.text === '' ? null : output.text,
      ...(output.reasoning !== '' ? { reasoning_content: output.reasoning } : {}),
      ...(output.toolCalls.length > 0 ? { tool_calls: output.toolCalls } : {}),
    },
    finish_reason: mapGeminiFinishReason(candidate.finishReason, output.toolCalls.length > 0),
  };
}

/**
 * A `GenerateContentResponse` as a chat completion: one choice per candidate (text, thoughts as
 * `reasoning_content`, function calls as tool calls), usage normalised. A prompt Gemini blocked
 * (no candidates, `promptFeedback.blockReason`) is a ContentPolicyViolationError.
 */
export function convertGeminiResponse(
  body: Record<string, unknown>,
  context: GeminiResponseContext,
): ChatResponse {
  const candidates = Array.isArray(body.candidates) ? body.candidates.filter(isRecord) : [];
  if (candidates.length === 0) {
    throw (
      promptBlockedError(body.promptFeedback, context.provider, context.model) ??
      new BadGatewayError({
        message: `${context.provider} sent a response without candidates`,
        provider: context.provider,
        model: context.model,
        code: 'invalid_upstream_response',
      })
    );
  }
  const responseId =
    typeof body.responseId === 'string' && body.responseId !== '' ? body.responseId : randomUUID();
  const usage = convertGeminiUsage(body.usageMetadata);
  return {
    id: `chatcmpl-${responseId}`,
    object: 'chat.completion',
    created: context.created,
    model:
      typeof body.modelVersion === 'string' && body.modelVersion !== '' ? body.modelVersion : context.model,
    choices: candidates.map((candidate, position) => choiceOf(candidate, position, responseId)),
    ...(usage ? { usage } : {}),
  };
}
