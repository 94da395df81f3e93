import type { PassthroughReading } from '../provider.js';
import { isRecord, safeParseJson } from '../safe-json.js';
import { makeUsage, type Usage } from '../schemas/usage.js';
import type { PassthroughBodyReader } from './meter-passthrough-body.js';

const typeField = /"type"\s*:\s*"([^"]+)"/;

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The Responses API's usage (`input_tokens`, `output_tokens` and their details) in chat terms. */
export function fromResponseUsage(usage: unknown): Usage | undefined {
  if (!isRecord(usage)) return undefined;
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  if (input === undefined || output === undefined) return undefined;
  const cached = isRecord(usage.input_tokens_details)
    ? count(usage.input_tokens_details.cached_tokens)
    : undefined;
  const reasoning = isRecord(usage.output_tokens_details)
    ? count(usage.output_tokens_details.reasoning_tokens)
    : undefined;
  return makeUsage({
    promptTokens: input,
    completionTokens: output,
    ...(cached !== undefined ? { cachedTokens: cached } : {}),
    ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}),
  });
}

function readResponse(response: unknown, reading: PassthroughReading): void {
  if (!isRecord(response)) return;
  if (typeof response.id === 'string' && reading.id === undefined) reading.id = response.id;
  const usage = fromResponseUsage(response.usage);
  if (usage) reading.usage = usage;
  if (response.status === 'failed') {
    const error = isRecord(response.error) ? response.error.message : undefined;
    reading.failure = typeof error === 'string' ? error : 'The response failed upstream.';
  }
}

/**
 * Reads a Responses API answer: the response's id (from `response.created` in a stream), its usage
 * (from `response.completed`, `response.incomplete` or `response.failed`) and a failure. Only the
 * events that carry them are parsed; deltas pass by their `event:` name.
 */
export const openAIResponsesReader: PassthroughBodyReader = {
  event(event, reading) {
    const type = event.event ?? typeField.exec(event.data)?.[1];
    switch (type) {
      case 'response.created':
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed': {
        const parsed = safeParseJson(event.data);
        if (parsed.ok && isRecord(parsed.value)) readResponse(parsed.value.response, reading);
        return true;
      }
      case 'error': {
        const parsed = safeParseJson(event.data);
        const message = parsed.ok && isRecord(parsed.value) ? parsed.value.message : undefined;
        reading.failure = typeof message === 'string' ? message : 'The response stream failed upstream.';
        return true;
      }
      default:
        return true;
    }
  },
  json(value, reading) {
    readResponse(value, reading);
  },
};
