import type { Kysely } from 'kysely';

/**
 * Frozen once released. A unit's NTM commune group (xã nhóm 1, 2 or 3, QĐ 51/2025/QĐ-TTg), which
 * picks its targets at criteria whose target differs per group; null until the administrator sets
 * it (`units add|set --group`). Nothing else changes: every answer, submission and history row
 * stays as it was.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('commune_group', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').dropColumn('commune_group').execute();
}
