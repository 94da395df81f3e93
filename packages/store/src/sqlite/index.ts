export { createSqliteStore, type SqliteStoreOptions, sqliteSchemaVersion } from './create-sqlite-store.js';
