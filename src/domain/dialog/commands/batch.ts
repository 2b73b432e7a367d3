/** Several answers in one message: "1.1 100; 1.2 95; 1.4 25.031/37.389" or one pair per line. */
import { foldWords } from '../../answers/normalize.js';
import { parseAnswer } from '../../answers/parse.js';
import { evaluateAnswer } from '../../evaluation/evaluate.js';
import { answerLabel } from '../../messages/format.js';
import { msg } from '../../messages/index.js';
import { findPeriod, periodKey } from '../../periods/periods.js';
import { activePeriod, type Draft } from '../draft.js';
import { lookupCode, type splitBulk } from '../intents.js';
import type { DialogState } from '../state.js';
import { advance, continueWalk } from './walk.js';

/** Saves every pair that reads right, lists the ones refused and why; the open question then waits again. */
export function onBatch(
  state: DialogState,
  bulk: NonNullable<ReturnType<typeof splitBulk>>,
  d: Draft,
): DialogState {
  const { ctx } = d;
  const period = activePeriod(state, ctx);
  if (d.locked(period)) {
    d.say(msg.locked(period));
    return state;
  }
  const saved: string[] = [];
  const refused: string[] = [];
  for (const item of bulk.items) {
    const found = lookupCode(ctx.framework, ctx.questions, item.code, item.letter);
    if (found.type === 'unknown') {
      refused.push(msg.bulkRefusedLine(found.code, msg.unknownCode(found.code)));
      continue;
    }
    if (found.type === 'composite') {
      refused.push(msg.bulkRefusedLine(found.code, msg.compositeNeedsPart(found.code, found.letters)));
      continue;
    }
    const q = found.question;
    const text = found.letterUnused ? `${item.letter} ${item.text}` : item.text;
    const named = findPeriod(text, ctx.now);
    if (named && periodKey(named.period) !== period && /quy|qui|nam|q[1-4]/.test(foldWords(text))) {
      refused.push(msg.bulkRefusedLine(q.key, msg.otherPeriodInLine(period)));
      continue;
    }
    const parsed = parseAnswer(q, text);
    if (!parsed.ok) {
      refused.push(msg.bulkRefusedLine(q.key, msg.refusalReason(parsed.reason, q)));
      continue;
    }
    d.saveAnswer(period, q.key, parsed.answer, text);
    const ev = evaluateAnswer(q, parsed.answer);
    saved.push(msg.bulkLine(q.key, answerLabel(q, parsed.answer), ev.status));
  }
  for (const line of bulk.stray) refused.push(msg.noCodeInLine(line));
  const lines = saved.length > 0 ? [msg.bulkHeader(saved.length, period), ...saved] : [msg.bulkNone()];
  if (refused.length > 0) lines.push(msg.bulkRefusedHeader(), ...refused);
  d.say(lines.join('\n'));

  const mode = state.mode;
  if (mode.type === 'asking' && mode.period === period) {
    if (d.answers(period).has(mode.key) && mode.purpose === 'walk')
      return continueWalk(state, period, mode.key, 0, d);
    if (d.answers(period).has(mode.key)) return advance(state, 'edit', period, mode.key, d);
    d.say(msg.stillWaiting(mode.key));
  }
  return state;
}
