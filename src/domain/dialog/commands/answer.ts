/**
 * An answer to the open question, the total asked for after a bare count, and the khó khăn, đề
 * xuất asked after a criterion that is not met, in progress or unknown.
 */
import { splitDifficulty } from '../../answers/difficulty.js';
import { fold, foldWords, parseViNumber, startsWithPhrase } from '../../answers/normalize.js';
import { MAX_ANSWER_LENGTH, parseAnswer, parseYesNo } from '../../answers/parse.js';
import type { Answer } from '../../answers/types.js';
import { words } from '../../answers/words.js';
import type { Question } from '../../catalog/types.js';
import { evaluateAnswer } from '../../evaluation/evaluate.js';
import { answerLabel, shortfallLabel, targetLabel } from '../../messages/format.js';
import { msg } from '../../messages/index.js';
import { fromKey, type PeriodKey, periodKey, previousPeriod } from '../../periods/periods.js';
import { isCodeLike, lookupCode } from '../codes.js';
import type { Draft } from '../draft.js';
import type { DialogState, Mode, Purpose } from '../state.js';
import { isSameAsBefore } from './carry.js';
import { offer } from './confirm.js';
import { explain } from './explain.js';
import { advance, askQuestion, skip } from './walk.js';

/** Words that mean "no khó khăn to report" at the khó khăn prompt. */
const DIFFICULTY_SKIP = ['khong', 'khong co', 'khong co gi', 'chua co', 'bo qua', 'khong co kho khan', 'het'];

/** The statuses after which the khó khăn, đề xuất are asked (seed 002 reports each of them). */
const ASKS_DIFFICULTY = new Set(['not_met', 'in_progress', 'unknown']);

/** The answer to the question the dialog waits on. */
export function onAnswer(
  state: DialogState,
  mode: Extract<Mode, { type: 'asking' }>,
  text: string,
  d: Draft,
): DialogState {
  const q = d.question(mode.key);
  if (!q) return { v: state.v, mode: { type: 'idle' } };
  if (isSameAsBefore(text)) return keepAsBefore(state, q, mode.period, mode.purpose, d);
  // "2.5" where a figure is asked, and 2.5 is also a criterion: 2,5%, or the officer means the criterion?
  if (q.kind !== 'yesno' && q.kind !== 'text' && isCodeLike(text)) {
    const found = lookupCode(d.ctx.framework, d.ctx.questions, text.replace(/[a-zđ]$/iu, ''));
    const parsed = parseAnswer(q, text);
    if (found.type !== 'unknown' && parsed.ok) {
      return offer(
        state,
        {
          source: mode.purpose,
          period: mode.period,
          pending: { key: q.key, raw: text, options: [parsed.answer] },
        },
        d,
        { label: msg.viewCriterion(text), input: `giải thích ${text}` },
      );
    }
  }
  return record(state, q, mode.period, mode.purpose, text, d);
}

/** Parses one answer: stores it when sure, asks to confirm it, asks for the total, or refuses it. */
export function record(
  state: DialogState,
  q: Question,
  period: PeriodKey,
  purpose: Purpose,
  text: string,
  d: Draft,
  raw = text,
): DialogState {
  if (d.locked(period)) {
    d.say(msg.locked(period));
    return { ...state, mode: { type: 'idle' } };
  }
  const asking: DialogState = { ...state, mode: { type: 'asking', purpose, period, key: q.key } };
  const parsed = parseAnswer(q, text);
  if (!parsed.ok) {
    if (parsed.reason === 'needs_total' && parsed.numerator !== undefined) {
      const unit = parsed.unit ?? q.unit ?? '';
      d.say(msg.askTotal(q.key, parsed.numerator, unit));
      return {
        ...state,
        mode: { type: 'need_total', purpose, period, key: q.key, numerator: parsed.numerator, unit, raw },
      };
    }
    if (parsed.reason === 'question') return explain(asking, { type: 'explain', code: q.key }, d);
    d.say(`${msg.refused(parsed, q)}\n${msg.askAgain(q.key)}`);
    return asking;
  }
  if (parsed.confirm) {
    return offer(
      state,
      { source: purpose, period, pending: { key: q.key, raw, options: parsed.confirm.options } },
      d,
    );
  }
  return save(state, q, period, purpose, parsed.answer, raw, d);
}

/**
 * Stores a reading (sure, or confirmed by the officer) and echoes it with its verdict; then takes
 * the khó khăn written with it ("70% — thiếu máy tính"), asks for one, or moves on.
 */
export function save(
  state: DialogState,
  q: Question,
  period: PeriodKey,
  purpose: Purpose,
  answer: Answer,
  raw: string,
  d: Draft,
): DialogState {
  d.saveAnswer(period, q.key, answer, raw);
  const ev = evaluateAnswer(q, answer);
  const extra = ev.shortfall ? shortfallLabel(ev.shortfall, q) : undefined;
  const lines = [msg.recorded(q.key, answerLabel(q, answer), ev.status, targetLabel(q), extra)];
  if (ev.disagrees && ev.declared) lines.push(msg.declaredDiffers(ev.declared));
  const needsGuidance = answer.value.type === 'status' && answer.value.needsGuidance;
  if (needsGuidance) lines.push(msg.guidance());
  if (!ASKS_DIFFICULTY.has(ev.status)) {
    d.say(lines.join('\n'));
    return advance(state, purpose, period, q.key, d);
  }
  const written = difficultyWrittenWith(answer, raw);
  const prior = d.previous(period, q.key)?.answer;
  const hadDifficulty = prior !== undefined && Boolean(prior.difficulty || prior.proposal);
  // "50% — khó khăn như cũ": last period's khó khăn, đề xuất, kept in the same message.
  if (written && hadDifficulty && isSameAsBefore(written)) {
    keepPriorDifficulty(period, q.key, d);
    lines.push(msg.priorKept(q.key));
    d.say(lines.join('\n'));
    return advance(state, purpose, period, q.key, d);
  }
  if (written) {
    const saved = saveDifficulty(period, q.key, written, d);
    lines.push(msg.difficultySaved(q.key, saved));
    d.say(lines.join('\n'));
    return advance(state, purpose, period, q.key, d);
  }
  d.say(lines.join('\n'));
  if (prior && hadDifficulty) {
    const from = d.previous(period, q.key)?.period ?? period;
    d.say(msg.priorDifficulty(q.key, from, prior.difficulty, prior.proposal), PRIOR_CHOICES);
    return { ...state, mode: { type: 'difficulty', purpose, period, key: q.key, prior: true } };
  }
  d.say(msg.askDifficulty(q.key), [{ label: 'Bỏ qua', input: 'bỏ qua' }]);
  return { ...state, mode: { type: 'difficulty', purpose, period, key: q.key } };
}

const PRIOR_CHOICES = [
  { label: msg.priorKeep(), input: 'giữ', numbered: true },
  { label: msg.priorChange(), input: 'sửa', numbered: true },
  { label: msg.priorDrop(), input: 'bỏ', numbered: true },
];
const PRIOR_KEEP = ['giu', 'giu nguyen', 'co', 'dong y', 'ok', 'van vay'];
const PRIOR_CHANGE = ['sua', 'sua lai', 'thay', 'doi', 'ghi lai', 'ghi moi'];
const PRIOR_DROP = ['bo', 'xoa', 'bo di', 'het', 'khong con', 'khong con kho khan'];

/** Whether a reply to "Khó khăn như quý trước: … 1. Giữ 2. Sửa 3. Bỏ" is one of its choices. */
export function isPriorReply(text: string): boolean {
  const w = words(text);
  return PRIOR_KEEP.includes(w) || PRIOR_CHANGE.includes(w) || PRIOR_DROP.includes(w) || isSameAsBefore(text);
}

/** Copies last period's khó khăn and đề xuất of a criterion to this period's answer. */
function keepPriorDifficulty(period: PeriodKey, key: string, d: Draft): void {
  const prior = d.previous(period, key)?.answer;
  if (prior?.difficulty) d.saveDifficulty(period, key, prior.difficulty);
  if (prior?.proposal) d.saveProposal(period, key, prior.proposal);
}

/** Giữ (last period's khó khăn kept), Sửa (a new one asked), Bỏ (none this period). */
export function onPriorDifficulty(
  state: DialogState,
  mode: Extract<Mode, { type: 'difficulty' }>,
  text: string,
  d: Draft,
): DialogState {
  if (d.locked(mode.period)) {
    d.say(msg.locked(mode.period));
    return { ...state, mode: { type: 'idle' } };
  }
  const w = words(text);
  if (PRIOR_CHANGE.includes(w)) {
    d.say(msg.askDifficulty(mode.key), [{ label: 'Bỏ qua', input: 'bỏ qua' }]);
    return {
      ...state,
      mode: { type: 'difficulty', purpose: mode.purpose, period: mode.period, key: mode.key },
    };
  }
  if (PRIOR_DROP.includes(w)) {
    d.say(msg.priorDropped(mode.key));
    return advance(state, mode.purpose, mode.period, mode.key, d);
  }
  keepPriorDifficulty(mode.period, mode.key, d);
  d.say(msg.priorKept(mode.key));
  return advance(state, mode.purpose, mode.period, mode.key, d);
}

/**
 * The khó khăn written after a short answer, set off by a dash, a semicolon or a colon ("70% —
 * thiếu máy tính", "chưa đạt; chưa có kinh phí"). A unit left after a figure ("hồ sơ"), a remark in
 * brackets, or the rest of a sentence a figure was taken from is none.
 */
function difficultyWrittenWith(answer: Answer, raw: string): string | undefined {
  const note = answer.note?.trim();
  if (!note || /^\(.*\)$/.test(note)) return undefined;
  const at = raw.lastIndexOf(note);
  if (at < 0) return undefined;
  const before = raw.slice(0, at);
  return /[—–;:-]\s*$/.test(before) && before.length <= 40 ? note : undefined;
}

/** Saves what the officer wrote as khó khăn and đề xuất; says which of the two it was. */
function saveDifficulty(
  period: PeriodKey,
  key: string,
  text: string,
  d: Draft,
): 'both' | 'difficulty' | 'proposal' {
  const { difficulty, proposal } = splitDifficulty(text);
  if (difficulty) d.saveDifficulty(period, key, difficulty);
  if (proposal) d.saveProposal(period, key, proposal);
  return difficulty && proposal ? 'both' : proposal ? 'proposal' : 'difficulty';
}

/** The total asked after a bare count at a ratio criterion ("4 doanh nghiệp" → "trên tổng số bao nhiêu?"). */
export function onTotal(
  state: DialogState,
  mode: Extract<Mode, { type: 'need_total' }>,
  text: string,
  d: Draft,
): DialogState {
  const q = d.question(mode.key);
  if (!q) return { v: state.v, mode: { type: 'idle' } };
  const bare = /^(?:tong(?: so)?\s*(?:la\s*)?:?\s*)?(\d[\d.,]*)(?:\s+\p{L}.*)?$/u.exec(fold(text));
  const total = bare?.[1] ? parseViNumber(bare[1]) : undefined;
  const raw = `${mode.raw} | ${text}`;
  if (total === undefined || /%/.test(text)) {
    // A whole answer instead ("4/12", "33%"): read it as one.
    return record(state, q, mode.period, mode.purpose, text, d);
  }
  const refusal =
    total === 0
      ? 'zero_denominator'
      : total < mode.numerator
        ? 'numerator_gt_denominator'
        : !Number.isInteger(total)
          ? 'not_integer'
          : undefined;
  if (refusal) {
    d.say(`${msg.refused(refusal, q)}\n${msg.askTotal(q.key, mode.numerator, mode.unit)}`);
    return state;
  }
  return record(state, q, mode.period, mode.purpose, `${mode.numerator}/${total} ${mode.unit}`, d, raw);
}

/** The khó khăn, đề xuất of the criterion just answered; anything that is no difficulty is handled as what it is. */
export function onDifficulty(
  state: DialogState,
  mode: Extract<Mode, { type: 'difficulty' }>,
  text: string,
  d: Draft,
): DialogState {
  const w = words(text);
  if (w === '' && text.trim() === '') {
    d.say(msg.stillWaitingDifficulty(mode.key));
    return state;
  }
  if (startsWithPhrase(w, DIFFICULTY_SKIP) === w) return skip(state, d);
  // "có" answers "is there a difficulty?" but says nothing the province could act on: ask for it.
  const yn = parseYesNo(text);
  if (yn?.yes && yn.rest === '' && w === 'co') {
    d.say(msg.difficultyContent(mode.key));
    return state;
  }
  if (text.length > MAX_ANSWER_LENGTH) {
    d.say(msg.refused('too_long', { kind: 'text', key: mode.key, target: { op: 'provided', text: '' } }));
    return state;
  }
  if (d.locked(mode.period)) {
    d.say(msg.locked(mode.period));
    return { ...state, mode: { type: 'idle' } };
  }
  const notOne = notADifficulty(state, mode, text, d);
  if (notOne) return notOne;
  const saved = saveDifficulty(mode.period, mode.key, text, d);
  d.say(msg.difficultySaved(mode.key, saved));
  return advance(state, mode.purpose, mode.period, mode.key, d);
}

/**
 * A reply at the khó khăn prompt that is no difficulty: a criterion code (its card is shown), or
 * an answer ("45,5", "19 / 20", "đạt"). The khó khăn stays empty and the officer is told how to add
 * it later; in a walk the answer is offered for the next question, in an edit as the new answer.
 */
function notADifficulty(
  state: DialogState,
  mode: Extract<Mode, { type: 'difficulty' }>,
  text: string,
  d: Draft,
): DialogState | undefined {
  const code = /^(?:xem\s+|tieu chi\s+)?(\d+(?:\.\d{1,2})+[a-zđ]?)$/iu.exec(foldWords(text))?.[1];
  if (code && isCodeLike(code)) {
    d.say(msg.difficultyNotTaken(mode.key));
    const next = advance(state, mode.purpose, mode.period, mode.key, d);
    return explain(
      next,
      {
        type: 'explain',
        code: code.replace(/[a-zđ]$/u, ''),
        ...(/[a-zđ]$/u.test(code) ? { letter: code.slice(-1) } : {}),
      },
      d,
    );
  }
  const q = d.question(mode.key);
  if (!q || !readsAsAnswer(q, text)) return undefined;
  d.say(msg.difficultyNotTaken(mode.key));
  if (mode.purpose === 'edit') {
    const parsed = parseAnswer(q, text);
    if (!parsed.ok) return { ...state, mode: { type: 'idle' } };
    return offer(
      state,
      {
        source: 'edit',
        period: mode.period,
        pending: { key: q.key, raw: text, options: parsed.confirm?.options ?? [parsed.answer] },
      },
      d,
    );
  }
  // The walk moves on to the next question: the reply was most likely meant for it, if it reads as its answer.
  const next = advance(state, mode.purpose, mode.period, mode.key, d);
  if (next.mode.type !== 'asking') return next;
  const nq = d.question(next.mode.key);
  const parsed = nq ? parseAnswer(nq, text) : undefined;
  if (!nq || !parsed?.ok) return next;
  return offer(
    next,
    {
      source: 'walk',
      period: next.mode.period,
      pending: { key: nq.key, raw: text, options: parsed.confirm?.options ?? [parsed.answer] },
    },
    d,
  );
}

/**
 * Whether a reply is an answer rather than a difficulty: figures alone ("45,5", "19 / 20"), or a
 * status, verdict or Có/Không said and nothing more ("đang phối hợp thực hiện", "chưa rõ", "đạt").
 * "Chưa có kinh phí" says more than "chưa có": it is a difficulty.
 */
function readsAsAnswer(q: Question, text: string): boolean {
  if (/^\s*[\d.,%/\s-]+$/.test(text)) return true;
  const parsed = parseAnswer(q.kind === 'text' ? { ...q, kind: 'yesno' } : q, text);
  return (
    parsed.ok && parsed.confirm === undefined && !parsed.answer.note && parsed.answer.value.type !== 'text'
  );
}

/** Asks the open question again after its reading was turned down. */
export function askAgainAfterRetry(
  state: DialogState,
  period: PeriodKey,
  key: string,
  purpose: Purpose,
  d: Draft,
): DialogState {
  d.say(msg.retryAnswer(key));
  askQuestion(period, key, d);
  return { ...state, mode: { type: 'asking', purpose, period, key } };
}

/**
 * "như cũ" at a question: last period's answer kept for this one, with its khó khăn and đề xuất,
 * echoed as any answer; the khó khăn is asked when it is unmet and had none.
 */
export function keepAsBefore(
  state: DialogState,
  q: Question,
  period: PeriodKey,
  purpose: Purpose,
  d: Draft,
): DialogState {
  const p = fromKey(period);
  const prev = d.previous(period, q.key);
  if (!prev || !p) {
    d.say(msg.nothingToKeep(q.key, p ? periodKey(previousPeriod(p)) : period));
    return state;
  }
  if (d.locked(period)) {
    d.say(msg.locked(period));
    return { ...state, mode: { type: 'idle' } };
  }
  const kept = d.carry(period, q.key, true);
  if (!kept) return state;
  const ev = evaluateAnswer(q, kept);
  const extra = ev.shortfall ? shortfallLabel(ev.shortfall, q) : undefined;
  const lines = [msg.keptAnswer(q.key, answerLabel(q, kept), ev.status, targetLabel(q), prev.period, extra)];
  const carriedDifficulty = msg.keptDifficulty(kept.difficulty, kept.proposal);
  if (carriedDifficulty) lines.push(carriedDifficulty);
  d.say(lines.join('\n'));
  if (ASKS_DIFFICULTY.has(ev.status) && !kept.difficulty && !kept.proposal) {
    d.say(msg.askDifficulty(q.key), [{ label: 'Bỏ qua', input: 'bỏ qua' }]);
    return { ...state, mode: { type: 'difficulty', purpose, period, key: q.key } };
  }
  return advance(state, purpose, period, q.key, d);
}
