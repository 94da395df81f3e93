import { SwitchyardError } from '@switchyard/core';

/**
 * 409: a row with this id or alias exists already (`param` names the field, e.g. `key_alias`).
 * The message names the field, never a key or its hash.
 */
export class StoreConflictError extends SwitchyardError {
  constructor(options: { message: string; param: string; cause?: unknown }) {
    super({
      ...options,
      status: 409,
      type: 'invalid_request_error',
      code: 'already_exists',
      retryable: false,
    });
  }
}

/** The database holds a schema newer than this Switchyard knows: start-up stops. */
export class SchemaVersionError extends Error {
  readonly databaseVersion: number;
  readonly knownVersion: number;

  constructor(databaseVersion: number, knownVersion: number) {
    super(
      `database schema version ${databaseVersion} is newer than this Switchyard (knows up to ${knownVersion}); upgrade Switchyard`,
    );
    this.name = 'SchemaVersionError';
    this.databaseVersion = databaseVersion;
    this.knownVersion = knownVersion;
  }
}

/** The database driver for the configured backend is not installed. */
export class StoreDriverMissingError extends Error {
  constructor(driver: 'better-sqlite3' | 'pg', backend: string, cause: unknown) {
    super(
      `${backend} storage needs the "${driver}" package: install it next to @switchyard/store (npm install ${driver})`,
      { cause },
    );
    this.name = 'StoreDriverMissingError';
  }
}
