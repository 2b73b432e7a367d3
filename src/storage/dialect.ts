import { type ColumnDefinitionBuilder, type Expression, type Kysely, sql } from 'kysely';

/** The two databases the storage runs on: SQLite (the default, one file) and PostgreSQL (DATABASE_URL). */
export type DialectName = 'sqlite' | 'postgres';

/**
 * Everything in the schema that differs between SQLite and PostgreSQL, in one place. Migrations
 * receive one of these and never write dialect-specific SQL themselves; repositories write only SQL
 * that means the same on both (ISO timestamps as text, booleans as 0/1 integers, counts through Number()).
 */
export interface SchemaDialect {
  name: DialectName;
  /**
   * The type of every text column. On Postgres it collates "C" (byte order), as SQLite's BINARY
   * does, so ISO timestamps compare as instants and `order by` sorts the same on both, whatever
   * locale the server's database was created with.
   */
  text: 'text' | Expression<unknown>;
  /** An integer primary key that the database numbers itself. */
  id(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Makes a table append-only: UPDATE and DELETE (and TRUNCATE on Postgres) fail with "<table> is append-only". */
  appendOnly(db: Kysely<unknown>, table: string): Promise<void>;
  /** Undoes `appendOnly` (for `down` migrations; dropping the table removes its triggers, not the function). */
  dropAppendOnly(db: Kysely<unknown>, table: string): Promise<void>;
}

const sqlite: SchemaDialect = {
  name: 'sqlite',
  text: 'text',
  id: (col) => col.primaryKey().autoIncrement(),
  async appendOnly(db, table) {
    const message = sql.lit(`${table} is append-only`);
    for (const [op, suffix] of [
      ['UPDATE', 'no_update'],
      ['DELETE', 'no_delete'],
    ] as const) {
      await sql`CREATE TRIGGER ${sql.id(`${table}_${suffix}`)} BEFORE ${sql.raw(op)} ON ${sql.table(table)}
        BEGIN SELECT RAISE(ABORT, ${message}); END`.execute(db);
    }
  },
  async dropAppendOnly(db, table) {
    for (const suffix of ['no_update', 'no_delete']) {
      await sql`DROP TRIGGER IF EXISTS ${sql.id(`${table}_${suffix}`)}`.execute(db);
    }
  },
};

const postgres: SchemaDialect = {
  name: 'postgres',
  text: sql`text collate "C"`,
  id: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
  async appendOnly(db, table) {
    const fn = sql.id(`${table}_append_only`);
    await sql`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS ${sql.lit(
      `BEGIN RAISE EXCEPTION '${table} is append-only'; END`,
    )}`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_change`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION ${fn}()`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`.execute(db);
  },
  async dropAppendOnly(db, table) {
    await sql`DROP FUNCTION IF EXISTS ${sql.id(`${table}_append_only`)}() CASCADE`.execute(db);
  },
};

export function schemaDialect(name: DialectName): SchemaDialect {
  return name === 'postgres' ? postgres : sqlite;
}

/** Whether a database location is a PostgreSQL connection URL rather than a SQLite file path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}
