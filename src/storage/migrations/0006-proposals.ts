import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

/**
 * Frozen once released. The đề xuất (proposal) of an answer apart from its khó khăn (difficulty), as
 * seed 002 writes them (b) the result and the difficulty, c) the proposal), in the answer and in its
 * history; and the general proposals of a submitted report ("III. ĐỀ XUẤT, KIẾN NGHỊ").
 */
export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema.alterTable('answers').addColumn('proposal', d.text).execute();
  await db.schema.alterTable('answer_history').addColumn('proposal', d.text).execute();
  await db.schema.alterTable('submissions').addColumn('proposals', d.text).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('submissions').dropColumn('proposals').execute();
  await db.schema.alterTable('answer_history').dropColumn('proposal').execute();
  await db.schema.alterTable('answers').dropColumn('proposal').execute();
}
