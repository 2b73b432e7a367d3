import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

/**
 * Frozen once released. An answer kept from the period before ("giữ nguyên kết quả quý III", "như
 * cũ") remembers that period, in the answer and in its history, so the history and the documents
 * can say where it came from.
 */
export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema.alterTable('answers').addColumn('carried_from', d.text).execute();
  await db.schema.alterTable('answer_history').addColumn('carried_from', d.text).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('answer_history').dropColumn('carried_from').execute();
  await db.schema.alterTable('answers').dropColumn('carried_from').execute();
}
