import type { Db } from './db.js';

export interface UnitRecord {
  id: number;
  code: string;
  name: string;
  province: string;
  frameworkId: string;
  /** "YYYY-MM-DD" from which the unit exists (a merger's date), if recorded. */
  validFrom?: string;
  /** "YYYY-MM-DD" from which the unit no longer exists (merged into `successorCode`). */
  validTo?: string;
  successorCode?: string;
}

function toUnit(row: {
  id: number;
  code: string;
  name: string;
  province: string;
  framework_id: string;
  valid_from?: string | null;
  valid_to?: string | null;
  successor_code?: string | null;
}): UnitRecord {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    province: row.province,
    frameworkId: row.framework_id,
    ...(row.valid_from ? { validFrom: row.valid_from } : {}),
    ...(row.valid_to ? { validTo: row.valid_to } : {}),
    ...(row.successor_code ? { successorCode: row.successor_code } : {}),
  };
}

export async function addUnit(
  db: Db,
  unit: { code: string; name: string; province: string; frameworkId: string },
  now: Date,
): Promise<UnitRecord> {
  const row = await db
    .insertInto('units')
    .values({
      code: unit.code,
      name: unit.name,
      province: unit.province,
      framework_id: unit.frameworkId,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUnit(row);
}

export async function findUnitByCode(db: Db, code: string): Promise<UnitRecord | undefined> {
  const row = await db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toUnit(row) : undefined;
}

export async function findUnitById(db: Db, id: number): Promise<UnitRecord | undefined> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUnit(row) : undefined;
}

export async function listUnits(db: Db): Promise<UnitRecord[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('province').orderBy('code').execute();
  return rows.map(toUnit);
}

export async function countUnits(db: Db): Promise<number> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Records an administrative merger (Nghị quyết sắp xếp đơn vị hành chính 2025): the old units end
 * on `date` and name the new one as successor; the new one exists from `date`. One transaction.
 */
export async function recordMerger(db: Db, into: string, from: string[], date: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const target = await trx
      .updateTable('units')
      .set({ valid_from: date })
      .where('code', '=', into)
      .executeTakeFirst();
    if (Number(target.numUpdatedRows) !== 1) throw new Error(`no unit with code "${into}"`);
    for (const code of from) {
      if (code === into) throw new Error(`unit "${code}" cannot be merged into itself`);
      const r = await trx
        .updateTable('units')
        .set({ valid_to: date, successor_code: into })
        .where('code', '=', code)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new Error(`no unit with code "${code}"`);
    }
  });
}

/** Every unit that was merged into this one, directly or through earlier mergers. */
export async function listPredecessors(db: Db, code: string): Promise<UnitRecord[]> {
  const out: UnitRecord[] = [];
  const seen = new Set<string>([code]);
  let frontier = [code];
  while (frontier.length > 0) {
    const rows = await db
      .selectFrom('units')
      .selectAll()
      .where('successor_code', 'in', frontier)
      .orderBy('code')
      .execute();
    frontier = [];
    for (const r of rows) {
      if (seen.has(r.code)) continue;
      seen.add(r.code);
      out.push(toUnit(r));
      frontier.push(r.code);
    }
  }
  return out;
}
