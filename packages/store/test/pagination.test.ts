import { describe, expect, it } from 'vitest';
import type { Page, PageRequest } from '../src/inputs.js';
import { generateKey, hashKey } from '../src/key-hash.js';
import type { Store } from '../src/store.js';
import { testBackends, useStoreFixture } from './test-databases.js';

async function createKeys(store: Store, count: number, tag: string): Promise<string[]> {
  const tokens: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const token = hashKey(generateKey());
    tokens.push(token);
    await store.createKey({ token, metadata: { tag, index } });
  }
  return tokens;
}

async function walk<T>(
  list: (request: PageRequest) => Promise<Page<T>>,
  limit: number,
  between?: (pageIndex: number) => Promise<void>,
): Promise<T[]> {
  const seen: T[] = [];
  let cursor: string | null = null;
  for (let pageIndex = 0; pageIndex < 100; pageIndex += 1) {
    const page: Page<T> = await list({ limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    if (!page.next_cursor) return seen;
    cursor = page.next_cursor;
    await between?.(pageIndex);
  }
  throw new Error('pagination did not end');
}

describe.each(testBackends)('$name store: pagination', (backend) => {
  const fixture = useStoreFixture(backend);

  it('pages keys by cursor in creation order, each once, with the total on every page', async () => {
    const { store, clock } = fixture();
    const tokens: string[] = [];
    for (let index = 0; index < 23; index += 1) {
      clock.advance(1_000);
      tokens.push(...(await createKeys(store, 1, 'ordered')));
    }
    const first = await store.listKeys({ limit: 5 });
    expect(first.total).toBe(23);
    const seen = await walk((request) => store.listKeys(request), 5);
    expect(seen.map((key) => key.token)).toEqual(tokens);
    const last = await store.listKeys({ limit: 23 });
    expect(last.next_cursor).toBeNull();
  });

  it('breaks ties on the creation time by id', async () => {
    const { store } = fixture();
    const tokens = await createKeys(store, 12, 'same-ms');
    const seen = await walk((request) => store.listKeys(request), 5);
    expect(seen.map((key) => key.token)).toEqual([...tokens].sort());
  });

  it('stays stable while keys are added and removed between pages', async () => {
    const { store, clock } = fixture();
    const originals = await createKeys(store, 15, 'original');
    const added: string[] = [];
    const seen = await walk(
      (request) => store.listKeys(request),
      4,
      async (pageIndex) => {
        clock.advance(1_000);
        added.push(...(await createKeys(store, 2, 'added')));
        if (pageIndex === 0) await store.deleteKeys([[...originals].sort()[0]!]);
      },
    );
    const tokens = seen.map((key) => key.token);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.filter((token) => originals.includes(token))).toEqual([...originals].sort());
    expect(tokens.filter((token) => added.includes(token)).sort()).toEqual([...added].sort());
    const order = seen.map((key) => `${key.created_at.toISOString()} ${key.token}`);
    expect(order).toEqual([...order].sort());
  });

  it('pages by offset for page/size APIs', async () => {
    const { store } = fixture();
    const tokens = (await createKeys(store, 11, 'offset')).sort();
    const pages = await Promise.all([0, 5, 10].map((offset) => store.listKeys({ limit: 5, offset })));
    expect(pages.flatMap((page) => page.items.map((key) => key.token))).toEqual(tokens);
    expect(pages.map((page) => page.total)).toEqual([11, 11, 11]);
    expect((await store.listKeys({ limit: 5, offset: 20 })).items).toEqual([]);
  });

  it('refuses a cursor it did not make', async () => {
    const { store } = fixture();
    await expect(store.listKeys({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
      status: 400,
      param: 'cursor',
    });
    await expect(store.listSpendLogs({ cursor: 'bm9wZQ' })).rejects.toMatchObject({
      status: 400,
      param: 'cursor',
    });
  });

  it('pages users and teams the same way', async () => {
    const { store } = fixture();
    for (let index = 0; index < 7; index += 1) {
      await store.createUser({ user_id: `user-${index}` });
      await store.createTeam({ team_id: `team-${index}` });
    }
    const users = await walk((request) => store.listUsers(request), 3);
    expect(users.map((user) => user.user_id)).toEqual([0, 1, 2, 3, 4, 5, 6].map((index) => `user-${index}`));
    const teams = await walk((request) => store.listTeams(request), 2);
    expect(teams.map((team) => team.team_id)).toEqual([0, 1, 2, 3, 4, 5, 6].map((index) => `team-${index}`));
  });

  it('pages spend logs newest first, each once, while new logs arrive', async () => {
    const { store } = fixture();
    const base = new Date('2026-03-01T00:00:00.000Z').getTime();
    const logs = Array.from({ length: 30 }, (_, index) => {
      // three logs share each start time, to exercise the tie-break on request_id
      const startTime = new Date(base + Math.floor(index / 3) * 1_000);
      return {
        request_id: `req-${String(index).padStart(2, '0')}`,
        startTime,
        endTime: startTime,
        spend: 0.1,
      };
    });
    await store.recordSpendBatch(logs);
    let arriving = 0;
    const seen = await walk(
      async (request) => ({ ...(await store.listSpendLogs(request)), total: 0 }),
      7,
      async () => {
        const startTime = new Date(base + 3_600_000 + arriving);
        arriving += 1;
        await store.recordSpendBatch([{ request_id: `new-${arriving}`, startTime, endTime: startTime }]);
      },
    );
    const expected = [...logs]
      .sort((a, b) => b.startTime.getTime() - a.startTime.getTime() || (a.request_id < b.request_id ? 1 : -1))
      .map((entry) => entry.request_id);
    expect(seen.map((entry) => entry.request_id)).toEqual(expected);
  });
});
