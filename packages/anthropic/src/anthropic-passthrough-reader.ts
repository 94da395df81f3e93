import {
  isRecord,
  type PassthroughBodyReader,
  type PassthroughReading,
  safeParseJson,
} from '@switchyard/core';
import type { AnthropicUsage } from './anthropic-api-types.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';

/**
 * Reads a passed-through Messages answer for accounting: usage from `message_start` (input and
 * cache tokens) updated by `message_delta` (output tokens, cumulative), or the message's own usage;
 * an `error` event as a failure. Other events (the deltas) pass by their `event:` name unparsed.
 */
export function anthropicPassthroughReader(): PassthroughBodyReader {
  const usage: AnthropicUsage = {};
  const update = (value: unknown, reading: PassthroughReading) => {
    if (!isRecord(value)) return;
    // A later event's nulls do not erase counts an earlier one gave.
    for (const [name, count] of Object.entries(value)) if (count !== null) usage[name] = count;
    reading.usage = convertAnthropicUsage(usage);
  };
  return {
    event(event, reading) {
      if (event.event !== 'message_start' && event.event !== 'message_delta' && event.event !== 'error') {
        return true;
      }
      const parsed = safeParseJson(event.data);
      if (!parsed.ok || !isRecord(parsed.value)) return true;
      const data = parsed.value;
      if (event.event === 'message_start' && isRecord(data.message)) {
        if (typeof data.message.id === 'string') reading.id = data.message.id;
        update(data.message.usage, reading);
      } else if (event.event === 'message_delta') {
        update(data.usage, reading);
      } else {
        const message = isRecord(data.error) ? data.error.message : undefined;
        reading.failure = typeof message === 'string' ? message : 'The message stream failed upstream.';
      }
      return true;
    },
    json(value, reading) {
      if (typeof value.id === 'string') reading.id = value.id;
      update(value.usage, reading);
    },
  };
}
