import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** Frozen: never edit once released; add a new migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    // Administrative changes (the 2025 mergers): a unit is valid from/to a day and may have a successor.
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('successor_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('officers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // An officer reports for one unit; a supervisor oversees a province or a named area; an admin all.
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('display_name', 'text')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('officer'))
    .addColumn('scope_province', 'text')
    .addColumn('scope_area', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('identities')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('display_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('identities_pk', ['channel', 'external_id'])
    .execute();

  await db.schema
    .createTable('invites')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('officer'))
    .addColumn('scope_province', 'text')
    .addColumn('scope_area', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by_officer_id', 'integer', (c) => c.references('officers.id'))
    .execute();

  await db.schema
    .createTable('answers')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('answer_json', 'text', (c) => c.notNull())
    .addColumn('raw_text', 'text', (c) => c.notNull())
    .addColumn('difficulty', 'text')
    // Null when an operator imported the answer from a spreadsheet.
    .addColumn('officer_id', 'integer', (c) => c.references('officers.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('answers_pk', ['unit_id', 'framework_id', 'period', 'question_key'])
    .execute();

  await db.schema
    .createTable('answer_history')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('answer_json', 'text')
    .addColumn('raw_text', 'text')
    .addColumn('difficulty', 'text')
    .addColumn('officer_id', 'integer', (c) => c.references('officers.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('answer_history_by_answer')
    .on('answer_history')
    .columns(['unit_id', 'framework_id', 'period', 'question_key'])
    .execute();

  await db.schema
    .createTable('dialog_states')
    .addColumn('session_key', 'text', (c) => c.primaryKey())
    .addColumn('state_json', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Append-only: history rows can be added, never changed or removed.
  await sql`CREATE TRIGGER answer_history_no_update BEFORE UPDATE ON answer_history
    BEGIN SELECT RAISE(ABORT, 'answer_history is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER answer_history_no_delete BEFORE DELETE ON answer_history
    BEGIN SELECT RAISE(ABORT, 'answer_history is append-only'); END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'dialog_states',
    'answer_history',
    'answers',
    'invites',
    'identities',
    'officers',
    'units',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
