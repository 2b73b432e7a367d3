import type { Kysely } from 'kysely';

/** Frozen. Tables the messenger channels need: delivery de-duplication, evidence, account linking. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('processed_updates')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('update_key', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('processed_updates_pk', ['channel', 'update_key'])
    .execute();
  await db.schema
    .createIndex('processed_updates_by_time')
    .on('processed_updates')
    .column('processed_at')
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('caption', 'text')
    .addColumn('file_name', 'text')
    .addColumn('officer_id', 'integer', (c) => c.references('officers.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('evidence_by_answer')
    .on('evidence')
    .columns(['unit_id', 'framework_id', 'period', 'question_key'])
    .execute();

  await db.schema
    .createTable('link_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['link_codes', 'evidence', 'processed_updates']) await db.schema.dropTable(t).execute();
}
