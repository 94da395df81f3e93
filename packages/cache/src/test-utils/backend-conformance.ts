import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheBackend } from '../cache-backend.js';

export interface BackendUnderTest {
  backend: CacheBackend;
  /** Unique to this run, so parallel and repeated runs never see each other's keys. */
  prefix: string;
  /** Lets `ms` pass for the backend's expiry (an injected clock, or real time). */
  elapse(ms: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * What every cache backend must do, run against each one (as hono runs one router suite over all
 * its routers): values come back byte for byte, in key order, until they expire or are replaced.
 */
export function describeBackendConformance(name: string, setup: () => Promise<BackendUnderTest>): void {
  describe(`${name}: backend conformance`, () => {
    let subject: BackendUnderTest;
    let key: (name: string) => string;
    beforeAll(async () => {
      subject = await setup();
      key = (suffix) => `${subject.prefix}:${suffix}`;
    });
    afterAll(() => subject.close());

    it('returns what was written, in key order, undefined for missing keys', async () => {
      const { backend } = subject;
      expect(await backend.getMany([])).toEqual([]);
      await backend.setMany([]);
      await backend.setMany([
        { key: key('a'), value: 'first' },
        { key: key('b'), value: 'second' },
      ]);
      expect(await backend.getMany([key('b'), key('missing'), key('a')])).toEqual([
        'second',
        undefined,
        'first',
      ]);
    });

    it('keeps text byte for byte, large values included', async () => {
      const { backend } = subject;
      const text = `{"a":"é💡\\n"}\n${'x'.repeat(300_000)}`;
      await backend.setMany([{ key: key('text'), value: text }]);
      expect(await backend.getMany([key('text')])).toEqual([text]);
    });

    it('replaces on write and forgets on delete', async () => {
      const { backend } = subject;
      await backend.setMany([{ key: key('c'), value: 'old' }]);
      await backend.setMany([{ key: key('c'), value: 'new' }]);
      expect(await backend.getMany([key('c')])).toEqual(['new']);
      await backend.deleteMany([key('c')]);
      expect(await backend.getMany([key('c')])).toEqual([undefined]);
    });

    it('expires an entry after its TTL, and not before', async () => {
      const { backend } = subject;
      await backend.setMany([
        { key: key('short'), value: 'v', ttlMs: 300 },
        { key: key('long'), value: 'v', ttlMs: 60_000 },
      ]);
      await subject.elapse(500);
      expect(await backend.getMany([key('short'), key('long')])).toEqual([undefined, 'v']);
    });
  });
}
