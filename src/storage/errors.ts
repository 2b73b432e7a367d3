/**
 * Telling database errors apart, on both SQLite (better-sqlite3's codes) and PostgreSQL (SQLSTATE):
 * the callers see what happened, never a driver's code.
 */

interface DriverError {
  code?: string;
  message?: string;
}

/** A unique or primary key was violated: the row was already there (a redelivered update, a race). */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as DriverError | undefined;
  return (
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === '23505' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/** Postgres broke a deadlock (40P01) or a serialization conflict (40001): the transaction may simply run again. */
export function isRetryableConflict(err: unknown): boolean {
  const code = (err as DriverError | undefined)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * The connection to the database was lost while in use (PostgreSQL: the server ended the session,
 * as a failover, a restart, an idle-session timeout or pg_terminate_backend do; the network dropped;
 * no connection could be had in time). Nothing of the transaction in flight was committed unless the
 * loss came after the server received COMMIT, which a retry finds out through the delivery key.
 */
export function isConnectionLost(err: unknown): boolean {
  const e = err as DriverError | undefined;
  const code = e?.code ?? '';
  return (
    /^(57P0[123]|08\d\d\d)$/.test(code) ||
    code === 'ECONNRESET' ||
    code === 'ECONNREFUSED' ||
    code === 'EPIPE' ||
    /Connection terminated|not queryable|timeout exceeded when trying to connect/.test(e?.message ?? '')
  );
}
