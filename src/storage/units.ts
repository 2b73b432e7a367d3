import type { FrameworkChange } from '../domain/units/frameworks.js';
import type { Share } from '../domain/units/official.js';
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
  /** The NTM commune group (xã nhóm 1, 2, 3), when set: it picks the targets that differ per group. */
  group?: CommuneGroup;
  /** The frameworks the unit moves to from a period on (`frameworkIdAt` picks a period's). */
  frameworkChanges?: FrameworkChange[];
}

export type CommuneGroup = 1 | 2 | 3;

function toUnit(row: {
  id: number;
  code: string;
  name: string;
  province: string;
  framework_id: string;
  valid_from?: string | null;
  valid_to?: string | null;
  successor_code?: string | null;
  commune_group?: number | null;
  framework_changes?: string | null;
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
    ...(row.commune_group === 1 || row.commune_group === 2 || row.commune_group === 3
      ? { group: row.commune_group }
      : {}),
    ...(row.framework_changes
      ? { frameworkChanges: JSON.parse(row.framework_changes) as FrameworkChange[] }
      : {}),
  };
}

export async function addUnit(
  db: Db,
  unit: { code: string; name: string; province: string; frameworkId: string; group?: CommuneGroup },
  now: Date,
): Promise<UnitRecord> {
  const row = await db
    .insertInto('units')
    .values({
      code: unit.code,
      name: unit.name,
      province: unit.province,
      framework_id: unit.frameworkId,
      ...(unit.group ? { commune_group: unit.group } : {}),
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

/** Adds many units in one transaction (a province's communes); returns them. */
export async function addUnits(
  db: Db,
  units: ReadonlyArray<{ code: string; name: string; province: string; frameworkId: string }>,
  now: Date,
): Promise<UnitRecord[]> {
  if (units.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const out: UnitRecord[] = [];
    // In slices: SQLite takes at most 32,766 parameters a statement.
    for (let i = 0; i < units.length; i += 200) {
      const rows = await trx
        .insertInto('units')
        .values(
          units.slice(i, i + 200).map((u) => ({
            code: u.code,
            name: u.name,
            province: u.province,
            framework_id: u.frameworkId,
            created_at: now.toISOString(),
          })),
        )
        .returningAll()
        .execute();
      out.push(...rows.map(toUnit));
    }
    return out;
  });
}

/** Units by code, for the codes that exist. */
export async function findUnitsByCodes(db: Db, codes: readonly string[]): Promise<Map<string, UnitRecord>> {
  const out = new Map<string, UnitRecord>();
  for (let i = 0; i < codes.length; i += 500) {
    const slice = codes.slice(i, i + 500);
    if (slice.length === 0) continue;
    const rows = await db.selectFrom('units').selectAll().where('code', 'in', slice).execute();
    for (const r of rows) out.set(r.code, toUnit(r));
  }
  return out;
}

/** One commune that went (wholly or in part) into a unit, as recorded. */
export interface PredecessorRow {
  unitCode: string;
  oldCode: string;
  oldName: string;
  oldProvince?: string;
  share: Share;
  /** From the official mapping, or set by an administrator (kept when the mapping is recorded again). */
  source: 'official' | 'manual';
  /** The first day the old commune no longer existed, "YYYY-MM-DD". */
  validTo?: string;
}

function toPredecessor(r: {
  unit_code: string;
  old_code: string;
  old_name: string;
  old_province: string | null;
  share: string;
  source: string;
  valid_to: string | null;
}): PredecessorRow {
  return {
    unitCode: r.unit_code,
    oldCode: r.old_code,
    oldName: r.old_name,
    ...(r.old_province ? { oldProvince: r.old_province } : {}),
    share: r.share === 'part' ? 'part' : 'whole',
    source: r.source === 'official' ? 'official' : 'manual',
    ...(r.valid_to ? { validTo: r.valid_to } : {}),
  };
}

/** The recorded predecessors of some units (all when no codes are given), removed rows left out. */
export async function listPredecessorRows(db: Db, unitCodes?: readonly string[]): Promise<PredecessorRow[]> {
  let q = db.selectFrom('unit_predecessors').selectAll().where('removed', '=', 0);
  if (unitCodes) {
    if (unitCodes.length === 0) return [];
    q = q.where('unit_code', 'in', unitCodes);
  }
  const rows = await q.orderBy('unit_code').orderBy('old_code').execute();
  return rows.map(toPredecessor);
}

/** The units an old commune went into (several when it was split), removed rows left out. */
export async function listSuccessorRows(db: Db, oldCode: string): Promise<PredecessorRow[]> {
  const rows = await db
    .selectFrom('unit_predecessors')
    .selectAll()
    .where('old_code', '=', oldCode)
    .where('removed', '=', 0)
    .orderBy('unit_code')
    .execute();
  return rows.map(toPredecessor);
}

/**
 * Records the official predecessors of units. A row an administrator set or took back is left as
 * it is; an official row already there is refreshed. Returns how many rows were added.
 */
export async function recordOfficialPredecessors(
  db: Db,
  rows: ReadonlyArray<Omit<PredecessorRow, 'source'>>,
  now: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('unit_predecessors')
      .select(['unit_code', 'old_code', 'source', 'removed', 'share', 'old_name'])
      .where('unit_code', 'in', [...new Set(rows.map((r) => r.unitCode))])
      .execute();
    const byKey = new Map(existing.map((e) => [`${e.unit_code}|${e.old_code}`, e]));
    let added = 0;
    for (const r of rows) {
      const e = byKey.get(`${r.unitCode}|${r.oldCode}`);
      if (e && (e.source !== 'official' || e.removed === 1)) continue;
      if (e && e.share === r.share && e.old_name === r.oldName) continue;
      await upsertPredecessor(trx, r, 'official', now);
      if (!e) added++;
    }
    return added;
  });
}

/** An administrator's correction: a predecessor added or changed (kept when the mapping is recorded again). */
export async function setPredecessor(db: Db, row: Omit<PredecessorRow, 'source'>, now: Date): Promise<void> {
  await upsertPredecessor(db, row, 'manual', now);
}

/** Writes one predecessor row (a new one, or over the one of the same unit and old code), not removed. */
async function upsertPredecessor(
  db: Db,
  row: Omit<PredecessorRow, 'source'>,
  source: 'official' | 'manual',
  now: Date,
): Promise<void> {
  const values = {
    old_name: row.oldName,
    old_province: row.oldProvince ?? null,
    share: row.share,
    source,
    removed: 0,
    valid_to: row.validTo ?? null,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('unit_predecessors')
    .values({ unit_code: row.unitCode, old_code: row.oldCode, ...values })
    .onConflict((oc) => oc.columns(['unit_code', 'old_code']).doUpdateSet(values))
    .execute();
}

/** An administrator takes a predecessor back; the row stays, marked, so the mapping does not add it again. */
export async function removePredecessor(
  db: Db,
  unitCode: string,
  oldCode: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('unit_predecessors')
    .set({ removed: 1, source: 'manual', updated_at: now.toISOString() })
    .where('unit_code', '=', unitCode)
    .where('old_code', '=', oldCode)
    .where('removed', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Ends units from a day: they no longer exist (merged into `successorCode`, or split or closed when
 * it is null). A unit already ended keeps its day.
 */
export async function closeUnits(
  db: Db,
  closures: ReadonlyArray<{ code: string; validTo: string; successorCode?: string }>,
): Promise<number> {
  let closed = 0;
  await db.transaction().execute(async (trx) => {
    for (const c of closures) {
      const r = await trx
        .updateTable('units')
        .set({ valid_to: c.validTo, successor_code: c.successorCode ?? null })
        .where('code', '=', c.code)
        .where('valid_to', 'is', null)
        .executeTakeFirst();
      closed += Number(r.numUpdatedRows);
    }
  });
  return closed;
}

/** The ids of the units that no longer exist on a day ("YYYY-MM-DD"). */
export async function listClosedUnitIds(db: Db, day: string): Promise<Set<number>> {
  const rows = await db.selectFrom('units').select('id').where('valid_to', '<=', day).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Records an administrative merger (Nghị quyết sắp xếp đơn vị hành chính 2025): the old units end
 * on `date` and name the new one as successor; the new one exists from `date`; each old unit
 * becomes a predecessor of the new one (whole, or `part` when only part of it went there). One
 * transaction.
 */
export async function recordMerger(
  db: Db,
  into: string,
  from: string[],
  date: string,
  share: Share = 'whole',
  now: Date = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const target = await trx
      .updateTable('units')
      .set({ valid_from: date })
      .where('code', '=', into)
      .executeTakeFirst();
    if (Number(target.numUpdatedRows) !== 1) throw new Error(`no unit with code "${into}"`);
    for (const code of from) {
      if (code === into) throw new Error(`unit "${code}" cannot be merged into itself`);
      const old = await trx
        .updateTable('units')
        .set({ valid_to: date, successor_code: share === 'whole' ? into : null })
        .where('code', '=', code)
        .returning(['name', 'province'])
        .executeTakeFirst();
      if (!old) throw new Error(`no unit with code "${code}"`);
      await setPredecessor(
        trx,
        { unitCode: into, oldCode: code, oldName: old.name, oldProvince: old.province, share, validTo: date },
        now,
      );
    }
  });
}

/** A unit merged into another, with how much of it went there. */
export type PredecessorUnit = UnitRecord & { share: Share };

/**
 * Every unit of the database that went into this one, directly or through earlier mergers, with
 * its share; the old communes that are not units here have no reports to show and are left out.
 */
export async function listPredecessors(db: Db, code: string): Promise<PredecessorUnit[]> {
  const out: PredecessorUnit[] = [];
  const seen = new Set<string>([code]);
  let frontier = [code];
  while (frontier.length > 0) {
    const rows = await db
      .selectFrom('unit_predecessors')
      .innerJoin('units', 'units.code', 'unit_predecessors.old_code')
      .selectAll('units')
      .select('unit_predecessors.share')
      .where('unit_predecessors.unit_code', 'in', frontier)
      .where('unit_predecessors.removed', '=', 0)
      .orderBy('units.code')
      .execute();
    frontier = [];
    for (const r of rows) {
      if (seen.has(r.code)) continue;
      seen.add(r.code);
      out.push({ ...toUnit(r), share: r.share === 'part' ? 'part' : 'whole' });
      frontier.push(r.code);
    }
  }
  return out;
}

/** Sets (or clears, with null) a unit's NTM commune group. */
export async function setUnitGroup(db: Db, unitId: number, group: CommuneGroup | null): Promise<void> {
  await db.updateTable('units').set({ commune_group: group }).where('id', '=', unitId).execute();
}

/** Records the frameworks a unit moves to from a period on (empty: it stays on its own). */
export async function setFrameworkChanges(
  db: Db,
  unitId: number,
  changes: readonly FrameworkChange[],
): Promise<void> {
  await db
    .updateTable('units')
    .set({ framework_changes: changes.length > 0 ? JSON.stringify(changes) : null })
    .where('id', '=', unitId)
    .execute();
}
