import { describe, expect, it } from 'vitest';
import type { HttpTransport } from './http-transport.js';
import { lazyTransport } from './lazy-transport.js';

describe('lazyTransport', () => {
  it('creates one pool on first use and closes only what it created', async () => {
    const lazy = lazyTransport();
    const first = lazy.get();
    expect(lazy.get()).toBe(first);
    await lazy.close();
    expect(lazy.get()).not.toBe(first);
    await lazy.close();
  });

  it('hands out an injected transport and never closes it', async () => {
    let closed = 0;
    const injected: HttpTransport = {
      request: () => Promise.reject(new Error('unused')),
      close: async () => {
        closed += 1;
      },
    };
    const lazy = lazyTransport(injected);
    expect(lazy.get()).toBe(injected);
    await lazy.close();
    expect(closed).toBe(0);
  });
});
