import { TimeoutError } from '../errors/error-classes.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Usage } from '../schemas/usage.js';
import { Deadline } from '../transport/deadline.js';
import type { ResolvedDeployment } from './deployment.js';
import type { Attempt, AttemptEnd, AttemptTimeouts } from './router.js';

/** How one attempt ended, for a router's statistics (cooldowns, latency, usage). */
export interface AttemptOutcome {
  /** Set when the attempt failed; a total timeout is a TimeoutError. */
  error?: unknown;
  usage?: Usage;
  /** From the start of the attempt to its end (a held stream: to the end of the stream). */
  durationMs: number;
  /** Streams: from the start of the attempt to the first chunk (when it was held). */
  ttftMs?: number;
}

export interface RunAttemptSpec {
  resolved: ResolvedDeployment;
  timeouts: AttemptTimeouts;
  index: number;
  /** The caller's cancellation. */
  signal?: AbortSignal;
  now: () => number;
}

/** Whether an abort reason (or an error) is one of our timeouts rather than the caller going away. */
export function isTimeoutError(value: unknown): value is SwitchyardError {
  return value instanceof TimeoutError || (SwitchyardError.isInstance(value) && value.status === 408);
}

/**
 * Runs one attempt under its total deadline: builds the `Attempt` the gateway's call receives,
 * turns an abort caused by the deadline into a TimeoutError, and reports the outcome exactly once
 * (when the promise settles, or, for a held stream, when the stream ends).
 */
export async function runAttempt<T>(
  spec: RunAttemptSpec,
  call: (attempt: Attempt) => Promise<T>,
  onEnd: (outcome: AttemptOutcome) => void,
): Promise<T> {
  const { resolved, now } = spec;
  const started = now();
  const deadline = new Deadline(
    spec.signal,
    spec.timeouts.totalMs,
    `${resolved.deployment.provider}/${resolved.model}`,
  );
  let held = false;
  let ended = false;
  let reported: Usage | undefined;
  let ttftMs: number | undefined;
  const finish = (end: AttemptEnd) => {
    if (ended) return;
    ended = true;
    deadline.dispose();
    const outcome: AttemptOutcome = { durationMs: now() - started };
    const error = end.error === undefined ? undefined : timeoutInstead(end.error, deadline);
    if (error !== undefined) outcome.error = error;
    const usage = end.usage ?? reported;
    if (usage) outcome.usage = usage;
    if (ttftMs !== undefined) outcome.ttftMs = ttftMs;
    onEnd(outcome);
  };
  const attempt: Attempt = {
    resolved,
    signal: deadline.signal,
    timeouts: spec.timeouts,
    index: spec.index,
    hold() {
      held = true;
      ttftMs = now() - started;
      return finish;
    },
    reportUsage(usage) {
      reported = usage;
    },
  };
  try {
    const value = await call(attempt);
    if (!held) finish({});
    return value;
  } catch (error) {
    const failure = timeoutInstead(error, deadline);
    finish({ error: failure });
    throw failure;
  }
}

function timeoutInstead(error: unknown, deadline: Deadline): unknown {
  if (deadline.timedOut && !isTimeoutError(error)) return deadline.timeoutError();
  return error;
}
