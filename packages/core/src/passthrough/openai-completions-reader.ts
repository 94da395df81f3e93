import { isRecord, safeParseJson } from '../safe-json.js';
import { type Usage, usageSchema } from '../schemas/usage.js';
import type { PassthroughBodyReader } from './meter-passthrough-body.js';

const usageObject = /"usage"\s*:\s*\{/;

function usageOf(value: Record<string, unknown>): Usage | undefined {
  const parsed = usageSchema.safeParse(value.usage);
  return parsed.success ? parsed.data : undefined;
}

function errorMessage(value: Record<string, unknown>): string | undefined {
  if (!isRecord(value.error)) return undefined;
  return typeof value.error.message === 'string' ? value.error.message : 'The stream failed upstream.';
}

/**
 * Reads a legacy completions answer (`/completions`, or `/chat/completions` framing alike): the usage
 * of the JSON answer or of the stream's usage chunk, and an error frame. Only frames that hold a
 * usage object or an error are parsed. With `dropUsageChunk`, the usage-only chunk the gateway asked
 * for on the client's behalf (see `withStreamUsage`) is kept from the client.
 */
export function openAICompletionsReader(dropUsageChunk: boolean): PassthroughBodyReader {
  return {
    event(event, reading) {
      const { data } = event;
      if (data.startsWith('{"error"')) {
        const parsed = safeParseJson(data);
        if (parsed.ok && isRecord(parsed.value)) reading.failure = errorMessage(parsed.value);
        return true;
      }
      if (!usageObject.test(data)) return true;
      const parsed = safeParseJson(data);
      if (!parsed.ok || !isRecord(parsed.value)) return true;
      const usage = usageOf(parsed.value);
      if (usage) reading.usage = usage;
      const usageOnly = Array.isArray(parsed.value.choices) && parsed.value.choices.length === 0;
      return !(dropUsageChunk && usage && usageOnly);
    },
    json(value, reading) {
      const usage = usageOf(value);
      if (usage) reading.usage = usage;
    },
  };
}

/**
 * A streamed completions body that asks the upstream for usage (`stream_options.include_usage`),
 * so the gateway can account for it; `dropUsageChunk` says the client did not ask, so the usage
 * chunk is kept from it. Bodies that are not streams, or that asked already, are unchanged.
 */
export function withStreamUsage(body: Record<string, unknown>): {
  body: Record<string, unknown>;
  dropUsageChunk: boolean;
} {
  if (body.stream !== true) return { body, dropUsageChunk: false };
  const options = isRecord(body.stream_options) ? body.stream_options : {};
  if (options.include_usage === true) return { body, dropUsageChunk: false };
  return { body: { ...body, stream_options: { ...options, include_usage: true } }, dropUsageChunk: true };
}
