/**
 * "Hiểu là: 0% (0/4 doanh nghiệp) — chưa đạt (chỉ tiêu 50%). Đúng không? 1. Đúng 2. Nhập lại":
 * a reading that rests on an assumption is shown and stored only once the officer confirms it (one
 * tap, or the digit, on every channel). Readings of several answers at once are confirmed one
 * after the other, then the question that was waiting is asked again.
 */
import { findDeclared, parseAnswer } from '../../answers/parse.js';
import type { Answer } from '../../answers/types.js';
import { words } from '../../answers/words.js';
import type { Question } from '../../catalog/types.js';
import { evaluateAnswer } from '../../evaluation/evaluate.js';
import { answerLabel, targetLabel } from '../../messages/format.js';
import { msg } from '../../messages/index.js';
import type { Draft } from '../draft.js';
import type { Choice } from '../protocol.js';
import type { DialogState, Mode, Pending, Purpose } from '../state.js';
import { askAgainAfterRetry, save } from './answer.js';
import { askQuestion, continueWalk } from './walk.js';

type Confirming = Extract<Mode, { type: 'confirm_answer' }>;

const YES = [
  'dung',
  'dung roi',
  'dung vay',
  'co',
  'ok',
  'oke',
  'u',
  'uh',
  'um',
  'dong y',
  'chinh xac',
  'phai',
  'chuan',
  'yes',
  'y',
];
const RETRY = ['nhap lai', 'sai', 'khong', 'khong dung', 'chua dung', 'khong phai', 'lai', 'sua', 'no'];

/** A reading as the officer reads it back: the answer, and for Có/Không or a status, its note. */
function readingLabel(q: Question, a: Answer): string {
  const label = answerLabel(q, a);
  return a.note && a.value.type !== 'number' ? `${label} (ghi chú: ${a.note})` : label;
}

/**
 * Shows a reading to confirm. `extra` is one more choice between the readings and "Nhập lại"
 * (e.g. "Xem tiêu chí 2.5" when "2.5" is also a code).
 */
export function offer(
  state: DialogState,
  c: Omit<Confirming, 'type' | 'queue'> & { queue?: Pending[] },
  d: Draft,
  extra?: Choice,
): DialogState {
  const q = d.question(c.pending.key);
  if (!q) return state;
  const mode: Confirming = {
    type: 'confirm_answer',
    ...c,
    queue: c.queue ?? [],
    ...(extra ? { extra } : {}),
  };
  const plain = verdictAsked(c.pending.options);
  if (plain) {
    const choices: Choice[] = [
      { label: msg.verdictMet(), input: '1', numbered: true },
      { label: msg.verdictNotMet(), input: '2', numbered: true },
    ];
    if (extra) choices.push({ ...extra, numbered: true });
    choices.push({ label: msg.confirmRetry(), input: 'nhập lại', numbered: true });
    d.say(msg.askVerdict(q.key, readingLabel(q, plain)), choices);
    return { ...state, mode };
  }
  const readings = c.pending.options.map((a) => ({
    label: readingLabel(q, a),
    status: evaluateAnswer(q, a).status,
    target: targetLabel(q),
  }));
  const choices: Choice[] =
    readings.length === 1
      ? [{ label: msg.confirmYes(), input: 'đúng', numbered: true }]
      : readings.map((r, i) => ({ label: r.label, input: String(i + 1), numbered: true }));
  if (extra) choices.push({ ...extra, numbered: true });
  choices.push({ label: msg.confirmRetry(), input: 'nhập lại', numbered: true });
  d.say(msg.confirmReading(q.key, readings), choices);
  return { ...state, mode };
}

/**
 * The reading without a verdict when the two options are it judged "đạt" and "chưa đạt" (a
 * criterion without a threshold asks the officer's own verdict), else undefined.
 */
function verdictAsked(options: readonly Answer[]): Answer | undefined {
  const [met, notMet] = options;
  if (options.length !== 2 || !met || !notMet) return undefined;
  if (!('declared' in met.value) || !('declared' in notMet.value)) return undefined;
  if (met.value.declared !== 'met' || notMet.value.declared !== 'not_met') return undefined;
  const { declared: _a, ...a } = met.value;
  const { declared: _b, ...b } = notMet.value;
  if (JSON.stringify(a) !== JSON.stringify(b) || met.note !== notMet.note) return undefined;
  return { ...met, value: a as Answer['value'] };
}

/**
 * Whether a reply at "Đúng không?" is a choice rather than a command: a digit, "đúng", "nhập lại",
 * "sai". A bare "dung" is "đúng" here (the question asked for it); "dừng" written so still stops.
 */
export function isConfirmReply(text: string): boolean {
  if (/^\s*\d\s*$/.test(text)) return true;
  if (/dừng/iu.test(text)) return false;
  const w = words(text);
  return YES.includes(w) || RETRY.includes(w);
}

/** The officer's reply to "Đúng không?": a choice, "nhập lại", or a new answer to the same question. */
export function onConfirmAnswer(state: DialogState, mode: Confirming, text: string, d: Draft): DialogState {
  const { pending } = mode;
  const q = d.question(pending.key);
  if (!q) return { v: state.v, mode: { type: 'idle' } };
  const w = words(text);
  const n = pending.options.length;
  const digit = /^[1-9]$/.test(text.trim()) ? Number(text.trim()) : undefined;
  let chosen: number | 'retry' | undefined;
  // The digits follow the choices shown: the readings, the extra choice if any, then "Nhập lại".
  const retryDigit = n + (mode.extra ? 2 : 1);
  if (digit !== undefined) chosen = digit <= n ? digit - 1 : digit === retryDigit ? 'retry' : undefined;
  else if (RETRY.includes(w)) chosen = 'retry';
  else if (YES.includes(w)) chosen = n === 1 ? 0 : undefined;
  else if (verdictAsked(pending.options) && !/\d/.test(text)) {
    // "đạt", "chưa đạt", "ko dat" typed instead of the digit.
    const verdict = findDeclared(text);
    if (verdict) chosen = verdict === 'met' ? 0 : 1;
  }
  if (chosen === undefined && (YES.includes(w) || w === '' || digit !== undefined)) {
    d.say(msg.confirmAgain());
    return state;
  }
  if (chosen === 'retry') return retry(state, mode, q, d);
  if (chosen !== undefined) {
    const answer = pending.options[chosen];
    if (answer) return confirmed(state, mode, q, answer, d);
  }
  // Another answer instead: read it as the answer to the same question.
  const parsed = parseAnswer(q, text);
  if (!parsed.ok) {
    d.say(`${msg.refused(parsed, q)}\n${msg.confirmAgain()}`);
    return state;
  }
  if (parsed.confirm)
    return offer(state, { ...mode, pending: { key: q.key, raw: text, options: parsed.confirm.options } }, d);
  return confirmed(state, { ...mode, pending: { ...pending, raw: text } }, q, parsed.answer, d);
}

function confirmed(state: DialogState, mode: Confirming, q: Question, answer: Answer, d: Draft): DialogState {
  if (d.locked(mode.period)) {
    d.say(msg.locked(mode.period));
    return { ...state, mode: { type: 'idle' } };
  }
  if (mode.source !== 'batch') return save(state, q, mode.period, mode.source, answer, mode.pending.raw, d);
  d.saveAnswer(mode.period, q.key, answer, mode.pending.raw);
  d.say(msg.bulkLine(q.key, answerLabel(q, answer), evaluateAnswer(q, answer).status));
  return nextInQueue(state, mode, d);
}

function retry(state: DialogState, mode: Confirming, q: Question, d: Draft): DialogState {
  if (mode.source !== 'batch') return askAgainAfterRetry(state, mode.period, q.key, mode.source, d);
  d.say(msg.notRecordedLine(q.key));
  return nextInQueue(state, mode, d);
}

/** After one line of several answers: the next reading to confirm, or back to the question that waited. */
export function nextInQueue(state: DialogState, mode: Confirming, d: Draft): DialogState {
  const [next, ...rest] = mode.queue;
  if (next) return offer(state, { ...mode, pending: next, queue: rest }, d);
  return resume(state, mode.period, mode.resume, d);
}

/** Back to the question that waited before several answers came at once (or idle). */
export function resume(
  state: DialogState,
  period: string,
  at: { key: string; purpose: Purpose } | undefined,
  d: Draft,
): DialogState {
  if (!at) return { ...state, mode: { type: 'idle' } };
  if (d.answers(period).has(at.key)) {
    if (at.purpose === 'walk') return continueWalk(state, period, at.key, 0, d);
    return state.walk?.active
      ? continueWalk(state, state.walk.period, state.walk.key, 0, d)
      : { ...state, mode: { type: 'idle' } };
  }
  askQuestion(period, at.key, d);
  return { ...state, mode: { type: 'asking', purpose: at.purpose, period, key: at.key } };
}
