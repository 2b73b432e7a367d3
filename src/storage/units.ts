import type { Db } from './db.js';

export interface UnitRecord {
  id: number;
  code: string;
  name: string;
  province: string;
  frameworkId: string;
}

function toUnit(row: {
  id: number;
  code: string;
  name: string;
  province: string;
  framework_id: string;
}): UnitRecord {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    province: row.province,
    frameworkId: row.framework_id,
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
