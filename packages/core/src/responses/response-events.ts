import { SwitchyardError } from '../errors/switchyard-error.js';
import type { ChatChunk } from '../schemas/chat-response.js';
import type { Usage } from '../schemas/usage.js';
import {
  type ResponseFunctionCall,
  type ResponseObject,
  type ResponseOutputItem,
  type ResponseOutputText,
  type ResponseRefusal,
  type ResponseStreamEvent,
  requestEchoes,
} from './response-object.js';
import type { CreateResponseRequest } from './response-request.js';
import { itemIds, statusOf, toResponseUsage } from './to-response.js';

// A canonical chunk stream as the Responses API's typed events, in the spec's order: created,
// in_progress, then per output item added → deltas → done, then completed (or incomplete).
// An error mid-stream ends it with `response.failed` carrying the output so far.

type Emit = (event: DistributiveOmit<ResponseStreamEvent, 'sequence_number'>) => void;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface OpenText {
  kind: 'message' | 'refusal' | 'reasoning';
  index: number;
  id: string;
  text: string;
}

interface OpenCall {
  index: number;
  item: ResponseFunctionCall;
}

/** The error of a failed response: a Switchyard error's message, a generic one otherwise. */
export function responseErrorOf(error: unknown): { code: string; message: string } {
  if (!SwitchyardError.isInstance(error)) {
    return { code: 'server_error', message: 'The model failed to generate a response.' };
  }
  const code =
    error.status === 429 ? 'rate_limit_exceeded' : error.status === 400 ? 'invalid_prompt' : 'server_error';
  return { code, message: error.message };
}

function partOf(kind: 'message' | 'refusal', text: string): ResponseOutputText | ResponseRefusal {
  return kind === 'refusal'
    ? { type: 'refusal', refusal: text }
    : { type: 'output_text', text, annotations: [] };
}

/** The per-stream state machine: output items in order, open text, open calls. */
function createTranslator(request: CreateResponseRequest, id: string, createdAt: number, emit: Emit) {
  const ids = itemIds(id);
  const output: ResponseOutputItem[] = [];
  let text: OpenText | undefined;
  const calls = new Map<number, OpenCall>();
  let finishReason: string | null | undefined;
  let usage: Usage | undefined;

  function closeText(): void {
    if (!text) return;
    const { index, id: itemId } = text;
    if (text.kind === 'reasoning') {
      emit({
        type: 'response.reasoning_text.done',
        item_id: itemId,
        output_index: index,
        content_index: 0,
        text: text.text,
      });
      const item: ResponseOutputItem = {
        type: 'reasoning',
        id: itemId,
        summary: [],
        content: [{ type: 'reasoning_text', text: text.text }],
        status: 'completed',
      };
      output[index] = item;
      emit({ type: 'response.output_item.done', output_index: index, item });
    } else {
      const part = partOf(text.kind, text.text);
      const at = { item_id: itemId, output_index: index, content_index: 0 };
      if (text.kind === 'refusal') emit({ type: 'response.refusal.done', ...at, refusal: text.text });
      else emit({ type: 'response.output_text.done', ...at, text: text.text, logprobs: [] });
      emit({ type: 'response.content_part.done', ...at, part });
      const item: ResponseOutputItem = {
        type: 'message',
        id: itemId,
        role: 'assistant',
        status: 'completed',
        content: [part],
      };
      output[index] = item;
      emit({ type: 'response.output_item.done', output_index: index, item });
    }
    text = undefined;
  }

  function closeCalls(): void {
    for (const { index, item } of calls.values()) {
      emit({
        type: 'response.function_call_arguments.done',
        item_id: item.id,
        output_index: index,
        name: item.name,
        arguments: item.arguments,
      });
      const done = { ...item, status: 'completed' as const };
      output[index] = done;
      emit({ type: 'response.output_item.done', output_index: index, item: done });
    }
    calls.clear();
  }

  function appendText(kind: OpenText['kind'], delta: string): void {
    if (text?.kind !== kind) {
      closeText();
      closeCalls();
      const index = output.length;
      const base = kind === 'reasoning' ? ids.reasoning : ids.message;
      const itemId = output.some((item) => item.id === base) ? `${base}_${index}` : base;
      text = { kind, index, id: itemId, text: '' };
      const item: ResponseOutputItem =
        kind === 'reasoning'
          ? { type: 'reasoning', id: itemId, summary: [], content: [], status: 'in_progress' }
          : { type: 'message', id: itemId, role: 'assistant', status: 'in_progress', content: [] };
      output.push(item);
      emit({ type: 'response.output_item.added', output_index: index, item });
      if (kind !== 'reasoning') {
        emit({
          type: 'response.content_part.added',
          item_id: itemId,
          output_index: index,
          content_index: 0,
          part: partOf(kind, ''),
        });
      }
    }
    text.text += delta;
    const at = { item_id: text.id, output_index: text.index, content_index: 0 };
    if (kind === 'message') emit({ type: 'response.output_text.delta', ...at, delta, logprobs: [] });
    else if (kind === 'refusal') emit({ type: 'response.refusal.delta', ...at, delta });
    else emit({ type: 'response.reasoning_text.delta', ...at, delta });
  }

  function appendCall(delta: NonNullable<ChatChunk['choices'][number]['delta']['tool_calls']>[number]): void {
    let open = calls.get(delta.index);
    if (!open) {
      closeText();
      const index = output.length;
      const item: ResponseFunctionCall = {
        type: 'function_call',
        id: ids.functionCall(delta.index),
        call_id: delta.id ?? `call_${ids.functionCall(delta.index).slice(3)}`,
        name: delta.function?.name ?? '',
        arguments: '',
        status: 'in_progress',
      };
      open = { index, item };
      calls.set(delta.index, open);
      output.push(item);
      emit({ type: 'response.output_item.added', output_index: index, item: { ...item } });
    }
    const args = delta.function?.arguments;
    if (args) {
      open.item.arguments += args;
      emit({
        type: 'response.function_call_arguments.delta',
        item_id: open.item.id,
        output_index: open.index,
        delta: args,
      });
    }
  }

  function snapshot(status: ResponseObject['status']): ResponseObject {
    return {
      id,
      object: 'response',
      created_at: createdAt,
      status,
      completed_at: null,
      error: null,
      incomplete_details: null,
      ...requestEchoes(request),
      output: [...output],
      usage: usage ? toResponseUsage(usage) : null,
    };
  }

  return {
    start(): void {
      emit({ type: 'response.created', response: snapshot('in_progress') });
      emit({ type: 'response.in_progress', response: snapshot('in_progress') });
    },
    chunk(chunk: ChatChunk): void {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices.find((candidate) => candidate.index === 0);
      if (!choice) return;
      const { delta } = choice;
      if (delta.reasoning_content) appendText('reasoning', delta.reasoning_content);
      if (delta.content) appendText('message', delta.content);
      if (delta.refusal) appendText('refusal', delta.refusal);
      for (const call of delta.tool_calls ?? []) appendCall(call);
      if (choice.finish_reason) finishReason = choice.finish_reason;
    },
    finish(completedAt: number): void {
      closeText();
      closeCalls();
      const { status, incomplete_details } = statusOf(finishReason);
      const response = { ...snapshot(status), incomplete_details };
      if (status === 'completed') response.completed_at = completedAt;
      emit({ type: status === 'completed' ? 'response.completed' : 'response.incomplete', response });
    },
    fail(error: unknown): void {
      emit({ type: 'response.failed', response: { ...snapshot('failed'), error: responseErrorOf(error) } });
    },
  };
}

/**
 * The events of a streamed response. Every event carries `type` and a `sequence_number` counted
 * from 0. `now` (Unix seconds) stamps `completed_at`; breaking out of the iteration stops reading
 * the chunks (which aborts the upstream request).
 */
export async function* toResponseEvents(
  chunks: AsyncIterable<ChatChunk>,
  request: CreateResponseRequest,
  id: string,
  createdAt: number,
  now: () => number = () => createdAt,
): AsyncGenerator<ResponseStreamEvent> {
  let pending: ResponseStreamEvent[] = [];
  let sequence = 0;
  const translator = createTranslator(request, id, createdAt, (event) => {
    // `type` first, then `sequence_number`, as OpenAI writes them.
    const { type, ...fields } = event;
    pending.push({ type, sequence_number: sequence++, ...fields } as ResponseStreamEvent);
  });
  const flush = () => {
    const out = pending;
    pending = [];
    return out;
  };
  translator.start();
  yield* flush();
  try {
    for await (const chunk of chunks) {
      translator.chunk(chunk);
      yield* flush();
    }
  } catch (error) {
    if (SwitchyardError.isInstance(error) && error.status === 499) throw error;
    translator.fail(error);
    yield* flush();
    return;
  }
  translator.finish(now());
  yield* flush();
}
