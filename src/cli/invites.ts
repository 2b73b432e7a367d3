/** `invite`: single-use codes that register an officer, a supervisor or an admin when sent to the bot. */
import { canInviteOfficerOf, canInviteRole } from '../domain/access.js';
import { formatInviteCode } from '../domain/dialog/invite.js';
import { CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { createInvite, type InviteTarget } from '../storage/officers.js';
import { CliError, defineCommand } from './command.js';
import { choice, optional, text, wholeNumber, withDefault } from './options.js';

export const invite = defineCommand({
  name: 'invite',
  summary: CLI_SUMMARY.invite,
  access: 'person',
  options: {
    role: withDefault(choice(['officer', 'supervisor', 'admin']), 'officer'),
    unit: optional(text()),
    province: optional(text()),
    area: optional(text()),
    days: withDefault(wholeNumber(1, 90), 7),
  },
  async run(ctx, o) {
    const { actor, app } = ctx;
    if (!canInviteRole(actor, o.role)) {
      throw new CliError(
        actor.role === 'officer' ? msg.cliOfficerCannotInvite() : msg.cliSupervisorInvitesOfficers(),
      );
    }
    let target: InviteTarget;
    let shown: Parameters<typeof msg.cliInviteFor>[0];
    if (o.role === 'officer') {
      if (!o.unit) throw new CliError(msg.cliMissing('--unit'));
      const unit = await ctx.visibleUnit(o.unit);
      if (!canInviteOfficerOf(actor, unit)) throw new CliError(msg.cliNoUnit(o.unit));
      target = { role: 'officer', unitId: unit.id };
      shown = { role: 'officer', unitName: unit.name, unitCode: unit.code };
    } else if (o.role === 'supervisor') {
      if (!o.province && !o.area) throw new CliError(msg.cliInviteRole());
      target = {
        role: 'supervisor',
        ...(o.province ? { province: o.province } : {}),
        ...(o.area ? { area: o.area } : {}),
      };
      shown = target;
    } else {
      target = { role: 'admin' };
      shown = target;
    }
    const now = app.clock();
    const expires = new Date(now.getTime() + o.days * 86_400_000);
    const { drawCode } = await import('../app/codes.js');
    const code = drawCode();
    await createInvite(app.db, target, code, now, expires);
    ctx.out.write(`${formatInviteCode(code)}\n`);
    ctx.err.write(`${msg.cliInviteFor(shown, expires, code)}\n`);
    return 0;
  },
});
