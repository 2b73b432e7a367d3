import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type Driver, Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { createDb, type Db, migrate, openPostgres, openSqlite } from '../../src/storage/db.js';
import type { Database } from '../../src/storage/schema.js';
import { pgliteDataPath } from '../pglite-data.js';

/**
 * The databases the storage tests run on: SQLite and PGlite (Postgres in-process) always, a real
 * PostgreSQL server when TEST_DATABASE_URL is set. Each `open()` gives a fresh, migrated, empty
 * database; `cleanup()` (afterEach) drops what the test opened, `close()` (afterAll) the rest.
 */
export interface Backend {
  name: 'sqlite' | 'pglite' | 'postgres';
  /** Postgres semantics (errors, types) rather than SQLite's. */
  postgres: boolean;
  /** Starts what the backend needs once per file (PGlite takes seconds); call in beforeAll. */
  start(): Promise<void>;
  /** A fresh database, migrated to the latest migration, or only up to `to` (a migration's test). */
  open(to?: string): Promise<Db>;
  cleanup(): Promise<void>;
  close(): Promise<void>;
}

/** A real server for the test run, if one was given. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/**
 * This test run's id, set by the global setup (test/build-dist.ts) for every worker: the schemas
 * of a run are named after it, so its teardown finds them all. Outside vitest, the process id.
 */
export const TEST_RUN = process.env.CDS_TEST_RUN ?? String(process.pid);

/** A schema name no other run (another process, another CI job on the same server) uses. */
export function uniqueSchemaName(prefix = 'cds_test'): string {
  return `${prefix}_${TEST_RUN}_${randomBytes(4).toString('hex')}`;
}

/** Drops the schemas named by uniqueSchemaName for `run`, with everything in them. */
export async function dropRunSchemas(base: string, run: string): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string }>(
      `select nspname as name from pg_namespace where nspname like $1`,
      [`cds\\_test\\_${run}\\_%`],
    );
    for (const { name } of rows) await c.query(`drop schema if exists "${name}" cascade`);
  } finally {
    await c.end();
  }
}

/** The URL of `base` with its connections' search_path set to `schema`. */
export function withSearchPath(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * A fresh schema on the TEST_DATABASE_URL server: `url` points a pool at it (createDb migrates it
 * like any deployment), `drop()` removes it with everything in it. Under vitest the drop waits for
 * the end of the run (the global teardown drops the run's schemas): a DROP SCHEMA while another
 * test's migrations read the catalog of every schema made those fail with "schema … does not exist".
 */
export async function freshPostgresSchema(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = uniqueSchemaName();
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create schema "${schema}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withSearchPath(base, schema),
    async drop() {
      if (process.env.CDS_TEST_RUN) return;
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await c.end();
      }
    },
  };
}

function sqliteBackend(): Backend {
  const open: Db[] = [];
  return {
    name: 'sqlite',
    postgres: false,
    async start() {},
    async open(to) {
      const db = to ? openSqlite(':memory:') : await createDb(':memory:');
      if (to) await migrate(db, 'sqlite', to);
      open.push(db);
      return db;
    },
    async cleanup() {
      for (const db of open.splice(0)) await db.destroy();
    },
    async close() {
      await this.cleanup();
    },
  };
}

/** Kysely over a PGlite that outlives it: destroying one test's Kysely must not close the shared PGlite. */
class SharedPGliteDialect extends PGliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.destroy = async () => {};
    return driver;
  }
}

/**
 * One PGlite per test worker, shared by the test files that run in it (they share modules: see
 * vitest.config.ts): starting one takes seconds. Every test works in a schema of its own: a fresh one,
 * or one an earlier test used, emptied.
 */
let sharedPglite: Promise<PGlite> | undefined;

/** A PGlite started from the fresh data folder the global setup dumped, or made from nothing without it. */
function startPglite(): Promise<PGlite> {
  const path = pgliteDataPath();
  if (!existsSync(path)) return PGlite.create();
  return PGlite.create({ loadDataDir: new Blob([readFileSync(path)]) });
}

let schemas = 0;
/**
 * Schemas of this worker's PGlite migrated to the latest migration and no longer in use: the next
 * test empties one (every table but the migrations' own, identities restarted) instead of creating
 * and migrating another, which takes PGlite a few hundred milliseconds.
 */
const migratedFree: string[] = [];

async function emptySchema(p: PGlite, schema: string): Promise<void> {
  const { rows } = await p.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = $1 and tablename not like 'kysely_%'`,
    [schema],
  );
  const tables = rows.map((r) => `${schema}."${r.name}"`).join(', ');
  if (!tables) return;
  // answer_history refuses a truncate by a trigger of its own (append-only): triggers are off for
  // this, and on again whatever happens (the one connection is every later test's).
  await p.exec('set session_replication_role = replica');
  try {
    await p.exec(`truncate ${tables} restart identity cascade`);
  } finally {
    await p.exec('set session_replication_role = origin');
  }
}

function pgliteBackend(): Backend {
  let pglite: PGlite | undefined;
  const open: Array<{ db: Db; schema: string; reusable: boolean }> = [];
  return {
    name: 'pglite',
    postgres: true,
    async start() {
      sharedPglite ??= startPglite();
      pglite = await sharedPglite;
    },
    async open(to) {
      await this.start();
      const p = pglite as PGlite;
      // PGlite has a single connection, so search_path holds until changed.
      const reused = to ? undefined : migratedFree.pop();
      const schema = reused ?? `t${++schemas}`;
      if (reused) {
        await emptySchema(p, schema);
        await p.exec(`set search_path to ${schema}`);
      } else {
        await p.exec(`create schema ${schema}; set search_path to ${schema}`);
      }
      const db = new Kysely<Database>({ dialect: new SharedPGliteDialect(p) });
      if (!reused) await migrate(db, 'postgres', to);
      open.push({ db, schema, reusable: !to });
      return db;
    },
    async cleanup() {
      for (const { db, schema, reusable } of open.splice(0)) {
        await db.destroy();
        if (reusable) migratedFree.push(schema);
        else await pglite?.exec(`drop schema ${schema} cascade`);
      }
    },
    async close() {
      // The worker's PGlite and its emptied schemas stay for the next file; they end with the worker.
      await this.cleanup();
      pglite = undefined;
    },
  };
}

function postgresBackend(base: string): Backend {
  const open: Array<{ db: Db; drop(): Promise<void> }> = [];
  return {
    name: 'postgres',
    postgres: true,
    async start() {},
    async open(to) {
      const schema = await freshPostgresSchema(base);
      try {
        const db = to ? openPostgres(schema.url, { max: 4 }) : await createDb(schema.url, { max: 4 });
        if (to) await migrate(db, 'postgres', to);
        open.push({ db, drop: schema.drop });
        return db;
      } catch (err) {
        await schema.drop();
        throw err;
      }
    },
    async cleanup() {
      for (const { db, drop } of open.splice(0)) {
        await db.destroy();
        await drop();
      }
    },
    async close() {
      await this.cleanup();
    },
  };
}

/** The backends of this run: SQLite, PGlite, and the real server when TEST_DATABASE_URL is set. */
export function storageBackends(): Backend[] {
  return [
    sqliteBackend(),
    pgliteBackend(),
    ...(TEST_DATABASE_URL ? [postgresBackend(TEST_DATABASE_URL)] : []),
  ];
}
