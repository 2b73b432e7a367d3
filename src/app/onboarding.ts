/** A stranger's first messages: an invite code registers them, a link code binds a second account. */
import type { Actor, Identity } from '../domain/access.js';
import { findInviteCode } from '../domain/dialog/invite.js';
import type { Inbound, Reply, SupervisorScope } from '../domain/dialog/protocol.js';
import { msg } from '../domain/messages/index.js';
import { scopeLabel } from '../domain/messages/supervisor.js';
import { currentQuarter, periodKey } from '../domain/periods/periods.js';
import { findInvite, redeemInvite, redeemLinkCode } from '../storage/officers.js';
import { findUnitByCode, findUnitById } from '../storage/units.js';
import { countGuess, refuseGuess } from './code-guard.js';
import type { AppDeps } from './types.js';
import { closureOf } from './units.js';

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
  const guessing = refuseGuess(deps, who, now);
  if (guessing) return guessing;
  const refused = await refusedInvite(deps, code, now);
  if (refused) return [{ text: refused }];
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

/** Why an invite cannot be used although it is valid: its unit was merged or closed since. */
export async function refusedInvite(deps: AppDeps, code: string, now: Date): Promise<string | undefined> {
  const invite = await findInvite(deps.db, code);
  if (!invite?.unit) return undefined;
  const unit = await findUnitByCode(deps.db, invite.unit.code);
  const closed = unit ? await closureOf(deps.db, unit, now) : undefined;
  return closed && unit ? msg.inviteForClosedUnit(unit.name, closed.since, closed.successors) : undefined;
}

/**
 * The invite code a known person's message is, when it is nothing but a code ("ABCD-EFGH",
 * "/start ABCDEFGH") of an invite that can still be used; undefined otherwise (the message is then
 * read as usual: an answer, a command).
 */
export async function usableInviteIn(deps: AppDeps, text: string, now: Date): Promise<string | undefined> {
  if (!/^\s*(?:\/start\s+)?[A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{4}\s*$/.test(text)) return undefined;
  const code = findInviteCode(text);
  const invite = code ? await findInvite(deps.db, code) : undefined;
  if (!invite || invite.usedAt || invite.revokedAt || invite.expiresAt <= now.toISOString()) return undefined;
  return invite.code;
}

/**
 * A registered person redeems an invite: their messenger account now belongs to the invite's
 * person (a console user the demo made an officer becomes a supervisor). What they were keeps its
 * answers; they are told what changed.
 */
export async function redeemAsKnown(
  deps: AppDeps,
  before: Actor,
  who: Identity,
  code: string,
  now: Date,
): Promise<Reply[]> {
  const refused = await refusedInvite(deps, code, now);
  if (refused) return [{ text: refused }];
  const invited = await redeemInvite(deps.db, code, who, now);
  if (!invited) return [{ text: msg.inviteInvalid() }];
  deps.logger?.info(
    { channel: who.channel, personId: invited.personId, was: before.personId, role: invited.role },
    'registered person redeemed an invite',
  );
  return [{ text: msg.roleChanged(await describe(deps, before)) }, ...(await welcome(deps, invited, now))];
}

/** "cán bộ báo cáo của Xã Thử Nghiệm", "cán bộ giám sát tỉnh Thanh Hóa", "quản trị". */
async function describe(deps: AppDeps, actor: Actor): Promise<string> {
  if (actor.role === 'officer') {
    const unit = await findUnitById(deps.db, actor.unitId);
    return `${msg.roleLabel('officer')} của ${unit?.name ?? ''}`.trim();
  }
  if (actor.role === 'admin') return msg.roleLabel('admin');
  return `${msg.roleLabel('supervisor')} ${scopeLabel(scopeOf(actor))}`;
}
