/** Help, greetings, and what the dialog says to what it does not understand. */
import { msg } from '../../messages/index.js';
import { type Draft, remindOfWaiting } from '../draft.js';
import type { DialogState } from '../state.js';
import { askQuestion } from './walk.js';

/** "hướng dẫn": the list of commands. */
export function showHelp(state: DialogState, d: Draft): DialogState {
  d.say(msg.help());
  remindOfWaiting(state, d);
  return state;
}

/** "xin chào": the open question again, or a short greeting with what to type. */
export function greet(state: DialogState, d: Draft): DialogState {
  if (state.mode.type === 'asking') {
    askQuestion(state.mode.period, state.mode.key, d);
    return state;
  }
  d.say(msg.greeting(d.ctx.unit.name));
  return state;
}

/** A supervisor's command typed by an officer. */
export function supervisorOnly(state: DialogState, d: Draft): DialogState {
  d.say(msg.supervisorOnly());
  remindOfWaiting(state, d);
  return state;
}

/** Nothing waits and the message is no command. */
export function notUnderstood(state: DialogState, d: Draft): DialogState {
  d.say(msg.notUnderstood());
  return state;
}
