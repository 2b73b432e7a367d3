/** "sửa 1.4 [câu trả lời]": changes one answer; the history keeps the old one. */
import { msg } from '../../messages/index.js';
import { lookupCode } from '../codes.js';
import { activePeriod, type Draft } from '../draft.js';
import type { Command } from '../intents.js';
import type { DialogState } from '../state.js';
import { record } from './answer.js';
import { askQuestion } from './walk.js';

const CODE_ONLY = /^(\d+(?:\.\d+)+)\s*\.?\s*([a-zđ])?\)?$/iu;

/** "sửa" with or without a code and an answer. */
export function startEdit(
  state: DialogState,
  cmd: Extract<Command, { type: 'edit' }>,
  d: Draft,
): DialogState {
  const { ctx } = d;
  const period = activePeriod(state, ctx);
  if (!cmd.code) {
    d.say(msg.editWhich());
    return { ...state, mode: { type: 'edit_pick', period } };
  }
  const found = lookupCode(ctx.framework, ctx.questions, cmd.code, cmd.letter);
  if (found.type === 'unknown') {
    d.say(msg.editUnknown(found.code));
    return state.mode.type === 'edit_pick' ? { ...state, mode: { type: 'idle' } } : state;
  }
  if (found.type === 'composite') {
    d.say(msg.compositeNeedsPart(found.code, found.letters));
    return state;
  }
  const rest = [found.letterUnused ? cmd.letter : undefined, cmd.rest].filter(Boolean).join(' ');
  if (rest) return record(state, found.question, period, 'edit', rest, d);
  askQuestion(period, found.question.key, d);
  return { ...state, mode: { type: 'asking', purpose: 'edit', period, key: found.question.key } };
}

/** The code typed after "sửa" asked which criterion to change. */
export function onEditPick(state: DialogState, text: string, d: Draft): DialogState {
  const m = CODE_ONLY.exec(text);
  if (m) return startEdit(state, { type: 'edit', code: m[1] ?? '', ...(m[2] ? { letter: m[2] } : {}) }, d);
  d.say(msg.editWhich());
  return state;
}
