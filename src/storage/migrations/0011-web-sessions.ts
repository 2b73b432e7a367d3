import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

/**
 * Frozen once released. The web view's one-time login links and its sessions (issue 17): only the
 * SHA-256 of each token is stored, so a copy of the database opens no session.
 */
export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('web_tokens')
    .addColumn('token_hash', d.text, (c) => c.primaryKey())
    // 'link': the one-time link a chat gives (10 minutes, single use); 'session': the browser's cookie.
    .addColumn('kind', d.text, (c) => c.notNull())
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('created_at', d.text, (c) => c.notNull())
    .addColumn('expires_at', d.text, (c) => c.notNull())
    .addColumn('used_at', d.text)
    .addColumn('revoked_at', d.text)
    .execute();
  await db.schema.createIndex('web_tokens_officer').on('web_tokens').column('officer_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('web_tokens').execute();
}
