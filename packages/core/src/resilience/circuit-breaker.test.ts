import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures and refuses calls while open', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 2, resetAfterMs: 1000, now: () => now });
    expect(breaker.allow()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    now = 999;
    expect(breaker.allow()).toBe(false);
  });

  it('lets exactly one probe through after resetAfterMs and closes on its success', () => {
    let now = 0;
    const changes: CircuitState[] = [];
    const breaker = new CircuitBreaker({
      failureThreshold: 1,
      resetAfterMs: 100,
      now: () => now,
      onStateChange: (state) => changes.push(state),
    });
    breaker.failure();
    now = 100;
    expect(breaker.allow()).toBe(true);
    expect(breaker.state).toBe('half-open');
    expect(breaker.allow()).toBe(false);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('reopens when the probe fails', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, resetAfterMs: 100, now: () => now });
    breaker.failure();
    now = 150;
    expect(breaker.allow()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('open');
    now = 200;
    expect(breaker.allow()).toBe(false);
  });

  it('a success resets the count of consecutive failures', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2 });
    breaker.failure();
    breaker.success();
    breaker.failure();
    expect(breaker.state).toBe('closed');
  });

  it('run answers with the fallback on failure, on timeout and while open', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, resetAfterMs: 60_000 });
    expect(
      await breaker.run(
        async () => 'up',
        () => 'down',
        100,
      ),
    ).toBe('up');
    expect(
      await breaker.run(
        () => Promise.reject(new Error('boom')),
        (error) => `down: ${(error as Error).message}`,
        100,
      ),
    ).toBe('down: boom');
    expect(
      await breaker.run(
        () => new Promise<string>(() => {}),
        () => 'slow',
        20,
      ),
    ).toBe('slow');
    expect(breaker.state).toBe('open');
    let called = false;
    const result = await breaker.run(
      async () => {
        called = true;
        return 'up';
      },
      () => 'open',
      100,
    );
    expect(result).toBe('open');
    expect(called).toBe(false);
  });
});
