/** Several answers in one message: "1.1 100; 1.2 95; 1.4 25.031/37.389" or one pair per line. */
import { foldWords } from '../../answers/normalize.js';
import { parseAnswer } from '../../answers/parse.js';
import { evaluateAnswer } from '../../evaluation/evaluate.js';
import { answerLabel } from '../../messages/format.js';
import { msg } from '../../messages/index.js';
import { findPeriod, periodKey } from '../../periods/periods.js';
import { lookupCode, type splitBulk, YES_NO_CHOICES } from '../codes.js';
import { activePeriod, type Draft } from '../draft.js';
import type { DialogState, Pending } from '../state.js';
import { isSameAsBefore } from './carry.js';
import { offer, resume } from './confirm.js';

/**
 * Saves every pair read for sure and lists the ones refused with their reason; pairs that need the
 * officer's confirmation are then confirmed one by one; the open question then waits again.
 */
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
  const toConfirm: Pending[] = [];
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
    let text = found.letterUnused ? `${item.letter} ${item.text}` : item.text;
    // "4.4 4": the digit of the numbered Có/Không menu, as the walk-through takes it.
    const digit = /^[2-4]$/.exec(text.trim());
    if (digit && q.kind === 'yesno') text = YES_NO_CHOICES[Number(digit[0]) - 1]?.input ?? text;
    const named = findPeriod(text, ctx.now);
    if (named && periodKey(named.period) !== period && /quy|qui|nam|q[1-4]/.test(foldWords(text))) {
      refused.push(msg.bulkRefusedLine(q.key, msg.otherPeriodInLine(period)));
      continue;
    }
    // "1.1 như cũ": last period's answer kept, as the walk-through keeps it.
    if (isSameAsBefore(text)) {
      const kept = d.carry(period, q.key, true);
      if (kept) saved.push(msg.bulkLine(q.key, answerLabel(q, kept), evaluateAnswer(q, kept).status));
      else refused.push(msg.bulkRefusedLine(q.key, msg.nothingToKeepLine()));
      continue;
    }
    const parsed = parseAnswer(q, text);
    if (!parsed.ok) {
      refused.push(msg.bulkRefusedLine(q.key, msg.refusalReason(parsed, q)));
      continue;
    }
    if (parsed.confirm) {
      toConfirm.push({ key: q.key, raw: text, options: parsed.confirm.options });
      continue;
    }
    d.saveAnswer(period, q.key, parsed.answer, text);
    saved.push(msg.bulkLine(q.key, answerLabel(q, parsed.answer), evaluateAnswer(q, parsed.answer).status));
  }
  for (const line of bulk.stray) refused.push(msg.noCodeInLine(line));
  const lines =
    saved.length > 0
      ? [msg.bulkHeader(saved.length, period), ...saved]
      : toConfirm.length > 0
        ? []
        : [msg.bulkNone()];
  if (refused.length > 0) lines.push(msg.bulkRefusedHeader(), ...refused);
  if (toConfirm.length > 0) lines.push(msg.bulkToConfirm(toConfirm.map((p) => p.key)));
  d.say(lines.join('\n'));

  const mode = state.mode;
  const waiting =
    mode.type === 'asking' && mode.period === period ? { key: mode.key, purpose: mode.purpose } : undefined;
  const [first, ...queue] = toConfirm;
  if (first) {
    return offer(
      state,
      { source: 'batch', period, pending: first, queue, ...(waiting ? { resume: waiting } : {}) },
      d,
    );
  }
  if (waiting && d.answers(period).has(waiting.key)) return resume(state, period, waiting, d);
  if (waiting) d.say(msg.stillWaiting(waiting.key));
  return state;
}
