import { AbortedError, Deadline, TimeoutError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { delay, paced, readDelay } from './mock-delay.js';

describe('delay', () => {
  it('resolves at once for 0 and rejects at once when the signal has already fired', async () => {
    await expect(delay(0, new Deadline(undefined, undefined, 'mock/demo'))).resolves.toBeUndefined();
    const deadline = new Deadline(AbortSignal.abort(), undefined, 'mock/demo');
    await expect(delay(0, deadline)).rejects.toBeInstanceOf(AbortedError);
  });

  it('rejects with AbortedError when the caller aborts while waiting', async () => {
    const controller = new AbortController();
    const deadline = new Deadline(controller.signal, undefined, 'mock/demo');
    const waiting = delay(60_000, deadline);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
  });

  it('rejects with TimeoutError when the deadline passes', async () => {
    const deadline = new Deadline(undefined, 5, 'mock/demo');
    await expect(delay(60_000, deadline)).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('paced', () => {
  it('yields every item', async () => {
    const items: number[] = [];
    for await (const item of paced([1, 2, 3], 0, new Deadline(undefined, undefined, 'mock/demo')))
      items.push(item);
    expect(items).toEqual([1, 2, 3]);
  });

  it('ends with AbortedError when the signal fires between items', async () => {
    const controller = new AbortController();
    const iterator = paced([1, 2, 3], 0, new Deadline(controller.signal, undefined, 'mock/demo'));
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    controller.abort();
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('readDelay', () => {
  it('takes non-negative numbers, falls back when absent and refuses anything else', () => {
    expect(readDelay(25, 'latencyMs', 0)).toBe(25);
    expect(readDelay(undefined, 'latencyMs', 7)).toBe(7);
    expect(() => readDelay(-1, 'latencyMs', 0)).toThrow(RangeError);
    expect(() => readDelay('fast', 'latency_ms', 0)).toThrow(/latency_ms/);
  });
});
