/** A supervisor's or admin's message: load the units in scope, answer with `superviseStep`, unlock. */

import { type Actor, canSeeUnit, canUnlock } from '../domain/access.js';
import { forGroup, judgedOn } from '../domain/catalog/groups.js';
import { parseSupervisorCommand, superviseStep } from '../domain/dialog/commands/supervisor.js';
import type { DrilledUnit, Inbound, SupervisorCommand } from '../domain/dialog/protocol.js';
import { answerMapOf } from '../domain/evaluation/statuses.js';
import { type UnitStatus, unitStatusFor } from '../domain/evaluation/unit-status.js';
import { msg } from '../domain/messages/index.js';
import { unitAt } from '../domain/units/frameworks.js';
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
  // Each unit as it reports for the period: the framework it was on then.
  const units = (await listUnits(deps.db))
    .filter((u) => canSeeUnit(actor, u))
    .map((u) => unitAt(u, cmd.period));
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
  const statusOf = new Map<string, ReturnType<typeof unitStatusFor>>();
  const none = { keys: [], answers: [] };
  for (const u of units) {
    const installed = deps.frameworks.get(u.frameworkId);
    if (!installed) continue;
    const fw = judgedOn(installed, u.group, cmd.period);
    let of = statusOf.get(`${fw.id}|${u.group ?? 0}`);
    if (!of) {
      of = unitStatusFor(fw);
      statusOf.set(`${fw.id}|${u.group ?? 0}`, of);
    }
    const status = of(u, answers.get(`${u.id}|${u.frameworkId}`) ?? none, submissions.get(u.id));
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
    const unit = units.find((u) => u.code === unitCode);
    if (unit && canUnlock(actor, unit)) {
      await unlockSubmission(
        deps.db,
        { unitId: unit.id, frameworkId: unit.frameworkId },
        period,
        actor.personId,
        now,
      );
      await announceUnlock(deps, unit, period);
    }
  }
  return attachDocuments(
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
  return {
    unit: { code: unit.code, name: unit.name, province: unit.province },
    framework: fw,
    answers: answersOf(unit),
    ...(history ? { history } : {}),
  };
}
