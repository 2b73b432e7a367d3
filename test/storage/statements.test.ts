import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/storage/db.js';

interface Tables {
  items: { id: number; label: string };
}

const opened: Array<Kysely<Tables>> = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

async function open(size?: number) {
  const database = new SQLite(':memory:');
  const db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: withStatementCache(database, size) }),
  });
  opened.push(db);
  await sql`create table items (id integer primary key, label text not null)`.execute(db);
  for (let i = 1; i <= 5; i++)
    await db
      .insertInto('items')
      .values({ id: i, label: `x${i}` })
      .execute();
  return db;
}

const all = (db: Kysely<Tables>) => db.selectFrom('items').selectAll().orderBy('id');

describe('the prepared-statement cache of the SQLite connection', () => {
  it('gives the same query run again its own fresh rows, also after writes', async () => {
    const db = await open();
    expect((await all(db).execute()).map((r) => r.label)).toEqual(['x1', 'x2', 'x3', 'x4', 'x5']);
    await db.updateTable('items').set({ label: 'y2' }).where('id', '=', 2).execute();
    expect((await all(db).execute()).map((r) => r.label)).toEqual(['x1', 'y2', 'x3', 'x4', 'x5']);
    const one = (id: number) =>
      db.selectFrom('items').select('label').where('id', '=', id).executeTakeFirst();
    expect([(await one(4))?.label, (await one(1))?.label]).toEqual(['x4', 'x1']);
  });

  it('runs a query again after a streamed read of it was left half-way', async () => {
    const db = await open();
    const seen: string[] = [];
    for await (const row of all(db).stream()) {
      seen.push(row.label);
      if (row.id === 2) break;
    }
    expect(seen).toEqual(['x1', 'x2']);
    expect((await all(db).execute()).map((r) => r.label)).toEqual(['x1', 'x2', 'x3', 'x4', 'x5']);
  });

  it('sees a column added after the query was first run', async () => {
    const db = await open();
    await all(db).execute();
    await sql`alter table items add column note text`.execute(db);
    await sql`update items set note = 'mới' where id = 1`.execute(db);
    expect((await all(db).execute())[0]).toEqual({ id: 1, label: 'x1', note: 'mới' });
  });

  it('stays right when more distinct queries run than it keeps', async () => {
    const db = await open(2);
    for (let round = 0; round < 3; round++) {
      for (let id = 1; id <= 5; id++) {
        const row = await db
          .selectFrom('items')
          .select(sql<string>`label || ${'-'.repeat(id)}`.as('v'))
          .where('id', '=', id)
          .executeTakeFirst();
        expect(row?.v).toBe(`x${id}${'-'.repeat(id)}`);
      }
    }
  });
});
