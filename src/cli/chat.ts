/**
 * `run` (the default) and `chat`: the bot itself, or the console chat as the officer of a unit.
 * `run` acts as this machine's console user (`--as` refused); `chat --as <channel:id>` lets an
 * administrator try the bot as a registered person: every message is handled as if that person
 * sent it from their messenger (their role, their scope, their unit's answers).
 */
import { userInfo } from 'node:os';
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { type CliContext, CliError, defineCommand } from './command.js';
import { choice, flag, optional, text } from './options.js';

/** The console user: one identity per operating-system account. */
function consoleIdentity() {
  let name = 'console';
  try {
    name = userInfo().username || name;
  } catch {
    // Some containers have no passwd entry; one shared console identity is fine there.
  }
  return { channel: 'console', externalId: name, displayName: name };
}

function actorLabel(actor: CliContext['actor']): string {
  return msg.roleLabel(actor.role);
}

const DEMO = { code: 'DEMO', name: 'Xã Thử Nghiệm', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' };

/**
 * The console chat. With --unit, the console user becomes that unit's officer; on an empty
 * database, a demo commune is made so the chat can be tried at once.
 */
async function chat(
  ctx: CliContext,
  o: {
    unit?: string | undefined;
    framework?: string | undefined;
    group?: '1' | '2' | '3' | undefined;
    echo: boolean;
  },
): Promise<number> {
  if (o.framework !== undefined) return preview(ctx, o.framework, o.echo, o.group);
  if (o.group !== undefined) throw new CliError(msg.fwGroupNeedsFramework());
  const { app, out } = ctx;
  const [{ runConsole }, { fileSaver }, officers, units] = await Promise.all([
    import('../bot/console/console.js'),
    import('../main.js'),
    import('../storage/officers.js'),
    import('../storage/units.js'),
  ]);
  const as = ctx.asIdentity;
  const who = as ?? consoleIdentity();
  const say = (text: string) => out.write(`${text}\n\n`);
  const actor = await officers.findActorByIdentity(app.db, who);
  const officer = await officers.findOfficerByIdentity(app.db, who);
  if (as) {
    if (o.unit) throw new CliError(msg.cliChatAsWithUnit());
    say(msg.consoleActingAs(`${as.channel}:${as.externalId}`, actorLabel(ctx.actor)));
  } else if (o.unit) {
    const unit = await ctx.visibleUnit(o.unit);
    if (officer?.unitId !== unit.id) await officers.registerOfficer(app.db, unit.id, who, app.clock());
    say(msg.consoleBound(unit.name));
  } else if (!actor && (await units.countUnits(app.db)) === 0) {
    const fw = app.frameworks.get(DEMO.frameworkId);
    if (!fw) throw new CliError(msg.cliDemoMissing(DEMO.frameworkId));
    const unit = await units.addUnit(app.db, DEMO, app.clock());
    await officers.registerOfficer(app.db, unit.id, who, app.clock());
    say(msg.demoCreated(unit.name, fw.name));
  } else if (officer) {
    const unit = await units.findUnitById(app.db, officer.unitId);
    if (unit) say(msg.consoleBound(unit.name));
  } else if (actor) {
    say(msg.consoleSupervisor());
  }
  const interactive = Boolean((ctx.input as { isTTY?: boolean }).isTTY);
  // The officers' commands; a supervisor was shown theirs ("/tonghop").
  if (interactive && (await officers.findActorByIdentity(app.db, who))?.role === 'officer') say(msg.help());
  await runConsole({
    engine: app.engine,
    who,
    input: ctx.input,
    output: out,
    interactive,
    echo: o.echo,
    saveFile: fileSaver(app),
    onError: (err) => app.logger.error({ err }, 'console message failed'),
  });
  return 0;
}

/**
 * `chat --framework <id>`: walks a framework (a draft too) as the officer of a trial commune, in a
 * database of its own in memory, so nothing reaches the real data.
 */
async function preview(ctx: CliContext, id: string, echo: boolean, group?: '1' | '2' | '3'): Promise<number> {
  const { app, out } = ctx;
  if (ctx.asPerson) throw new CliError(msg.fwPreviewNoAs());
  const fw = app.frameworks.get(id);
  if (!fw) throw new CliError(msg.cliUnknownFramework(id));
  const [{ runConsole }, { fileSaver }, officers, units, { createApp }] = await Promise.all([
    import('../bot/console/console.js'),
    import('../main.js'),
    import('../storage/officers.js'),
    import('../storage/units.js'),
    import('../app/create-app.js'),
  ]);
  const { databaseUrl: _url, ...config } = app.config;
  const trial = await createApp(
    { ...config, databasePath: ':memory:' },
    { clock: app.clock, logger: app.logger },
  );
  try {
    const who = consoleIdentity();
    const unit = await units.addUnit(
      trial.db,
      {
        code: 'THU',
        name: DEMO.name,
        province: fw.province ?? DEMO.province,
        frameworkId: fw.id,
        ...(group ? { group: Number(group) as 1 | 2 | 3 } : {}),
      },
      trial.clock(),
    );
    await officers.registerOfficer(trial.db, unit.id, who, trial.clock());
    out.write(`${msg.fwPreview(fw.name)}\n\n`);
    const interactive = Boolean((ctx.input as { isTTY?: boolean }).isTTY);
    if (interactive) out.write(`${msg.help()}\n\n`);
    await runConsole({
      engine: trial.engine,
      who,
      input: ctx.input,
      output: out,
      interactive,
      echo,
      saveFile: fileSaver(trial),
      onError: (err) => app.logger.error({ err }, 'console message failed'),
    });
  } finally {
    await trial.close();
  }
  return 0;
}

const chatOptions = {
  unit: optional(text()),
  framework: optional(text()),
  group: optional(choice(['1', '2', '3'] as const)),
  echo: flag(),
};

export const run = defineCommand({
  name: 'run',
  summary: CLI_SUMMARY.run,
  access: 'operator',
  isDefault: true,
  options: chatOptions,
  help: {
    unit: CLI_OPTION_NOTES.chatUnit,
    framework: CLI_OPTION_NOTES.chatFramework,
    group: CLI_OPTION_NOTES.chatGroup,
  },
  async run(ctx, o) {
    const { telegramToken, zaloToken } = ctx.app.config;
    if (!telegramToken && !zaloToken) return chat(ctx, o);
    const { runService } = await import('../main.js');
    await runService(ctx.app);
    return 0;
  },
});

export const chatCommand = defineCommand({
  name: 'chat',
  summary: CLI_SUMMARY.chat,
  access: 'person',
  options: chatOptions,
  help: {
    unit: CLI_OPTION_NOTES.chatUnit,
    framework: CLI_OPTION_NOTES.chatFramework,
    group: CLI_OPTION_NOTES.chatGroup,
  },
  run: chat,
});
