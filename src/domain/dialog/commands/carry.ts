/**
 * Starting a report from the period before: the results most likely unchanged (Có, Đạt, không áp
 * dụng) are offered in one message before the walk, and "như cũ" keeps last period's answer of the
 * open criterion (a figure included, since the officer saw it with the question). Nothing is kept
 * without the officer's word; a kept answer remembers the period it came from.
 */
import { words } from '../../answers/words.js';
import type { Question } from '../../catalog/types.js';
import { evaluateAnswer, type RecordedAnswer } from '../../evaluation/evaluate.js';
import { msg } from '../../messages/index.js';
import { fromKey, type PeriodKey, periodKey, previousPeriod } from '../../periods/periods.js';
import type { Draft } from '../draft.js';
import type { Choice } from '../protocol.js';
import type { DialogState, Mode } from '../state.js';
import { askInWalk, continueWalk } from './walk.js';

type Offer = Extract<Mode, { type: 'carry_offer' }>;

/** "như cũ" and the ways officers say it ("giữ nguyên", "như quý trước", "không đổi"). */
const SAME = [
  'nhu cu',
  'van nhu cu',
  'giu nhu cu',
  'giu nguyen',
  'giu nguyen nhu cu',
  'nhu truoc',
  'nhu ky truoc',
  'nhu quy truoc',
  'nhu nam truoc',
  'giong ky truoc',
  'giong quy truoc',
  'khong doi',
  'khong thay doi',
  'van vay',
  'van the',
];

/** Whether the words say "the same as last period" and nothing more. */
export function isSameAsBefore(text: string): boolean {
  const w = words(text)
    .replace(/^(kho khan de xuat|kho khan|kk) /, '')
    .replace(/ (a|nhe|nha|ha)$/, '');
  return SAME.includes(w);
}

const KEEP_ALL = [
  '1',
  'giu tat ca',
  'giu het',
  'giu',
  'giu nguyen',
  'giu nguyen tat ca',
  'co',
  'dong y',
  'ok',
  'nhu cu',
];
const REVIEW = ['2', 'xem tung tieu chi', 'xem tung', 'xem lai tung tieu chi', 'xem lai'];
const FRESH = ['3', 'tra loi lai tu dau', 'tra loi lai', 'lam lai', 'lam lai tu dau', 'khong', 'tu dau'];

/** Whether a reply at the offer is one of its choices (so "xem lại" is not read as a command). */
export function isOfferReply(text: string): boolean {
  const w = words(text);
  return KEEP_ALL.includes(w) || REVIEW.includes(w) || FRESH.includes(w);
}

/** A result of last period most likely unchanged: Có, Đạt, không áp dụng (never a figure). */
function likelyUnchanged(q: Question, a: RecordedAnswer): boolean {
  const v = a.value;
  if (v.type === 'yesno') return v.yes && evaluateAnswer(q, a).status === 'met';
  if (v.type === 'status') return v.status === 'not_applicable';
  if (v.type === 'text') return evaluateAnswer(q, a).status === 'met';
  return false;
}

/** The period before, and the questions still open now whose result then is most likely unchanged. */
export function carryCandidates(
  period: PeriodKey,
  d: Draft,
): { from: PeriodKey; keys: string[] } | undefined {
  const p = fromKey(period);
  if (!p) return undefined;
  const from = periodKey(previousPeriod(p));
  const before = d.ctx.answers.get(from);
  if (!before || before.size === 0) return undefined;
  const now = d.answers(period);
  const keys = d.ctx.questions
    .filter((q) => !now.has(q.key))
    .filter((q) => {
      const a = before.get(q.key);
      return a !== undefined && likelyUnchanged(q, a);
    })
    .map((q) => q.key);
  return keys.length > 0 ? { from, keys } : undefined;
}

/** Shows the offer; the walk starts once the officer chooses. */
export function offerCarry(state: DialogState, period: PeriodKey, from: PeriodKey, keys: string[], d: Draft) {
  const choices: Choice[] = [
    { label: msg.carryKeepAll(), input: 'giữ tất cả', numbered: true },
    { label: msg.carryReview(), input: 'xem từng tiêu chí', numbered: true },
    { label: msg.carryFresh(), input: 'trả lời lại từ đầu', numbered: true },
  ];
  d.say(msg.carryOffer(period, from, keys), choices);
  return { ...state, mode: { type: 'carry_offer' as const, period, from, keys } };
}

/** The officer's choice: keep them all and ask only what is open, or walk every criterion. */
export function onCarryOffer(state: DialogState, mode: Offer, text: string, d: Draft): DialogState {
  const w = words(text);
  const first = d.ctx.questions[0];
  if (!first) return { ...state, mode: { type: 'idle' } };
  if (KEEP_ALL.includes(w)) {
    if (d.locked(mode.period)) {
      d.say(msg.locked(mode.period));
      return { ...state, mode: { type: 'idle' } };
    }
    let count = 0;
    for (const key of mode.keys) {
      if (d.answers(mode.period).has(key)) continue;
      if (d.carry(mode.period, key, false)) count += 1;
    }
    const left = d.ctx.questions.filter((q) => !d.answers(mode.period).has(q.key)).length;
    d.say(count > 0 ? msg.carried(mode.from, count, left) : msg.carriedNone());
    d.freshWalk = false;
    return continueWalk(state, mode.period, first.key, 0, d);
  }
  if (REVIEW.includes(w) || FRESH.includes(w)) {
    d.freshWalk = FRESH.includes(w);
    return askInWalk(state, mode.period, first.key, d);
  }
  d.say(msg.carryChoose());
  return state;
}
