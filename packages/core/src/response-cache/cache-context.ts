import type { CallInfo, CallOutcome } from '../gateway/call-info.js';
import type { CompletionOptions, Switchyard } from '../gateway/create-switchyard.js';
import type { ResolvedDeployment } from '../gateway/deployment.js';
import type { Usage } from '../schemas/usage.js';
import type {
  CacheCallType,
  CacheControls,
  CachedAnswer,
  ResponseCache,
  StoredAnswer,
} from './response-cache.js';

/** What the cached operations share: the uncached gateway, the cache, and the gateway's hooks. */
export interface CacheContext {
  /** The gateway without the cache: misses go through it (and its router). */
  gateway: Switchyard;
  cache: ResponseCache;
  /** The gateway's `onCall`, told about cache hits as it is about upstream calls. */
  onCall?: (info: CallInfo) => void;
  now: () => number;
}

/** Per-call settings that change the answer, so they are part of the key. */
function callMaterial(call: CompletionOptions): Record<string, unknown> | undefined {
  const material: Record<string, unknown> = {};
  if (call.apiBase !== undefined) material.apiBase = call.apiBase;
  if (call.apiKey !== undefined) material.apiKey = call.apiKey;
  if (call.headers !== undefined) material.headers = call.headers;
  return Object.keys(material).length > 0 ? material : undefined;
}

/** The entry key of `request` for this call (scope and namespace included). */
export function keyOf(
  context: CacheContext,
  type: CacheCallType,
  request: object,
  call: CompletionOptions,
  controls: CacheControls,
): string {
  const material = callMaterial(call);
  return context.cache.key({
    type,
    request: request as Record<string, unknown>,
    ...(material ? { call: material } : {}),
    ...(call.cacheScope !== undefined ? { scope: call.cacheScope } : {}),
    ...(controls.namespace !== undefined ? { namespace: controls.namespace } : {}),
  });
}

/** Reads entries unless the call said `no-cache`; a failing cache reads as empty (fail-open). */
export async function lookup(
  context: CacheContext,
  keys: ReadonlyArray<string>,
  controls: CacheControls,
): Promise<Array<CachedAnswer | undefined>> {
  if (controls.noCache === true) return keys.map(() => undefined);
  try {
    return await context.cache.get(keys, controls);
  } catch {
    return keys.map(() => undefined);
  }
}

/** Stores answers unless the call said `no-store`; a failing cache drops them (fail-open). */
export async function store(
  context: CacheContext,
  answers: ReadonlyArray<StoredAnswer>,
  controls: CacheControls,
): Promise<void> {
  if (controls.noStore === true || answers.length === 0) return;
  try {
    await context.cache.set(answers, controls);
  } catch {
    // The answer is already on its way to the caller; a cache that cannot take it changes nothing.
  }
}

/** Who produced an answer, from the upstream call's info. */
export function producer(info: CallInfo | undefined): { provider?: string; model?: string } {
  return info ? { provider: info.provider, model: info.model } : {};
}

/**
 * The call's options for the upstream call, with an `onCall` that also keeps the call's info (who
 * answered, usage even when a stream's caller did not ask for it, outcome) for the cache.
 */
export function capturing(call: CompletionOptions): {
  options: CompletionOptions;
  info: () => CallInfo | undefined;
} {
  let captured: CallInfo | undefined;
  const options: CompletionOptions = {
    ...call,
    onCall: (info) => {
      captured = info;
      call.onCall?.(info);
    },
  };
  return { options, info: () => captured };
}

/** Marks the trace as served from the cache (the proxy turns it into headers). */
export function traceHit(
  call: CompletionOptions,
  key: string,
  resolved: ResolvedDeployment,
  answer: CachedAnswer,
): void {
  if (!call.trace) return;
  call.trace.cacheHit = true;
  call.trace.cacheKey = key;
  call.trace.deployment = resolved.deployment;
  call.trace.model = answer.model ?? resolved.model;
  call.trace.attempts = 0;
}

export function traceMiss(call: CompletionOptions): void {
  if (call.trace) call.trace.cacheHit = false;
}

export interface HitReport {
  requestedModel: string;
  resolved: ResolvedDeployment;
  answer: CachedAnswer;
  stream: boolean;
  usage: Usage | undefined;
  startedAt: number;
}

/** Tells `onCall` about a cache hit: the cached usage, at zero cost. */
export function reportHit(
  context: CacheContext,
  call: CompletionOptions,
  hit: HitReport,
  outcome: CallOutcome,
): void {
  if (!context.onCall && !call.onCall) return;
  const info: CallInfo = {
    requestedModel: hit.requestedModel,
    deployment: hit.resolved.deployment,
    provider: hit.answer.provider ?? hit.resolved.deployment.provider,
    model: hit.answer.model ?? hit.resolved.model,
    stream: hit.stream,
    outcome,
    cost: 0,
    cacheHit: true,
    startedAt: hit.startedAt,
    durationMs: context.now() - hit.startedAt,
  };
  if (hit.usage) info.usage = hit.usage;
  context.onCall?.(info);
  call.onCall?.(info);
}
