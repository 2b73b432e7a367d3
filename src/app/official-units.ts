/**
 * A province's units from the official list of 1/7/2025 (dvhc/), or from the province's own list,
 * and the 2025 mergers from the official mapping: `cds-bot units import` and `units merges`. Both
 * can run again at any time: what is there already is left as it is and counted, what differs from
 * the list is reported, never overwritten.
 */
import { isActiveOn } from '../domain/units/lifecycle.js';
import { type OfficialList, type Province, REFORM_DAY } from '../domain/units/official.js';
import type { UnitsSheetRow } from '../reports/units-sheet.js';
import type { Db } from '../storage/db.js';
import { addToArea } from '../storage/officers.js';
import {
  addUnits,
  closeUnits,
  findUnitsByCodes,
  listPredecessorRows,
  listUnits,
  type PredecessorRow,
  recordOfficialPredecessors,
  type UnitRecord,
} from '../storage/units.js';

export interface MergesReport {
  /** Units of the province (in the official list) whose predecessors were looked up. */
  units: number;
  /** Predecessor rows of those units, recorded now or before (the unit itself left out). */
  rows: number;
  /** Rows added now. */
  added: number;
  /** Old units of the database that are now marked merged (or split). */
  closed: number;
}

export interface ImportReport {
  added: UnitRecord[];
  unchanged: number;
  /** Units already there whose name or province differs from the list: left as they are. */
  differing: Array<{
    code: string;
    stored: { name: string; province: string };
    listed: { name: string; province: string };
  }>;
  /**
   * Units that do not match the official list: rows of the province's own file with a code not in
   * the list or another name, and units of the province in the database that the list does not have.
   */
  notInList: Array<{ code: string; name: string; official?: string }>;
  /** Codes given with --only that the list (or the file) does not have. */
  unknownOnly: string[];
  areas: Array<{ name: string; units: number }>;
  merges: MergesReport;
}

/** A code as the official list writes it: a spreadsheet's 4 becomes "00004" when that is a commune. */
function officialCode(code: string, official: ReadonlyMap<string, unknown>): string {
  const c = code.trim();
  if (/^\d{1,4}$/.test(c) && official.has(c.padStart(5, '0'))) return c.padStart(5, '0');
  return c;
}

/**
 * Creates the province's communes with their official codes and names (or those of the province's
 * own list), only the `only` codes when given; records the 2025 mergers of the province's units.
 */
export async function importUnits(
  db: Db,
  list: OfficialList,
  input: {
    province: Province;
    frameworkId: string;
    only?: readonly string[];
    rows?: readonly UnitsSheetRow[];
  },
  now: Date,
): Promise<ImportReport> {
  const { province } = input;
  const official = new Map(list.communesOf(province.code).map((c) => [c.code, c]));
  let wanted = input.rows
    ? input.rows.map((r) => ({ ...r, code: officialCode(r.code, official) }))
    : [...official.values()].map((c) => ({ code: c.code, name: c.name }) as Omit<UnitsSheetRow, 'row'>);
  const only = input.only?.map((c) => officialCode(c, official));
  const unknownOnly = only ? only.filter((c) => !wanted.some((w) => w.code === c)) : [];
  if (only) wanted = wanted.filter((w) => only.includes(w.code));

  const existing = await findUnitsByCodes(
    db,
    wanted.map((w) => w.code),
  );
  const report: ImportReport = {
    added: [],
    unchanged: 0,
    differing: [],
    notInList: [],
    unknownOnly,
    areas: [],
    merges: { units: 0, rows: 0, added: 0, closed: 0 },
  };
  const toAdd: Array<{ code: string; name: string; province: string; frameworkId: string }> = [];
  for (const w of wanted) {
    const e = existing.get(w.code);
    if (e) {
      if (e.name === w.name && e.province === province.name) report.unchanged++;
      else
        report.differing.push({
          code: w.code,
          stored: { name: e.name, province: e.province },
          listed: { name: w.name, province: province.name },
        });
    } else {
      toAdd.push({
        code: w.code,
        name: w.name,
        province: province.name,
        frameworkId: w.framework ?? input.frameworkId,
      });
    }
    if (input.rows) {
      const o = official.get(w.code);
      if (!o) report.notInList.push({ code: w.code, name: w.name });
      else if (o.name !== w.name) report.notInList.push({ code: w.code, name: w.name, official: o.name });
    }
  }
  report.added = await addUnits(db, toAdd, now);

  // The groups and areas of the province's own list become named areas (a supervisor's scope).
  const areas = new Map<string, string[]>();
  for (const w of wanted) {
    for (const name of [w.group, w.area]) {
      if (!name) continue;
      const codes = areas.get(name) ?? [];
      codes.push(w.code);
      areas.set(name, codes);
    }
  }
  for (const [name, codes] of areas) {
    await addToArea(db, name, codes);
    report.areas.push({ name, units: codes.length });
  }

  report.merges = await recordMerges(db, list, province, now);
  if (!input.rows && !only) {
    // Units of the province that the list does not have and that are not merged: a demo, a typo.
    const day = REFORM_DAY;
    for (const u of await listUnits(db)) {
      if (u.province === province.name && !official.has(u.code) && isActiveOn(u, day))
        report.notInList.push({ code: u.code, name: u.name });
    }
  }
  return report;
}

/**
 * Records, for each unit of the province that is a commune of the official list, the old communes
 * that went into it (old code, old name, whole or part); an old commune that is itself a unit of
 * the database ends on 1/7/2025 (merged into its successor, or split). An administrator's
 * corrections are kept.
 */
export async function recordMerges(
  db: Db,
  list: OfficialList,
  province: Province,
  now: Date,
): Promise<MergesReport> {
  const official = new Set(list.communesOf(province.code).map((c) => c.code));
  const units = (await listUnits(db)).filter((u) => u.province === province.name && official.has(u.code));
  const rows: Array<Omit<PredecessorRow, 'source'>> = [];
  for (const u of units) {
    for (const r of list.predecessorsOf(u.code)) {
      if (r.oldCode === u.code) continue;
      rows.push({
        unitCode: u.code,
        oldCode: r.oldCode,
        oldName: r.oldName,
        oldProvince: r.oldProvince,
        share: r.share,
        validTo: REFORM_DAY,
      });
    }
  }
  const added = await recordOfficialPredecessors(db, rows, now);
  // Old communes that are units here (a report of 2023 under the old code): they end on the reform day.
  const recorded = await listPredecessorRows(
    db,
    units.map((u) => u.code),
  );
  const oldUnits = await findUnitsByCodes(db, [...new Set(recorded.map((r) => r.oldCode))]);
  const closures: Array<{ code: string; validTo: string; successorCode?: string }> = [];
  for (const [code, old] of oldUnits) {
    // A code of the new list is a unit that goes on (the new commune kept the code), never closed here.
    if (list.commune(code) || old.validTo) continue;
    const into = recorded.filter((r) => r.oldCode === code);
    const whole = into.length === 1 && into[0]?.share === 'whole' ? into[0].unitCode : undefined;
    closures.push({ code, validTo: REFORM_DAY, ...(whole ? { successorCode: whole } : {}) });
  }
  const closed = await closeUnits(db, closures);
  return { units: units.length, rows: recorded.length, added, closed };
}
