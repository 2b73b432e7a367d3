/**
 * Targets by NTM commune group (QĐ 51/2025/QĐ-TTg: every criterion has thresholds per xã nhóm 1,
 * 2, 3) and by year (targets "giao hằng năm"; `judgedOn` picks the period's year
 * first). `forGroup` gives the framework as a unit of a group is judged on it: each criterion with
 * targets per group takes its group's. A unit whose group is not set is not judged on a guess: at
 * such a criterion its target becomes the officer's own đạt/chưa đạt, worded so, and
 * `criteriaNeedingGroup` lets the administrator be told.
 */
import type { Criterion, Framework, GroupTargets, SubPoint, Target, YearTargets } from './types.js';

export type CommuneGroup = 1 | 2 | 3;

/** The target of a criterion when the unit has no group: said as such, judged by the officer. */
export const NO_GROUP_TARGET: Target = {
  op: 'self',
  text: 'theo nhóm xã',
  assumed:
    'Chỉ tiêu khác nhau theo nhóm xã (nhóm 1, 2, 3) nhưng đơn vị chưa được xếp nhóm: chưa đánh giá theo ngưỡng, cán bộ xã tự đánh giá; đề nghị quản trị xếp nhóm cho đơn vị.',
};

function pick<T extends { target: Target; byGroup?: GroupTargets; byYear?: YearTargets }>(
  leaf: T,
  group: CommuneGroup | undefined,
  year: string | undefined,
): T {
  // The year's own target first ("giao hằng năm"), then the group's.
  const yearly = year ? leaf.byYear?.[year] : undefined;
  if (yearly) return { ...leaf, target: yearly };
  if (!leaf.byGroup) return leaf;
  const own = group ? leaf.byGroup[String(group) as '1' | '2' | '3'] : undefined;
  return { ...leaf, target: own ?? (group ? leaf.target : NO_GROUP_TARGET) };
}

const cache = new WeakMap<Framework, Map<string, Framework>>();

/** Whether a framework has any target per commune group or per year. */
function hasVaryingTargets(fw: Framework): boolean {
  return fw.groups.some((g) =>
    g.criteria.some((c) => c.byGroup || c.byYear || (c.parts ?? []).some((p) => p.byGroup || p.byYear)),
  );
}

/** The years a framework has targets of its own for. */
export function yearsWithTargets(fw: Framework): string[] {
  const years = new Set<string>();
  for (const g of fw.groups)
    for (const c of g.criteria)
      for (const leaf of [c, ...(c.parts ?? [])])
        for (const y of Object.keys(leaf.byYear ?? {})) years.add(y);
  return [...years].sort();
}

/** The codes of the criteria whose target depends on the commune group. */
export function criteriaNeedingGroup(fw: Framework): string[] {
  return fw.groups.flatMap((g) =>
    g.criteria.filter((c) => c.byGroup || (c.parts ?? []).some((p) => p.byGroup)).map((c) => c.code),
  );
}

/** The framework as a unit of `group` (or of no group) is judged on it; the same object when nothing differs. */
export function forGroup(fw: Framework, group: CommuneGroup | undefined): Framework {
  return judgedOn(fw, group, undefined);
}

/**
 * The framework as a unit of `group` is judged on it for the period `period` ("2027-Q1", "2027"):
 * the targets of the period's year where the framework sets them, then those of the group.
 */
export function judgedOn(
  fw: Framework,
  group: CommuneGroup | undefined,
  period: string | undefined,
): Framework {
  if (!hasVaryingTargets(fw)) return fw;
  const year = period ? /^(\d{4})/.exec(period)?.[1] : undefined;
  const withYear = year && yearsWithTargets(fw).includes(year) ? year : undefined;
  let byGroup = cache.get(fw);
  if (!byGroup) {
    byGroup = new Map();
    cache.set(fw, byGroup);
  }
  const key = `${group ?? 0}|${withYear ?? ''}`;
  let out = byGroup.get(key);
  if (!out) {
    out = Object.freeze({
      ...fw,
      groups: fw.groups.map((g) => ({
        ...g,
        criteria: g.criteria.map(
          (c): Criterion => ({
            ...pick(c, group, withYear),
            ...(c.parts ? { parts: c.parts.map((p): SubPoint => pick(p, group, withYear)) } : {}),
          }),
        ),
      })),
    });
    byGroup.set(key, out);
  }
  return out;
}
