import type { LimitedEntity, Limiter, Reservation, ReserveRequest, ReserveResult } from '../limiter.js';
import {
  budgetPeriod,
  defaultLeaseMs,
  type EntityUsage,
  findDenial,
  limitDenial,
  limitedEntities,
  minuteMs,
  minuteOf,
  rateLimitSnapshot,
  settledUsage,
  spendCounterExpiry,
  tracksInFlight,
} from './limit-rules.js';

export interface MemoryLimiterOptions {
  /**
   * Clock (ms since epoch) for `settle`: the minute window its tokens count in. (`reserve` and
   * `liveSpend` take the time as an argument.) Default `Date.now`.
   */
  now?: () => number;
  /**
   * How long an in-flight reservation counts (parallel slot, estimated tokens and cost) when
   * `end()` is never called, in ms. Default 10 minutes.
   */
  leaseMs?: number;
}

/** What a memory limiter holds right now (for tests and metrics). */
export interface MemoryLimiterStats {
  /** Entities with a minute window or in-flight entries. */
  entities: number;
  /** In-flight entries over all entities (expired ones not yet swept included). */
  inFlight: number;
  /** Live budget counters (entity and period). */
  spendCounters: number;
}

/** The in-process limiter; see {@link createMemoryLimiter}. */
export interface MemoryLimiter extends Limiter {
  stats(): MemoryLimiterStats;
}

interface InFlightEntry {
  tokens: number;
  cost: number;
  expiresAt: number;
}

interface EntityState {
  /** The minute window the counters below belong to. */
  minute: number;
  requests: number;
  tokens: number;
  inFlight: Map<string, InFlightEntry>;
}

interface SpendCounter {
  value: number;
  expiresAt: number;
}

function entityId(entity: LimitedEntity): string {
  return `${entity.scope}\u0000${entity.id}`;
}

function spendId(entity: LimitedEntity): string {
  return `${entityId(entity)}\u0000${budgetPeriod(entity)}`;
}

/**
 * Rate limits and budgets of one process. `reserve` checks and counts in one synchronous step (no
 * await in between), so concurrent requests can never both take the last unit of a limit.
 *
 * Memory stays bounded: each entity keeps only its current minute window; in-flight entries stop
 * counting when their lease ends even if `end()` is never called; budget counters are dropped a
 * day after their period ends (a week after their last use when the budget never resets). Expired
 * entries are swept lazily: those of an entity whenever it is reserved again, all of them at most
 * once a minute on the way through `reserve`.
 */
export function createMemoryLimiter(options: MemoryLimiterOptions = {}): MemoryLimiter {
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? defaultLeaseMs;
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) throw new RangeError('leaseMs must be a positive number');
  const entities = new Map<string, EntityState>();
  const spends = new Map<string, SpendCounter>();
  let nextSweepAt = Number.NEGATIVE_INFINITY;
  let closed = false;

  /** The entity's state with its window moved to `minute` (a clock that went back counts in the newer one). */
  function stateAt(entity: LimitedEntity, minute: number): EntityState {
    const id = entityId(entity);
    let state = entities.get(id);
    if (!state) {
      state = { minute, requests: 0, tokens: 0, inFlight: new Map() };
      entities.set(id, state);
    } else if (minute > state.minute) {
      state.minute = minute;
      state.requests = 0;
      state.tokens = 0;
    }
    return state;
  }

  /** The live spend counter, seeded from (and never below) the store's spend; its expiry renewed. */
  function spendCounter(entity: LimitedEntity, at: number): SpendCounter {
    const id = spendId(entity);
    let counter = spends.get(id);
    if (!counter || counter.expiresAt <= at) {
      counter = { value: entity.spend, expiresAt: 0 };
      spends.set(id, counter);
    } else if (counter.value < entity.spend) {
      counter.value = entity.spend;
    }
    counter.expiresAt = spendCounterExpiry(entity, at);
    return counter;
  }

  function usageOf(entity: LimitedEntity, at: number): EntityUsage {
    const usage: EntityUsage = {
      requests: 0,
      tokens: 0,
      inFlight: 0,
      inFlightTokens: 0,
      inFlightCost: 0,
      spend: 0,
    };
    const state = stateAt(entity, minuteOf(at));
    usage.requests = state.requests;
    usage.tokens = state.tokens;
    for (const [requestId, entry] of state.inFlight) {
      if (entry.expiresAt <= at) {
        state.inFlight.delete(requestId);
        continue;
      }
      usage.inFlight += 1;
      usage.inFlightTokens += entry.tokens;
      usage.inFlightCost += entry.cost;
    }
    if (entity.maxBudget !== null) usage.spend = spendCounter(entity, at).value;
    return usage;
  }

  function sweep(at: number): void {
    if (at < nextSweepAt) return;
    nextSweepAt = at + minuteMs;
    const minute = minuteOf(at);
    for (const [id, state] of entities) {
      for (const [requestId, entry] of state.inFlight) {
        if (entry.expiresAt <= at) state.inFlight.delete(requestId);
      }
      if (state.inFlight.size === 0 && state.minute < minute) entities.delete(id);
    }
    for (const [id, counter] of spends) {
      if (counter.expiresAt <= at) spends.delete(id);
    }
  }

  function reservation(requestId: string, limited: LimitedEntity[]): Reservation {
    let ended = false;
    return {
      async settle(usage) {
        const { tokens, cost } = settledUsage(usage);
        if (closed) return;
        const at = now();
        for (const entity of limited) {
          if (entity.tpmLimit !== null && tokens > 0) stateAt(entity, minuteOf(at)).tokens += tokens;
          if (entity.maxBudget !== null) spendCounter(entity, at).value += cost;
        }
      },
      async end() {
        if (ended) return;
        ended = true;
        for (const entity of limited) {
          if (tracksInFlight(entity)) entities.get(entityId(entity))?.inFlight.delete(requestId);
        }
      },
    };
  }

  return {
    async reserve(request: ReserveRequest): Promise<ReserveResult> {
      const limited = limitedEntities(request);
      if (closed) throw new Error('The limiter is closed');
      const at = request.now;
      sweep(at);
      const usages = limited.map((entity) => usageOf(entity, at));
      const denied = findDenial(limited, usages);
      if (denied) {
        const entity = limited[denied.index]!;
        return {
          ok: false,
          denial: limitDenial(denied.kind, entity, usages[denied.index]!, at),
          snapshot: rateLimitSnapshot(limited, usages, at),
        };
      }
      const entry: InFlightEntry = {
        tokens: request.estimatedTokens,
        cost: request.estimatedCost,
        expiresAt: at + leaseMs,
      };
      for (const entity of limited) {
        const state = stateAt(entity, minuteOf(at));
        if (entity.rpmLimit !== null) state.requests += 1;
        if (tracksInFlight(entity)) state.inFlight.set(request.requestId, entry);
      }
      return {
        ok: true,
        reservation: reservation(request.requestId, limited),
        snapshot: rateLimitSnapshot(limited, usages, at, request.estimatedTokens),
      };
    },

    async liveSpend(entity, at) {
      const counter = spends.get(spendId(entity));
      if (!counter || counter.expiresAt <= at) return entity.spend;
      return Math.max(counter.value, entity.spend);
    },

    stats() {
      let inFlight = 0;
      for (const state of entities.values()) inFlight += state.inFlight.size;
      return { entities: entities.size, inFlight, spendCounters: spends.size };
    },

    async close() {
      closed = true;
      entities.clear();
      spends.clear();
    },
  };
}
