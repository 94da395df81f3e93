import { splitIntoFragments, splitIntoWords } from '../../../core/split-text.js';
import type { OutputItemJson, ResponseJson } from './stored-responses.js';

/** One server-sent event of a streamed response: its type (the `event:` line) and its data. */
export interface ResponseEvent {
  type: string;
  data: Record<string, unknown>;
}

const argumentFragment = 8;

/**
 * The events OpenAI streams for a response, in order: `response.created`, `response.in_progress`,
 * then per output item `output_item.added`, its parts and deltas (`reasoning_summary_*`,
 * `content_part.*` with `output_text.delta` per word, `function_call_arguments.*`),
 * `output_item.done`, and finally `response.completed` (or `response.incomplete`). Every event
 * carries its `sequence_number`.
 */
export function buildResponseEvents(final: ResponseJson): ResponseEvent[] {
  const events: ResponseEvent[] = [];
  const emit: Emit = (type, fields) => {
    events.push({ type, data: { type, sequence_number: events.length, ...fields } });
  };
  const pending = {
    ...final,
    status: 'in_progress',
    completed_at: null,
    incomplete_details: null,
    output: [],
    usage: null,
  };
  emit('response.created', { response: pending });
  emit('response.in_progress', { response: pending });
  for (const [outputIndex, item] of final.output.entries()) itemEvents(item, outputIndex, emit);
  emit(final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: final });
  return events;
}

type Emit = (type: string, fields: Record<string, unknown>) => void;

function itemEvents(item: OutputItemJson, outputIndex: number, emit: Emit): void {
  const at = { output_index: outputIndex };
  const ofItem = { item_id: item.id, output_index: outputIndex };
  if (item.type === 'message') {
    const parts = (item.content as Array<{ text: string }>) ?? [];
    emit('response.output_item.added', { ...at, item: { ...item, status: 'in_progress', content: [] } });
    parts.forEach((part, contentIndex) => {
      const ofPart = { ...ofItem, content_index: contentIndex };
      emit('response.content_part.added', { ...ofPart, part: { ...part, text: '' } });
      for (const delta of splitIntoWords(part.text)) {
        emit('response.output_text.delta', { ...ofPart, delta, logprobs: [] });
      }
      emit('response.output_text.done', { ...ofPart, text: part.text, logprobs: [] });
      emit('response.content_part.done', { ...ofPart, part });
    });
  } else if (item.type === 'function_call') {
    const args = String(item.arguments);
    emit('response.output_item.added', { ...at, item: { ...item, status: 'in_progress', arguments: '' } });
    for (const delta of splitIntoFragments(args, argumentFragment)) {
      emit('response.function_call_arguments.delta', { ...ofItem, delta });
    }
    emit('response.function_call_arguments.done', { ...ofItem, arguments: args });
  } else if (item.type === 'reasoning') {
    const summary = (item.summary as Array<{ text: string }>) ?? [];
    emit('response.output_item.added', { ...at, item: { ...item, summary: [] } });
    summary.forEach((part, summaryIndex) => {
      const ofPart = { ...ofItem, summary_index: summaryIndex };
      emit('response.reasoning_summary_part.added', { ...ofPart, part: { type: 'summary_text', text: '' } });
      for (const delta of splitIntoWords(part.text))
        emit('response.reasoning_summary_text.delta', { ...ofPart, delta });
      emit('response.reasoning_summary_text.done', { ...ofPart, text: part.text });
      emit('response.reasoning_summary_part.done', { ...ofPart, part });
    });
  }
  emit('response.output_item.done', { ...at, item });
}
