import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

/**
 * Frozen once released. What the documents take from settings rather than guess: a unit's signer
 * (TM. or KT., office, name), the place name of its date line and its former district (the
 * recipients of periods before 1/7/2025); a province's recipients ("Kính gửi") and căn cứ.
 * Lists are stored one item a line.
 */
export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('unit_document_settings')
    .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id'))
    .addColumn('signer_mode', d.text)
    .addColumn('signer_title', d.text)
    .addColumn('signer_name', d.text)
    .addColumn('place_name', d.text)
    .addColumn('district', d.text)
    .addColumn('updated_at', d.text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('province_document_settings')
    .addColumn('province', d.text, (c) => c.primaryKey())
    .addColumn('recipients', d.text)
    .addColumn('basis', d.text)
    .addColumn('updated_at', d.text, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('province_document_settings').execute();
  await db.schema.dropTable('unit_document_settings').execute();
}
