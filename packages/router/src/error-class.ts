import { SwitchyardError } from '@switchyard/core';

/** The error classes litellm's retry and allowed-fails policies are keyed by. */
export type PolicyErrorClass =
  | 'BadRequestError'
  | 'AuthenticationError'
  | 'TimeoutError'
  | 'RateLimitError'
  | 'ContentPolicyViolationError'
  | 'InternalServerError';

/** The class of a failure for the policies; undefined for errors that are none of them (e.g. 404). */
export function policyErrorClass(error: unknown): PolicyErrorClass | undefined {
  if (!SwitchyardError.isInstance(error)) return 'InternalServerError';
  if (error.code === 'content_policy_violation') return 'ContentPolicyViolationError';
  const status = error.status;
  if (status === 401 || status === 403) return 'AuthenticationError';
  if (status === 408) return 'TimeoutError';
  if (status === 429) return 'RateLimitError';
  if (status >= 500 && status !== 499) return 'InternalServerError';
  if (status === 400 || status === 422) return 'BadRequestError';
  return undefined;
}

/** A context window error (the prompt does not fit): context_window_fallbacks apply. */
export function isContextWindowError(error: unknown): boolean {
  return SwitchyardError.isInstance(error) && error.code === 'context_length_exceeded';
}

/** A content policy refusal: content_policy_fallbacks apply. */
export function isContentPolicyError(error: unknown): boolean {
  return SwitchyardError.isInstance(error) && error.code === 'content_policy_violation';
}

/** The caller went away (or aborted): nothing more is tried. */
export function isAbortError(error: unknown): boolean {
  return SwitchyardError.isInstance(error) && error.status === 499;
}

/**
 * Whether a failure counts towards the deployment's cooldown: rate limits (429), timeouts (408),
 * server errors (5xx) and connection failures do; other 4xx are the request's fault and do not.
 * Unknown errors (a provider bug) count like server errors.
 */
export function countsTowardsCooldown(error: unknown): boolean {
  if (!SwitchyardError.isInstance(error)) return true;
  const { status } = error;
  return status === 429 || status === 408 || (status >= 500 && status !== 499);
}

/**
 * Whether the next model group may help after this failure: not when the request itself is at
 * fault (400, 413, 422, an unknown model asked for) or the caller aborted. Context window and
 * content policy errors have their own fallback lists and also use the generic ones when their
 * group has no entry there.
 */
export function warrantsFallback(error: unknown): boolean {
  if (!SwitchyardError.isInstance(error)) return true;
  if (isContextWindowError(error) || isContentPolicyError(error)) return true;
  const { status } = error;
  if (status === 499 || status === 400 || status === 413 || status === 422) return false;
  // A 404 raised here (unknown model) is the request's fault; one from upstream is the deployment's.
  if (status === 404) return error.upstreamStatus !== undefined;
  return true;
}
