export {
  createPostgresStore,
  type PostgresStoreOptions,
  postgresSchemaVersion,
} from './create-postgres-store.js';
export type { PgClientLike, PgPoolLike } from './postgres-database.js';
