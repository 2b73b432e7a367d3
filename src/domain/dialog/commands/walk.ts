/** The walk through a report, one criterion at a time: start or resume, ask, move on, skip, go back, pause. */
import type { Question } from '../../catalog/types.js';
import {
  type AnswerMap,
  applicableTotal,
  evaluateFramework,
  type RecordedAnswer,
  tally,
} from '../../evaluation/evaluate.js';
import { answerLabel } from '../../messages/format.js';
import { msg } from '../../messages/index.js';
import { currentQuarter, fromKey, type Period, type PeriodKey, periodKey } from '../../periods/periods.js';
import { openPeriodOf } from '../../units/frameworks.js';
import { YES_NO_CHOICES } from '../codes.js';
import { type Draft, isFuture, noteOtherReports } from '../draft.js';
import type { Choice } from '../protocol.js';
import type { DialogState, Purpose } from '../state.js';
import { carryCandidates, offerCarry } from './carry.js';
import { onConfirmSubmit, submitSummary } from './submit.js';

const NAV_CHOICES: Choice[] = [
  { label: 'Bỏ qua', input: 'bỏ qua' },
  { label: 'Quay lại', input: 'quay lại' },
  { label: 'Dừng', input: 'dừng' },
];
const STATUS_CHOICES: Choice[] = [
  { label: 'Đang thực hiện', input: 'đang thực hiện' },
  { label: 'Chưa rõ', input: 'chưa rõ' },
];

/** The first question without an answer from `fromIndex` on, wrapping round to the start when asked. */
export function firstUnanswered(
  questions: readonly Question[],
  answers: AnswerMap,
  fromIndex: number,
  wrap: boolean,
): Question | undefined {
  for (let i = fromIndex; i < questions.length; i++) {
    const q = questions[i];
    if (q && !answers.has(q.key)) return q;
  }
  if (!wrap) return undefined;
  for (let i = 0; i < Math.min(fromIndex, questions.length); i++) {
    const q = questions[i];
    if (q && !answers.has(q.key)) return q;
  }
  return undefined;
}

/** "báo cáo [kỳ]": starts the walk of a period, or resumes it where the officer stopped. */
export function startWalk(state: DialogState, requested: Period | undefined, d: Draft): DialogState {
  const { ctx } = d;
  const period =
    requested ??
    (state.walk ? fromKey(state.walk.period) : undefined) ??
    fromKey(openPeriodOf(ctx.framework, ctx.now)) ??
    currentQuarter(ctx.now);
  if (isFuture(period, ctx.now)) {
    d.say(msg.futurePeriod(periodKey(period)));
    return state;
  }
  const key = periodKey(period);
  if (d.locked(key)) {
    d.say(msg.locked(key));
    return { v: state.v, mode: { type: 'idle' } };
  }
  const answers = d.answers(key);
  const resumeAt = state.walk && state.walk.period === key ? Math.max(d.indexOf(state.walk.key), 0) : 0;
  const q = firstUnanswered(ctx.questions, answers, resumeAt, true);
  if (!q) {
    d.say(msg.allAnswered(key, ctx.questions.length));
    return { v: state.v, mode: { type: 'idle' } };
  }
  const answered = ctx.questions.filter((x) => answers.has(x.key)).length;
  d.say(`${msg.walkStart(key, ctx.unit.name, answered, ctx.questions.length)}\n${msg.navHint()}`);
  noteOtherReports(state, key, requested !== undefined, d);
  // A report not begun yet starts from the period before: its likely unchanged results are offered first.
  const carry = state.walk?.period === key ? undefined : carryCandidates(key, d);
  if (carry) return offerCarry(state, key, carry.from, carry.keys, d);
  d.freshWalk = state.walk?.period === key && state.walk.fresh === true;
  return askInWalk(state, key, q.key, d);
}

/** Asks a question of the walk and waits for its answer there. */
export function askInWalk(state: DialogState, period: PeriodKey, key: string, d: Draft): DialogState {
  askQuestion(period, key, d);
  return {
    v: state.v,
    mode: { type: 'asking', purpose: 'walk', period, key },
    walk: walkAt(period, key, true, d),
  };
}

/** Where a walk stands, keeping whether it was begun afresh ("Trả lời lại từ đầu"). */
export function walkAt(
  period: PeriodKey,
  key: string,
  active: boolean,
  d: Draft,
): NonNullable<DialogState['walk']> {
  return { period, key, active, ...(d.freshWalk ? { fresh: true } : {}) };
}

/** Asks one question: its text and target, the answer already given, last period's, and the choices. */
export function askQuestion(period: PeriodKey, key: string, d: Draft): void {
  const { ctx } = d;
  const index = d.indexOf(key);
  const q = ctx.questions[index];
  if (!q) return;
  const answers = d.answers(period);
  const current = answers.get(key);
  const prev = d.previous(period, key);
  const offerSame = prev !== undefined && !d.freshWalk;
  // "còn 9 tiêu chí" once questions after this one were answered (kept from last period, or in one line).
  const left = ctx.questions.filter((x) => !answers.has(x.key) || x.key === key).length;
  const text = msg.question(
    q,
    index + 1,
    ctx.questions.length,
    current ? currentLabel(q, current) : undefined,
    prev ? { period: prev.period, label: answerLabel(q, prev.answer), same: offerSame } : undefined,
    !current && left < ctx.questions.length - index ? left : undefined,
  );
  const same: Choice[] = offerSame ? [{ label: msg.sameAsBefore(), input: 'như cũ' }] : [];
  const choices: Choice[] =
    q.kind === 'yesno'
      ? [...YES_NO_CHOICES.map((c) => ({ ...c, numbered: true })), ...same, ...NAV_CHOICES]
      : [...same, ...STATUS_CHOICES, ...NAV_CHOICES];
  d.say(text, choices);
}

/** The answer already recorded, and where it came from when it was kept from last period. */
function currentLabel(q: Question, a: RecordedAnswer): string {
  const label = answerLabel(q, a);
  return a.carriedFrom ? `${label} (${msg.keptFrom(a.carriedFrom)})` : label;
}

/** After an answer: the next unanswered question of a walk, or back to where an edit started. */
export function advance(
  state: DialogState,
  purpose: Purpose,
  period: PeriodKey,
  fromKeyValue: string,
  d: Draft,
): DialogState {
  if (purpose === 'edit') {
    if (state.walk?.active) return continueWalk(state, state.walk.period, state.walk.key, 0, d);
    return { ...state, mode: { type: 'idle' } };
  }
  return continueWalk(state, period, fromKeyValue, 1, d);
}

/** Asks the next unanswered question after `key` (+ `offset`), or closes the walk with its tally. */
export function continueWalk(
  state: DialogState,
  period: PeriodKey,
  key: string,
  offset: number,
  d: Draft,
): DialogState {
  const { ctx } = d;
  const answers = d.answers(period);
  const q = firstUnanswered(ctx.questions, answers, d.indexOf(key) + offset, false);
  if (q) return askInWalk(state, period, q.key, d);
  const skipped = ctx.questions.filter((x) => !answers.has(x.key)).map((x) => x.key);
  // Every criterion answered: the summary to submit follows at once ("1" submits, anything else waits).
  if (skipped.length === 0 && !d.locked(period)) {
    d.say(msg.walkComplete(period, ctx.questions.length));
    return submitSummary({ v: state.v, mode: { type: 'idle' } }, period, undefined, d);
  }
  const t = tally(evaluateFramework(ctx.framework, answers));
  d.say(
    msg.walkDone(
      period,
      ctx.questions.length - skipped.length,
      ctx.questions.length,
      t.met,
      applicableTotal(t),
      skipped,
    ),
  );
  return { v: state.v, mode: { type: 'idle' } };
}

/** "dừng": pauses the walk; a later "báo cáo" resumes at the same question. */
export function stop(state: DialogState, d: Draft): DialogState {
  const mode = state.mode;
  if (mode.type === 'asking' || mode.type === 'difficulty') {
    const walk = state.walk ?? { period: mode.period, key: mode.key, active: false };
    const at = mode.purpose === 'walk' ? mode.key : walk.key;
    d.say(msg.paused(at, walk.period));
    return { v: state.v, mode: { type: 'idle' }, walk: { ...walk, key: at, active: false } };
  }
  if (mode.type === 'carry_offer') {
    d.say(msg.offerLeft(mode.period));
    return { ...state, mode: { type: 'idle' } };
  }
  if (state.walk?.active) {
    d.say(msg.paused(state.walk.key, state.walk.period));
    return { v: state.v, mode: { type: 'idle' }, walk: { ...state.walk, active: false } };
  }
  d.say(msg.nothingToStop());
  return { ...state, mode: { type: 'idle' } };
}

/** "bỏ qua": leaves the open question (or its khó khăn) for later, or cancels an edit. */
export function skip(state: DialogState, d: Draft): DialogState {
  const mode = state.mode;
  if (mode.type === 'difficulty') {
    const next = advance(state, mode.purpose, mode.period, mode.key, d);
    // No next question follows an edit outside a walk: say that nothing was written.
    if (next.mode.type === 'idle' && mode.purpose === 'edit') d.say(msg.difficultySkipped(mode.key));
    return next;
  }
  if (mode.type === 'confirm_submit') return onConfirmSubmit(state, mode, 'bỏ qua', d);
  if (mode.type === 'need_total') {
    d.say(msg.skippedTo(mode.key));
    return mode.purpose === 'walk'
      ? continueWalk(state, mode.period, mode.key, 1, d)
      : advance(state, 'edit', mode.period, mode.key, d);
  }
  if (mode.type === 'asking' && mode.purpose === 'edit') {
    d.say(msg.editCancelled());
    return advance(state, 'edit', mode.period, mode.key, d);
  }
  if (mode.type === 'asking') {
    d.say(msg.skippedTo(mode.key));
    return continueWalk(state, mode.period, mode.key, 1, d);
  }
  d.say(msg.nothingToStop());
  return state;
}

/** "quay lại": the previous question of the walk, or the question of a khó khăn; cancels an edit. */
export function back(state: DialogState, d: Draft): DialogState {
  const { ctx } = d;
  const mode = state.mode;
  if (mode.type === 'difficulty') {
    askQuestion(mode.period, mode.key, d);
    return { ...state, mode: { type: 'asking', purpose: mode.purpose, period: mode.period, key: mode.key } };
  }
  if (mode.type === 'asking' && mode.purpose === 'edit') {
    d.say(msg.editCancelled());
    return advance(state, 'edit', mode.period, mode.key, d);
  }
  if (mode.type === 'asking') {
    const index = d.indexOf(mode.key);
    const prev = index > 0 ? ctx.questions[index - 1] : undefined;
    if (!prev) {
      d.say(msg.atFirst());
      askQuestion(mode.period, mode.key, d);
      return state;
    }
    return askInWalk(state, mode.period, prev.key, d);
  }
  d.say(msg.nothingToStop());
  return state;
}
