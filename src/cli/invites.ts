/**
 * `invite`, `invites list|revoke`: single-use codes that register an officer, a supervisor or an
 * admin when sent to the bot; one code, or one per unit of a province in a sheet to hand out.
 * Each acts for a person (`--as`): a supervisor invites, sees and revokes only the officers of
 * the units in scope, an officer nothing.
 */
import { writeFile } from 'node:fs/promises';
import {
  type Actor,
  canInviteOfficerOf,
  canInviteRole,
  canManagePerson,
  canSeeUnit,
} from '../domain/access.js';
import { formatInviteCode } from '../domain/dialog/invite.js';
import { formatDate, provinceLabel } from '../domain/messages/format.js';
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { isActive } from '../domain/units/lifecycle.js';
import {
  countOfficersByUnit,
  createInvite,
  type InviteRecord,
  type InviteTarget,
  listInvites,
  revokeInvites,
} from '../storage/officers.js';
import { listUnits, type UnitRecord } from '../storage/units.js';
import { type CliContext, CliError, defineCommand } from './command.js';
import { choice, codes, flag, optional, province, text, wholeNumber, withDefault } from './options.js';

/** The deep link that opens the bot on Telegram with the code: one tap registers. */
export function telegramLink(bot: string, code: string): string {
  return `https://t.me/${bot.replace(/^@/, '')}?start=${code}`;
}

/** Refuses an actor who may not invite for a role, in the words of the rule that refuses. */
function checkRole(actor: Actor, role: 'officer' | 'supervisor' | 'admin'): void {
  if (!canInviteRole(actor, role)) {
    throw new CliError(
      actor.role === 'officer' ? msg.cliOfficerCannotInvite() : msg.cliSupervisorInvitesOfficers(),
    );
  }
}

/** What each code is for, before it is drawn. */
interface Planned {
  target: InviteTarget;
  unit?: UnitRecord;
  label: string;
}

/** The units a bulk invite covers: those named, or the province's (in the actor's scope), active ones only. */
async function bulkUnits(
  ctx: CliContext,
  o: { unit?: string[] | undefined; province?: string | undefined; missing: boolean },
): Promise<Planned[]> {
  const { app, actor, err } = ctx;
  const now = app.clock();
  const units = o.unit
    ? await Promise.all(o.unit.map((code) => ctx.visibleUnit(code)))
    : (await listUnits(app.db)).filter((u) => u.province === o.province && canSeeUnit(actor, u));
  if (units.length === 0) throw new CliError(msg.cliNoUnitsOf(o.province));
  const closed = units.filter((u) => !isActive(u, now));
  if (closed.length > 0) err.write(`cds-bot: ${msg.cliInvitesSkippedClosed(closed.map((u) => u.code))}\n`);
  let open = units.filter((u) => isActive(u, now) && canInviteOfficerOf(actor, u));
  if (o.missing) {
    const officers = await countOfficersByUnit(app.db);
    const staffed = open.filter((u) => (officers.get(u.id) ?? 0) > 0);
    if (staffed.length > 0) err.write(`cds-bot: ${msg.cliInvitesSkippedStaffed(staffed.length)}\n`);
    open = open.filter((u) => !officers.get(u.id));
  }
  return open
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((u) => ({ target: { role: 'officer', unitId: u.id }, unit: u, label: u.name }));
}

export const invite = defineCommand({
  name: 'invite',
  summary: CLI_SUMMARY.invite,
  access: 'person',
  options: {
    role: withDefault(choice(['officer', 'supervisor', 'admin']), 'officer'),
    unit: optional(codes()),
    province: optional(province()),
    area: optional(text()),
    days: withDefault(wholeNumber(1, 90), 7),
    count: withDefault(wholeNumber(1, 50), 1),
    missing: flag(),
    out: optional(text()),
    'telegram-bot': optional(text()),
  },
  help: {
    unit: CLI_OPTION_NOTES.inviteUnits,
    province: CLI_OPTION_NOTES.inviteProvince,
    out: CLI_OPTION_NOTES.inviteOut,
  },
  async run(ctx, o) {
    const { actor, app } = ctx;
    checkRole(actor, o.role);
    const now = app.clock();
    const bulk =
      o.out !== undefined ||
      o.count > 1 ||
      (o.unit?.length ?? 0) > 1 ||
      (o.role === 'officer' && o.province !== undefined && o.unit === undefined);
    let planned: Planned[];
    if (o.role === 'officer') {
      if (!o.unit && !o.province) throw new CliError(msg.cliMissing('--unit'));
      if (!bulk) {
        const code = o.unit?.[0] ?? '';
        const unit = await ctx.visibleUnit(code);
        if (!canInviteOfficerOf(actor, unit)) throw new CliError(msg.cliNoUnit(code));
        const { closureOf } = await import('../app/units.js');
        const closed = await closureOf(app.db, unit, now);
        if (closed)
          throw new CliError(
            msg.cliInviteUnitClosed(msg.unitClosedShort(unit.name, closed.since, closed.successors)),
          );
        planned = [{ target: { role: 'officer', unitId: unit.id }, unit, label: unit.name }];
      } else {
        planned = await bulkUnits(ctx, { unit: o.unit, province: o.province, missing: o.missing });
      }
    } else if (o.role === 'supervisor') {
      if (!o.province && !o.area) throw new CliError(msg.cliInviteRole());
      const target: InviteTarget = {
        role: 'supervisor',
        ...(o.province ? { province: o.province } : {}),
        ...(o.area ? { area: o.area } : {}),
      };
      const scope = o.province ? provinceLabel(o.province) : `khu vực ${o.area ?? ''}`;
      planned = [{ target, label: msg.inviteSheetRole('supervisor', scope) }];
    } else {
      planned = [{ target: { role: 'admin' }, label: msg.inviteSheetRole('admin') }];
    }
    if (planned.length === 0) {
      ctx.out.write(`${msg.cliInvitesNone()}\n`);
      return 0;
    }
    const expires = new Date(now.getTime() + o.days * 86_400_000);
    const { drawCode } = await import('../app/codes.js');
    const issued: Array<Planned & { code: string }> = [];
    for (const p of planned) {
      for (let i = 0; i < o.count; i++) {
        const code = drawCode();
        await createInvite(app.db, p.target, code, now, expires);
        issued.push({ ...p, code });
      }
    }

    if (!bulk) {
      const [one] = issued;
      if (!one) return 0;
      const shown: Parameters<typeof msg.cliInviteFor>[0] =
        one.target.role === 'officer' && one.unit
          ? { role: 'officer', unitName: one.unit.name, unitCode: one.unit.code }
          : one.target.role === 'officer'
            ? { role: 'admin' }
            : one.target;
      ctx.out.write(`${formatInviteCode(one.code)}\n`);
      ctx.err.write(`${msg.cliInviteFor(shown, expires, one.code)}\n`);
      return 0;
    }
    const bot = o['telegram-bot'] ?? ctx.env.TELEGRAM_BOT_USERNAME;
    const zaloName = ctx.env.ZALO_BOT_NAME;
    const rows = issued.map((p) => ({
      unitCode: p.unit?.code ?? '',
      unitName: p.label,
      code: formatInviteCode(p.code),
      expires: formatDate(expires),
      ...(bot ? { link: telegramLink(bot, p.code) } : {}),
      zalo: msg.inviteZaloText(formatInviteCode(p.code), zaloName),
    }));
    if (!bot) ctx.err.write(`cds-bot: ${msg.cliNoTelegramBot()}\n`);
    if (o.out === undefined) {
      for (const r of rows) {
        ctx.out.write(
          `${msg.cliInviteTsvLine(r.unitCode ? `${r.unitCode}\t${r.unitName}` : r.unitName, r.code, expires, r.link)}\n`,
        );
      }
      return 0;
    }
    const { buildInviteSheet } = await import('../reports/invite-sheet.js');
    const scope = o.province
      ? provinceLabel(o.province)
      : o.area
        ? `khu vực ${o.area}`
        : (rows[0]?.unitName ?? '');
    await writeFile(o.out, await buildInviteSheet({ title: msg.inviteSheetTitle(scope, expires), rows }));
    ctx.out.write(`${msg.cliInvitesWritten(o.out, rows.length, expires)}\n`);
    return 0;
  },
});

/** An invite's state at `now`. */
function stateOf(i: InviteRecord, now: Date): 'open' | 'used' | 'revoked' | 'expired' {
  if (i.usedAt) return 'used';
  if (i.revokedAt) return 'revoked';
  return i.expiresAt <= now.toISOString() ? 'expired' : 'open';
}

/** The invites an actor may see: an officer none (refused), a supervisor those for officers in scope. */
async function visibleInvites(ctx: CliContext): Promise<InviteRecord[]> {
  if (ctx.actor.role === 'officer') throw new CliError(msg.cliPeopleOfficer());
  const units = new Map((await listUnits(ctx.app.db)).map((u) => [u.id, u]));
  return (await listInvites(ctx.app.db)).filter((i) =>
    canManagePerson(ctx.actor, { role: i.role, unit: i.unit ? units.get(i.unit.id) : undefined }),
  );
}

export const invitesList = defineCommand({
  name: 'invites list',
  summary: CLI_SUMMARY.invitesList,
  access: 'person',
  options: { unit: optional(text()), province: optional(province()), all: flag() },
  help: { unit: CLI_OPTION_NOTES.peopleUnit },
  async run(ctx, o) {
    const now = ctx.app.clock();
    const shown = (await visibleInvites(ctx))
      .filter((i) => !o.unit || i.unit?.code === o.unit)
      .filter((i) => !o.province || (i.unit?.province ?? i.province) === o.province)
      .filter((i) => o.all || stateOf(i, now) === 'open');
    if (shown.length === 0) ctx.out.write(`${msg.cliNoInvites(o.all)}\n`);
    for (const i of shown) ctx.out.write(`${msg.cliInviteLine(i, stateOf(i, now), i.usedAt)}\n`);
    return 0;
  },
});

export const invitesRevoke = defineCommand({
  name: 'invites revoke',
  summary: CLI_SUMMARY.invitesRevoke,
  access: 'person',
  options: { code: optional(codes()), unit: optional(codes()) },
  help: { code: CLI_OPTION_NOTES.revokeCode, unit: CLI_OPTION_NOTES.revokeUnit },
  async run(ctx, o) {
    if (!o.code && !o.unit) throw new CliError(msg.cliRevokeWhat());
    const now = ctx.app.clock();
    const visible = await visibleInvites(ctx);
    const wanted = new Set<string>();
    for (const raw of o.code ?? []) {
      const code = raw.replace(/[\s-]/g, '').toUpperCase();
      if (!visible.some((i) => i.code === code)) throw new CliError(msg.cliInviteNotFound(raw));
      wanted.add(code);
    }
    for (const unitCode of o.unit ?? []) {
      await ctx.visibleUnit(unitCode);
      for (const i of visible)
        if (i.unit?.code === unitCode && stateOf(i, now) === 'open') wanted.add(i.code);
    }
    ctx.out.write(`${msg.cliInvitesRevoked(await revokeInvites(ctx.app.db, [...wanted], now))}\n`);
    return 0;
  },
});
