/**
 * Whether a unit still exists: a commune merged into another (Nghị quyết sắp xếp đơn vị hành chính
 * 2025) or closed ends on a day (`validTo`, "YYYY-MM-DD", the first day it no longer exists). From
 * then on it accepts no invites, no new reports and no reminders, and is not counted among the
 * active units; its past reports stay, and show in its successor's history.
 */
import { fromKey, vnDate } from '../periods/periods.js';
import type { Share } from './official.js';

export interface UnitLife {
  code: string;
  name: string;
  validTo?: string;
}

/** Where a closed unit went: the units that took it over (several when it was split). */
export interface Successor {
  code: string;
  name: string;
  share: Share;
}

/** The Vietnam calendar day of an instant, "YYYY-MM-DD". */
export function vnDay(now: Date): string {
  const d = vnDate(now);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Whether the unit exists on a day ("YYYY-MM-DD"). */
export function isActiveOn(unit: UnitLife, day: string): boolean {
  return unit.validTo === undefined || unit.validTo > day;
}

/** Whether the unit exists at an instant (Vietnam's calendar day). */
export function isActive(unit: UnitLife, now: Date): boolean {
  return isActiveOn(unit, vnDay(now));
}

/** The first day of a period ("2026-Q4" → "2026-10-01"). */
export function periodStart(key: string): string {
  const p = fromKey(key);
  if (!p) return '0000-01-01';
  const month = p.type === 'year' ? 1 : (p.quarter - 1) * 3 + 1;
  return `${p.year}-${String(month).padStart(2, '0')}-01`;
}

/**
 * Whether the unit reports for a period: it existed when the period began. A commune merged on
 * 1/7/2025 counts in the overviews of 2025-Q2 and before, not after.
 */
export function activeInPeriod(unit: UnitLife, period: string): boolean {
  return isActiveOn(unit, periodStart(period));
}
