/** Notices the bot sends on its own initiative after a turn: to supervisors, to a unit's officers. */
import type { Framework } from '../domain/catalog/types.js';
import { applicableTotal, evaluateFramework, tally } from '../domain/evaluation/evaluate.js';
import { scoreFramework } from '../domain/evaluation/score.js';
import { unitOnFramework } from '../domain/messages/format.js';
import { msg } from '../domain/messages/index.js';
import { frameworkIdsAt } from '../domain/units/frameworks.js';
import { loadAnswers } from '../storage/answers.js';
import { listOfficersOfUnit, listOverseers } from '../storage/officers.js';
import { loadSubmissions } from '../storage/submissions.js';
import type { UnitRecord } from '../storage/units.js';
import type { AppDeps } from './types.js';

/**
 * Tells the supervisors of a unit (and the admins) that it submitted a period. True only when a
 * supervisor was reached: the officer is told "Cán bộ giám sát đã được thông báo" on that alone
 * (an admin told, or a supervisor whose messenger is not running, does not make it true).
 */
export async function announceSubmission(
  deps: AppDeps,
  unit: UnitRecord,
  fw: Framework,
  period: string,
  now: Date,
): Promise<boolean> {
  const notify = deps.notify;
  if (!notify) return false;
  const scope = { unitId: unit.id, frameworkId: fw.id };
  const [answers, submissions, overseers] = await Promise.all([
    loadAnswers(deps.db, scope, [period]),
    loadSubmissions(deps.db, scope, [period]),
    listOverseers(deps.db, unit),
  ]);
  const map = answers.get(period) ?? new Map();
  const evaluations = evaluateFramework(fw, map);
  const t = tally(evaluations);
  const score = scoreFramework(fw, evaluations, map);
  const sub = submissions.get(period);
  // A unit on several frameworks for the period: the supervisors are told which report it was.
  const several = frameworkIdsAt(unit, period).length > 1;
  const text = msg.unitSubmitted(
    several ? unitOnFramework(unit.name, fw.name) : unit.name,
    unit.code,
    period,
    now,
    sub?.onTime ?? true,
    t.met,
    applicableTotal(t),
    score,
  );
  let told = false;
  for (const person of overseers) {
    for (const identity of person.identities) {
      const delivered = (await notify(identity, [{ text }])) !== false;
      if (delivered && person.role === 'supervisor') told = true;
    }
  }
  if (!told) deps.logger?.info({ unit: unit.code, period }, 'unit submitted; no supervisor to tell yet');
  return told;
}

/** Tells a unit's officers that a supervisor unlocked their submitted report. */
export async function announceUnlock(
  deps: AppDeps,
  unit: UnitRecord,
  period: string,
  framework?: string,
): Promise<void> {
  const notify = deps.notify;
  if (!notify) return;
  for (const officer of await listOfficersOfUnit(deps.db, unit.id)) {
    for (const identity of officer.identities)
      await notify(identity, [{ text: msg.unlockedForOfficer(period, framework) }]);
  }
}
