import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

/**
 * Frozen once released. A unit's NTM commune group (xã nhóm 1, 2 or 3, QĐ 51/2025/QĐ-TTg), which
 * picks its targets at criteria whose target differs per group; null until the administrator sets
 * it (`units add|set --group`). `framework_changes`: the frameworks a unit starts or stops
 * reporting on from a period on (JSON `[{ "from": "2027-Q1", "frameworkId": "…" }]`, with
 * `"remove": true` for a stop; a move to a new version is both), null while it stays on its own;
 * the periods before a change keep the frameworks they were answered under. Nothing else changes: every answer, submission and history row
 * stays as it was.
 */
export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema.alterTable('units').addColumn('commune_group', 'integer').execute();
  await db.schema.alterTable('units').addColumn('framework_changes', d.text).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').dropColumn('framework_changes').execute();
  await db.schema.alterTable('units').dropColumn('commune_group').execute();
}
