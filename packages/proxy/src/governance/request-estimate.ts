import { cost, getModelInfo, isRecord, type ResolvedDeployment } from '@switchyard/core';

/** Output tokens assumed for a request that sets no maximum and whose model's maximum is unknown. */
const defaultMaxOutputTokens = 4_096;
/** Upper bound on the assumed output of a request without its own maximum. */
const assumedOutputCap = 16_384;

export interface RequestEstimate {
  /** Prompt tokens (generous: a quarter of the body's bytes) plus the most output tokens. */
  tokens: number;
  /** USD for those tokens at the deployment's prices; 0 when the price is unknown. */
  cost: number;
}

/**
 * An upper bound of what a request can use, reserved against rate limits and budgets before the
 * call (so concurrent requests cannot all pass a budget that only some of them fit in) and replaced
 * by the real usage after it. The prompt is over-counted on purpose (bytes / 4 of the whole body);
 * the output is the request's own `max_tokens` (`max_completion_tokens`, `max_output_tokens`), else
 * the model's maximum output, at most 16,384.
 */
export function estimateRequest(
  body: Record<string, unknown> | undefined,
  bodyBytes: number,
  resolved: ResolvedDeployment | undefined,
): RequestEstimate {
  const prompt = Math.ceil(bodyBytes / 4);
  const output = requestedOutput(body) ?? modelOutput(resolved);
  const tokens = prompt + output;
  if (!resolved) return { tokens, cost: 0 };
  const priced = cost(
    { prompt_tokens: prompt, completion_tokens: output, total_tokens: tokens },
    resolved.model,
    {
      provider: resolved.deployment.provider,
      prices: resolved.deployment.modelInfo ?? {},
    },
  );
  return { tokens, cost: priced.known ? priced.total : 0 };
}

function requestedOutput(body: Record<string, unknown> | undefined): number | undefined {
  if (!isRecord(body)) return undefined;
  for (const name of ['max_tokens', 'max_completion_tokens', 'max_output_tokens']) {
    const value = body[name];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
      const n = typeof body.n === 'number' && body.n > 1 ? body.n : 1;
      return Math.ceil(value) * n;
    }
  }
  return undefined;
}

function modelOutput(resolved: ResolvedDeployment | undefined): number {
  if (!resolved) return defaultMaxOutputTokens;
  const fromConfig = resolved.deployment.modelInfo?.max_output_tokens;
  const known =
    typeof fromConfig === 'number'
      ? fromConfig
      : getModelInfo(resolved.model, resolved.deployment.provider)?.max_output_tokens;
  return Math.min(known ?? defaultMaxOutputTokens, assumedOutputCap);
}
