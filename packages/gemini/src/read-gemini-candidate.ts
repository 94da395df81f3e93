import { isRecord, type ToolCall } from '@switchyard/core';
import { makeToolCallId } from './gemini-tool-call-id.js';

/** What one candidate's parts (or one streamed event's share of them) say, in OpenAI's terms. */
export interface CandidateOutput {
  text: string;
  /** Thought summaries (`thought: true` parts). */
  reasoning: string;
  toolCalls: ToolCall[];
}

/**
 * Reads a candidate's parts: text, thoughts and function calls (as tool calls whose ids derive from
 * `seed` and their position from `firstCallIndex`, carrying any thought signature). Parts of other
 * kinds (inline images, executable code) have no place in a chat completion and are skipped.
 */
export function readCandidateParts(content: unknown, seed: string, firstCallIndex = 0): CandidateOutput {
  const output: CandidateOutput = { text: '', reasoning: '', toolCalls: [] };
  const parts = isRecord(content) && Array.isArray(content.parts) ? content.parts : [];
  for (const part of parts) {
    if (!isRecord(part)) continue;
    if (typeof part.text === 'string') {
      if (part.thought === true) output.reasoning += part.text;
      else output.text += part.text;
    } else if (isRecord(part.functionCall) && typeof part.functionCall.name === 'string') {
      const { name } = part.functionCall;
      const args = JSON.stringify(isRecord(part.functionCall.args) ? part.functionCall.args : {});
      const index = firstCallIndex + output.toolCalls.length;
      const signature = typeof part.thoughtSignature === 'string' ? part.thoughtSignature : undefined;
      output.toolCalls.push({
        id: makeToolCallId(`${seed}:${index}:${name}:${args}`, signature),
        type: 'function',
        function: { name, arguments: args },
      });
    }
  }
  return output;
}
