import { splitIntoFragments, splitIntoWords } from '../../core/split-text.js';
import { MOCK_LATENCY_MS } from './build-converse-response.js';
import type { ConversePlan } from './plan-converse-reply.js';

/** One ConverseStream event: its `:event-type` and JSON payload. */
export interface ConverseStreamEvent {
  type: string;
  payload: Record<string, unknown>;
}

const INPUT_FRAGMENT_LENGTH = 8;
// Bedrock pads every event with a `p` field of varying length so sizes reveal nothing.
const PADDING = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * The events of a streamed answer, in Bedrock's order: messageStart; per content block its deltas
 * (a toolUse block opens with contentBlockStart carrying the id and name) and contentBlockStop;
 * messageStop with the stop reason; metadata with the usage. A plan ending in a stream exception
 * stops before messageStop (the route sends the exception instead).
 */
export function buildConverseStreamEvents(plan: ConversePlan): ConverseStreamEvent[] {
  const events: ConverseStreamEvent[] = [{ type: 'messageStart', payload: { role: 'assistant' } }];
  let index = 0;
  if (plan.reasoning) {
    const deltas = splitIntoWords(plan.reasoning.text).map((text) => ({ reasoningContent: { text } }));
    events.push(
      ...blockEvents(index++, [...deltas, { reasoningContent: { signature: plan.reasoning.signature } }]),
    );
  }
  if (plan.text !== undefined) {
    events.push(
      ...blockEvents(
        index++,
        splitIntoWords(plan.text).map((text) => ({ text })),
      ),
    );
  }
  for (const use of plan.toolUses) {
    const contentBlockIndex = index++;
    events.push({
      type: 'contentBlockStart',
      payload: { contentBlockIndex, start: { toolUse: { toolUseId: use.toolUseId, name: use.name } } },
    });
    const fragments = splitIntoFragments(use.inputJson, INPUT_FRAGMENT_LENGTH);
    events.push(
      ...blockEvents(
        contentBlockIndex,
        fragments.map((input) => ({ toolUse: { input } })),
      ),
    );
  }
  if (plan.streamException === undefined) {
    events.push({ type: 'messageStop', payload: { stopReason: plan.stopReason } });
    events.push({
      type: 'metadata',
      payload: { usage: plan.usage, metrics: { latencyMs: MOCK_LATENCY_MS } },
    });
  }
  return events.map((event, position) => ({
    ...event,
    payload: { ...event.payload, p: PADDING.slice(0, (position * 7) % PADDING.length) },
  }));
}

function blockEvents(
  contentBlockIndex: number,
  deltas: Array<Record<string, unknown>>,
): ConverseStreamEvent[] {
  return [
    ...deltas.map((delta) => ({ type: 'contentBlockDelta', payload: { contentBlockIndex, delta } })),
    { type: 'contentBlockStop', payload: { contentBlockIndex } },
  ];
}
