/**
 * Units as they stand: whether one still exists (a commune merged in 2025 does not), where a closed
 * one went, and what a closed one answers to whoever tries to use it.
 */
import { isActive, type Successor } from '../domain/units/lifecycle.js';
import type { Db } from '../storage/db.js';
import { findUnitsByCodes, listSuccessorRows, type UnitRecord } from '../storage/units.js';

/** How a unit ended: the day, and the units that took it over (none when it was simply closed). */
export interface Closure {
  since: string;
  successors: Successor[];
}

/** Undefined while the unit exists at `now`; otherwise when it ended and where it went. */
export async function closureOf(db: Db, unit: UnitRecord, now: Date): Promise<Closure | undefined> {
  if (isActive(unit, now) || !unit.validTo) return undefined;
  const rows = await listSuccessorRows(db, unit.code);
  const codes = [
    ...new Set([...rows.map((r) => r.unitCode), ...(unit.successorCode ? [unit.successorCode] : [])]),
  ];
  const units = await findUnitsByCodes(db, codes);
  const successors: Successor[] = codes
    .filter((c) => c !== unit.code)
    .map((code) => ({
      code,
      name: units.get(code)?.name ?? code,
      share: rows.find((r) => r.unitCode === code)?.share ?? 'whole',
    }));
  return { since: unit.validTo, successors };
}
