import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, type MigrationProvider, Migrator, SqliteDialect } from 'kysely';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-channels.js';
import * as m0003 from './migrations/0003-reminders.js';
import * as m0004 from './migrations/0004-reports.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** The migrations, in order; a static list so bundling and tests need no directory scan. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-channels': m0002,
  '0003-reminders': m0003,
  '0004-reports': m0004,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** Opens the SQLite database at `path` (":memory:" for tests) with WAL, foreign keys and a busy timeout. */
export function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  if (path !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
}

/** Opens and migrates: what every entry point does first. */
export async function createDb(path: string): Promise<Db> {
  const db = openSqlite(path);
  await migrate(db);
  return db;
}
