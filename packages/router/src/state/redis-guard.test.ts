import { describe, expect, it } from 'vitest';
import { createRedisGuard, type RedisGuardOptions } from './redis-guard.js';

function guardWith(overrides: Partial<RedisGuardOptions> = {}) {
  const time = { ms: 1_000 };
  const warnings: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  let recovered = 0;
  const guard = createRedisGuard({
    timeoutMs: 30,
    failureThreshold: 2,
    resetAfterMs: 1_000,
    secrets: ['redis-secret-password'],
    logger: { warn: (message, fields) => warnings.push({ message, fields }) },
    onRecovered: () => {
      recovered += 1;
    },
    now: () => time.ms,
    ...overrides,
  });
  return { guard, time, warnings, recovered: () => recovered };
}

const failing = () => Promise.reject(new Error('WRONGPASS redis-secret-password is wrong'));
const hanging = () => new Promise<string>(() => {});

describe('createRedisGuard', () => {
  it('passes answers through', async () => {
    const { guard } = guardWith();
    expect(await guard.run(async () => 'OK')).toEqual({ ok: true, value: 'OK' });
  });

  it('gives up on a call after the timeout', async () => {
    const { guard } = guardWith();
    const started = performance.now();
    expect(await guard.run(hanging)).toEqual({ ok: false });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('treats a call that throws at once like a failed one', async () => {
    const { guard } = guardWith();
    const result = await guard.run(() => {
      throw new Error('not connected');
    });
    expect(result).toEqual({ ok: false });
  });

  it('opens after the threshold, stops calling, and warns once with the cause, secrets scrubbed', async () => {
    const { guard, warnings } = guardWith();
    await guard.run(failing);
    expect(warnings).toEqual([]);
    await guard.run(failing);
    expect(guard.state).toBe('open');
    let calls = 0;
    for (let index = 0; index < 10; index += 1) {
      await guard.run(async () => {
        calls += 1;
        return 'OK';
      });
    }
    expect(calls).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/Redis is unavailable/);
    expect(String(warnings[0]!.fields?.error)).toContain('WRONGPASS');
    expect(JSON.stringify(warnings)).not.toContain('redis-secret-password');
  });

  it('probes after resetAfterMs: a failed probe keeps it open quietly, a good one closes it with one warning', async () => {
    const { guard, time, warnings, recovered } = guardWith();
    await guard.run(failing);
    await guard.run(failing);
    time.ms += 1_000;
    expect(await guard.run(hanging)).toEqual({ ok: false });
    expect(guard.state).toBe('open');
    expect(warnings).toHaveLength(1);
    time.ms += 1_000;
    expect(await guard.run(async () => 7)).toEqual({ ok: true, value: 7 });
    expect(guard.state).toBe('closed');
    expect(warnings.map((warning) => warning.message)).toEqual([
      expect.stringMatching(/unavailable/),
      expect.stringMatching(/answers again/),
    ]);
    expect(recovered()).toBe(1);
  });

  it('lets a single probe through while half-open', async () => {
    const { guard, time } = guardWith();
    await guard.run(failing);
    await guard.run(failing);
    time.ms += 1_000;
    let calls = 0;
    const slow = () =>
      new Promise<string>((resolve) => {
        calls += 1;
        setTimeout(() => resolve('OK'), 10);
      });
    const results = await Promise.all([guard.run(slow), guard.run(slow), guard.run(slow)]);
    expect(calls).toBe(1);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });
});
