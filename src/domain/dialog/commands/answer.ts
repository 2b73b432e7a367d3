/** An answer to the open question, and the khó khăn, đề xuất asked after an unmet one. */
import { foldWords, startsWithPhrase } from '../../answers/normalize.js';
import { MAX_ANSWER_LENGTH, parseAnswer, parseYesNo } from '../../answers/parse.js';
import type { Question } from '../../catalog/types.js';
import { evaluateAnswer } from '../../evaluation/evaluate.js';
import { answerLabel, shortfallLabel, targetLabel } from '../../messages/format.js';
import { msg } from '../../messages/index.js';
import type { PeriodKey } from '../../periods/periods.js';
import type { Draft } from '../draft.js';
import type { DialogState, Mode, Purpose } from '../state.js';
import { advance } from './walk.js';

/** Words that mean "no khó khăn to report" at the khó khăn prompt. */
const DIFFICULTY_SKIP = [
  'khong',
  'k',
  'ko',
  'khong co',
  'ko co',
  'k co',
  'khong co gi',
  'chua co',
  'bo qua',
  'ko co gi',
];

/** The answer to the question the dialog waits on. */
export function onAnswer(
  state: DialogState,
  mode: Extract<Mode, { type: 'asking' }>,
  text: string,
  d: Draft,
): DialogState {
  const q = d.question(mode.key);
  if (!q) return { v: state.v, mode: { type: 'idle' } };
  return record(state, q, mode.period, mode.purpose, text, d);
}

/** Parses, saves and echoes one answer, then asks for khó khăn or moves on. */
export function record(
  state: DialogState,
  q: Question,
  period: PeriodKey,
  purpose: Purpose,
  text: string,
  d: Draft,
): DialogState {
  if (d.locked(period)) {
    d.say(msg.locked(period));
    return { ...state, mode: { type: 'idle' } };
  }
  const parsed = parseAnswer(q, text);
  if (!parsed.ok) {
    d.say(`${msg.refused(parsed.reason, q)}\n${msg.askAgain(q.key)}`);
    return { ...state, mode: { type: 'asking', purpose, period, key: q.key } };
  }
  d.saveAnswer(period, q.key, parsed.answer, text);
  const ev = evaluateAnswer(q, parsed.answer);
  const extra = ev.shortfall ? shortfallLabel(ev.shortfall, q) : undefined;
  const lines = [msg.recorded(q.key, answerLabel(q, parsed.answer), ev.status, targetLabel(q), extra)];
  if (ev.disagrees && ev.declared) lines.push(msg.declaredDiffers(ev.declared));
  const needsGuidance = parsed.answer.value.type === 'status' && parsed.answer.value.needsGuidance;
  if (needsGuidance) lines.push(msg.guidance());
  d.say(lines.join('\n'));
  if (ev.status === 'not_met' || needsGuidance) {
    d.say(msg.askDifficulty(q.key), [{ label: 'Bỏ qua', input: 'bỏ qua' }]);
    return { ...state, mode: { type: 'difficulty', purpose, period, key: q.key } };
  }
  return advance(state, purpose, period, q.key, d);
}

/** The khó khăn, đề xuất of the criterion just answered. */
export function onDifficulty(
  state: DialogState,
  mode: Extract<Mode, { type: 'difficulty' }>,
  text: string,
  d: Draft,
): DialogState {
  const words = foldWords(text);
  if (words === '' && text.trim() === '') {
    d.say(msg.stillWaitingDifficulty(mode.key));
    return state;
  }
  if (startsWithPhrase(words, DIFFICULTY_SKIP) === words) {
    return advance(state, mode.purpose, mode.period, mode.key, d);
  }
  // "có" answers "is there a difficulty?" but says nothing the province could act on: ask for it.
  const yn = parseYesNo(text);
  if (yn?.yes && yn.rest === '') {
    d.say(msg.difficultyContent(mode.key));
    return state;
  }
  if (text.length > MAX_ANSWER_LENGTH) {
    d.say(msg.refused('too_long', { kind: 'text', key: mode.key }));
    return state;
  }
  if (d.locked(mode.period)) {
    d.say(msg.locked(mode.period));
    return { ...state, mode: { type: 'idle' } };
  }
  d.saveDifficulty(mode.period, mode.key, text);
  d.say(msg.difficultySaved(mode.key));
  return advance(state, mode.purpose, mode.period, mode.key, d);
}
