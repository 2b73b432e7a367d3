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
