import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

/** Frozen. Named areas for supervisors, and report submissions. */
export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('area_units')
    .addColumn('area', d.text, (c) => c.notNull())
    .addColumn('unit_code', d.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('area_units_pk', ['area', 'unit_code'])
    .execute();

  await db.schema
    .createTable('submissions')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('framework_id', d.text, (c) => c.notNull())
    .addColumn('period', d.text, (c) => c.notNull())
    .addColumn('submitted_at', d.text, (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.references('officers.id'))
    .addColumn('due_at', d.text)
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('unlocked_at', d.text)
    .addColumn('unlocked_by', 'integer', (c) => c.references('officers.id'))
    .addPrimaryKeyConstraint('submissions_pk', ['unit_id', 'framework_id', 'period'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('submissions').execute();
  await db.schema.dropTable('area_units').execute();
}
