import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
} from 'kysely';
import type { Pool } from 'pg';
import { msg } from '../domain/messages/index.js';
import { type DialectName, isPostgresUrl, type SchemaDialect, schemaDialect } from './dialect.js';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-channels.js';
import * as m0003 from './migrations/0003-reminders.js';
import * as m0004 from './migrations/0004-reports.js';
import * as m0005 from './migrations/0005-answers-by-period.js';
import * as m0006 from './migrations/0006-proposals.js';
import * as m0007 from './migrations/0007-document-settings.js';
import * as m0008 from './migrations/0008-province-onboarding.js';
import * as m0009 from './migrations/0009-carried-answers.js';
import * as m0010 from './migrations/0010-frameworks-commune-group.js';
import * as m0011 from './migrations/0011-web-sessions.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export { type DialectName, isPostgresUrl } from './dialect.js';

interface DialectMigration {
  up(db: Kysely<unknown>, d: SchemaDialect): Promise<void>;
  down?(db: Kysely<unknown>, d: SchemaDialect): Promise<void>;
}

/** The migrations, in order; a static list so bundling and tests need no directory scan. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '0001-initial': m0001,
  '0002-channels': m0002,
  '0003-reminders': m0003,
  '0004-reports': m0004,
  '0005-answers-by-period': m0005,
  '0006-proposals': m0006,
  '0007-document-settings': m0007,
  '0008-province-onboarding': m0008,
  '0009-carried-answers': m0009,
  '0010-frameworks-commune-group': m0010,
  '0011-web-sessions': m0011,
};

/** Hands each migration the schema dialect of the database it runs on. */
class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: SchemaDialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const d = this.dialect;
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, m]) => {
        const down = m.down;
        const migration: Migration = {
          up: (db) => m.up(db, d),
          ...(down ? { down: (db: Kysely<unknown>) => down(db, d) } : {}),
        };
        return [name, migration];
      }),
    );
  }
}

/** Opens the SQLite database at `path` (":memory:" for tests) with WAL, foreign keys and a busy timeout. */
export function openSqlite(path: string): Db {
  if (path !== ':memory:') ensureFolder(dirname(path));
  let database: SQLite.Database;
  try {
    database = new SQLite(path);
  } catch (err) {
    throw new Error(msg.databaseFile(path, (err as Error).message));
  }
  if (path !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

/**
 * Creates a folder and its missing parents, one level at a time, failing at once with what to change.
 * (Node's `mkdir(…, { recursive: true })` never returns under a folder where mkdir answers ENOENT,
 * such as /proc: CDS_DB there hung the start.)
 */
export function ensureFolder(folder: string): void {
  const missing: string[] = [];
  for (let d = resolve(folder); !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      if (code !== 'EEXIST') throw new Error(msg.databaseFolder(folder, code));
    }
  }
}

/** Prepared statements kept per connection; the SQL texts of this code base are far fewer. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query anew, which costs more than running most of ours.
 * This hands it the same prepared statement for the same SQL text (least recently used evicted).
 * A statement still iterating (a streamed query) is never handed out twice: a fresh one is prepared.
 * SQLite re-prepares a cached statement by itself after a schema change.
 */
export function withStatementCache(database: SQLite.Database, size = STATEMENT_CACHE_SIZE) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string): SQLite.Statement {
      const cached = cache.get(text);
      if (cached && !cached.busy) {
        // Re-inserted: the map's order is the order of last use.
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = database.prepare(text);
      if (!cached) {
        cache.set(text, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /** Called when an idle pooled connection fails (the server restarted, the network dropped). */
  onError?: (err: Error) => void;
}

/**
 * Opens a pool on the PostgreSQL server of a `postgres://` URL. A schema other than the default
 * one goes into the URL: `?options=-c%20search_path%3Dcds`.
 *
 * Every connection runs at READ COMMITTED whatever the server's default: the conditional writes
 * (dialog revisions, reminder claims, invites) rely on a second writer waiting for the first's row
 * lock and then re-checking its WHERE, or on `on conflict do nothing` seeing the committed row;
 * stricter levels would raise serialization failures there instead.
 */
export function openPostgres(url: string, opts: PostgresOptions = {}): Db {
  const named = new URL(url).searchParams.get('application_name');
  // pg is loaded with the first query: a deployment on SQLite (and every CLI command on it) never loads it.
  const pool = async () => {
    const { default: pg } = await import('pg');
    return configuredPool(
      new pg.Pool({
        connectionString: url,
        max: opts.max ?? 10,
        application_name: named ?? 'cds-bot',
        // A query never waits forever for a connection: after 10 s it fails (the turn apologises).
        connectionTimeoutMillis: 10_000,
      }),
      opts,
    );
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

function configuredPool(pool: Pool, opts: PostgresOptions): Pool {
  // A connection's error (the server ended the session: a failover, a network drop, an idle-session
  // timeout, pg_terminate_backend) is emitted on the pool for an idle client and on the client itself
  // while it is in use; either, unhandled, would end the process. Handled, the query in flight fails
  // (the turn apologises, nothing half-written is committed) and pg drops the broken connection, so
  // the next query gets a fresh one.
  pool.on('error', (err) => opts.onError?.(err));
  pool.on('connect', (client) => {
    client.on('error', (err) => opts.onError?.(err));
    // Sent before anything else on this connection (pg queues queries in order). Not Kysely's
    // onCreateConnection: when that fails (the connection is ended during it), Kysely never releases
    // the client, and ten such leaks left every later query waiting for a connection forever. Here
    // a failure breaks the connection, whose next query fails, and pg drops it on release.
    client
      .query('SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED')
      .catch((err: Error) => opts.onError?.(err));
  });
  return pool;
}

/**
 * Applies every pending migration (or those up to `to`, for the tests of a migration); throws with
 * the failing migration's name.
 */
export async function migrate(db: Db, dialect: DialectName = 'sqlite', to?: string): Promise<void> {
  // Kysely looks for its migration table in every schema unless told which: name the current one,
  // so two deployments (or test runs) in different schemas of one database never mix.
  const migrationTableSchema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  if (dialect === 'postgres' && !migrationTableSchema) {
    throw new Error('database migration failed: no current schema (check search_path)');
  }
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(schemaDialect(dialect)),
    // 0010 (frameworks) and 0011 (web view) were written side by side and touch different tables: a
    // database that ran 0011 first still gets 0010, instead of refusing to start.
    allowUnorderedMigrations: true,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await (to ? migrator.migrateTo(to) : migrator.migrateToLatest());
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
}

/**
 * Opens and migrates: what every entry point does first. `location` is a `postgres://` URL
 * (PostgreSQL through a pool) or a SQLite file path (":memory:" for tests).
 */
export async function createDb(location: string, opts: PostgresOptions = {}): Promise<Db> {
  const dialect: DialectName = isPostgresUrl(location) ? 'postgres' : 'sqlite';
  const db = dialect === 'postgres' ? openPostgres(location, opts) : openSqlite(location);
  try {
    await migrate(db, dialect);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}
