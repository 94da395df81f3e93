import { describe, expect, it } from 'vitest';
import type { NewSpendLog } from '../src/inputs.js';
import { generateKey, hashKey } from '../src/key-hash.js';
import type { Store } from '../src/store.js';
import { testBackends, useStoreFixture } from './test-databases.js';

const at = new Date('2026-03-01T12:00:00.000Z');

function spendLog(requestId: string, apiKey: string, spend: number): NewSpendLog {
  return {
    request_id: requestId,
    api_key: apiKey,
    user: 'u',
    team_id: 't',
    spend,
    startTime: at,
    endTime: at,
  };
}

async function owners(store: Store, count: number): Promise<string[]> {
  await store.createUser({ user_id: 'u' });
  await store.createTeam({ team_id: 't' });
  const tokens: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const token = hashKey(generateKey());
    tokens.push(token);
    await store.createKey({ token, user_id: 'u', team_id: 't' });
  }
  return tokens;
}

describe.each(testBackends)('$name store: concurrent writes', (backend) => {
  const fixture = useStoreFixture(backend);

  it('loses no increment when many batches run at once', async () => {
    const { store } = fixture();
    const [token] = await owners(store, 1);
    const batches = Array.from({ length: 20 }, (_, batch) =>
      Array.from({ length: 10 }, (_, index) => spendLog(`b${batch}-${index}`, token!, 0.25)),
    );
    const results = await Promise.all(batches.map((batch) => store.recordSpendBatch(batch)));
    expect(results.reduce((sum, result) => sum + result.inserted, 0)).toBe(200);
    expect((await store.getKey(token!))?.spend).toBe(50);
    expect((await store.getUser('u'))?.spend).toBe(50);
    expect((await store.getTeam('t'))?.spend).toBe(50);
    expect(await store.globalSpend()).toMatchObject({ spend: 50, api_requests: 200 });
  });

  it('counts each request once when replicas replay overlapping batches at once', async () => {
    const { store, database, clock } = fixture();
    const replica = await database.open({ now: clock.now });
    const tokens = await owners(store, 3);
    // 60 requests; every batch overlaps its neighbours, and both replicas send every batch
    const logs = Array.from({ length: 60 }, (_, index) => spendLog(`r${index}`, tokens[index % 3]!, 0.5));
    const batches = Array.from({ length: 10 }, (_, batch) => logs.slice(batch * 6, batch * 6 + 12));
    const results = await Promise.all(
      batches.flatMap((batch) => [
        store.recordSpendBatch(batch),
        replica.recordSpendBatch([...batch].reverse()),
      ]),
    );
    expect(results.reduce((sum, result) => sum + result.inserted, 0)).toBe(60);
    for (const token of tokens) expect((await store.getKey(token))?.spend).toBe(10);
    expect((await replica.getUser('u'))?.spend).toBe(30);
    expect((await store.getTeam('t'))?.spend).toBe(30);
    expect(await store.globalSpend()).toMatchObject({ spend: 30, api_requests: 60 });
  });

  it('keeps spend added while a key is being updated', async () => {
    const { store } = fixture();
    const [token] = await owners(store, 1);
    await Promise.all(
      Array.from({ length: 15 }, (_, index) => [
        store.recordSpendBatch([spendLog(`u${index}`, token!, 1)]),
        store.updateKey(token!, { max_budget: 100 + index, metadata: { round: index } }),
      ]).flat(),
    );
    expect((await store.getKey(token!))?.spend).toBe(15);
  });

  it('does not deadlock when batches touch the same keys in opposite orders', async () => {
    const { store, database, clock } = fixture();
    const replica = await database.open({ now: clock.now });
    const tokens = await owners(store, 4);
    const forward = (round: number) => tokens.map((token, index) => spendLog(`f${round}-${index}`, token, 1));
    const backward = (round: number) =>
      [...tokens].reverse().map((token, index) => spendLog(`b${round}-${index}`, token, 1));
    await Promise.all(
      Array.from({ length: 10 }, (_, round) => [
        store.recordSpendBatch(forward(round)),
        replica.recordSpendBatch(backward(round)),
      ]).flat(),
    );
    for (const token of tokens) expect((await store.getKey(token))?.spend).toBe(20);
  });
});
