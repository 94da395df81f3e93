import { SwitchyardError } from '@switchyard/core';
import { policyErrorClass } from './error-class.js';
import type { AllowedFailsPolicy, RetryPolicy } from './router-settings.js';

/**
 * How many retries a failure allows: the policy's count for its error class when the policy names
 * it (even for errors that are not retryable, e.g. `AuthenticationErrorRetries`); otherwise
 * `numRetries` for retryable errors (429, 408, 409, 5xx, connection failures) and none for the rest.
 */
export function retriesAllowed(error: unknown, numRetries: number, policy: RetryPolicy | undefined): number {
  const errorClass = policyErrorClass(error);
  if (policy && errorClass) {
    const fromPolicy = policy[`${errorClass}Retries`];
    if (fromPolicy !== undefined) return fromPolicy;
  }
  const retryable = SwitchyardError.isInstance(error) ? error.retryable : true;
  return retryable ? numRetries : 0;
}

/** Failures per minute a deployment may have for this error's class before it cools down. */
export function allowedFailsFor(
  error: unknown,
  allowedFails: number,
  policy: AllowedFailsPolicy | undefined,
): number {
  const errorClass = policyErrorClass(error);
  if (policy && errorClass) {
    const fromPolicy = policy[`${errorClass}AllowedFails`];
    if (fromPolicy !== undefined) return fromPolicy;
  }
  return allowedFails;
}
