/** "nộp báo cáo": a summary, a confirmation, then the period is submitted and locked. */
import { parseAnswer } from '../../answers/parse.js';
import { applicableTotal, evaluateFramework, tally } from '../../evaluation/evaluate.js';
import { msg } from '../../messages/index.js';
import { deadlineFor } from '../../periods/deadlines.js';
import { fromKey, type PeriodKey } from '../../periods/periods.js';
import type { Draft } from '../draft.js';
import type { DialogState, Mode } from '../state.js';

/** Asks to confirm the submission of a period; every question must have an answer first. */
export function startSubmit(state: DialogState, period: PeriodKey, d: Draft): DialogState {
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
  const t = tally(evaluateFramework(ctx.framework, answers));
  d.say(
    msg.submitSummary(period, ctx.unit.name, t.met, applicableTotal(t), t.notMet, t.inProgress, t.unknown),
    [
      { label: 'Có, nộp', input: 'có', numbered: true },
      { label: 'Không', input: 'không', numbered: true },
    ],
  );
  return { ...state, mode: { type: 'confirm_submit', period } };
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
  if (!yn.ok || yn.answer.value.type !== 'yesno') {
    d.say(msg.confirmYesNo());
    return state;
  }
  if (!yn.answer.value.yes) {
    d.say(msg.notSubmitted());
    return idle;
  }
  const p = fromKey(mode.period);
  const dueAt = p ? deadlineFor(p, d.ctx.calendar).due : undefined;
  d.effects.push({ type: 'submit', period: mode.period, ...(dueAt ? { dueAt } : {}) });
  d.say(msg.submitted(mode.period, d.ctx.now));
  return idle;
}
