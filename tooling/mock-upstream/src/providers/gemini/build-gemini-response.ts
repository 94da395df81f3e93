import { splitIntoWordChunks } from '../openai/build-openai-chat-chunks.js';
import { type GeminiUsageMetadata, partialGeminiUsage } from './gemini-usage.js';
import type { GeminiCandidatePlan, GeminiFunctionCallPlan, GeminiPlan } from './plan-gemini-response.js';

export type GeminiPart =
  | { text: string; thought?: true; thoughtSignature?: string }
  | { functionCall: { name: string; args: Record<string, unknown> }; thoughtSignature?: string };

export interface GeminiCandidate {
  content: { role: 'model'; parts: GeminiPart[] };
  finishReason?: string;
  index: number;
}

/** A `GenerateContentResponse`, as generateContent returns it and as each streamed event is. */
export interface GeminiResponse {
  candidates: GeminiCandidate[];
  usageMetadata: GeminiUsageMetadata;
  modelVersion: string;
  responseId: string;
  createTime?: string;
}

function functionCallPart(call: GeminiFunctionCallPlan): GeminiPart {
  return {
    functionCall: { name: call.name, args: call.args },
    ...(call.thoughtSignature === undefined ? {} : { thoughtSignature: call.thoughtSignature }),
  };
}

function candidateParts(candidate: GeminiCandidatePlan): GeminiPart[] {
  const parts: GeminiPart[] = [];
  if (candidate.thought !== undefined) {
    parts.push({ text: candidate.thought, thought: true });
  }
  if (candidate.text !== '') {
    parts.push({ text: candidate.text });
  }
  return [...parts, ...candidate.functionCalls.map(functionCallPart)];
}

function envelope(
  plan: GeminiPlan,
  candidates: GeminiCandidate[],
  usage: GeminiUsageMetadata,
): GeminiResponse {
  return {
    candidates,
    usageMetadata: usage,
    modelVersion: plan.modelVersion,
    responseId: plan.responseId,
    ...(plan.createTime === undefined ? {} : { createTime: plan.createTime }),
  };
}

export function buildGeminiResponse(plan: GeminiPlan): GeminiResponse {
  const candidates = plan.candidates.map((candidate) => ({
    content: { role: 'model' as const, parts: candidateParts(candidate) },
    finishReason: candidate.finishReason,
    index: candidate.index,
  }));
  return envelope(plan, candidates, plan.usage);
}

/** One candidate's streamed parts: the thought, the text word by word, then all function calls at once. */
function candidateEventParts(candidate: GeminiCandidatePlan): GeminiPart[][] {
  const events: GeminiPart[][] = [];
  if (candidate.thought !== undefined) {
    events.push([{ text: candidate.thought, thought: true }]);
  }
  for (const word of splitIntoWordChunks(candidate.text)) {
    events.push([{ text: word }]);
  }
  if (candidate.functionCalls.length > 0) {
    events.push(candidate.functionCalls.map(functionCallPart));
  }
  // An answer with nothing to say still ends with an event, its text empty as Gemini sends it.
  return events.length > 0 ? events : [[{ text: '' }]];
}

/**
 * The events of `streamGenerateContent`: each a whole `GenerateContentResponse` with one candidate's
 * next parts. Usage is cumulative: events before the last carry only the prompt count, the last the
 * final usage. The last event of each candidate carries its finish reason.
 */
export function buildGeminiStreamEvents(plan: GeminiPlan): GeminiResponse[] {
  const partial = partialGeminiUsage(plan.usage);
  const events = plan.candidates.flatMap((candidate) =>
    candidateEventParts(candidate).map((parts, position, all) =>
      envelope(
        plan,
        [
          {
            content: { role: 'model', parts },
            ...(position === all.length - 1 ? { finishReason: candidate.finishReason } : {}),
            index: candidate.index,
          },
        ],
        partial,
      ),
    ),
  );
  const last = events.at(-1);
  if (last !== undefined) {
    last.usageMetadata = plan.usage;
  }
  return events;
}
