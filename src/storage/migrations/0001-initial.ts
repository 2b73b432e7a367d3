import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

/**
 * Frozen once released: never edit then, add a new migration instead. Dialect differences (ids,
 * text collation, the append-only triggers) come from `d`, never from SQL written here.
 */
export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'integer', d.id)
    .addColumn('code', d.text, (c) => c.notNull().unique())
    .addColumn('name', d.text, (c) => c.notNull())
    .addColumn('province', d.text, (c) => c.notNull())
    .addColumn('framework_id', d.text, (c) => c.notNull())
    // Administrative changes (the 2025 mergers): a unit is valid from/to a day and may have a successor.
    .addColumn('valid_from', d.text)
    .addColumn('valid_to', d.text)
    .addColumn('successor_code', d.text)
    .addColumn('created_at', d.text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('officers')
    .addColumn('id', 'integer', d.id)
    // An officer reports for one unit; a supervisor oversees a province or a named area; an admin all.
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('display_name', d.text)
    .addColumn('role', d.text, (c) => c.notNull().defaultTo('officer'))
    .addColumn('scope_province', d.text)
    .addColumn('scope_area', d.text)
    .addColumn('created_at', d.text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('identities')
    .addColumn('channel', d.text, (c) => c.notNull())
    .addColumn('external_id', d.text, (c) => c.notNull())
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('display_name', d.text)
    .addColumn('created_at', d.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('identities_pk', ['channel', 'external_id'])
    .execute();

  await db.schema
    .createTable('invites')
    .addColumn('code', d.text, (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('role', d.text, (c) => c.notNull().defaultTo('officer'))
    .addColumn('scope_province', d.text)
    .addColumn('scope_area', d.text)
    .addColumn('created_at', d.text, (c) => c.notNull())
    .addColumn('expires_at', d.text, (c) => c.notNull())
    .addColumn('used_at', d.text)
    .addColumn('used_by_officer_id', 'integer', (c) => c.references('officers.id'))
    .execute();

  await db.schema
    .createTable('answers')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('framework_id', d.text, (c) => c.notNull())
    .addColumn('period', d.text, (c) => c.notNull())
    .addColumn('question_key', d.text, (c) => c.notNull())
    .addColumn('answer_json', d.text, (c) => c.notNull())
    .addColumn('raw_text', d.text, (c) => c.notNull())
    .addColumn('difficulty', d.text)
    // Null when an operator imported the answer from a spreadsheet.
    .addColumn('officer_id', 'integer', (c) => c.references('officers.id'))
    .addColumn('channel', d.text, (c) => c.notNull())
    .addColumn('answered_at', d.text, (c) => c.notNull())
    .addColumn('updated_at', d.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('answers_pk', ['unit_id', 'framework_id', 'period', 'question_key'])
    .execute();

  await db.schema
    .createTable('answer_history')
    .addColumn('id', 'integer', d.id)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('framework_id', d.text, (c) => c.notNull())
    .addColumn('period', d.text, (c) => c.notNull())
    .addColumn('question_key', d.text, (c) => c.notNull())
    .addColumn('action', d.text, (c) => c.notNull())
    .addColumn('answer_json', d.text)
    .addColumn('raw_text', d.text)
    .addColumn('difficulty', d.text)
    .addColumn('officer_id', 'integer', (c) => c.references('officers.id'))
    .addColumn('channel', d.text, (c) => c.notNull())
    .addColumn('recorded_at', d.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('answer_history_by_answer')
    .on('answer_history')
    .columns(['unit_id', 'framework_id', 'period', 'question_key'])
    .execute();

  await db.schema
    .createTable('dialog_states')
    .addColumn('session_key', d.text, (c) => c.primaryKey())
    .addColumn('state_json', d.text, (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_at', d.text, (c) => c.notNull())
    .execute();

  // Append-only: history rows can be added, never changed or removed.
  await d.appendOnly(db, 'answer_history');
}

export async function down(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await d.dropAppendOnly(db, 'answer_history');
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
