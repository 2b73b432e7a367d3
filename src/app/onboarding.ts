/** A stranger's first messages: an invite code registers them, a link code binds a second account. */
import type { Actor, Identity } from '../domain/access.js';
import { findInviteCode } from '../domain/dialog/invite.js';
import type { Inbound, Reply, SupervisorScope } from '../domain/dialog/protocol.js';
import { msg } from '../domain/messages/index.js';
import { currentQuarter, periodKey } from '../domain/periods/periods.js';
import { redeemInvite, redeemLinkCode } from '../storage/officers.js';
import { findUnitById } from '../storage/units.js';
import { countGuess, refuseGuess } from './code-guard.js';
import type { AppDeps } from './types.js';

/** The scope of a supervisor or admin as the dialog sees it. */
export function scopeOf(actor: Exclude<Actor, { role: 'officer' }>): SupervisorScope {
  if (actor.role === 'admin') return { role: 'admin' };
  return {
    role: 'supervisor',
    ...(actor.province ? { province: actor.province } : {}),
    ...(actor.area ? { area: actor.area } : {}),
  };
}

/** What a person just registered is told: their unit and framework, or the supervisors' commands. */
export async function welcome(deps: AppDeps, actor: Actor, now: Date): Promise<Reply[]> {
  if (actor.role !== 'officer') return [{ text: msg.supervisorHelp(scopeOf(actor)) }];
  const unit = await findUnitById(deps.db, actor.unitId);
  const fw = unit ? deps.frameworks.get(unit.frameworkId) : undefined;
  if (!unit || !fw) return [{ text: msg.frameworkMissing(unit?.frameworkId ?? '?') }];
  return [{ text: msg.registered(unit.name, unit.province, fw.name, periodKey(currentQuarter(now))) }];
}

/** Reads an invite or link code in a stranger's message and registers or links them. */
export async function onboard(deps: AppDeps, who: Identity, input: Inbound, now: Date): Promise<Reply[]> {
  const code = input.type === 'text' ? findInviteCode(input.text) : undefined;
  if (!code) return [{ text: msg.welcomeUnknown() }];
  const refused = refuseGuess(deps, who, now);
  if (refused) return refused;
  const invited = await redeemInvite(deps.db, code, who, now);
  if (invited) {
    countGuess(deps, who, now, 'passed');
    deps.logger?.info(
      { channel: who.channel, personId: invited.personId, role: invited.role },
      'person registered',
    );
    return welcome(deps, invited, now);
  }
  const linked = await redeemLinkCode(deps.db, code, who, now);
  if (linked) {
    countGuess(deps, who, now, 'passed');
    deps.logger?.info({ channel: who.channel, personId: linked.personId }, 'account linked');
    if (linked.role !== 'officer') return welcome(deps, linked, now);
    const unit = await findUnitById(deps.db, linked.unitId);
    return [{ text: msg.linked(unit?.name ?? '') }];
  }
  countGuess(deps, who, now, 'wrong');
  return [{ text: msg.inviteInvalid() }];
}
