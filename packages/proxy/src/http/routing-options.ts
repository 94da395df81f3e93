import { BadRequestError, type CompletionOptions, isRecord } from '@switchyard/core';

export type RoutingOptions = Pick<CompletionOptions, 'fallbacks' | 'numRetries' | 'timeoutMs' | 'tags'>;

function stringList(value: unknown, param: string): string[] {
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '')) return value;
  throw new BadRequestError({
    message: `"${param}" must be a list of non-empty strings.`,
    param,
    code: 'invalid_routing_option',
  });
}

/**
 * Removes litellm's per-request routing fields from the body (they are the gateway's, never sent
 * upstream) and returns them as call options: `fallbacks` (model groups to try after the
 * requested one), `num_retries`, `timeout` (seconds) and `tags` (also read from `metadata.tags`).
 * A field of the wrong type is a 400 naming it.
 */
export function takeRoutingOptions(body: Record<string, unknown>): RoutingOptions {
  const options: RoutingOptions = {};
  if (body.fallbacks !== undefined && body.fallbacks !== null) {
    options.fallbacks = stringList(body.fallbacks, 'fallbacks');
  }
  if (body.num_retries !== undefined && body.num_retries !== null) {
    const value = body.num_retries;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new BadRequestError({
        message: '"num_retries" must be a whole number of at least 0.',
        param: 'num_retries',
        code: 'invalid_routing_option',
      });
    }
    options.numRetries = value;
  }
  if (body.timeout !== undefined && body.timeout !== null) {
    const value = body.timeout;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new BadRequestError({
        message: '"timeout" must be a number of seconds greater than 0.',
        param: 'timeout',
        code: 'invalid_routing_option',
      });
    }
    options.timeoutMs = Math.round(value * 1000);
  }
  const tags: string[] = [];
  if (body.tags !== undefined && body.tags !== null) tags.push(...stringList(body.tags, 'tags'));
  const metadata = body.metadata;
  if (isRecord(metadata) && metadata.tags !== undefined) {
    tags.push(...stringList(metadata.tags, 'metadata.tags'));
    const { tags: _taken, ...rest } = metadata;
    if (Object.keys(rest).length > 0) body.metadata = rest;
    else delete body.metadata;
  }
  if (tags.length > 0) options.tags = tags;
  delete body.fallbacks;
  delete body.num_retries;
  delete body.timeout;
  delete body.tags;
  return options;
}
