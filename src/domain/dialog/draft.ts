import type { Answer } from '../answers/types.js';
import type { Question } from '../catalog/types.js';
import type { AnswerMap, RecordedAnswer } from '../evaluation/evaluate.js';
import { msg } from '../messages/index.js';
import {
  currentQuarter,
  fromKey,
  isAfter,
  type Period,
  type PeriodKey,
  periodKey,
  previousPeriod,
} from '../periods/periods.js';
import { openPeriodOf, opensPeriod } from '../units/frameworks.js';
import type { Choice, Effect, FrameworkReport, Reply, StepContext } from './protocol.js';
import type { DialogState } from './state.js';

/**
 * The result of one step as it is being written: the replies and the writes, and the answers as
 * they will be once the writes are made (a command later in the same step sees its own writes).
 */
export class Draft {
  private readonly overlay = new Map<PeriodKey, Map<string, RecordedAnswer>>();
  /** The walk was begun with "Trả lời lại từ đầu": no "Như cũ" choice under its questions. */
  freshWalk = false;

  /** `replies` and `effects` are shared when a step works on another framework of the unit (`on`). */
  constructor(
    readonly ctx: StepContext,
    readonly replies: Reply[] = [],
    readonly effects: Effect[] = [],
  ) {}

  /** The same step on another framework of the unit: its answers and questions, these replies. */
  on(report: FrameworkReport): Draft {
    const { period: _period, ...data } = report;
    return new Draft({ ...this.ctx, ...data }, this.replies, this.effects);
  }

  say(text: string, choices?: Choice[]): void {
    this.replies.push(choices && choices.length > 0 ? { text, choices } : { text });
  }

  /** Whether the period's report was submitted and not unlocked: no change may be written. */
  locked(period: PeriodKey): boolean {
    return this.ctx.submissions.get(period)?.locked ?? false;
  }

  answers(period: PeriodKey): AnswerMap {
    let map = this.overlay.get(period);
    if (!map) {
      map = new Map(this.ctx.answers.get(period) ?? []);
      this.overlay.set(period, map);
    }
    return map;
  }

  saveAnswer(period: PeriodKey, key: string, answer: Answer, raw: string, carriedFrom?: PeriodKey): void {
    const map = this.answers(period) as Map<string, RecordedAnswer>;
    const { difficulty, proposal } = map.get(key) ?? {};
    map.set(key, {
      ...answer,
      raw,
      ...(difficulty ? { difficulty } : {}),
      ...(proposal ? { proposal } : {}),
      ...(carriedFrom ? { carriedFrom } : {}),
    });
    this.effects.push({
      type: 'save_answer',
      period,
      key,
      answer,
      raw,
      ...(carriedFrom ? { carriedFrom } : {}),
    });
  }

  /**
   * The answer of the period before `period` for a question, as reported then (its khó khăn and đề
   * xuất included), when that period's answers were loaded and hold one.
   */
  previous(period: PeriodKey, key: string): { period: PeriodKey; answer: RecordedAnswer } | undefined {
    const p = fromKey(period);
    if (!p) return undefined;
    const before = periodKey(previousPeriod(p));
    const answer = this.ctx.answers.get(before)?.get(key);
    return answer ? { period: before, answer } : undefined;
  }

  /**
   * Keeps last period's answer for this one ("như cũ", "giữ tất cả"): the value and its note as
   * they were, marked with where they came from; the khó khăn and đề xuất too when `withDifficulty`.
   */
  carry(period: PeriodKey, key: string, withDifficulty: boolean): RecordedAnswer | undefined {
    const prev = this.previous(period, key);
    if (!prev) return undefined;
    const { value, note, raw, difficulty, proposal } = prev.answer;
    this.saveAnswer(period, key, note ? { value, note } : { value }, raw ?? '', prev.period);
    if (withDifficulty && difficulty) this.saveDifficulty(period, key, difficulty);
    if (withDifficulty && proposal) this.saveProposal(period, key, proposal);
    return this.answers(period).get(key);
  }

  saveDifficulty(period: PeriodKey, key: string, text: string): void {
    const map = this.answers(period) as Map<string, RecordedAnswer>;
    const current = map.get(key);
    if (current) map.set(key, { ...current, difficulty: text });
    this.effects.push({ type: 'save_difficulty', period, key, text });
  }

  saveProposal(period: PeriodKey, key: string, text: string): void {
    const map = this.answers(period) as Map<string, RecordedAnswer>;
    const current = map.get(key);
    if (current) map.set(key, { ...current, proposal: text });
    this.effects.push({ type: 'save_proposal', period, key, text });
  }

  question(key: string): Question | undefined {
    return this.ctx.questions.find((q) => q.key === key);
  }

  indexOf(key: string): number {
    return this.ctx.questions.findIndex((q) => q.key === key);
  }
}

/**
 * The period commands refer to when none is named: the open question's, the walk's, or the current
 * quarter (the current year for a yearly framework).
 */
export function activePeriod(state: DialogState, ctx: Pick<StepContext, 'now' | 'framework'>): PeriodKey {
  if ('period' in state.mode) return state.mode.period;
  if (state.walk) return state.walk.period;
  return openPeriodOf(ctx.framework, ctx.now);
}

/** The period a command names, or the active one. */
export function periodOf(
  requested: Period | undefined,
  state: DialogState,
  ctx: Pick<StepContext, 'now' | 'framework'>,
) {
  return requested ? periodKey(requested) : activePeriod(state, ctx);
}

/** A period that has not begun yet (this year's yearly report is open all year). */
export function isFuture(period: Period, now: Date): boolean {
  const quarter = currentQuarter(now);
  return isAfter(period, quarter) && !(period.type === 'year' && period.year === quarter.year);
}

/** After a reply that is not about the open question, a line saying which question still waits. */
export function remindOfWaiting(state: DialogState, d: Draft): void {
  const m = state.mode;
  if (m.type === 'asking') d.say(msg.stillWaiting(m.key));
  else if (m.type === 'difficulty') d.say(msg.stillWaitingDifficulty(m.key));
  else if (m.type === 'confirm_answer') d.say(msg.stillWaitingConfirm(m.pending.key));
  else if (m.type === 'need_total') d.say(msg.stillWaitingTotal(m.key));
}

/**
 * The reports still open besides `period`: the walk's, this quarter's and this year's, when not
 * submitted and not complete (this year's only once begun), so that a command acting on one report
 * says how to reach the other.
 */
export function otherOpenReports(state: DialogState, period: PeriodKey, d: Draft): PeriodKey[] {
  const { ctx } = d;
  const quarter = periodKey(currentQuarter(ctx.now));
  const year = String(currentQuarter(ctx.now).year);
  const candidates = [
    ...new Set([state.walk?.period, quarter, year].filter((p): p is string => Boolean(p))),
  ].filter((p) => opensPeriod(ctx.framework, p));
  return candidates.filter((p) => {
    if (p === period || ctx.submissions.get(p)?.locked) return false;
    const answers = d.answers(p);
    const answered = ctx.questions.filter((q) => answers.has(q.key)).length;
    if (answered === ctx.questions.length) return false;
    return answered > 0 || p === state.walk?.period || p === quarter;
  });
}

/** When a command acted on a period the officer did not name and another report is open: how to pick that one. */
export function noteOtherReports(state: DialogState, period: PeriodKey, named: boolean, d: Draft): void {
  if (named) return;
  const others = otherOpenReports(state, period, d);
  if (others.length > 0) d.say(msg.otherOpenReports(period, others));
}
