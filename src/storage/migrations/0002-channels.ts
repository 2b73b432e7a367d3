import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

/** Frozen. Tables the messenger channels need: delivery de-duplication, evidence, account linking. */
export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('processed_updates')
    .addColumn('channel', d.text, (c) => c.notNull())
    .addColumn('update_key', d.text, (c) => c.notNull())
    .addColumn('processed_at', d.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('processed_updates_pk', ['channel', 'update_key'])
    .execute();
  await db.schema
    .createIndex('processed_updates_by_time')
    .on('processed_updates')
    .column('processed_at')
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'integer', d.id)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('framework_id', d.text, (c) => c.notNull())
    .addColumn('period', d.text, (c) => c.notNull())
    .addColumn('question_key', d.text, (c) => c.notNull())
    .addColumn('kind', d.text, (c) => c.notNull())
    .addColumn('ref', d.text, (c) => c.notNull())
    .addColumn('caption', d.text)
    .addColumn('file_name', d.text)
    .addColumn('officer_id', 'integer', (c) => c.references('officers.id'))
    .addColumn('channel', d.text, (c) => c.notNull())
    .addColumn('created_at', d.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('evidence_by_answer')
    .on('evidence')
    .columns(['unit_id', 'framework_id', 'period', 'question_key'])
    .execute();

  await db.schema
    .createTable('link_codes')
    .addColumn('code', d.text, (c) => c.primaryKey())
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('created_at', d.text, (c) => c.notNull())
    .addColumn('expires_at', d.text, (c) => c.notNull())
    .addColumn('used_at', d.text)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['link_codes', 'evidence', 'processed_updates']) await db.schema.dropTable(t).execute();
}
