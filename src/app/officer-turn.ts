/**
 * An officer's message: load what the dialog asks for → `step` → write the effects, the delivery
 * key and the new dialog state in one transaction → the replies (documents made, supervisors told).
 */

import type { Identity } from '../domain/access.js';
import { answersAcross } from '../domain/catalog/carry-across.js';
import { judgedOn } from '../domain/catalog/groups.js';
import { listQuestions } from '../domain/catalog/load.js';
import type { Framework } from '../domain/catalog/types.js';
import type { FrameworkReport, Inbound, Reply } from '../domain/dialog/protocol.js';
import { type DialogState, restoreState } from '../domain/dialog/state.js';
import { loadPlan, step, waitingOf } from '../domain/dialog/step.js';
import type { AnswerMap } from '../domain/evaluation/evaluate.js';
import { msg } from '../domain/messages/index.js';
import { currentQuarter, findPeriod, periodKey } from '../domain/periods/periods.js';
import { unitDeadlines } from '../domain/reminders/calendar.js';
import {
  frameworkIdAt,
  frameworkIdsAt,
  frameworkIdsOf,
  openFrameworkIdsAt,
  openPeriodOf,
  opensPeriod,
  replacedFrameworkIds,
} from '../domain/units/frameworks.js';
import { loadAnswers, loadEvidenceCounts } from '../storage/answers.js';
import { loadDialog } from '../storage/dialog.js';
import { commitTurn } from '../storage/effects.js';
import { getReminderSettings } from '../storage/reminders.js';
import { loadSubmissions } from '../storage/submissions.js';
import { findUnitById, type UnitRecord } from '../storage/units.js';
import type { CalendarCache } from './calendars.js';
import { drawCode } from './codes.js';
import { attachDocuments } from './documents.js';
import { unitHistory } from './history.js';
import { announceSubmission } from './notify.js';
import type { HandleOptions, Turn } from './turn.js';
import type { AppDeps } from './types.js';
import { closureOf } from './units.js';

/**
 * A period before a framework move (a new version added and the old removed from the same period)
 * holds its answers under the framework the unit left: they are read as this framework's where the
 * codes map (`answersAcross`), so that "giữ tất cả" and "như cũ" find last period's results. Only
 * for a period the unit did not report on under this framework; nothing is written here.
 */
async function addReplacedAnswers(
  deps: AppDeps,
  unit: UnitRecord,
  fw: Framework,
  period: string,
  answers: Map<string, AnswerMap>,
): Promise<void> {
  for (const [p, list] of answers) {
    if (list.size > 0 || frameworkIdsAt(unit, p).includes(fw.id)) continue;
    for (const id of replacedFrameworkIds(unit, p, period)) {
      const old = deps.frameworks.get(id);
      if (!old) continue;
      const before = (await loadAnswers(deps.db, { unitId: unit.id, frameworkId: id }, [p])).get(p);
      if (before && before.size > 0) {
        answers.set(p, answersAcross(old, fw, before));
        break;
      }
    }
  }
}

/** How many times a turn runs again after another writer saved the same dialog first. */
const MAX_ATTEMPTS = 5;

/** The text of a message, or an attachment's caption. */
function textOf(input: string | Inbound): string {
  return typeof input === 'string' ? input : input.type === 'text' ? input.text : (input.caption ?? '');
}

/**
 * The period a message is about: named in it, else the one being walked, else the period open now
 * on the framework the dialog is on (this quarter; this year for a yearly framework).
 */
function dialogPeriod(state: DialogState, input: string | Inbound, now: Date, framework?: Framework): string {
  // The answer to "báo cáo nào?" names a framework, whose name may hold a year: not a period.
  const named = state.mode.type === 'pick_report' ? undefined : findPeriod(textOf(input), now);
  if (named) return periodKey(named.period);
  const walked = state.walk?.period ?? ('period' in state.mode ? state.mode.period : undefined);
  return walked ?? (framework ? openPeriodOf(framework, now) : periodKey(currentQuarter(now)));
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
    // one open now on the framework the dialog is on) picks the unit's framework for it (the one the
    // dialog is on when it takes that period), then the targets of its year and group.
    const onNow = state.framework ? deps.frameworks.get(state.framework) : undefined;
    const first = deps.frameworks.get(frameworkIdAt(unit, periodKey(currentQuarter(now))));
    const period = dialogPeriod(state, input, now, onNow ?? first);
    const open = openFrameworkIdsAt(unit, period, (id) => deps.frameworks.get(id));
    const frameworkId =
      state.framework && open.includes(state.framework)
        ? state.framework
        : (open[0] ?? frameworkIdAt(unit, period));
    const installed = deps.frameworks.get(frameworkId);
    if (!installed) {
      deps.logger?.error({ unit: unit.code, framework: frameworkId }, 'framework not installed');
      return { replies: [{ text: msg.frameworkMissing(frameworkId) }], waiting: undefined };
    }
    const fw = judgedOn(installed, unit.group, period);
    const [province, reminders] = await Promise.all([
      calendars.forProvince(unit.province, now),
      getReminderSettings(deps.db, officer.personId),
    ]);
    const deadlines = unitDeadlines(province.deadlines, unit, deps.frameworks);
    const plan = loadPlan(state, input, now, deadlines);
    const loadFor = async (f: Framework) => {
      const scope = { unitId: unit.id, frameworkId: f.id };
      const [answers, evidence, submissions] = await Promise.all([
        loadAnswers(deps.db, scope, plan.periods),
        loadEvidenceCounts(deps.db, scope, plan.periods),
        loadSubmissions(deps.db, scope, plan.periods),
      ]);
      await addReplacedAnswers(deps, unit, f, period, answers);
      return { answers, evidence, submissions };
    };
    const [data, history] = await Promise.all([
      loadFor(fw),
      plan.history ? unitHistory(deps.db, deps.frameworks, unit) : undefined,
    ]);
    // Several frameworks now: each that takes a report for the period named (or its own period).
    const reports = await openReports(deps, unit, state, textOf(input), now, period, fw, data, loadFor);
    const result = step(state, input, {
      now,
      framework: fw,
      questions: listQuestions(fw),
      unit: { code: unit.code, name: unit.name, province: unit.province },
      ...data,
      calendar: province.calendar,
      deadlines,
      reminders,
      newCode: (deps.randomCode ?? drawCode)(),
      ...(history ? { history } : {}),
      ...(reports ? { reports } : {}),
    });
    // The effects are written under the framework the step worked on (another one when "báo cáo nào?" was answered).
    const onFw = result.frameworkId
      ? (reports?.find((r) => r.framework.id === result.frameworkId)?.framework ?? fw)
      : fw;
    const scope = { unitId: unit.id, frameworkId: onFw.id };
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
      const told = await announceSubmission(deps, unit, onFw, submitted.period, now).catch((err) => {
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
      async (req) => {
        if (req.unitCode && req.unitCode !== unit.code) return undefined;
        const other = req.frameworkId
          ? reports?.find((r) => r.framework.id === req.frameworkId)?.framework
          : undefined;
        return { unit, fw: other ?? onFw };
      },
      deps.db,
      now,
    );
    return { replies, waiting: waitingOf(result.state) };
  }
}

/**
 * The reports open for a unit on several frameworks now: each framework that takes a report for
 * the period the message names, or for its own period (this quarter, this year for a yearly one),
 * judged with the targets of that period. Undefined for a unit on one framework.
 */
async function openReports(
  deps: AppDeps,
  unit: UnitRecord,
  state: DialogState,
  text: string,
  now: Date,
  period: string,
  current: Framework,
  currentData: Omit<FrameworkReport, 'framework' | 'questions' | 'period'>,
  loadFor: (f: Framework) => Promise<Omit<FrameworkReport, 'framework' | 'questions' | 'period'>>,
): Promise<FrameworkReport[] | undefined> {
  const quarter = currentQuarter(now);
  const nowIds = new Set([
    ...frameworkIdsAt(unit, periodKey(quarter)),
    ...frameworkIdsAt(unit, String(quarter.year)),
  ]);
  if (nowIds.size < 2) return undefined;
  // While "báo cáo nào?" waits, the reports offered are those of its choices.
  const offered = state.mode.type === 'pick_report' ? state.mode.options : undefined;
  const named = offered ? undefined : findPeriod(text, now);
  const out: FrameworkReport[] = [];
  for (const id of frameworkIdsOf(unit)) {
    const installed = deps.frameworks.get(id);
    if (!installed) continue;
    const at =
      offered?.find((o) => o.framework === id)?.period ??
      (named ? periodKey(named.period) : openPeriodOf(installed, now));
    if (!frameworkIdsAt(unit, at).includes(id) || !opensPeriod(installed, at)) continue;
    const fw = id === current.id ? current : judgedOn(installed, unit.group, at);
    const data = id === current.id ? currentData : await loadFor(fw);
    out.push({ framework: fw, questions: listQuestions(fw), period: at, ...data });
  }
  // The framework the dialog is on (for the period it works on) is always among them.
  if (!out.some((r) => r.framework.id === current.id)) {
    out.unshift({ framework: current, questions: listQuestions(current), period, ...currentData });
  }
  return out;
}
