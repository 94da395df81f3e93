import { describe, expect, it } from 'vitest';
import { MemoryBackend } from './memory-backend.js';
import { describeBackendConformance } from './test-utils/backend-conformance.js';

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describeBackendConformance('memory', async () => {
  const time = clock();
  return {
    backend: new MemoryBackend({ now: time.now }),
    prefix: 'memory',
    elapse: async (ms) => {
      time.advance(ms);
    },
    close: async () => {},
  };
});

describe('MemoryBackend', () => {
  it('is bounded by entry count, evicting the least recently used', async () => {
    const backend = new MemoryBackend({ maxEntries: 3 });
    await backend.setMany(['a', 'b', 'c'].map((key) => ({ key, value: key })));
    await backend.getMany(['a']); // a is now the most recently used; b the least
    await backend.setMany([{ key: 'd', value: 'd' }]);
    expect(await backend.getMany(['a', 'b', 'c', 'd'])).toEqual(['a', undefined, 'c', 'd']);
    expect(backend.size.entries).toBe(3);
  });

  it('is bounded by bytes (keys and UTF-8 values), evicting the least recently used', async () => {
    // Each entry: 1-byte key + 9-byte value = 10 bytes; 'é' is 2 bytes in UTF-8.
    const backend = new MemoryBackend({ maxBytes: 25 });
    await backend.setMany([
      { key: 'a', value: 'aaaaaaaaa' },
      { key: 'b', value: 'bbbbbbbbb' },
    ]);
    expect(backend.size).toEqual({ entries: 2, bytes: 20 });
    await backend.setMany([{ key: 'c', value: 'éééé' }]); // 9 bytes: 29 > 25, so a goes
    expect(await backend.getMany(['a', 'b', 'c'])).toEqual([undefined, 'bbbbbbbbb', 'éééé']);
    expect(backend.size).toEqual({ entries: 2, bytes: 19 });
    await backend.setMany([{ key: 'huge', value: 'x'.repeat(30) }]); // larger than the whole cache
    expect(await backend.getMany(['huge', 'b'])).toEqual([undefined, 'bbbbbbbbb']);
    // Replacing an entry accounts for the old value's bytes.
    await backend.setMany([{ key: 'b', value: 'b' }]);
    expect(backend.size).toEqual({ entries: 2, bytes: 11 });
  });

  it('expires entries by their TTL, or the default TTL, on the injected clock', async () => {
    const time = clock();
    const backend = new MemoryBackend({ defaultTtlMs: 1_000, now: time.now });
    await backend.setMany([
      { key: 'default', value: '1' },
      { key: 'custom', value: '2', ttlMs: 5_000 },
    ]);
    time.advance(999);
    expect(await backend.getMany(['default', 'custom'])).toEqual(['1', '2']);
    time.advance(1);
    expect(await backend.getMany(['default', 'custom'])).toEqual([undefined, '2']);
    time.advance(4_000);
    expect(await backend.getMany(['custom'])).toEqual([undefined]);
    expect(backend.size.entries).toBe(0);
  });

  it('stores nothing with a zero bound', async () => {
    const backend = new MemoryBackend({ maxEntries: 0 });
    await backend.setMany([{ key: 'a', value: 'a' }]);
    expect(await backend.getMany(['a'])).toEqual([undefined]);
  });
});
