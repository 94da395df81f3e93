/**
 * The router's mutable statistics, behind one interface so they live in the process
 * (`createMemoryRouterState`) or in Redis, shared by every replica (`createRedisRouterState`).
 * Deployment ids are the router's stable ids (model_info.id, or a hash of the deployment).
 *
 * Implementations never throw: a shared backend in trouble answers from local state (with a
 * warning), so routing keeps working.
 */
export interface RouterState {
  /**
   * Counts a failure of a deployment in the current minute; when that makes `allowedFails`
   * exceeded, the deployment is cooled down for `cooldownMs`. Resolves to true when this call
   * started a cooldown.
   */
  recordFailure(id: string, allowedFails: number, cooldownMs: number): Promise<boolean>;
  /** Puts a deployment in cooldown at once (e.g. on 429 with retry-after, or 401). */
  coolDown(id: string, cooldownMs: number): Promise<void>;
  /** The ids among `ids` that are cooling down now. */
  coolingDown(ids: ReadonlyArray<string>): Promise<ReadonlySet<string>>;

  /** In-flight requests: +1 when an attempt starts, -1 when it ends (stream end included). */
  startRequest(id: string): Promise<void>;
  endRequest(id: string): Promise<void>;
  inFlight(ids: ReadonlyArray<string>): Promise<ReadonlyMap<string, number>>;

  /** Requests and tokens used in the current minute (usage-based routing, rpm/tpm limits). */
  addUsage(id: string, requests: number, tokens: number): Promise<void>;
  usage(ids: ReadonlyArray<string>): Promise<ReadonlyMap<string, { requests: number; tokens: number }>>;

  /**
   * Latency samples: `latencyMs` of a whole answer (per output token where known, see the router),
   * or `ttftMs` for the first chunk of a stream. Kept as moving averages.
   */
  recordLatency(id: string, sample: { latencyMs?: number; ttftMs?: number }): Promise<void>;
  latency(ids: ReadonlyArray<string>): Promise<ReadonlyMap<string, { latencyMs?: number; ttftMs?: number }>>;

  close(): Promise<void>;
}
