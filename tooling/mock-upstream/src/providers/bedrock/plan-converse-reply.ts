import { countWords } from '../../core/count-words.js';
import { deterministicId } from '../../core/deterministic-random.js';
import type { MockRuleResponse } from '../../core/mock-rule.js';
import { safeParseJson } from '../../core/safe-parse-json.js';
import type { ConverseRequestSummary } from './read-converse-request.js';
import { sampleFromJsonSchema } from './sample-from-json-schema.js';

export interface ConverseToolUsePlan {
  toolUseId: string;
  name: string;
  /** The arguments as scripted, streamed in fragments. */
  inputJson: string;
}

/** Converse's TokenUsage: `inputTokens` excludes cache reads and writes, which are counted apart. */
export interface ConverseUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** Everything a Converse answer says, decided once and rendered as JSON or as stream events. */
export interface ConversePlan {
  reasoning: { text: string; signature: string } | undefined;
  text: string | undefined;
  toolUses: ConverseToolUsePlan[];
  stopReason: string;
  /** A scripted finish reason naming a stream exception (`throttlingException`) ends the stream with it. */
  streamException: string | undefined;
  usage: ConverseUsage;
}

export interface ConversePlanInput {
  request: ConverseRequestSummary;
  respond: MockRuleResponse | undefined;
  /** Makes ids deterministic, e.g. the recorded request's id. */
  seed: string;
}

export function planConverseReply({ request, respond, seed }: ConversePlanInput): ConversePlan {
  const scripted = respond?.toolCalls;
  const forced = request.forcedToolName;
  const calls = scripted ?? (forced === undefined ? [] : [{ name: forced, arguments: '{}' }]);
  const toolUses = calls.map((call, index) => ({
    toolUseId: deterministicId('tooluse_', `tool:${seed}:${index}`, 22),
    name: call.name,
    inputJson: call.arguments,
  }));
  const wantsReasoning = request.reasoning || respond?.reasoning !== undefined;
  const reasoning = wantsReasoning
    ? {
        text: respond?.reasoning ?? `Thinking about: ${request.lastUserText}`,
        signature: deterministicId('sig_', `signature:${seed}`, 40),
      }
    : undefined;
  const text = respond?.content ?? (toolUses.length > 0 ? undefined : defaultText(request));
  const finishReason = respond?.finishReason;
  const streamException = finishReason?.endsWith('Exception') ? finishReason : undefined;
  const stopReason =
    (streamException ? undefined : finishReason) ?? (toolUses.length > 0 ? 'tool_use' : 'end_turn');
  const outputText = [reasoning?.text, text, ...toolUses.map((use) => `${use.name} ${use.inputJson}`)];
  const usage = planUsage(request, respond, countWords(outputText.filter(Boolean).join(' ')));
  return { reasoning, text, toolUses, stopReason, streamException, usage };
}

function defaultText(request: ConverseRequestSummary): string {
  if (request.outputSchema !== undefined) {
    return JSON.stringify(sampleFromJsonSchema(request.outputSchema));
  }
  return `Mock reply to: ${request.lastUserText}`;
}

/** The scripted usage is in OpenAI's terms (prompt tokens include cached ones); Converse counts them apart. */
function planUsage(
  request: ConverseRequestSummary,
  respond: MockRuleResponse | undefined,
  outputWords: number,
): ConverseUsage {
  const scripted = respond?.usage as
    | (MockRuleResponse['usage'] & { cache_creation_tokens?: number })
    | undefined;
  if (scripted === undefined) {
    const inputTokens = countWords(request.promptText);
    return { inputTokens, outputTokens: outputWords, totalTokens: inputTokens + outputWords };
  }
  const cacheRead = scripted.cached_tokens ?? 0;
  const cacheWrite = scripted.cache_creation_tokens ?? 0;
  const inputTokens = Math.max(0, scripted.prompt_tokens - cacheRead - cacheWrite);
  return {
    inputTokens,
    outputTokens: scripted.completion_tokens,
    totalTokens: scripted.prompt_tokens + scripted.completion_tokens,
    ...(scripted.cached_tokens !== undefined ? { cacheReadInputTokens: cacheRead } : {}),
    ...(scripted.cache_creation_tokens !== undefined ? { cacheWriteInputTokens: cacheWrite } : {}),
  };
}

/** A tool input as Converse returns it in a whole response: a JSON document (an object). */
export function toolInputDocument(inputJson: string): unknown {
  const parsed = safeParseJson(inputJson === '' ? '{}' : inputJson);
  return parsed.ok ? parsed.value : {};
}
