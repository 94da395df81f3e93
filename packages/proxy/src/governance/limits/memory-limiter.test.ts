import { describe, expect, it } from 'vitest';
import type { Reservation, ReserveResult } from '../limiter.js';
import { createMemoryLimiter } from './memory-limiter.js';
import { entity, request, testClock } from './test-utils/limiter-fixtures.js';

function admitted(result: ReserveResult): Reservation {
  if (!result.ok) throw new Error(`expected admission, got a ${result.denial.kind} refusal`);
  return result.reservation;
}

const dayMs = 86_400_000;

describe('createMemoryLimiter', () => {
  it('forgets past minute windows and expired in-flight entries (bounded memory)', async () => {
    const clock = testClock();
    const limiter = createMemoryLimiter({ now: clock.now, leaseMs: 120_000 });
    for (let index = 0; index < 100; index += 1) {
      const held = admitted(
        await limiter.reserve(request([entity({ rpmLimit: 10, maxParallelRequests: 5 })], clock.now())),
      );
      if (index % 2 === 0) await held.end();
    }
    expect(limiter.stats()).toEqual({ entities: 100, inFlight: 50, spendCounters: 0 });

    // A minute later the windows are past, but the 50 leases still run.
    clock.advance(61_000);
    await limiter.reserve(request([entity({ rpmLimit: 1 })], clock.now()));
    expect(limiter.stats()).toEqual({ entities: 51, inFlight: 50, spendCounters: 0 });

    // After the leases (120 s), only the latest entity is left.
    clock.advance(70_000);
    await limiter.reserve(request([entity({ rpmLimit: 1 })], clock.now()));
    expect(limiter.stats()).toEqual({ entities: 1, inFlight: 0, spendCounters: 0 });
  });

  it('drops budget counters a day after their period ends, and idle lifetime ones after a week', async () => {
    const clock = testClock();
    const limiter = createMemoryLimiter({ now: clock.now });
    const periodEnd = clock.start + 3_600_000;
    const periodic = entity({ maxBudget: 5, budgetResetAt: periodEnd });
    const lifetime = entity({ maxBudget: 5 });
    const reservation = admitted(await limiter.reserve(request([periodic, lifetime], clock.now())));
    await reservation.settle({ tokens: 0, cost: 2 });
    await reservation.end();
    expect(limiter.stats().spendCounters).toBe(2);

    clock.advance(3_600_000 + dayMs);
    await limiter.reserve(request([entity({ rpmLimit: 1 })], clock.now()));
    expect(limiter.stats().spendCounters).toBe(1);
    expect(await limiter.liveSpend(lifetime, clock.now())).toBe(2);
    expect(await limiter.liveSpend(periodic, clock.now())).toBe(0);

    clock.advance(7 * dayMs);
    await limiter.reserve(request([entity({ rpmLimit: 1 })], clock.now()));
    expect(limiter.stats().spendCounters).toBe(0);
    // Seeded again from the store's spend, which by then has everything.
    expect(await limiter.liveSpend({ ...lifetime, spend: 2 }, clock.now())).toBe(2);
  });

  it('refuses new reservations once closed, while settle and end of earlier ones stay harmless', async () => {
    const clock = testClock();
    const limiter = createMemoryLimiter({ now: clock.now });
    const held = admitted(await limiter.reserve(request([entity({ maxBudget: 1 })], clock.now())));
    await limiter.close();
    await expect(limiter.reserve(request([entity()], clock.now()))).rejects.toThrow(/closed/);
    await held.settle({ tokens: 1, cost: 1 });
    await held.end();
  });

  it('rejects a lease that is not a positive number', () => {
    expect(() => createMemoryLimiter({ leaseMs: 0 })).toThrow(/leaseMs/);
  });
});
