import { cost } from '../cost.js';
import { BadRequestError, TimeoutError } from '../errors/error-classes.js';
import type { Provider, ProviderCallOptions } from '../provider.js';
import type { Usage } from '../schemas/usage.js';
import type { CallInfo, CallOutcome } from './call-info.js';
import type { ResolvedDeployment } from './deployment.js';
import { LinkedAbort } from './linked-abort.js';
import { RoutedStream } from './routed-stream.js';
import type { Attempt, CallTrace, RouteRequest, RouteResult, Router } from './router.js';

/** Per-call settings shared by every operation (the gateway's `CompletionOptions`). */
export interface RoutedCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  apiKey?: string;
  apiBase?: string;
  headers?: Record<string, string>;
  fallbacks?: ReadonlyArray<string>;
  numRetries?: number;
  tags?: ReadonlyArray<string>;
  onCall?: (info: CallInfo) => void;
  trace?: CallTrace;
}

export interface CallRunnerOptions {
  router: Router;
  providers: ReadonlyMap<string, Provider>;
  now: () => number;
  /** litellm_settings.drop_params. */
  dropParams?: boolean;
  onCall?: (info: CallInfo) => void;
}

/** What the operation tells the router about a call (the signal and overrides come from the call options). */
export type RouteSpec = Pick<RouteRequest, 'model' | 'kind' | 'stream' | 'chat' | 'accept'> & {
  /** The request's own `drop_params`, which wins over the deployment's and the config's. */
  dropParams?: unknown;
};

/** One attempt's provider and the options to call it with (credentials, signal, deadline). */
export interface RoutedTarget {
  resolved: ResolvedDeployment;
  provider: Provider;
  options: ProviderCallOptions;
}

/** Reads a stream as it is relayed: what the consumer gets for each chunk, and the usage seen. */
export interface StreamRelay<T> {
  map(chunk: T): T | undefined;
  usage(): Usage | undefined;
}

/** A stream as the operation opened it: its chunks, and how to build the answer around the relayed ones. */
export interface OpenedStream<T, R> {
  chunks: AsyncIterable<T>;
  answer(chunks: AsyncIterable<T>): R;
}

/** Ends a held attempt: the router records its latency, usage or failure then. */
export type AttemptDone = ReturnType<Attempt['hold']>;

export interface CallRunner {
  /** The options a provider is called with for a deployment (credentials, headers, drop_params). */
  options(
    resolved: ResolvedDeployment,
    call: RoutedCallOptions,
    requestDropParams: unknown,
    signal: AbortSignal | undefined,
    timeoutMs: number | undefined,
  ): ProviderCallOptions;
  /** Reports a finished call to `onCall` (the gateway's and the call's), priced from its usage. */
  report(
    call: RoutedCallOptions,
    base: Omit<CallInfo, 'outcome' | 'durationMs' | 'cost'>,
    outcome: CallOutcome,
    usage: Usage | undefined,
    error?: unknown,
  ): void;
  /**
   * A call through the router whose caller reports it itself (pass-through: its usage arrives with
   * the body). `hold` keeps the attempt open past its promise (in-flight, total deadline) until the
   * returned function is called.
   */
  routed<T>(
    spec: RouteSpec,
    call: RoutedCallOptions,
    run: (target: RoutedTarget, hold: () => AttemptDone) => Promise<T>,
  ): Promise<T>;
  /** A non-streamed call through the router (retries, fallbacks, cooldowns, timeouts). */
  unary<T>(
    spec: RouteSpec,
    call: RoutedCallOptions,
    run: (target: RoutedTarget) => Promise<T>,
    usageOf?: (value: T) => Usage | undefined,
  ): Promise<T>;
  /**
   * A stream through the router: each attempt opens the stream and waits for its first chunk
   * (under the attempt's first-chunk limit), so failures before the first byte are retried or
   * fall back; after it, errors end the stream and silences longer than the idle limit abort it.
   */
  stream<T, R>(
    spec: RouteSpec,
    call: RoutedCallOptions,
    open: (target: RoutedTarget) => Promise<OpenedStream<T, R>>,
    relay: StreamRelay<T>,
  ): Promise<R>;
}

interface OpenAttempt<T, R> {
  opened: OpenedStream<T, R>;
  iterator: AsyncIterator<T>;
  first: IteratorResult<T>;
  abort: LinkedAbort;
  idleMs: number | undefined;
  end: ReturnType<Attempt['hold']>;
}

/** Runs the gateway's operations through its router and reports each finished call once. */
export function createCallRunner(options: CallRunnerOptions): CallRunner {
  const { router, providers, now } = options;

  function routeRequest(spec: RouteSpec, call: RoutedCallOptions): RouteRequest {
    const request: RouteRequest = { model: spec.model, kind: spec.kind, stream: spec.stream };
    if (spec.chat) request.chat = spec.chat;
    if (spec.accept) request.accept = spec.accept;
    if (call.signal) request.signal = call.signal;
    if (call.timeoutMs !== undefined) request.timeoutMs = call.timeoutMs;
    if (call.tags) request.tags = call.tags;
    if (call.fallbacks) request.fallbacks = call.fallbacks;
    if (call.numRetries !== undefined) request.numRetries = call.numRetries;
    return request;
  }

  function providerOptions(
    resolved: ResolvedDeployment,
    call: RoutedCallOptions,
    requestDropParams: unknown,
    signal: AbortSignal | undefined,
    timeoutMs: number | undefined,
  ): ProviderCallOptions {
    const { deployment } = resolved;
    const out: ProviderCallOptions = { model: resolved.model };
    if (signal) out.signal = signal;
    const apiKey = call.apiKey ?? deployment.apiKey;
    const apiBase = call.apiBase ?? deployment.apiBase;
    if (apiKey !== undefined) out.apiKey = apiKey;
    if (apiBase !== undefined) out.apiBase = apiBase;
    if (deployment.apiVersion !== undefined) out.apiVersion = deployment.apiVersion;
    if (deployment.headers || call.headers) out.headers = { ...deployment.headers, ...call.headers };
    if (timeoutMs !== undefined) out.timeoutMs = timeoutMs;
    if (deployment.params) out.params = deployment.params;
    const dropParams =
      typeof requestDropParams === 'boolean'
        ? requestDropParams
        : (deployment.params?.drop_params ?? options.dropParams);
    if (dropParams === true) out.dropParams = true;
    return out;
  }

  function targetFor(
    resolved: ResolvedDeployment,
    call: RoutedCallOptions,
    spec: RouteSpec,
    signal: AbortSignal,
    totalMs: number | undefined,
  ): RoutedTarget {
    const { deployment } = resolved;
    const provider = providers.get(deployment.provider);
    if (!provider) {
      throw new BadRequestError({
        message: `Model "${deployment.modelName}" uses provider "${deployment.provider}", which is not registered`,
        code: 'unknown_provider',
      });
    }
    return { resolved, provider, options: providerOptions(resolved, call, spec.dropParams, signal, totalMs) };
  }

  function report(
    call: RoutedCallOptions,
    base: Omit<CallInfo, 'outcome' | 'durationMs' | 'cost'>,
    outcome: CallOutcome,
    usage: Usage | undefined,
    error?: unknown,
  ): void {
    if (!options.onCall && !call.onCall) return;
    const info: CallInfo = { ...base, outcome, durationMs: now() - base.startedAt };
    if (usage) {
      info.usage = usage;
      const priced = cost(usage, base.model, {
        provider: base.provider,
        prices: base.deployment.modelInfo ?? {},
      });
      if (priced.known) info.cost = priced.total;
      else info.costUnknownReason = priced.reason;
    }
    if (error !== undefined) info.error = error;
    options.onCall?.(info);
    call.onCall?.(info);
  }

  function baseOf(spec: RouteSpec, resolved: ResolvedDeployment, startedAt: number) {
    return {
      requestedModel: spec.model,
      deployment: resolved.deployment,
      provider: resolved.deployment.provider,
      model: resolved.model,
      stream: spec.stream,
      startedAt,
    };
  }

  function fillTrace(trace: CallTrace | undefined, result: RouteResult<unknown>): void {
    if (!trace) return;
    trace.deployment = result.deployment;
    trace.model = result.model;
    trace.attempts = result.attempts;
    trace.retries = result.retries;
    trace.fallbacks = result.fallbacks;
  }

  function failed(call: RoutedCallOptions): CallOutcome {
    return call.signal?.aborted ? 'aborted' : 'error';
  }

  return {
    options: providerOptions,
    report,

    async routed(spec, call, run) {
      const result = await router.route(routeRequest(spec, call), (attempt) =>
        run(targetFor(attempt.resolved, call, spec, attempt.signal, attempt.timeouts.totalMs), attempt.hold),
      );
      fillTrace(call.trace, result);
      return result.value;
    },

    async unary(spec, call, run, usageOf) {
      const startedAt = now();
      let last: ResolvedDeployment | undefined;
      try {
        const result = await router.route(routeRequest(spec, call), async (attempt) => {
          last = attempt.resolved;
          const target = targetFor(attempt.resolved, call, spec, attempt.signal, attempt.timeouts.totalMs);
          const value = await run(target);
          const usage = usageOf?.(value);
          if (usage) attempt.reportUsage(usage);
          return value;
        });
        fillTrace(call.trace, result);
        const resolved = { deployment: result.deployment, model: result.model };
        report(call, baseOf(spec, resolved, startedAt), 'success', usageOf?.(result.value));
        return result.value;
      } catch (error) {
        if (last) report(call, baseOf(spec, last, startedAt), failed(call), undefined, error);
        throw error;
      }
    },

    async stream<T, R>(
      spec: RouteSpec,
      call: RoutedCallOptions,
      open: (target: RoutedTarget) => Promise<OpenedStream<T, R>>,
      relay: StreamRelay<T>,
    ): Promise<R> {
      const startedAt = now();
      let last: ResolvedDeployment | undefined;
      try {
        const result = await router.route(routeRequest(spec, call), async (attempt) => {
          last = attempt.resolved;
          const abort = new LinkedAbort(attempt.signal);
          const { firstChunkMs } = attempt.timeouts;
          const name = `${attempt.resolved.deployment.provider}/${attempt.resolved.model}`;
          const timer =
            firstChunkMs !== undefined && firstChunkMs > 0
              ? setTimeout(() => {
                  abort.abort(
                    new TimeoutError({
                      message: `${name} sent no first chunk within ${firstChunkMs} ms`,
                      code: 'stream_first_chunk_timeout',
                    }),
                  );
                }, firstChunkMs)
              : undefined;
          timer?.unref?.();
          let iterator: AsyncIterator<T> | undefined;
          try {
            const target = targetFor(attempt.resolved, call, spec, abort.signal, attempt.timeouts.totalMs);
            const opened = await open(target);
            iterator = opened.chunks[Symbol.asyncIterator]();
            const first = await iterator.next();
            const ready: OpenAttempt<T, R> = {
              opened,
              iterator,
              first,
              abort,
              idleMs: attempt.timeouts.idleMs,
              end: attempt.hold(),
            };
            return ready;
          } catch (error) {
            abort.dispose();
            iterator?.return?.().catch(() => {});
            throw abort.timeoutReason() ?? error;
          } finally {
            if (timer) clearTimeout(timer);
          }
        });
        fillTrace(call.trace, result);
        const resolved = { deployment: result.deployment, model: result.model };
        const base = baseOf(spec, resolved, startedAt);
        const { opened, iterator, first, abort, idleMs, end } = result.value;
        const routed = new RoutedStream<T>({
          iterator,
          first,
          abort,
          ...(idleMs !== undefined ? { idleMs } : {}),
          target: `${resolved.deployment.provider}/${resolved.model}`,
          map: (chunk) => relay.map(chunk),
          onEnd: (outcome, error) => {
            const usage = relay.usage();
            end({ ...(error !== undefined ? { error } : {}), ...(usage ? { usage } : {}) });
            report(call, base, outcome, usage, error);
          },
        });
        return opened.answer(routed);
      } catch (error) {
        if (last) report(call, baseOf(spec, last, startedAt), failed(call), undefined, error);
        throw error;
      }
    },
  };
}
