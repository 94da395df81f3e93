import { countWords } from '../../core/count-words.js';
import { deterministicId } from '../../core/deterministic-random.js';
import type { MockRuleResponse } from '../../core/mock-rule.js';
import { safeParseJson } from '../../core/safe-parse-json.js';
import { buildGeminiUsage, type GeminiUsageMetadata } from './gemini-usage.js';
import { mockThoughtSignature } from './mock-thought-signature.js';
import type { GeminiRequest } from './read-gemini-request.js';

export interface GeminiFunctionCallPlan {
  name: string;
  args: Record<string, unknown>;
  thoughtSignature?: string;
}

export interface GeminiCandidatePlan {
  index: number;
  thought: string | undefined;
  text: string;
  functionCalls: GeminiFunctionCallPlan[];
  finishReason: string;
}

/** Everything a generateContent answer says, decided once and rendered as JSON or as events. */
export interface GeminiPlan {
  responseId: string;
  modelVersion: string;
  /** Vertex AI stamps responses with their creation time. */
  createTime: string | undefined;
  candidates: GeminiCandidatePlan[];
  usage: GeminiUsageMetadata;
}

export interface GeminiPlanInput {
  request: GeminiRequest;
  respond: MockRuleResponse | undefined;
  seed: string;
  vertex: boolean;
}

// Rules may script finish reasons in OpenAI's words (the conformance suite is provider-neutral).
const geminiFinishReasons: Record<string, string> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  tool_calls: 'STOP',
  function_call: 'STOP',
  content_filter: 'SAFETY',
};

export function defaultGeminiReply(request: GeminiRequest): string {
  return `Mock reply to: ${request.lastUserText}`;
}

export function planGeminiResponse(input: GeminiPlanInput): GeminiPlan {
  const { request, respond, seed } = input;
  const candidates = Array.from({ length: request.candidateCount }, (_, index) =>
    planCandidate(input, index),
  );
  const thoughtWords = candidates.reduce((sum, candidate) => sum + countWords(candidate.thought ?? ''), 0);
  const answerWords = candidates.reduce((sum, candidate) => sum + candidateWords(candidate), 0);
  const promptWords = request.promptTexts.reduce((sum, text) => sum + countWords(text), 0);
  const scripted = respond?.usage;
  return {
    responseId: deterministicId('', `gemini:${seed}`, 22),
    modelVersion: respond?.model ?? request.model,
    createTime: input.vertex ? new Date().toISOString() : undefined,
    candidates,
    usage: buildGeminiUsage({
      promptTokens: scripted?.prompt_tokens ?? promptWords,
      completionTokens: scripted?.completion_tokens ?? answerWords + thoughtWords,
      cachedTokens: scripted?.cached_tokens,
      reasoningTokens: scripted === undefined ? thoughtWords : scripted.reasoning_tokens,
    }),
  };
}

function planCandidate({ request, respond, seed }: GeminiPlanInput, index: number): GeminiCandidatePlan {
  const forced = request.forcedToolName;
  const calls = respond?.toolCalls ?? (forced === undefined ? [] : [{ name: forced, arguments: '{}' }]);
  const thought =
    respond?.reasoning ?? (request.includeThoughts ? `Thinking about: ${request.lastUserText}` : undefined);
  const signed = request.thinking || thought !== undefined;
  const functionCalls = calls.map((call, callIndex) => ({
    name: call.name,
    args: parseArgs(call.arguments),
    // Gemini signs the first function call of a step when thinking is on.
    ...(signed && callIndex === 0 ? { thoughtSignature: mockThoughtSignature(`${seed}:${index}`) } : {}),
  }));
  const scriptedReason = respond?.finishReason;
  return {
    index,
    thought,
    text: respond?.content ?? (functionCalls.length > 0 ? '' : defaultGeminiReply(request)),
    functionCalls,
    finishReason:
      scriptedReason === undefined ? 'STOP' : (geminiFinishReasons[scriptedReason] ?? scriptedReason),
  };
}

function parseArgs(text: string): Record<string, unknown> {
  const parsed = safeParseJson(text);
  return parsed.ok &&
    typeof parsed.value === 'object' &&
    parsed.value !== null &&
    !Array.isArray(parsed.value)
    ? (parsed.value as Record<string, unknown>)
    : {};
}

function candidateWords(candidate: GeminiCandidatePlan): number {
  const callWords = candidate.functionCalls.reduce(
    (sum, call) => sum + countWords(`${call.name} ${JSON.stringify(call.args)}`),
    0,
  );
  return countWords(candidate.text) + callWords;
}
