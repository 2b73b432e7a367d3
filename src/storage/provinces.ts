/** Province names as stored: what migration 0008 made official, what is left, and renaming one. */
import { sql } from 'kysely';
import type { Db } from './db.js';

/** The tables and columns that hold a province's name; `unique` where the name is the row's key. */
const PROVINCE_COLUMNS = [
  { table: 'units', column: 'province', unique: false },
  { table: 'officers', column: 'scope_province', unique: false },
  { table: 'invites', column: 'scope_province', unique: false },
  { table: 'adhoc_deadlines', column: 'province', unique: false },
  { table: 'calendar_overrides', column: 'province', unique: true },
  { table: 'province_document_settings', column: 'province', unique: true },
] as const;

/** One name migration 0008 looked at: mapped to the official one, or left (not a province, a duplicate). */
export interface ProvinceFix {
  table: string;
  oldValue: string;
  newValue?: string;
  rows: number;
  outcome: 'mapped' | 'unknown' | 'duplicate';
}

export async function listProvinceFixes(db: Db): Promise<ProvinceFix[]> {
  const rows = await db.selectFrom('province_fixes').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    table: r.table_name,
    oldValue: r.old_value,
    ...(r.new_value ? { newValue: r.new_value } : {}),
    rows: Number(r.row_count),
    outcome: r.outcome === 'mapped' ? 'mapped' : r.outcome === 'duplicate' ? 'duplicate' : 'unknown',
  }));
}

/** Every province name stored, by table, with its number of rows. */
export async function listProvinceNames(
  db: Db,
): Promise<Array<{ table: string; value: string; rows: number }>> {
  const out: Array<{ table: string; value: string; rows: number }> = [];
  for (const { table, column } of PROVINCE_COLUMNS) {
    const rows = await db
      .selectFrom(table)
      .select([sql.ref<string>(column).as('value'), (eb) => eb.fn.countAll<number>().as('n')])
      .where(sql.ref(column), 'is not', null)
      .groupBy(sql.ref(column))
      .execute();
    for (const r of rows) out.push({ table, value: r.value, rows: Number(r.n) });
  }
  return out.sort((a, b) => a.table.localeCompare(b.table) || (a.value < b.value ? -1 : 1));
}

/**
 * Renames a stored province name to an official one in every table, in one transaction. A row
 * keyed by the name whose new name is already there (a second calendar override) is kept as it
 * was and named in `kept`.
 */
export async function renameProvince(
  db: Db,
  from: string,
  to: string,
): Promise<{ rows: number; kept: string[] }> {
  return db.transaction().execute(async (trx) => {
    let rows = 0;
    const kept: string[] = [];
    for (const { table, column, unique } of PROVINCE_COLUMNS) {
      if (unique) {
        const clash = await trx
          .selectFrom(table)
          .select(sql.ref(column).as('v'))
          .where(sql.ref(column), '=', to)
          .executeTakeFirst();
        const has = await trx
          .selectFrom(table)
          .select(sql.ref(column).as('v'))
          .where(sql.ref(column), '=', from)
          .executeTakeFirst();
        if (clash && has) {
          kept.push(table);
          continue;
        }
      }
      const r = await trx
        .updateTable(table)
        .set({ [column]: to } as never)
        .where(sql.ref(column), '=', from)
        .executeTakeFirst();
      rows += Number(r.numUpdatedRows);
    }
    return { rows, kept };
  });
}
