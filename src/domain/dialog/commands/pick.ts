/**
 * A unit on several frameworks: "báo cáo" asks which report ("1. Bộ chỉ số CĐS cấp xã năm 2026
 * (quý IV/2026) 2. NTM nâng cao (năm 2026)"), the digit or a part of the name picks it, and the
 * walk or the document follows on that framework. Gaps and progress show each framework in turn.
 */
import { fold } from '../../answers/normalize.js';
import { msg } from '../../messages/index.js';
import { fromKey, type Period, periodKey } from '../../periods/periods.js';
import { opensPeriod } from '../../units/frameworks.js';
import { type Draft, remindOfWaiting } from '../draft.js';
import type { Choice, FrameworkReport, StepContext } from '../protocol.js';
import type { DialogState } from '../state.js';
import { exportAppendix, exportDifficulties } from './documents.js';
import { startSubmit } from './submit.js';
import { startWalk } from './walk.js';

type PickMode = Extract<DialogState['mode'], { type: 'pick_report' }>;

/** The reports to choose from for a period (named, or each framework's own): two or more, else none. */
export function reportsFor(ctx: StepContext, requested: Period | undefined): FrameworkReport[] | undefined {
  const list = (ctx.reports ?? [])
    .filter((r) => !requested || opensPeriod(r.framework, periodKey(requested)))
    .map((r) => (requested ? { ...r, period: periodKey(requested) } : r));
  return list.length >= 2 ? list : undefined;
}

function choicesOf(options: PickMode['options'], ctx: StepContext): Choice[] {
  return options.map((o) => {
    const name = ctx.reports?.find((r) => r.framework.id === o.framework)?.framework.name ?? o.framework;
    // The id, short and plain, is what a tap sends (a button carries at most 64 bytes on Telegram).
    return { label: msg.reportChoice(name, o.period), input: o.framework, numbered: true };
  });
}

/** Asks which report, when the unit has two or more open; undefined when there is only one. */
export function askReport(
  state: DialogState,
  action: PickMode['action'],
  requested: Period | undefined,
  d: Draft,
  format?: 'docx' | 'xlsx',
): DialogState | undefined {
  const list = reportsFor(d.ctx, requested);
  if (!list) return undefined;
  const options = list.map((r) => ({ framework: r.framework.id, period: r.period }));
  const question =
    action === 'report'
      ? msg.pickReport()
      : action === 'appendix'
        ? msg.pickExport()
        : action === 'submit'
          ? msg.pickSubmit()
          : msg.pickDifficulties();
  d.say(question, choicesOf(options, d.ctx));
  return { ...state, mode: { type: 'pick_report', action, ...(format ? { format } : {}), options } };
}

/** The option a message picks: its digit, its framework's id (a tap), or a part of one framework's name or id (case, marks aside). */
function picked(mode: PickMode, text: string, ctx: StepContext): PickMode['options'][number] | undefined {
  if (/^[1-9]$/.test(text)) return mode.options[Number(text) - 1];
  const exact = mode.options.find((o) => o.framework === text.trim());
  if (exact) return exact;
  const typed = fold(text)
    .replace(/^bao cao\s+/, '')
    .trim();
  if (typed.length < 2) return undefined;
  const matches = mode.options.filter((o) => {
    const name = fold(
      ctx.reports?.find((r) => r.framework.id === o.framework)?.framework.name ?? o.framework,
    );
    // "cđs", "ntm": the initials of the name's words ("chuyển đổi số", "nông thôn mới") match too.
    const initials = name
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .map((w) => w[0])
      .join('');
    return (
      name.includes(typed) ||
      typed.includes(name) ||
      fold(o.framework).includes(typed) ||
      (typed.length >= 3 && !typed.includes(' ') && initials.includes(typed))
    );
  });
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The answer to "báo cáo nào?": the walk (or the document) on the chosen framework, written there.
 * Undefined when the message picks nothing, so that it is read as any other message.
 */
export function onPick(
  state: DialogState,
  mode: PickMode,
  text: string,
  d: Draft,
): { state: DialogState; d: Draft; frameworkId: string } | undefined {
  const option = picked(mode, text, d.ctx);
  const report = option && d.ctx.reports?.find((r) => r.framework.id === option.framework);
  const period = option ? fromKey(option.period) : undefined;
  if (!option || !report || !period) return undefined;
  const on = d.on(report);
  if (mode.action === 'difficulties') {
    const next = exportDifficulties({ ...state, mode: { type: 'idle' } }, period, on);
    return { state: next, d: on, frameworkId: report.framework.id };
  }
  if (mode.action === 'submit') {
    const next = startSubmit(
      { ...state, mode: { type: 'idle' }, framework: report.framework.id },
      option.period,
      true,
      on,
    );
    return { state: next, d: on, frameworkId: report.framework.id };
  }
  if (mode.action === 'appendix') {
    const next = exportAppendix({ ...state, mode: { type: 'idle' } }, mode.format ?? 'docx', period, on);
    return { state: next, d: on, frameworkId: report.framework.id };
  }
  // The walk kept in the state belongs to the framework the dialog was on: resumed only on that one.
  const sameFramework = (state.framework ?? d.ctx.framework.id) === report.framework.id;
  const base: DialogState = {
    v: state.v,
    mode: { type: 'idle' },
    ...(sameFramework && state.walk ? { walk: state.walk } : {}),
  };
  const next = startWalk(base, period, on);
  return { state: { ...next, framework: report.framework.id }, d: on, frameworkId: report.framework.id };
}

/** A message in the choice that picks nothing and is no command: the choices again. */
export function pickAgain(state: DialogState, mode: PickMode, d: Draft): DialogState {
  d.say(msg.pickReportAgain(), choicesOf(mode.options, d.ctx));
  return state;
}

/**
 * "chưa đạt", "tiến độ" for a unit with several frameworks open: each in turn, named, each for its
 * own period (or the period named); with one, as before.
 */
export function eachReport(
  state: DialogState,
  requested: Period | undefined,
  d: Draft,
  show: (state: DialogState, period: Period | undefined, d: Draft) => DialogState,
  heading: boolean,
): DialogState {
  const list = reportsFor(d.ctx, requested);
  if (!list) return show(state, requested, d);
  const quiet: DialogState = { ...state, mode: { type: 'idle' } };
  for (const r of list) {
    const on = d.on(r);
    if (heading) on.say(msg.reportHeading(r.framework.name));
    show(quiet, fromKey(r.period), on);
  }
  remindOfWaiting(state, d);
  return state;
}
