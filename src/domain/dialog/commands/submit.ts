/**
 * "nộp báo cáo": every question answered first; then a summary to confirm, under which the report's
 * general đề xuất may be typed ("III. ĐỀ XUẤT, KIẾN NGHỊ", seed 002); then the period is submitted
 * and locked. Two messages when there is nothing to add: "nộp" and "1".
 */
import { parseAnswer } from '../../answers/parse.js';
import { words } from '../../answers/words.js';
import { applicableTotal, evaluateFramework, tally } from '../../evaluation/evaluate.js';
import { msg } from '../../messages/index.js';
import { deadlineFor } from '../../periods/deadlines.js';
import { fromKey, type PeriodKey } from '../../periods/periods.js';
import { yearDueOf } from '../../units/frameworks.js';
import { type Draft, noteOtherReports } from '../draft.js';
import type { DialogState, Mode } from '../state.js';

const NONE = ['khong', 'khong co', 'bo qua', 'khong co gi', 'chua co', 'het'];

/** The summary to confirm, where the general đề xuất may be typed; every question must have an answer first. */
export function startSubmit(state: DialogState, period: PeriodKey, named: boolean, d: Draft): DialogState {
  const { ctx } = d;
  const done = ctx.submissions.get(period);
  if (done?.locked) {
    d.say(msg.alreadySubmitted(period, done.submittedAt, done.onTime));
    return state;
  }
  const answers = d.answers(period);
  const missing = ctx.questions.filter((q) => !answers.has(q.key)).map((q) => q.key);
  if (missing.length > 0) {
    d.say(msg.mustAnswerAll(period, missing));
    return state;
  }
  const next = submitSummary(state, period, undefined, d);
  noteOtherReports(state, period, named, d);
  return next;
}

/** "Nộp báo cáo …: đạt …; đề xuất chung …. Xác nhận nộp báo cáo? 1. Có, nộp 2. Không". */
export function submitSummary(
  state: DialogState,
  period: PeriodKey,
  proposals: string | undefined,
  d: Draft,
): DialogState {
  const t = tally(evaluateFramework(d.ctx.framework, d.answers(period)));
  d.say(
    msg.submitSummary(
      period,
      d.ctx.unit.name,
      t.met,
      applicableTotal(t),
      t.notMet,
      t.inProgress,
      t.unknown,
      proposals,
    ),
    [
      { label: 'Có, nộp', input: 'có', numbered: true },
      { label: 'Không', input: 'không', numbered: true },
    ],
  );
  return { ...state, mode: { type: 'confirm_submit', period, ...(proposals ? { proposals } : {}) } };
}

/** The answer to "Xác nhận nộp báo cáo?". */
export function onConfirmSubmit(
  state: DialogState,
  mode: Extract<Mode, { type: 'confirm_submit' }>,
  text: string,
  d: Draft,
): DialogState {
  const w = words(text);
  // "không có", "bỏ qua": no general đề xuất; the summary is shown again to confirm.
  if (NONE.includes(w) && w !== 'khong') return submitSummary(state, mode.period, undefined, d);
  const yn = parseAnswer({ kind: 'yesno', target: { op: 'yes', text: 'Có' } }, text);
  const idle: DialogState = { ...state, mode: { type: 'idle' } };
  const saysMore = yn.ok && (yn.answer.note ?? '').split(/\s+/).filter(Boolean).length > 2;
  if (!yn.ok || yn.answer.value.type !== 'yesno' || yn.confirm || saysMore) {
    // Words that are no yes or no: the general đề xuất, kept with the report once it is submitted.
    if (w.split(' ').length >= 3 && !/^[\d\s.,]*$/.test(text))
      return submitSummary(state, mode.period, text, d);
    d.say(msg.confirmYesNo());
    return state;
  }
  if (!yn.answer.value.yes) {
    d.say(msg.notSubmitted());
    return idle;
  }
  const p = fromKey(mode.period);
  // A framework with a yearly due day of its own is on time by that day, not the province's.
  const own = p?.type === 'year' ? yearDueOf(d.ctx.framework) : undefined;
  const dueAt = p
    ? deadlineFor(
        p,
        own ? { ...d.ctx.calendar, yearDueMonth: own.month, yearDueDay: own.day } : d.ctx.calendar,
      ).due
    : undefined;
  d.effects.push({
    type: 'submit',
    period: mode.period,
    ...(dueAt ? { dueAt } : {}),
    ...(mode.proposals ? { proposals: mode.proposals } : {}),
  });
  d.say(msg.submitted(mode.period, d.ctx.now));
  return idle;
}
