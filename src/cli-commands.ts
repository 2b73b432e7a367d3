import { userInfo } from 'node:os';
import type { Writable } from 'node:stream';
import { drawCode } from './app/codes.js';
import { type App, createApp } from './app/create-app.js';
import { planAt, runRemindersAt } from './app/reminders.js';
import { runConsole } from './bot/console/console.js';
import {
  areasCommand,
  cliActor,
  exportCommand,
  importCommand,
  overviewCommand,
  UsageError,
  unitsChangeCommand,
  visibleUnit,
} from './cli-reports.js';
import { USAGE, type Values } from './cli-usage.js';
import { parseConfig } from './config.js';
import { listQuestions } from './domain/catalog/load.js';
import { formatInviteCode } from './domain/dialog/invite.js';
import { formatDate, targetLabel } from './domain/messages/format.js';
import { msg, renderGapReport } from './domain/messages/index.js';
import { currentQuarter, fromKey, parsePeriod, periodKey } from './domain/periods/periods.js';
import { deadlinesAround, parseDay } from './domain/reminders/calendar.js';
import { buildGapReport } from './domain/report/gaps.js';
import { buildSenders, fileSaver, runService } from './main.js';
import { loadAnswers } from './storage/answers.js';
import { backupSqlite } from './storage/backup.js';
import {
  createInvite,
  findOfficerByIdentity,
  type InviteTarget,
  registerOfficer,
} from './storage/officers.js';
import {
  addAdHocDeadline,
  listAdHocDeadlines,
  listCalendarOverrides,
  setCalendarOverride,
} from './storage/reminders.js';
import { addUnit, countUnits, findUnitByCode, findUnitById, listUnits } from './storage/units.js';

function need(values: Values, name: keyof Values): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`missing --${String(name)}`);
  return v.trim();
}

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

async function unitOrFail(app: App, code: string) {
  const unit = await findUnitByCode(app.db, code);
  if (!unit) throw new UsageError(`no unit with code "${code}" (see: cds-bot units list)`);
  return unit;
}

async function chat(app: App, values: Values, out: Writable): Promise<void> {
  const who = consoleIdentity();
  const say = (text: string) => out.write(`${text}\n\n`);
  const officer = await findOfficerByIdentity(app.db, who);
  if (values.unit) {
    const unit = await unitOrFail(app, values.unit);
    if (officer?.unitId !== unit.id) await registerOfficer(app.db, unit.id, who, app.clock());
    say(msg.consoleBound(unit.name));
  } else if (!officer && (await countUnits(app.db)) === 0) {
    const fw = app.frameworks.get(DEMO.frameworkId);
    if (!fw) throw new UsageError(`the demo framework ${DEMO.frameworkId} is not installed`);
    const unit = await addUnit(app.db, DEMO, app.clock());
    await registerOfficer(app.db, unit.id, who, app.clock());
    say(msg.demoCreated(unit.name, fw.name));
  } else if (officer) {
    const unit = await findUnitById(app.db, officer.unitId);
    if (unit) say(msg.consoleBound(unit.name));
  }
  const interactive = Boolean(process.stdin.isTTY);
  if (interactive) say(msg.help());
  await runConsole({
    engine: app.engine,
    who,
    input: process.stdin,
    output: out,
    interactive,
    echo: Boolean(values.echo),
    saveFile: fileSaver(app),
    onError: (err) => app.logger.error({ err }, 'console message failed'),
  });
}

const DEMO = { code: 'DEMO', name: 'Xã Thử Nghiệm', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' };

function atOption(app: App, values: Values): Date {
  if (!values.at) return app.clock();
  const at = new Date(values.at);
  if (Number.isNaN(at.getTime()))
    throw new UsageError(`cannot read --at "${values.at}" (use an ISO time, e.g. 2026-12-04T08:00:00+07:00)`);
  return at;
}

async function deadlinesCommand(
  app: App,
  sub: string | undefined,
  values: Values,
  out: Writable,
): Promise<number> {
  if (sub === 'add') {
    const name = need(values, 'name');
    const period = fromKey(need(values, 'period')) ?? parsePeriod(need(values, 'period'), app.clock());
    if (!period) throw new UsageError(`cannot read period "${values.period}" (use 2026-Q3 or 2026)`);
    const day = parseDay(need(values, 'due'));
    if (!day) throw new UsageError(`cannot read --due "${values.due}" (use YYYY-MM-DD)`);
    const dueDate = `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
    const d = await addAdHocDeadline(
      app.db,
      { name, period: periodKey(period), dueDate, ...(values.province ? { province: values.province } : {}) },
      app.clock(),
    );
    out.write(
      `added deadline #${d.id}: ${d.name} (${d.period}) due ${dueDate}${d.province ? ` for ${d.province}` : ' for all provinces'}\n`,
    );
    return 0;
  }
  if (sub === 'list') {
    const now = atOption(app, values);
    const [overrides, adHoc, units] = await Promise.all([
      listCalendarOverrides(app.db),
      listAdHocDeadlines(app.db),
      listUnits(app.db),
    ]);
    const provinces = values.province ? [values.province] : [...new Set(units.map((u) => u.province))];
    if (provinces.length === 0) provinces.push('(mọi tỉnh)');
    for (const province of provinces) {
      out.write(`${province}:\n`);
      for (const d of deadlinesAround(now, province, {
        base: app.calendar,
        overrides,
        adHoc,
        pastDays: 31,
        futureDays: 366,
      })) {
        out.write(`  ${formatDate(d.due)}\t${d.key}\t${d.name}${d.due < now ? ' (đã qua)' : ''}\n`);
      }
    }
    return 0;
  }
  if (sub === 'calendar') {
    const province = need(values, 'province');
    const quarterDueDay = values['quarter-due-day'] ? Number(values['quarter-due-day']) : undefined;
    if (
      quarterDueDay !== undefined &&
      !(Number.isInteger(quarterDueDay) && quarterDueDay >= 1 && quarterDueDay <= 28)
    ) {
      throw new UsageError('--quarter-due-day must be a day from 1 to 28');
    }
    const yearDue = values['year-due'] ? /^(\d{1,2})\/(\d{1,2})$/.exec(values['year-due']) : undefined;
    if (values['year-due'] && !yearDue) throw new UsageError('--year-due must look like 15/11');
    await setCalendarOverride(app.db, {
      province,
      ...(quarterDueDay ? { quarterDueDay } : {}),
      ...(yearDue ? { yearDueDay: Number(yearDue[1]), yearDueMonth: Number(yearDue[2]) } : {}),
    });
    out.write(`calendar of ${province} updated\n`);
    return 0;
  }
  throw new UsageError('usage: cds-bot deadlines add|list|calendar');
}

async function remindersCommand(
  app: App,
  sub: string | undefined,
  values: Values,
  out: Writable,
): Promise<number> {
  const now = atOption(app, values);
  const deps = {
    db: app.db,
    frameworks: app.frameworks,
    calendar: app.calendar,
    senders: await buildSenders(app, out),
    logger: app.logger,
  };
  if (sub === 'plan') {
    const { plan, deliveries } = await planAt(deps, now);
    if (plan.quiet) out.write('quiet hours in Vietnam (21:00–07:00): nothing is sent now\n');
    for (const d of deliveries) {
      const to = d.target ? `${d.target.channel}:${d.target.externalId}` : '(no reachable account)';
      out.write(
        `officer ${d.officerId} (${d.unitCode}) via ${to}: ${d.deadline.name}, ${d.lead}\n  ${d.text.split('\n').join('\n  ')}\n`,
      );
    }
    for (const n of plan.lateUnits)
      out.write(`late units for ${n.deadline.name}: ${n.units.map((u) => u.code).join(', ')}\n`);
    out.write(
      `${deliveries.length} reminder(s) due, ${plan.deferred} deferred (officer in a walk-through)\n`,
    );
    return 0;
  }
  if (sub === 'run') {
    const report = await runRemindersAt(deps, now);
    out.write(
      `sent ${report.sent}, failed ${report.failed}, already sent elsewhere ${report.skipped}, deferred ${report.deferred}, late-unit notices ${report.lateUnits}${report.quiet ? ' (quiet hours)' : ''}\n`,
    );
    return 0;
  }
  throw new UsageError('usage: cds-bot reminders plan|run [--at <ISO time>]');
}

/**
 * Runs one parsed CLI invocation (src/cli.ts parses and answers --help without loading this module
 * and everything it imports); returns the exit code.
 */
export async function runCommand(
  values: Values,
  positionals: string[],
  env: Record<string, string | undefined>,
  out: Writable,
  err: Writable,
): Promise<number> {
  const [command = 'run', sub, arg] = positionals;
  let app: App | undefined;
  try {
    const config = parseConfig({ ...env, ...(values.db ? { CDS_DB: values.db } : {}) });
    const quiet =
      command === 'run' || command === 'chat'
        ? { ...config, logLevel: env.LOG_LEVEL ? config.logLevel : ('warn' as const) }
        : { ...config, logLevel: 'warn' as const };
    app = await createApp(quiet);
    switch (command) {
      case 'run': {
        if (config.telegramToken || config.zaloToken) await runService(app);
        else await chat(app, values, out);
        return 0;
      }
      case 'backup': {
        if (config.databaseUrl)
          throw new UsageError('backup copies the SQLite file; for PostgreSQL use pg_dump');
        if (!sub) throw new UsageError('usage: cds-bot backup <file>');
        const { pages } = await backupSqlite(config.databasePath, sub);
        out.write(`backed up ${config.databasePath} to ${sub} (${pages} pages)\n`);
        return 0;
      }
      case 'export':
        return await exportCommand(app, values, out);
      case 'overview':
        return await overviewCommand(app, values, out);
      case 'import':
        return await importCommand(app, values, sub, out);
      case 'areas':
        return await areasCommand(app, sub, values, out);
      case 'chat':
        await chat(app, values, out);
        return 0;
      case 'units':
        if (sub === 'add') {
          const frameworkId = need(values, 'framework');
          if (!app.frameworks.has(frameworkId)) {
            throw new UsageError(`unknown framework "${frameworkId}" (see: cds-bot frameworks list)`);
          }
          const code = need(values, 'code');
          if (await findUnitByCode(app.db, code))
            throw new UsageError(`a unit with code "${code}" already exists`);
          const unit = await addUnit(
            app.db,
            { code, name: need(values, 'name'), province: need(values, 'province'), frameworkId },
            app.clock(),
          );
          out.write(
            `added unit ${unit.code}: ${unit.name} (${unit.province}), framework ${unit.frameworkId}\n`,
          );
          return 0;
        }
        if (sub === 'list') {
          const units = await listUnits(app.db);
          if (units.length === 0) out.write('no units yet (add one: cds-bot units add ...)\n');
          for (const u of units) out.write(`${u.code}\t${u.name}\t${u.province}\t${u.frameworkId}\n`);
          return 0;
        }
        if (sub === 'merge' || sub === 'history') return await unitsChangeCommand(app, sub, values, out);
        throw new UsageError('usage: cds-bot units add|list|merge|history');
      case 'frameworks':
        if (sub === 'list') {
          for (const fw of app.frameworks.values()) {
            const criteria = fw.groups.reduce((n, g) => n + g.criteria.length, 0);
            out.write(`${fw.id}\t${criteria} tiêu chí\t${fw.complete ? '' : '(chưa đầy đủ) '}${fw.name}\n`);
          }
          return 0;
        }
        if (sub === 'show') {
          const fw = app.frameworks.get(arg ?? '');
          if (!fw) throw new UsageError(`unknown framework "${arg ?? ''}" (see: cds-bot frameworks list)`);
          out.write(`${fw.name}\n${fw.decision ? `${fw.decision}\n` : ''}Nguồn: ${fw.source}\n`);
          for (const g of fw.groups) {
            out.write(`\n${g.code}. ${g.name}\n`);
            for (const q of listQuestions(fw).filter((x) => x.group === g)) {
              out.write(`  ${q.key}\t${targetLabel(q)}\t${q.part ? `${q.part.code}) ` : ''}${q.text}\n`);
            }
          }
          return 0;
        }
        throw new UsageError('usage: cds-bot frameworks list|show <id>');
      case 'invite': {
        const role = values.role ?? 'officer';
        const target: InviteTarget =
          role === 'officer'
            ? { role: 'officer', unitId: (await unitOrFail(app, need(values, 'unit'))).id }
            : role === 'admin'
              ? { role: 'admin' }
              : role === 'supervisor' && (values.province || values.area)
                ? {
                    role: 'supervisor',
                    ...(values.province ? { province: values.province } : {}),
                    ...(values.area ? { area: values.area } : {}),
                  }
                : (() => {
                    throw new UsageError(
                      '--role is officer (with --unit), supervisor (with --province or --area) or admin',
                    );
                  })();
        const unit = target.role === 'officer' ? await findUnitById(app.db, target.unitId) : undefined;
        const days = values.days ? Number(values.days) : 7;
        if (!Number.isInteger(days) || days < 1 || days > 90)
          throw new UsageError('--days must be a whole number from 1 to 90');
        const now = app.clock();
        const expires = new Date(now.getTime() + days * 86_400_000);
        const code = drawCode();
        await createInvite(app.db, target, code, now, expires);
        out.write(`${formatInviteCode(code)}\n`);
        const whom =
          target.role === 'officer'
            ? `an officer of ${unit?.name} (${unit?.code})`
            : target.role === 'admin'
              ? 'an admin'
              : `a supervisor of ${target.province ?? `area ${target.area}`}`;
        err.write(
          `invite for ${whom}; single use, valid until ${formatDate(expires)}.\nThe person sends this code to the bot (Telegram: /start ${code}).\n`,
        );
        return 0;
      }
      case 'gaps': {
        const unit = await visibleUnit(app, await cliActor(app, values.as), need(values, 'unit'));
        const fw = app.frameworks.get(unit.frameworkId);
        if (!fw) throw new UsageError(`framework ${unit.frameworkId} of unit ${unit.code} is not installed`);
        const period = values.period
          ? (fromKey(values.period) ?? parsePeriod(values.period, app.clock()))
          : currentQuarter(app.clock());
        if (!period) throw new UsageError(`cannot read period "${values.period}" (use 2026-Q4 or 2026)`);
        const key = periodKey(period);
        const answers =
          (await loadAnswers(app.db, { unitId: unit.id, frameworkId: fw.id }, [key])).get(key) ?? new Map();
        const report = buildGapReport(
          fw,
          { code: unit.code, name: unit.name, province: unit.province },
          key,
          answers,
        );
        if (values.json) {
          const json = {
            unit: report.unit,
            period: report.period,
            framework: report.framework,
            totals: report.totals,
            groups: report.groups.map((g) => ({ code: g.code, name: g.name, total: g.total, met: g.met })),
            gaps: report.gaps.map((g) => ({
              code: g.code,
              text: g.text,
              target: g.target,
              result: g.result,
              status: g.status,
              shortfall: g.shortfall,
              difficulty: g.difficulty,
            })),
          };
          out.write(`${JSON.stringify(json, null, 2)}\n`);
        } else {
          out.write(`${renderGapReport(report)}\n`);
        }
        return 0;
      }
      case 'deadlines':
        return await deadlinesCommand(app, sub, values, out);
      case 'reminders':
        return await remindersCommand(app, sub, values, out);
      default:
        throw new UsageError(`unknown command "${command}"\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`cds-bot: ${e.message}\n`);
      return 1;
    }
    err.write(`cds-bot: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await app?.close();
  }
}
