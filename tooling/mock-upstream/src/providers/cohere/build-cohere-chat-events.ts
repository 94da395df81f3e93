import type { EventStreamFrame } from '../../core/event-stream.js';
import type { CohereChatPlan, CohereToolCallPlan } from './plan-cohere-chat.js';

const wordPattern = /\s*\S+\s*/g;
const ARGUMENT_FRAGMENT_LENGTH = 8;

/** Words with the whitespace around them, so the pieces join back to `text` (as Cohere streams tokens). */
export function splitCohereWords(text: string): string[] {
  return text.match(wordPattern) ?? (text === '' ? [] : [text]);
}

function splitArguments(text: string): string[] {
  const fragments: string[] = [];
  for (let start = 0; start < text.length; start += ARGUMENT_FRAGMENT_LENGTH) {
    fragments.push(text.slice(start, start + ARGUMENT_FRAGMENT_LENGTH));
  }
  return fragments;
}

function frame(type: string, payload: Record<string, unknown>): EventStreamFrame {
  return { event: type, data: JSON.stringify({ type, ...payload }) };
}

function contentBlock(index: number, kind: 'text' | 'thinking', text: string): EventStreamFrame[] {
  return [
    frame('content-start', { index, delta: { message: { content: { type: kind, [kind]: '' } } } }),
    ...splitCohereWords(text).map((piece) =>
      frame('content-delta', { index, delta: { message: { content: { [kind]: piece } } } }),
    ),
    frame('content-end', { index }),
  ];
}

function toolCallEvents(call: CohereToolCallPlan, index: number): EventStreamFrame[] {
  const start = { id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
  return [
    frame('tool-call-start', { index, delta: { message: { tool_calls: start } } }),
    ...splitArguments(call.arguments).map((fragment) =>
      frame('tool-call-delta', {
        index,
        delta: { message: { tool_calls: { function: { arguments: fragment } } } },
      }),
    ),
    frame('tool-call-end', { index }),
  ];
}

/**
 * The events of a streamed chat, in Cohere's order: `message-start`, a `thinking` content block
 * when thinking, `tool-plan-delta`s, the text content block, each tool call (start, argument
 * fragments, end), then `message-end` with the finish reason and usage. Each frame is an SSE event
 * named after its `type`.
 */
export function buildCohereChatEvents(plan: CohereChatPlan): EventStreamFrame[] {
  const frames: EventStreamFrame[] = [
    frame('message-start', {
      id: plan.id,
      delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } },
    }),
  ];
  let contentIndex = 0;
  if (plan.thinking !== undefined) frames.push(...contentBlock(contentIndex++, 'thinking', plan.thinking));
  for (const piece of splitCohereWords(plan.toolPlan ?? '')) {
    frames.push(frame('tool-plan-delta', { delta: { message: { tool_plan: piece } } }));
  }
  if (plan.text !== '') frames.push(...contentBlock(contentIndex, 'text', plan.text));
  frames.push(...plan.toolCalls.flatMap(toolCallEvents));
  frames.push(frame('message-end', { delta: { finish_reason: plan.finishReason, usage: plan.usage } }));
  return frames;
}
