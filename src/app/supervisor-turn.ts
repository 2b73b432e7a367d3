/** A supervisor's or admin's message: load the units in scope, answer with `superviseStep`, unlock. */

import { type Actor, canSeeUnit, canUnlock } from '../domain/access.js';
import { forGroup, judgedOn } from '../domain/catalog/groups.js';
import { listCriteria } from '../domain/catalog/load.js';
import { parseSupervisorCommand, superviseStep } from '../domain/dialog/commands/supervisor.js';
import type { DrilledUnit, Inbound, SupervisorCommand } from '../domain/dialog/protocol.js';
import { answerMapOf, perFramework, statusesFor } from '../domain/evaluation/statuses.js';
import { type UnitStatus, unitStatusFor } from '../domain/evaluation/unit-status.js';
import { msg } from '../domain/messages/index.js';
import { unitsAt } from '../domain/units/frameworks.js';
import { activeInPeriod } from '../domain/units/lifecycle.js';
import { loadPeriodAnswerLists } from '../storage/answers.js';
import { countOfficersByUnit } from '../storage/officers.js';
import { listSubmissionsForPeriod, unlockSubmission } from '../storage/submissions.js';
import { listPredecessors, listUnits, type UnitRecord } from '../storage/units.js';
import { attachDocuments } from './documents.js';
import { unitHistory } from './history.js';
import { announceUnlock } from './notify.js';
import { scopeOf } from './onboarding.js';
import type { AppDeps, Outgoing } from './types.js';

type Overseer = Exclude<Actor, { role: 'officer' }>;

/** One supervisor turn; nothing of a unit outside the actor's scope is ever loaded into a reply. */
export async function superviseTurn(
  deps: AppDeps,
  actor: Overseer,
  input: Inbound,
  now: Date,
): Promise<Outgoing[]> {
  if (input.type !== 'text') return [{ text: msg.textOnly() }];
  const cmd = parseSupervisorCommand(input.text, now);
  const scope = scopeOf(actor);
  if (cmd.type === 'help') return [{ text: msg.supervisorHelp(scope) }];
  // Each unit as it reports for the period: once for each framework it was on then.
  const units = (await listUnits(deps.db))
    .filter((u) => canSeeUnit(actor, u))
    .flatMap((u) => unitsAt(u, cmd.period));
  const [answers, submissions, officers] = await Promise.all([
    loadPeriodAnswerLists(
      deps.db,
      cmd.period,
      actor.role === 'supervisor' && actor.province ? { province: actor.province } : {},
    ),
    listSubmissionsForPeriod(deps.db, cmd.period),
    cmd.type === 'overview' ? countOfficersByUnit(deps.db) : undefined,
  ]);
  const statuses: UnitStatus[] = [];
  const statusOf = perFramework(unitStatusFor);
  const none = { keys: [], answers: [] };
  for (const u of units) {
    const installed = deps.frameworks.get(u.frameworkId);
    if (!installed) continue;
    const status = statusOf(judgedOn(installed, u.group, cmd.period))(
      u,
      answers.get(`${u.id}|${u.frameworkId}`) ?? none,
      submissions.get(`${u.id}|${u.frameworkId}`),
    );
    // The overview counts the units that existed in the period and flags those with no officer.
    statuses.push({
      ...status,
      ...(officers ? { officers: officers.get(u.id) ?? 0 } : {}),
      ...(activeInPeriod(u, cmd.period) ? {} : { closed: true }),
    });
  }
  const drilled = await drill(deps, cmd, units, (u) => answerMapOf(answers.get(`${u.id}|${u.frameworkId}`)));
  const result = superviseStep(cmd, { now, scope, units: statuses, ...(drilled ? { drilled } : {}) });
  if (result.unlock) {
    const { unitCode, period } = result.unlock;
    // A unit on several frameworks: its submitted report of each is unlocked.
    const entries = units.filter((u) => u.code === unitCode && canUnlock(actor, u));
    const opened: typeof entries = [];
    for (const unit of entries) {
      const done = await unlockSubmission(
        deps.db,
        { unitId: unit.id, frameworkId: unit.frameworkId },
        period,
        actor.personId,
        now,
      );
      if (done) opened.push(unit);
    }
    // The officers are told which report opened; with one framework, as before (no name).
    if (entries.length === 1 && entries[0]) await announceUnlock(deps, entries[0], period);
    else
      for (const unit of opened)
        await announceUnlock(
          deps,
          unit,
          period,
          deps.frameworks.get(unit.frameworkId)?.name ?? unit.frameworkId,
        );
  }
  const outgoing = await attachDocuments(
    result.replies,
    async (req) => {
      const unit = units.find((u) => u.code === req.unitCode);
      const installed = unit ? deps.frameworks.get(unit.frameworkId) : undefined;
      const fw = unit && installed ? forGroup(installed, unit.group) : undefined;
      return unit && fw && canSeeUnit(actor, unit) ? { unit, fw } : undefined;
    },
    deps.db,
    now,
  );
  // "/tonghop" and "tiến độ" come with their chart as a picture.
  if (cmd.type === 'overview') {
    const picture = await overviewPicture(deps, units, answers, cmd.period, scope).catch((err: unknown) => {
      deps.logger?.warn({ err: (err as Error).message }, 'overview chart not drawn');
      return undefined;
    });
    if (picture) outgoing.push(picture);
  }
  return outgoing;
}

/**
 * The share of the units meeting each criterion, as a PNG (the web view's bar chart), for the
 * framework most units in scope report on; undefined when no unit has answered.
 */
async function overviewPicture(
  deps: AppDeps,
  units: readonly UnitRecord[],
  answers: Awaited<ReturnType<typeof loadPeriodAnswerLists>>,
  period: string,
  scope: ReturnType<typeof scopeOf>,
): Promise<Outgoing | undefined> {
  const active = units.filter((u) => activeInPeriod(u, period));
  const count = new Map<string, number>();
  for (const u of active) count.set(u.frameworkId, (count.get(u.frameworkId) ?? 0) + 1);
  const fwId = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  const fw = fwId ? deps.frameworks.get(fwId) : undefined;
  if (!fw) return undefined;
  // Each unit judged with the targets of its commune group and of the period's year.
  const judge = perFramework(statusesFor);
  const criteria = listCriteria(fw).map((c) => c.criterion.code);
  const met = new Array<number>(criteria.length).fill(0);
  const applicable = new Array<number>(criteria.length).fill(0);
  let answered = 0;
  for (const u of active) {
    if (u.frameworkId !== fw.id) continue;
    const list = answers.get(`${u.id}|${fw.id}`);
    if (!list || list.keys.length === 0) continue;
    answered++;
    judge(judgedOn(fw, u.group, period))(list).statuses.forEach((s, i) => {
      if (s === 'not_applicable') return;
      applicable[i] = (applicable[i] ?? 0) + 1;
      if (s === 'met') met[i] = (met[i] ?? 0) + 1;
    });
  }
  if (answered === 0) return undefined;
  const { barChartPng } = await import('../reports/chart-image.js');
  const bytes = await barChartPng({
    title: msg.overviewChartTitle(period, scope),
    subtitle: msg.overviewChartSubtitle(answered, fw.name),
    labels: criteria,
    values: criteria.map((_, i) =>
      (applicable[i] ?? 0) ? Math.round((1000 * (met[i] ?? 0)) / (applicable[i] ?? 1)) / 10 : 0,
    ),
    label: msg.overviewChartLabel(),
    max: 100,
  });
  return {
    text: msg.overviewChartCaption(period),
    file: { fileName: `bieu-do-${period}.png`, mime: 'image/png', bytes },
  };
}

/** The unit a "/tonghop <mã>" names, with its answers and, for a merged unit, its history. */
async function drill(
  deps: AppDeps,
  cmd: SupervisorCommand,
  units: readonly UnitRecord[],
  answersOf: (u: UnitRecord) => DrilledUnit['answers'],
): Promise<DrilledUnit | undefined> {
  if (cmd.type !== 'unit') return undefined;
  const unit = units.find((u) => u.code.toLowerCase() === cmd.unitCode.toLowerCase());
  const installed = unit ? deps.frameworks.get(unit.frameworkId) : undefined;
  const fw = unit && installed ? judgedOn(installed, unit.group, cmd.period) : undefined;
  if (!unit || !fw) return undefined;
  const merged = (await listPredecessors(deps.db, unit.code)).length > 0;
  const history = merged ? await unitHistory(deps.db, deps.frameworks, unit) : undefined;
  // The same unit on its other frameworks for the period (one entry each in `units`).
  const also = units
    .filter((u) => u !== unit && u.code === unit.code)
    .flatMap((u) => {
      const other = deps.frameworks.get(u.frameworkId);
      return other ? [{ framework: judgedOn(other, u.group, cmd.period), answers: answersOf(u) }] : [];
    });
  return {
    unit: { code: unit.code, name: unit.name, province: unit.province },
    framework: fw,
    answers: answersOf(unit),
    ...(also.length > 0 ? { also } : {}),
    ...(history ? { history } : {}),
  };
}
