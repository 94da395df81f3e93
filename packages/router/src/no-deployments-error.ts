import { RateLimitError } from '@switchyard/core';

/**
 * Every deployment of a model group is cooling down (or at its rpm/tpm limit): a 429 with
 * `retry-after`, as litellm answers ("No deployments available for selected model").
 */
export class NoDeploymentsAvailableError extends RateLimitError {
  constructor(group: string, retryAfterMs: number, why: string) {
    super({
      message: `No deployments available for selected model, try again in ${Math.ceil(retryAfterMs / 1000)} seconds. Passed model=${group}. ${why}`,
      code: 'no_deployments_available',
      model: group,
      retryAfterMs,
    });
  }
}
