import { describe, expect, it } from 'vitest';
import { buildCohereChatEvents, splitCohereWords } from './build-cohere-chat-events.js';
import { buildCohereUsage, type CohereChatPlan } from './plan-cohere-chat.js';

const plan: CohereChatPlan = {
  id: 'f0e1d2c3-0000-4000-a000-000000000000',
  thinking: undefined,
  text: 'Hi there',
  toolPlan: undefined,
  toolCalls: [],
  finishReason: 'COMPLETE',
  usage: buildCohereUsage(1, 2, 0),
};

describe('splitCohereWords', () => {
  it('keeps whitespace with the words so the pieces join back', () => {
    expect(splitCohereWords('  a b\n\nc ')).toEqual(['  a ', 'b\n\n', 'c ']);
    expect(splitCohereWords('')).toEqual([]);
  });
});

describe('buildCohereChatEvents', () => {
  it('names every event after its type and ends with message-end', () => {
    const events = buildCohereChatEvents(plan);

    expect(events.map((event) => event.event)).toEqual([
      'message-start',
      'content-start',
      'content-delta',
      'content-delta',
      'content-end',
      'message-end',
    ]);
    for (const event of events) expect(JSON.parse(event.data).type).toBe(event.event);
  });

  it('numbers the text block after the thinking block', () => {
    const events = buildCohereChatEvents({ ...plan, thinking: 'Hmm' });

    const starts = events
      .filter((event) => event.event === 'content-start')
      .map((event) => JSON.parse(event.data));
    expect(starts.map((start) => [start.index, start.delta.message.content.type])).toEqual([
      [0, 'thinking'],
      [1, 'text'],
    ]);
  });
});
