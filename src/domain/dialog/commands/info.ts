/** What an officer asks about the report: the gaps, the progress, the deadlines, the history. */
import { applicableTotal, evaluateFramework, tally } from '../../evaluation/evaluate.js';
import { scoreFramework } from '../../evaluation/score.js';
import { msg } from '../../messages/index.js';
import { daysLeft, deadlineFor } from '../../periods/deadlines.js';
import { currentQuarter, type Period, periodKey, previousPeriod } from '../../periods/periods.js';
import type { Deadline } from '../../reminders/calendar.js';
import { progressOf } from '../../reminders/plan.js';
import { buildGapReport } from '../../report/gaps.js';
import { opensPeriod } from '../../units/frameworks.js';
import { type Draft, noteOtherReports, periodOf, remindOfWaiting } from '../draft.js';
import type { StepContext } from '../protocol.js';
import type { DialogState } from '../state.js';

/** How long after its deadline an unfinished report is still shown as overdue by "hạn nộp". */
const OVERDUE_SHOWN_DAYS = 30;
/** Ad hoc deadlines "hạn nộp" lists: those due within this many days. */
const AD_HOC_SHOWN_DAYS = 60;

/** "chưa đạt": the gap report of a period. */
export function showGaps(state: DialogState, period: Period | undefined, d: Draft): DialogState {
  const { ctx } = d;
  const key = periodOf(period, state, ctx);
  d.say(msg.gapReport(buildGapReport(ctx.framework, ctx.unit, key, d.answers(key), ctx.evidence.get(key))));
  noteOtherReports(state, key, period !== undefined, d);
  remindOfWaiting(state, d);
  return state;
}

/** "tiến độ": answered x/y, met m/n. */
export function showProgress(state: DialogState, period: Period | undefined, d: Draft): DialogState {
  const { ctx } = d;
  const key = periodOf(period, state, ctx);
  const answers = d.answers(key);
  const answered = ctx.questions.filter((q) => answers.has(q.key)).length;
  const evaluations = evaluateFramework(ctx.framework, answers);
  const t = tally(evaluations);
  const score = scoreFramework(ctx.framework, evaluations, answers);
  d.say(msg.progress(key, answered, ctx.questions.length, t.met, applicableTotal(t), t.notMet, score));
  noteOtherReports(state, key, period !== undefined, d);
  remindOfWaiting(state, d);
  return state;
}

/**
 * The deadlines of the unit's province still ahead, soonest first: the next quarterly and the
 * next yearly report, and the ad hoc ones due within two months. Reminders go by the same list.
 */
export function upcomingDeadlines(ctx: Pick<StepContext, 'now' | 'deadlines'>): Deadline[] {
  const now = ctx.now.getTime();
  const ahead = ctx.deadlines.filter((x) => x.due.getTime() >= now);
  const quarter = ahead.find((x) => x.key.startsWith('quy:'));
  const year = ahead.find((x) => x.key.startsWith('nam:'));
  const adHoc = ahead.filter(
    (x) => x.key.startsWith('adhoc:') && x.due.getTime() - now <= AD_HOC_SHOWN_DAYS * 86_400_000,
  );
  // A unit on several frameworks may have two reports for the same period: both are listed.
  return ahead.filter(
    (x) =>
      (quarter && x.key.startsWith('quy:') && x.period === quarter.period) ||
      (year && x.key.startsWith('nam:') && x.period === year.period) ||
      adHoc.includes(x),
  );
}

/**
 * The reports whose deadline has passed in the last 30 days unfinished and not submitted: this
 * quarter's (due within the quarter), the previous quarter's, and this year's (15/11).
 */
function overdue(
  d: Draft,
  framework?: string,
): Array<{ period: string; due: Date; unanswered: number; total: number; framework?: string }> {
  const { ctx } = d;
  // A unit on several frameworks: each framework's reports, named.
  if (ctx.reports && framework === undefined)
    return ctx.reports.flatMap((r) => overdue(d.on(r), r.framework.name));
  const quarter = currentQuarter(ctx.now);
  const candidates: Period[] = [quarter, previousPeriod(quarter), { type: 'year', year: quarter.year }];
  return candidates.flatMap((p) => {
    if (!opensPeriod(ctx.framework, periodKey(p))) return [];
    const period = periodKey(p);
    const due = deadlineFor(p, ctx.calendar).due;
    const ago = -daysLeft(ctx.now, due);
    if (due.getTime() >= ctx.now.getTime() || ago > OVERDUE_SHOWN_DAYS || ctx.submissions.get(period))
      return [];
    const progress = progressOf(ctx.framework, d.answers(period));
    if (progress.unanswered.length === 0) return [];
    return [
      {
        period,
        due,
        unanswered: progress.unanswered.length,
        total: progress.total,
        ...(framework ? { framework } : {}),
      },
    ];
  });
}

/** "hạn nộp": the reports overdue, then the coming deadlines with the days left. */
export function showDeadlines(state: DialogState, d: Draft): DialogState {
  const { ctx } = d;
  const items = upcomingDeadlines(ctx).map((x) => ({
    name: x.name,
    due: x.due,
    days: daysLeft(ctx.now, x.due),
  }));
  d.say(msg.deadlines(items, overdue(d)));
  remindOfWaiting(state, d);
  return state;
}

/** "lịch sử": the unit's reported periods, and those of the units merged into it. */
export function showHistory(state: DialogState, d: Draft): DialogState {
  d.say(msg.history(d.ctx.unit.name, d.ctx.history ?? []));
  remindOfWaiting(state, d);
  return state;
}
