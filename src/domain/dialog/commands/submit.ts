/**
 * "nộp báo cáo": every question answered first; then the general proposals of the report are asked
 * once ("III. ĐỀ XUẤT, KIẾN NGHỊ", seed 002); then a summary and a confirmation; then the period is
 * submitted and locked.
 */
import { parseAnswer } from '../../answers/parse.js';
import { words } from '../../answers/words.js';
import { applicableTotal, evaluateFramework, tally } from '../../evaluation/evaluate.js';
import { msg } from '../../messages/index.js';
import { deadlineFor } from '../../periods/deadlines.js';
import { fromKey, type PeriodKey } from '../../periods/periods.js';
import { type Draft, noteOtherReports } from '../draft.js';
import type { DialogState, Mode } from '../state.js';

const NONE = ['khong', 'khong co', 'bo qua', 'khong co gi', 'chua co', 'het'];

/** Asks for the general proposals of a period; every question must have an answer first. */
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
  d.say(msg.askProposals(period), [{ label: 'Bỏ qua', input: 'bỏ qua' }]);
  noteOtherReports(state, period, named, d);
  return { ...state, mode: { type: 'submit_proposals', period } };
}

/** The general proposals (or "bỏ qua"), then the summary to confirm. */
export function onProposals(
  state: DialogState,
  mode: Extract<Mode, { type: 'submit_proposals' }>,
  text: string,
  d: Draft,
): DialogState {
  const w = words(text);
  // "có" says there are proposals, not which: ask for them; a stray digit is no proposal either.
  if (w === 'co' || /^[\d\s.,]*$/.test(text)) {
    d.say(msg.proposalsContent(), [{ label: 'Bỏ qua', input: 'bỏ qua' }]);
    return state;
  }
  const proposals = NONE.includes(w) ? undefined : text;
  const { ctx } = d;
  const t = tally(evaluateFramework(ctx.framework, d.answers(mode.period)));
  d.say(
    msg.submitSummary(
      mode.period,
      ctx.unit.name,
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
  return {
    ...state,
    mode: { type: 'confirm_submit', period: mode.period, ...(proposals ? { proposals } : {}) },
  };
}

/** The answer to "Xác nhận nộp báo cáo?". */
export function onConfirmSubmit(
  state: DialogState,
  mode: Extract<Mode, { type: 'confirm_submit' }>,
  text: string,
  d: Draft,
): DialogState {
  const yn = parseAnswer({ kind: 'yesno', target: { op: 'yes', text: 'Có' } }, text);
  const idle: DialogState = { ...state, mode: { type: 'idle' } };
  if (!yn.ok || yn.answer.value.type !== 'yesno' || yn.confirm) {
    d.say(msg.confirmYesNo());
    return state;
  }
  if (!yn.answer.value.yes) {
    d.say(msg.notSubmitted());
    return idle;
  }
  const p = fromKey(mode.period);
  const dueAt = p ? deadlineFor(p, d.ctx.calendar).due : undefined;
  d.effects.push({
    type: 'submit',
    period: mode.period,
    ...(dueAt ? { dueAt } : {}),
    ...(mode.proposals ? { proposals: mode.proposals } : {}),
  });
  d.say(msg.submitted(mode.period, d.ctx.now));
  return idle;
}
