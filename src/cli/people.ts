/**
 * `people list|remove`: the people registered on the bot, and taking one off it. Both act for a
 * person (`--as`): a supervisor sees and removes only the officers of units in scope, an officer
 * nobody. Removing ends the person's access at once (their messenger accounts are unbound) and
 * keeps everything they wrote.
 */
import { canManagePerson } from '../domain/access.js';
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { listPeople, type PersonRecord, removePerson } from '../storage/officers.js';
import { listUnits } from '../storage/units.js';
import { type CliContext, CliError, defineCommand } from './command.js';
import { choice, optional, province, text } from './options.js';

/** The people an actor may see. */
async function visiblePeople(ctx: CliContext): Promise<PersonRecord[]> {
  if (ctx.actor.role === 'officer') throw new CliError(msg.cliPeopleOfficer());
  const units = new Map((await listUnits(ctx.app.db)).map((u) => [u.id, u]));
  return (await listPeople(ctx.app.db)).filter((p) =>
    canManagePerson(ctx.actor, { role: p.role, unit: p.unit ? units.get(p.unit.id) : undefined }),
  );
}

export const peopleList = defineCommand({
  name: 'people list',
  summary: CLI_SUMMARY.peopleList,
  access: 'person',
  options: {
    unit: optional(text()),
    province: optional(province()),
    role: optional(choice(['officer', 'supervisor', 'admin'])),
  },
  help: { unit: CLI_OPTION_NOTES.peopleUnit, role: CLI_OPTION_NOTES.peopleRole },
  async run(ctx, o) {
    const shown = (await visiblePeople(ctx))
      .filter((p) => !o.unit || p.unit?.code === o.unit)
      .filter((p) => !o.province || (p.unit?.province ?? p.province) === o.province)
      .filter((p) => !o.role || p.role === o.role);
    if (shown.length === 0) ctx.out.write(`${msg.cliNoPeople()}\n`);
    for (const p of shown) ctx.out.write(`${msg.cliPersonLine(p)}\n`);
    return 0;
  },
});

export const peopleRemove = defineCommand({
  name: 'people remove',
  summary: CLI_SUMMARY.peopleRemove,
  access: 'person',
  options: { person: text() },
  async run(ctx, o) {
    const visible = await visiblePeople(ctx);
    const byId = /^#?(\d+)$/.exec(o.person);
    const byAccount = /^([a-z]+):(.+)$/.exec(o.person);
    if (!byId && !byAccount) throw new CliError(msg.cliBadPerson());
    const person = visible.find((p) =>
      byId
        ? p.id === Number(byId[1])
        : p.identities.some((i) => i.channel === byAccount?.[1] && i.externalId === byAccount?.[2]),
    );
    if (!person) throw new CliError(msg.cliPersonNotFound(o.person));
    const by = ctx.asPerson ? ctx.actor.personId : null;
    if (!(await removePerson(ctx.app.db, person.id, by, ctx.app.clock()))) {
      throw new CliError(msg.cliPersonNotFound(o.person));
    }
    const accounts = person.identities.map((i) => `${i.channel}:${i.externalId}`);
    ctx.out.write(`${msg.cliPersonRemoved(person, accounts)}\n`);
    return 0;
  },
});
