import { stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createStore } from '../src/create-store.js';
import { generateKey, hashKey } from '../src/key-hash.js';
import { createPostgresStore } from '../src/postgres/index.js';
import { postgresUrl, testBackends } from './test-databases.js';

const [sqlite, postgres] = testBackends as [(typeof testBackends)[0], (typeof testBackends)[1]];

describe('createStore', () => {
  it('opens SQLite at sqlitePath, creating the file and its folder', async () => {
    const database = await sqlite.create();
    try {
      if (!('sqlitePath' in database.location)) throw new Error('expected a SQLite location');
      const store = await createStore({ sqlitePath: database.location.sqlitePath });
      try {
        expect(store.backend).toBe('sqlite');
        await store.ping();
        const token = hashKey(generateKey());
        await store.createKey({ token });
        expect((await stat(database.location.sqlitePath)).isFile()).toBe(true);
        expect(await database.sql('SELECT token FROM sy_keys')).toEqual([{ token }]);
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('opens PostgreSQL from databaseUrl (with a Prisma-style schema parameter), ignoring sqlitePath', async () => {
    const database = await postgres.create();
    try {
      if (!('databaseUrl' in database.location)) throw new Error('expected a PostgreSQL location');
      const store = await createStore({
        databaseUrl: database.location.databaseUrl,
        sqlitePath: '/nonexistent/x.db',
      });
      try {
        expect(store.backend).toBe('postgres');
        await store.ping();
        await store.createUser({ user_id: 'in-schema' });
        expect(await database.sql('SELECT user_id FROM sy_users')).toEqual([{ user_id: 'in-schema' }]);
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('refuses a URL that is not PostgreSQL without repeating it', async () => {
    const error = await createStore({ databaseUrl: 'mysql://admin:hunter2@db.internal/app' }).then(
      () => null,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toBe('databaseUrl: expected a postgres:// or postgresql:// URL');
  });

  it('fails start-up on an unreachable PostgreSQL without leaking the password', async () => {
    const started = Date.now();
    const error = await createStore({ databaseUrl: 'postgresql://postgres:s3cret-pw@127.0.0.1:1/test' }).then(
      () => null,
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String(error?.message)).not.toContain('s3cret-pw');
    expect(Date.now() - started).toBeLessThan(11_000);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(
      createPostgresStore({ connectionString: postgresUrl, schema: 'x; DROP TABLE y' }),
    ).rejects.toThrow(/^schema: /);
    const url = new URL(postgresUrl);
    url.searchParams.set('schema', 'Bad-Name');
    await expect(createStore({ databaseUrl: url.toString() })).rejects.toThrow(/^schema: /);
  });
});
