/**
 * An officer's message: load what the dialog asks for → `step` → write the effects, the delivery
 * key and the new dialog state in one transaction → the replies (documents made, supervisors told).
 */

import type { Identity } from '../domain/access.js';
import { judgedOn } from '../domain/catalog/groups.js';
import { listQuestions } from '../domain/catalog/load.js';
import type { Inbound, Reply } from '../domain/dialog/protocol.js';
import { type DialogState, restoreState } from '../domain/dialog/state.js';
import { loadPlan, step, waitingOf } from '../domain/dialog/step.js';
import { msg } from '../domain/messages/index.js';
import { currentQuarter, findPeriod, periodKey } from '../domain/periods/periods.js';
import { frameworkIdAt } from '../domain/units/frameworks.js';
import { loadAnswers, loadEvidenceCounts } from '../storage/answers.js';
import { loadDialog } from '../storage/dialog.js';
import { commitTurn } from '../storage/effects.js';
import { getReminderSettings } from '../storage/reminders.js';
import { loadSubmissions } from '../storage/submissions.js';
import { findUnitById } from '../storage/units.js';
import type { CalendarCache } from './calendars.js';
import { drawCode } from './codes.js';
import { attachDocuments } from './documents.js';
import { unitHistory } from './history.js';
import { announceSubmission } from './notify.js';
import type { HandleOptions, Turn } from './turn.js';
import type { AppDeps } from './types.js';
import { closureOf } from './units.js';

/** How many times a turn runs again after another writer saved the same dialog first. */
const MAX_ATTEMPTS = 5;

/** The period a message is about: named in it, else the one being walked, else the current quarter. */
function dialogPeriod(state: DialogState, input: string | Inbound, now: Date): string {
  const text = typeof input === 'string' ? input : input.type === 'text' ? input.text : (input.caption ?? '');
  const named = findPeriod(text, now);
  if (named) return periodKey(named.period);
  const walked = state.walk?.period ?? ('period' in state.mode ? state.mode.period : undefined);
  return walked ?? periodKey(currentQuarter(now));
}

/** The dialog session of an officer: one per person, whichever messenger they write from. */
export function sessionKey(officerId: number): string {
  return `officer:${officerId}`;
}

export async function officerTurn(
  deps: AppDeps,
  calendars: CalendarCache,
  officer: { personId: number; unitId: number },
  who: Identity,
  input: Inbound,
  opts: HandleOptions,
): Promise<Turn> {
  const now = deps.clock();
  const unit = await findUnitById(deps.db, officer.unitId);
  if (!unit) throw new Error(`officer ${officer.personId} has no unit ${officer.unitId}`);
  // A unit merged or closed takes no new reports: say why, before any dialog.
  const closed = await closureOf(deps.db, unit, now);
  if (closed)
    return {
      replies: [{ text: msg.unitClosed(unit.name, closed.since, closed.successors) }],
      waiting: undefined,
    };
  const key = sessionKey(officer.personId);

  for (let attempt = 1; ; attempt++) {
    const stored = await loadDialog(deps.db, key);
    const { state, reset } = restoreState(stored?.state);
    if (reset) deps.logger?.warn({ sessionKey: key }, 'stale dialog state reset');
    if (opts.expect && !opts.expect(waitingOf(state)))
      return { replies: [], waiting: waitingOf(state), stale: true };
    // The period the officer works on (named in the message, else the one being walked, else the
    // current quarter) picks the unit's framework for it, then the targets of its year and group.
    const period = dialogPeriod(state, input, now);
    const frameworkId = frameworkIdAt(unit, period);
    const installed = deps.frameworks.get(frameworkId);
    if (!installed) {
      deps.logger?.error({ unit: unit.code, framework: frameworkId }, 'framework not installed');
      return { replies: [{ text: msg.frameworkMissing(frameworkId) }], waiting: undefined };
    }
    const fw = judgedOn(installed, unit.group, period);
    const scope = { unitId: unit.id, frameworkId: fw.id };
    const [province, reminders] = await Promise.all([
      calendars.forProvince(unit.province, now),
      getReminderSettings(deps.db, officer.personId),
    ]);
    const plan = loadPlan(state, input, now, province.deadlines);
    const [answers, evidence, submissions, history] = await Promise.all([
      loadAnswers(deps.db, scope, plan.periods),
      loadEvidenceCounts(deps.db, scope, plan.periods),
      loadSubmissions(deps.db, scope, plan.periods),
      plan.history ? unitHistory(deps.db, deps.frameworks, unit) : undefined,
    ]);
    const result = step(state, input, {
      now,
      framework: fw,
      questions: listQuestions(fw),
      unit: { code: unit.code, name: unit.name, province: unit.province },
      answers,
      evidence,
      calendar: province.calendar,
      deadlines: province.deadlines,
      submissions,
      reminders,
      newCode: (deps.randomCode ?? drawCode)(),
      ...(history ? { history } : {}),
    });
    const unchanged =
      result.effects.length === 0 && !reset && JSON.stringify(result.state) === JSON.stringify(stored?.state);
    if (!unchanged || opts.dedupKey !== undefined) {
      const outcome = await commitTurn(
        deps.db,
        {
          channel: who.channel,
          ...(opts.dedupKey !== undefined ? { dedupKey: opts.dedupKey } : {}),
          ...(unchanged
            ? {}
            : {
                scope,
                author: { officerId: officer.personId, channel: who.channel },
                effects: result.effects,
                session: { key, state: result.state, revision: stored?.revision ?? 0 },
              }),
        },
        now,
      );
      if (outcome === 'duplicate') {
        deps.logger?.debug({ channel: who.channel, dedupKey: opts.dedupKey }, 'duplicate update ignored');
        return { replies: [], waiting: undefined };
      }
      if (outcome === 'conflict') {
        if (attempt >= MAX_ATTEMPTS)
          throw new Error(`dialog ${key}: still conflicting after ${attempt} attempts`);
        deps.logger?.debug({ sessionKey: key, attempt }, 'dialog revision conflict, retrying');
        continue;
      }
    }
    const submitted = result.effects.find((e) => e.type === 'submit');
    const notice: Reply[] = [];
    if (submitted) {
      const told = await announceSubmission(deps, unit, fw, submitted.period, now).catch((err) => {
        deps.logger?.error(
          { err: (err as Error).message, unit: unit.code },
          'could not tell the supervisors',
        );
        return false;
      });
      notice.push({ text: told ? msg.supervisorsTold() : msg.noSupervisorYet() });
    }
    const replies = await attachDocuments(
      [...result.replies, ...notice],
      async (req) => (req.unitCode && req.unitCode !== unit.code ? undefined : { unit, fw }),
      deps.db,
      now,
    );
    return { replies, waiting: waitingOf(result.state) };
  }
}
