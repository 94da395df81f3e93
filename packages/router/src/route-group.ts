import {
  AbortedError,
  type Attempt,
  attemptTimeoutsFor,
  BadRequestError,
  NotFoundError,
  type ResolvedDeployment,
  type RouteRequest,
  runAttempt,
  SwitchyardError,
} from '@switchyard/core';
import { abortableSleep } from './abortable-sleep.js';
import { backoffDelay } from './backoff.js';
import { estimatePromptTokens } from './estimate-prompt-tokens.js';
import type { GroupLookup } from './model-groups.js';
import { NoDeploymentsAvailableError } from './no-deployments-error.js';
import { applyPreCallChecks } from './pre-call-checks.js';
import { retriesAllowed } from './retry-policy.js';
import { type RouterRuntime, recordEnd, recordStart } from './router-runtime.js';
import type { Candidate, PickContext } from './strategies/routing-strategy.js';
import { filterByTags } from './tag-filter.js';

/** Tries counted over the whole call (every group). */
export interface RouteCounters {
  attempts: number;
  retries: number;
}

export interface GroupSuccess<T> {
  value: T;
  resolved: ResolvedDeployment;
}

const MINUTE_MS = 60_000;
const empty = new Map<string, never>();

/**
 * Serves a call from one model group: narrows its deployments (accept, tags, pre-call checks),
 * then tries healthy ones picked by the strategy, retrying failures the retry policy allows —
 * at once on another deployment when one has not failed yet, after a backoff (honouring
 * `retry-after`) on the same one otherwise. Throws the last failure when no retry is left.
 */
export async function routeGroup<T>(
  runtime: RouterRuntime,
  lookup: GroupLookup,
  request: RouteRequest,
  call: (attempt: Attempt) => Promise<T>,
  counters: RouteCounters,
): Promise<GroupSuccess<T>> {
  const candidates = narrow(runtime, lookup, request);
  const { settings } = runtime;
  const numRetries = request.numRetries ?? settings.num_retries ?? 2;
  const policy = settings.model_group_retry_policy?.[lookup.group] ?? settings.retry_policy;
  const failures = new Map<string, number>();
  // The only deployment of a group is not cooled down (that would turn a possible success into a
  // certain failure) unless allowed fails are configured explicitly, as litellm does.
  const coolable =
    lookup.candidates.length > 1 ||
    settings.allowed_fails !== undefined ||
    settings.allowed_fails_policy !== undefined;
  let lastError: unknown;
  for (let retry = 0; ; retry += 1) {
    if (request.signal?.aborted) throw abortedError(request.signal);
    const candidate = await choose(runtime, lookup.group, candidates, failures, request, lastError);
    counters.attempts += 1;
    if (retry > 0) counters.retries += 1;
    try {
      const value = await attemptOn(
        runtime,
        lookup.group,
        candidate,
        request,
        call,
        counters.attempts - 1,
        coolable,
      );
      return { value, resolved: candidate.resolved };
    } catch (error) {
      if (request.signal?.aborted) throw error;
      lastError = error;
      failures.set(candidate.id, (failures.get(candidate.id) ?? 0) + 1);
      if (retry >= retriesAllowed(error, numRetries, policy)) throw error;
      await abortableSleep(retryDelay(runtime, error, retry, candidates, failures), request.signal);
    }
  }
}

function narrow(runtime: RouterRuntime, lookup: GroupLookup, request: RouteRequest): Candidate[] {
  const { settings } = runtime;
  let resolved = lookup.candidates;
  if (request.accept) resolved = resolved.filter(request.accept);
  if (resolved.length > 0 && settings.enable_tag_filtering === true) {
    resolved = filterTags(lookup.group, resolved, request.tags);
  }
  if (resolved.length > 0 && settings.enable_pre_call_checks === true && request.chat) {
    resolved = applyPreCallChecks(lookup.group, resolved, request.chat, runtime.limitsOf);
  }
  if (resolved.length === 0) {
    throw new NotFoundError({
      message: `No deployment of \`${lookup.group}\` can serve this request.`,
      code: 'no_eligible_deployment',
      param: 'model',
      model: lookup.group,
    });
  }
  return resolved.map((entry) => ({ resolved: entry, id: entry.deployment.id! }));
}

function filterTags(
  group: string,
  resolved: ReadonlyArray<ResolvedDeployment>,
  tags: ReadonlyArray<string> | undefined,
): ResolvedDeployment[] {
  const kept = filterByTags(resolved, tags);
  if (kept.length > 0) return kept;
  throw new BadRequestError({
    message: `No deployment of \`${group}\` has any of the tags ${JSON.stringify(tags)}, and none is tagged "default".`,
    param: 'tags',
    code: 'no_deployment_for_tags',
    model: group,
  });
}

/**
 * The deployment for the next try: healthy (not cooling down), preferring those that have not
 * failed in this call (a deployment's `max_retries` bounds how often it is tried again), then
 * the strategy's pick among those it finds eligible.
 */
async function choose(
  runtime: RouterRuntime,
  group: string,
  candidates: ReadonlyArray<Candidate>,
  failures: ReadonlyMap<string, number>,
  request: RouteRequest,
  lastError: unknown,
): Promise<Candidate> {
  const { state, strategy, settings } = runtime;
  const ids = candidates.map((candidate) => candidate.id);
  const cooling = settings.disable_cooldowns === true ? undefined : await state.coolingDown(ids);
  const healthy = cooling ? candidates.filter((candidate) => !cooling.has(candidate.id)) : [...candidates];
  if (healthy.length === 0) {
    throw new NoDeploymentsAvailableError(
      group,
      runtime.cooldownMs,
      'Every deployment is cooling down after failures.',
    );
  }
  const fresh = healthy.filter((candidate) => !failures.has(candidate.id));
  const pool =
    fresh.length > 0
      ? fresh
      : healthy.filter(
          (candidate) =>
            (failures.get(candidate.id) ?? 0) <=
            (candidate.resolved.deployment.maxRetries ?? Number.POSITIVE_INFINITY),
        );
  if (pool.length === 0) throw lastError;
  const { needs } = strategy;
  const poolIds = pool.map((candidate) => candidate.id);
  const [inFlight, latency, usage] = await Promise.all([
    needs.inFlight ? state.inFlight(poolIds) : empty,
    needs.latency ? state.latency(poolIds) : empty,
    needs.usage ? state.usage(poolIds) : empty,
  ]);
  const context: PickContext = {
    stream: request.stream,
    random: runtime.random,
    estimatedTokens: needs.usage && request.chat ? estimatePromptTokens(request.chat) : 0,
    inFlight,
    latency,
    usage,
  };
  const eligible = strategy.eligible ? strategy.eligible(pool, context) : pool;
  if (eligible.length === 0) {
    const untilNextMinute = MINUTE_MS - (runtime.now() % MINUTE_MS);
    throw new NoDeploymentsAvailableError(
      group,
      untilNextMinute,
      'Every deployment is at its rpm/tpm limit for this minute.',
    );
  }
  return strategy.pick(eligible, context);
}

function attemptOn<T>(
  runtime: RouterRuntime,
  group: string,
  candidate: Candidate,
  request: RouteRequest,
  call: (attempt: Attempt) => Promise<T>,
  index: number,
  coolable: boolean,
): Promise<T> {
  const timeouts = attemptTimeoutsFor(candidate.resolved.deployment, request, runtime.timeouts);
  recordStart(runtime, candidate);
  const spec = { resolved: candidate.resolved, timeouts, index, now: runtime.now };
  return runAttempt(request.signal ? { ...spec, signal: request.signal } : spec, call, (outcome) =>
    recordEnd(runtime, candidate, request, group, outcome, coolable),
  );
}

/** No wait when another deployment that has not failed can take the retry; a backoff otherwise. */
function retryDelay(
  runtime: RouterRuntime,
  error: unknown,
  retry: number,
  candidates: ReadonlyArray<Candidate>,
  failures: ReadonlyMap<string, number>,
): number {
  const minDelayMs = (runtime.settings.retry_after ?? 0) * 1000;
  if (candidates.some((candidate) => !failures.has(candidate.id))) return minDelayMs;
  const retryAfterMs = SwitchyardError.isInstance(error) ? error.retryAfterMs : undefined;
  return backoffDelay({
    retry,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    minDelayMs,
    maxRetryAfterMs: (runtime.settings.max_retry_after ?? 60) * 1000,
    random: runtime.random,
  });
}

function abortedError(signal: AbortSignal): AbortedError {
  return new AbortedError({ message: 'The request was aborted by the caller', cause: signal.reason });
}
