import { isRecord, type ToolCall } from '@switchyard/core';

/** Tool call arguments as a JSON string: Mistral may send them as an object. */
export function argumentsText(args: unknown): string {
  if (typeof args === 'string') return args;
  if (args === undefined || args === null) return '';
  return JSON.stringify(args);
}

/**
 * A tool call Mistral returned, in OpenAI's form: `type: "function"` added (Mistral leaves it out),
 * arguments as a string, and an id derived from `fallbackId` when Mistral gave none.
 */
export function convertMistralToolCall(call: unknown, fallbackId: string): ToolCall {
  const record = isRecord(call) ? call : {};
  const fn = isRecord(record.function) ? record.function : {};
  const id =
    typeof record.id === 'string' && record.id !== '' && record.id !== 'null' ? record.id : fallbackId;
  return {
    id,
    type: 'function',
    function: { name: typeof fn.name === 'string' ? fn.name : '', arguments: argumentsText(fn.arguments) },
  };
}
