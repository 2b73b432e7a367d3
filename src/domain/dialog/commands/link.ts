/** "liên kết": a one-time code to continue the same report from another messenger account. */
import { msg } from '../../messages/index.js';
import { type Draft, remindOfWaiting } from '../draft.js';
import type { DialogState } from '../state.js';

/** How long a code for linking a second messenger account stays valid. */
export const LINK_CODE_MINUTES = 30;

export function createLink(state: DialogState, d: Draft): DialogState {
  const { ctx } = d;
  const expiresAt = new Date(ctx.now.getTime() + LINK_CODE_MINUTES * 60_000);
  d.effects.push({ type: 'create_link_code', code: ctx.newCode, expiresAt });
  d.say(msg.linkCode(ctx.newCode, LINK_CODE_MINUTES));
  remindOfWaiting(state, d);
  return state;
}
