import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

/**
 * Frozen once released. An index of the answers by period, for the reads of one period across every
 * unit (the province matrix, the supervisors' overview, the reminder plan): without it they scan the
 * answers of every period ever reported, a cost that grows each quarter. Its order (period, unit,
 * framework, key) is the order the matrix groups by, so no sort is needed. The answer JSON is left
 * out of the key on purpose: PostgreSQL limits an index entry to about 2.7 kB, and an answer may be
 * longer.
 */
export async function up(db: Kysely<any>, _d: SchemaDialect): Promise<void> {
  await db.schema
    .createIndex('answers_by_period')
    .on('answers')
    .columns(['period', 'unit_id', 'framework_id', 'question_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('answers_by_period').execute();
}
