import { getRawJson } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import type { CacheBackend } from './cache-backend.js';
import { createResponseCache } from './create-response-cache.js';
import { MemoryBackend } from './memory-backend.js';

function clock(start = 1_700_000_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const answer = (key: string, text = 'hello') => ({
  key,
  value: { object: 'chat.completion', choices: [{ text }] },
  provider: 'openai',
  model: 'gpt-4o-mini',
});

describe('createResponseCache', () => {
  it('reads back what it stored, with who produced it, when, and its exact text', async () => {
    const time = clock();
    const cache = createResponseCache({ backend: new MemoryBackend({ now: time.now }), now: time.now });
    await cache.set([answer('k')], {});
    const [hit] = await cache.get(['k'], {});
    expect(hit).toMatchObject({ key: 'k', provider: 'openai', model: 'gpt-4o-mini', storedAt: time.now() });
    expect(hit?.value).toEqual(answer('k').value);
    expect(getRawJson(hit!.value as object)).toBe(JSON.stringify(answer('k').value));
  });

  it('accepts only entries younger than s-maxage', async () => {
    const time = clock();
    const cache = createResponseCache({ backend: new MemoryBackend({ now: time.now }), now: time.now });
    await cache.set([answer('k')], {});
    time.advance(10_000);
    expect((await cache.get(['k'], { sMaxAge: 10 }))[0]).toBeDefined();
    expect((await cache.get(['k'], { sMaxAge: 9 }))[0]).toBeUndefined();
    expect((await cache.get(['k'], {}))[0]).toBeDefined();
  });

  it('keeps entries for the request TTL, else the configured one', async () => {
    const time = clock();
    const cache = createResponseCache({
      backend: new MemoryBackend({ now: time.now }),
      ttl: 60,
      now: time.now,
    });
    await cache.set([answer('default')], {});
    await cache.set([answer('short')], { ttl: 5 });
    time.advance(5_000);
    expect((await cache.get(['default', 'short'], {})).map(Boolean)).toEqual([true, false]);
    time.advance(55_000);
    expect((await cache.get(['default'], {}))[0]).toBeUndefined();
  });

  it('does not store an answer over the size limit', async () => {
    const cache = createResponseCache({ backend: new MemoryBackend(), maxEntryBytes: 200 });
    await cache.set([answer('small'), answer('large', 'x'.repeat(300)), answer('wide', 'é'.repeat(80))], {});
    expect((await cache.get(['small', 'large', 'wide'], {})).map(Boolean)).toEqual([true, false, false]);
  });

  it('caches the supported call types only, and in default_off mode only calls that opt in', () => {
    const cache = createResponseCache({ backend: new MemoryBackend(), supportedCallTypes: ['embedding'] });
    expect(cache.enabled('embedding', {})).toBe(true);
    expect(cache.enabled('completion', {})).toBe(false);
    const optIn = createResponseCache({ backend: new MemoryBackend(), mode: 'default_off' });
    expect(optIn.enabled('completion', {})).toBe(false);
    expect(optIn.enabled('completion', { useCache: true })).toBe(true);
  });

  it('treats unreadable entries and a failing backend as misses, and drops writes quietly', async () => {
    const backend = new MemoryBackend();
    await backend.setMany([
      { key: 'garbage', value: 'not an entry' },
      { key: 'other-format', value: '{"format":99,"storedAt":1}\n{}' },
      { key: 'broken-body', value: '{"format":1,"storedAt":1}\n{' },
    ]);
    const cache = createResponseCache({ backend });
    expect(await cache.get(['garbage', 'other-format', 'broken-body'], {})).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const failing: CacheBackend = {
      type: 'failing',
      getMany: () => Promise.reject(new Error('down')),
      setMany: () => Promise.reject(new Error('down')),
      deleteMany: () => Promise.reject(new Error('down')),
      ready: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const failOpen = createResponseCache({ backend: failing });
    expect(await failOpen.get(['k'], {})).toEqual([undefined]);
    await expect(failOpen.set([answer('k')], {})).resolves.toBeUndefined();
  });
});
