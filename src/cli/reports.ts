/**
 * `gaps`, `export`, `overview`: a unit's unmet criteria, its documents, and a province's matrix.
 * Each acts for a person: with `--as`, only the units that person may see in chat.
 */
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { App } from '../app/create-app.js';
import { type Actor, canSeeUnit } from '../domain/access.js';
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg, renderGapReport } from '../domain/messages/index.js';
import { activeInPeriod } from '../domain/units/lifecycle.js';
import { countOfficersByUnit } from '../storage/officers.js';
import { listUnits } from '../storage/units.js';
import { CliError, defineCommand } from './command.js';
import { choice, flag, optional, period, province, text, withDefault } from './options.js';

export const gaps = defineCommand({
  name: 'gaps',
  summary: CLI_SUMMARY.gaps,
  access: 'person',
  options: { unit: text(), period: optional(period()), framework: optional(text()), json: flag() },
  help: { period: CLI_OPTION_NOTES.gapsPeriod, framework: CLI_OPTION_NOTES.unitFramework },
  async run(ctx, o) {
    const unit = await ctx.visibleUnit(o.unit);
    const key = ctx.periodKey(o.period);
    const fw = ctx.frameworkOf(unit, key, o.framework);
    const [{ loadAnswers }, { buildGapReport }] = await Promise.all([
      import('../storage/answers.js'),
      import('../domain/report/gaps.js'),
    ]);
    const answers =
      (await loadAnswers(ctx.app.db, { unitId: unit.id, frameworkId: fw.id }, [key])).get(key) ?? new Map();
    // Told to the administrator, not guessed: criteria whose target depends on a group the unit lacks.
    const { criteriaNeedingGroup } = await import('../domain/catalog/groups.js');
    const needing = unit.group ? [] : criteriaNeedingGroup(fw);
    if (needing.length > 0) ctx.err.write(`cds-bot: ${msg.fwNeedsGroup(unit.code, fw.id, needing)}\n`);
    const report = buildGapReport(
      fw,
      { code: unit.code, name: unit.name, province: unit.province },
      key,
      answers,
    );
    if (!o.json) {
      ctx.out.write(`${renderGapReport(report)}\n`);
      return 0;
    }
    // A scored framework adds score at the top, points and max per group and per gap; a pass/fail one has none.
    const pts = (x: { points?: number; max?: number }) =>
      x.points !== undefined && x.max !== undefined ? { points: x.points, max: x.max } : {};
    const json = {
      ...(report.score ? { score: report.score } : {}),
      unit: report.unit,
      period: report.period,
      framework: report.framework,
      totals: report.totals,
      groups: report.groups.map((g) => ({
        code: g.code,
        name: g.name,
        total: g.total,
        met: g.met,
        ...pts(g),
      })),
      gaps: report.gaps.map((g) => ({
        ...pts(g),
        code: g.code,
        text: g.text,
        target: g.target,
        result: g.result,
        status: g.status,
        shortfall: g.shortfall,
        difficulty: g.difficulty,
        proposal: g.proposal,
      })),
    };
    ctx.out.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  },
});

export const exportDocument = defineCommand({
  name: 'export',
  summary: CLI_SUMMARY.export,
  access: 'person',
  options: {
    unit: text(),
    period: optional(period()),
    format: withDefault(choice(['docx', 'xlsx']), 'docx'),
    kind: withDefault(choice(['appendix', 'difficulties']), 'appendix'),
    framework: optional(text()),
    out: optional(text()),
  },
  help: { out: CLI_OPTION_NOTES.exportOut, framework: CLI_OPTION_NOTES.unitFramework },
  async run(ctx, o) {
    const unit = await ctx.visibleUnit(o.unit);
    const fw = ctx.frameworkOf(unit, ctx.periodKey(o.period), o.framework);
    if (o.kind === 'difficulties' && o.format !== 'docx') {
      throw new CliError(msg.cliBadOption('--format', msg.cliDifficultiesAsDocx()));
    }
    const { makeDocument } = await import('../app/documents.js');
    const request = { kind: o.kind, format: o.format, period: ctx.periodKey(o.period) };
    const file = await makeDocument(ctx.app.db, fw, unit, request, ctx.app.clock());
    const target = o.out ?? file.fileName;
    await writeFile(target, file.bytes);
    if (file.draft) ctx.out.write(`${msg.cliDraft(file.draft.unanswered)}\n`);
    ctx.out.write(`${msg.cliWrote(target)}\n`);
    return 0;
  },
});

/**
 * Writes the matrix of the units an actor may see (of one province, or all) for a period: one
 * file per framework, named after `opts.out` (with the framework's id when there are several).
 */
export async function writeOverview(
  app: App,
  actor: Actor,
  opts: { province?: string; period: string; out?: string; split?: boolean },
  out: Writable,
): Promise<number> {
  const { province, period } = opts;
  const seen = (await listUnits(app.db))
    .filter((u) => !province || u.province === province)
    .filter((u) => canSeeUnit(actor, u));
  if (seen.length === 0) throw new CliError(msg.cliNoUnitsOf(province));
  // The units that existed in the period: a commune merged before it is not an active unit.
  const units = seen.filter((u) => activeInPeriod(u, period));
  if (units.length === 0) throw new CliError(msg.cliNoUnitsOf(province));
  const { provinceMatrices, matrixWorkbooks } = await import('../app/documents.js');
  const parts = await provinceMatrices(app.db, app.frameworks, units, period, province);
  const base = opts.out ?? `tong-hop-${period}.xlsx`;
  // One workbook with a sheet per framework, written exactly where asked; one file each with --split.
  for (const book of await matrixWorkbooks(parts, opts.split)) {
    const target = book.frameworkId ? base.replace(/(\.xlsx)?$/, `-${book.frameworkId}.xlsx`) : base;
    await writeFile(target, book.bytes);
    for (const p of parts.filter((x) => !book.frameworkId || x.framework.id === book.frameworkId)) {
      out.write(
        `${msg.cliMatrixWrote(target, p.data.units.length, p.data.criteria.length, p.framework.id)}\n`,
      );
    }
  }
  if (seen.length > units.length) out.write(`${msg.cliOverviewClosedLeftOut(seen.length - units.length)}\n`);
  const officers = await countOfficersByUnit(app.db);
  const alone = units.filter((u) => !officers.get(u.id)).map((u) => u.code);
  if (alone.length > 0) out.write(`${msg.cliOverviewNoOfficer(alone)}\n`);
  return 0;
}

export const overview = defineCommand({
  name: 'overview',
  summary: CLI_SUMMARY.overview,
  access: 'person',
  options: {
    province: optional(province()),
    period: optional(period()),
    out: optional(text()),
    split: flag(),
  },
  help: { out: CLI_OPTION_NOTES.overviewOut, split: CLI_OPTION_NOTES.overviewSplit },
  async run(ctx, o) {
    const opts = {
      period: ctx.periodKey(o.period),
      ...(o.province ? { province: o.province } : {}),
      ...(o.out ? { out: o.out } : {}),
      split: o.split,
    };
    return writeOverview(ctx.app, ctx.actor, opts, ctx.out);
  },
});
