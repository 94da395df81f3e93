import { attachRawJson, type ChatChunk, type ChatChunkDelta, isRecord } from '@switchyard/core';
import { argumentsText } from './convert-mistral-tool-call.js';
import { type FinishReasonContext, mapMistralFinishReason } from './map-mistral-finish-reason.js';
import { fallbackToolCallId } from './mistral-tool-call-id.js';
import { splitMistralContent } from './split-mistral-content.js';

type ToolCallDelta = NonNullable<ChatChunkDelta['tool_calls']>[number];

const canonicalFinishReasons = new Set([null, undefined, 'stop', 'length', 'tool_calls', 'content_filter']);

/**
 * What one stream remembers between chunks, created per request: the stream's id, created and
 * model (taken from its first chunk, so they stay the same), which choices have had their role
 * delta, which tool calls their header delta, whether a finish reason came, and the last usage.
 */
export interface MistralStreamState {
  id: string | undefined;
  created: number;
  model: string;
  startedChoices: Set<number>;
  startedToolCalls: Set<string>;
  finished: boolean;
  usage: unknown;
}

export function createMistralStreamState(model: string): MistralStreamState {
  return {
    id: undefined,
    created: Math.floor(Date.now() / 1000),
    model,
    startedChoices: new Set(),
    startedToolCalls: new Set(),
    finished: false,
    usage: undefined,
  };
}

/**
 * One Mistral chunk as canonical chunks. A chunk already in OpenAI's shape (string content, no tool
 * calls, no usage) is passed on as it is, linked to its frame text; others are rebuilt: content
 * chunks split into `content` and `reasoning_content`, each tool call (Mistral sends it whole, without
 * `type`) as a header delta with id, type and name, then one with the arguments, the finish reason
 * on the last chunk of its choice. Usage is kept in the state for one usage chunk at the end.
 */
export function translateMistralChunk(
  frame: Record<string, unknown>,
  raw: string,
  state: MistralStreamState,
  context: FinishReasonContext,
): ChatChunk[] {
  if (state.id === undefined) {
    state.id = typeof frame.id === 'string' ? frame.id : '';
    if (typeof frame.created === 'number') state.created = frame.created;
    if (typeof frame.model === 'string') state.model = frame.model;
  }
  if (isRecord(frame.usage)) state.usage = frame.usage;
  const choices = (frame.choices as unknown[]).filter(isRecord);
  if (isPassThrough(frame, choices, state)) {
    for (const choice of choices) {
      state.startedChoices.add(choice.index as number);
      if (choice.finish_reason) state.finished = true;
    }
    return [attachRawJson(frame as unknown as ChatChunk, raw)];
  }
  return choices.flatMap((choice, position) => translateChoice(choice, position, state, context));
}

function isPassThrough(
  frame: Record<string, unknown>,
  choices: Record<string, unknown>[],
  state: MistralStreamState,
) {
  if (frame.object !== 'chat.completion.chunk' || frame.id !== state.id || frame.created !== state.created)
    return false;
  if (frame.model !== state.model || (frame.usage !== undefined && frame.usage !== null)) return false;
  return choices.every((choice) => {
    const delta = isRecord(choice.delta) ? choice.delta : undefined;
    if (
      !delta ||
      typeof choice.index !== 'number' ||
      !canonicalFinishReasons.has(choice.finish_reason as string)
    ) {
      return false;
    }
    const started = state.startedChoices.has(choice.index) || delta.role === 'assistant';
    const content = delta.content;
    const plainContent = content === undefined || content === null || typeof content === 'string';
    return started && plainContent && (delta.tool_calls === undefined || delta.tool_calls === null);
  });
}

function translateChoice(
  choice: Record<string, unknown>,
  position: number,
  state: MistralStreamState,
  context: FinishReasonContext,
): ChatChunk[] {
  const index = typeof choice.index === 'number' ? choice.index : position;
  const source = isRecord(choice.delta) ? choice.delta : {};
  const delta: ChatChunkDelta = {};
  const { text, reasoning } = splitMistralContent(source.content);
  if (!state.startedChoices.has(index)) {
    state.startedChoices.add(index);
    delta.role = 'assistant';
    delta.content = text ?? '';
  } else if (text !== undefined) {
    delta.content = text;
  }
  if (reasoning !== undefined) delta.reasoning_content = reasoning;
  const deltas: ChatChunkDelta[] = Object.keys(delta).length > 0 ? [delta] : [];
  const calls = Array.isArray(source.tool_calls) ? source.tool_calls : [];
  calls.forEach((call, callPosition) => {
    deltas.push(...toolCallDeltas(call, callPosition, index, state));
  });
  const finishReason = mapMistralFinishReason(choice.finish_reason, context);
  if (finishReason) state.finished = true;
  if (deltas.length === 0 && finishReason) deltas.push({});
  return deltas.map((entry, at) =>
    chunkOf(state, index, entry, at === deltas.length - 1 ? finishReason : null),
  );
}

function toolCallDeltas(
  call: unknown,
  position: number,
  choiceIndex: number,
  state: MistralStreamState,
): ChatChunkDelta[] {
  const record = isRecord(call) ? call : {};
  const fn = isRecord(record.function) ? record.function : {};
  const index = typeof record.index === 'number' ? record.index : position;
  const args = argumentsText(fn.arguments);
  const key = `${choiceIndex}:${index}`;
  const deltas: ChatChunkDelta[] = [];
  if (!state.startedToolCalls.has(key)) {
    state.startedToolCalls.add(key);
    const id =
      typeof record.id === 'string' && record.id !== '' && record.id !== 'null'
        ? record.id
        : fallbackToolCallId(state.id ?? '', choiceIndex, index);
    const header: ToolCallDelta = {
      index,
      id,
      type: 'function',
      function: { name: typeof fn.name === 'string' ? fn.name : '', arguments: '' },
    };
    deltas.push({ tool_calls: [header] });
  }
  if (args !== '') deltas.push({ tool_calls: [{ index, function: { arguments: args } }] });
  return deltas;
}

function chunkOf(
  state: MistralStreamState,
  index: number,
  delta: ChatChunkDelta,
  finishReason: string | null,
): ChatChunk {
  return {
    id: state.id ?? '',
    object: 'chat.completion.chunk',
    created: state.created,
    model: state.model,
    choices: [{ index, delta, finish_reason: finishReason }],
  };
}
