/**
 * `units add|import|list|merges|merge|unmerge|history|set`: the communes (and wards) that report,
 * from the official list of 1/7/2025, their 2025 mergers, and their documents' settings.
 */
import { readFile } from 'node:fs/promises';
import { canSeeUnit } from '../domain/access.js';
import { criteriaNeedingGroup } from '../domain/catalog/groups.js';
import type { Framework } from '../domain/catalog/types.js';
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { dayKey } from '../domain/periods/dates.js';
import { currentQuarter, fromKey, periodKey } from '../domain/periods/periods.js';
import { type FrameworkChange, frameworkIdsAt } from '../domain/units/frameworks.js';
import { isActive } from '../domain/units/lifecycle.js';
import { REFORM_DAY, type Share } from '../domain/units/official.js';
import { officialList } from '../dvhc.js';
import { countOfficersByUnit } from '../storage/officers.js';
import {
  addUnit,
  findUnitByCode,
  listPredecessorRows,
  listUnits,
  type UnitRecord,
} from '../storage/units.js';
import { type CliContext, CliError, defineCommand } from './command.js';
import { choice, clearable, codes, day, optional, period, province, text, withDefault } from './options.js';

/** The official province of a name already read by the `province()` option. */
function officialProvince(name: string) {
  const r = officialList().readProvince(name);
  if (!r.ok) throw new CliError(msg.cliUnknownProvince(name, []));
  return r.province;
}

export const unitsAdd = defineCommand({
  name: 'units add',
  summary: CLI_SUMMARY.unitsAdd,
  access: 'operator',
  options: {
    code: text(),
    name: text(),
    province: province(),
    framework: text(),
    group: optional(choice(['1', '2', '3'] as const)),
  },
  help: { name: CLI_OPTION_NOTES.unitName, group: CLI_OPTION_NOTES.unitGroup },
  async run({ app, out }, o) {
    if (!app.frameworks.has(o.framework)) throw new CliError(msg.cliUnknownFramework(o.framework));
    if (app.frameworks.get(o.framework)?.status === 'draft') throw new CliError(msg.fwIsDraft(o.framework));
    if (await findUnitByCode(app.db, o.code)) throw new CliError(msg.cliUnitExists(o.code));
    const unit = await addUnit(
      app.db,
      {
        code: o.code,
        name: o.name,
        province: o.province,
        frameworkId: o.framework,
        ...(o.group ? { group: Number(o.group) as 1 | 2 | 3 } : {}),
      },
      app.clock(),
    );
    out.write(`${msg.cliUnitAdded(unit)}\n`);
    const needing = criteriaNeedingGroup(app.frameworks.get(o.framework) as Framework);
    if (!unit.group && needing.length > 0)
      out.write(`${msg.fwNeedsGroup(unit.code, o.framework, needing)}\n`);
    return 0;
  },
});

/** The codes of `--only`: a list separated by commas, or a file with one code a line (or a CSV's first column). */
async function onlyCodes(raw: string | undefined): Promise<string[] | undefined> {
  if (raw === undefined) return undefined;
  const looksLikeFile = /[/\\.]/.test(raw) && !/^[\d\s,]+$/.test(raw);
  if (!looksLikeFile) {
    return raw
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
  }
  let text: string;
  try {
    text = await readFile(raw, 'utf8');
  } catch {
    throw new CliError(msg.cliBadOption('--only', msg.cliOnlyUnreadable(raw)));
  }
  return text
    .split(/\r?\n/)
    .map((l) => (l.split(/[,;\t]/)[0] ?? '').trim())
    .filter((c) => /^[\p{L}\d_-]+$/u.test(c) && !/^m[ãa]/iu.test(c));
}

export const unitsImport = defineCommand({
  name: 'units import',
  summary: CLI_SUMMARY.unitsImport,
  access: 'operator',
  options: {
    province: province(),
    framework: text(),
    only: optional(text()),
    file: optional(text()),
  },
  positional: 'file',
  help: { file: CLI_OPTION_NOTES.unitsFile },
  async run({ app, out, err }, o) {
    if (!app.frameworks.has(o.framework)) throw new CliError(msg.cliUnknownFramework(o.framework));
    if (app.frameworks.get(o.framework)?.status === 'draft') throw new CliError(msg.fwIsDraft(o.framework));
    const list = officialList();
    const prov = officialProvince(o.province);
    let rows: Awaited<ReturnType<typeof import('../reports/units-sheet.js').readUnitsSheet>> | undefined;
    if (o.file) {
      const { readUnitsSheet } = await import('../reports/units-sheet.js');
      let bytes: Buffer;
      try {
        bytes = await readFile(o.file);
      } catch {
        throw new CliError(msg.cliSheetUnreadable(o.file, msg.cliOnlyUnreadable(o.file)));
      }
      try {
        rows = await readUnitsSheet(bytes, o.file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
      } catch {
        throw new CliError(msg.cliUnitsFileHeader(o.file));
      }
      const seen = new Set<string>();
      for (const r of rows) {
        const reason =
          r.code === '' || r.name === ''
            ? msg.cliUnitsFileEmpty()
            : seen.has(r.code)
              ? msg.cliUnitsFileDuplicate(r.code)
              : r.framework && !app.frameworks.has(r.framework)
                ? msg.cliUnknownFramework(r.framework)
                : r.framework && app.frameworks.get(r.framework)?.status === 'draft'
                  ? msg.fwIsDraft(r.framework)
                  : undefined;
        if (reason) throw new CliError(msg.cliUnitsFileRow(o.file, r.row, reason));
        seen.add(r.code);
      }
    }
    const only = await onlyCodes(o.only);
    const { importUnits } = await import('../app/official-units.js');
    const report = await importUnits(
      app.db,
      list,
      {
        province: prov,
        frameworkId: o.framework,
        ...(only ? { only } : {}),
        ...(rows ? { rows } : {}),
      },
      app.clock(),
    );
    out.write(
      `${msg.cliUnitsImported({ province: prov.name, frameworkId: o.framework, added: report.added.length, unchanged: report.unchanged })}\n`,
    );
    if (report.areas.length > 0) out.write(`${msg.cliAreasFromFile(report.areas)}\n`);
    out.write(`${msg.cliMergesRecorded(report.merges)}\n`);
    if (report.unknownOnly.length > 0)
      err.write(`cds-bot: ${msg.cliOnlyUnknown(report.unknownOnly, prov.name)}\n`);
    if (report.differing.length > 0) {
      err.write(
        `cds-bot: ${[msg.cliUnitsDifferHeading(report.differing.length), ...report.differing.map((d) => msg.cliUnitDiffers(d.code, d.stored, d.listed))].join('\n')}\n`,
      );
    }
    if (report.notInList.length > 0) err.write(`cds-bot: ${msg.cliNotInOfficialList(report.notInList)}\n`);
    return 0;
  },
});

export const unitsList = defineCommand({
  name: 'units list',
  summary: CLI_SUMMARY.unitsList,
  access: 'person',
  options: { province: optional(province()) },
  async run({ app, actor, asPerson, out }, o) {
    const units = (await listUnits(app.db))
      .filter((u) => canSeeUnit(actor, u) && (!o.province || u.province === o.province))
      .sort((a, b) => a.code.localeCompare(b.code));
    if (units.length === 0) {
      out.write(
        `${o.province ? msg.cliNoUnitsOf(o.province) : asPerson ? msg.cliNoUnitsOf(undefined) : msg.cliNoUnitsYet()}\n`,
      );
      return 0;
    }
    const [people, successors] = await Promise.all([
      countOfficersByUnit(app.db),
      successorsByOldCode(app.db),
    ]);
    const now = app.clock();
    out.write(`${msg.cliUnitsHeading()}\n`);
    for (const u of units) {
      const closed = !isActive(u, now) && u.validTo;
      const state = closed
        ? {
            closedSince: closed,
            successors: successors.get(u.code) ?? (u.successorCode ? [u.successorCode] : []),
          }
        : {};
      const fw = app.frameworks.get(u.frameworkId);
      const grouping = u.group
        ? { group: u.group }
        : !closed && fw && criteriaNeedingGroup(fw).length > 0
          ? { needsGroup: true }
          : {};
      // The frameworks the unit reports on this quarter (and this year).
      const quarter = currentQuarter(now);
      const ids = [
        ...new Set([...frameworkIdsAt(u, periodKey(quarter)), ...frameworkIdsAt(u, String(quarter.year))]),
      ];
      const current = { ...u, frameworkId: ids.join(', ') };
      out.write(`${msg.cliUnitRow(current, { ...state, ...grouping }, people.get(u.id) ?? 0)}\n`);
    }
    return 0;
  },
});

/** Where each merged unit went: the units it is a predecessor of, by its code. */
async function successorsByOldCode(
  db: Parameters<typeof listPredecessorRows>[0],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const r of await listPredecessorRows(db)) {
    const list = out.get(r.oldCode) ?? [];
    list.push(r.unitCode);
    out.set(r.oldCode, list);
  }
  return out;
}

export const unitsMerges = defineCommand({
  name: 'units merges',
  summary: CLI_SUMMARY.unitsMerges,
  access: 'operator',
  options: { province: province() },
  async run({ app, out }, o) {
    const prov = officialProvince(o.province);
    if (!(await listUnits(app.db)).some((u) => u.province === prov.name)) {
      throw new CliError(msg.cliNoUnitsOfProvince(prov.name));
    }
    const { recordMerges } = await import('../app/official-units.js');
    out.write(`${msg.cliMergesRecorded(await recordMerges(app.db, officialList(), prov, app.clock()))}\n`);
    return 0;
  },
});

/** An old unit to record as a predecessor: a unit of the database, or an old commune of the 2025 list. */
async function oldUnit(
  ctx: CliContext,
  code: string,
): Promise<{ unit?: UnitRecord; name: string; province?: string }> {
  const unit = await findUnitByCode(ctx.app.db, code);
  if (unit) return { unit, name: unit.name, province: unit.province };
  const row = officialList().successorsOf(code)[0];
  if (row) return { name: row.oldName, province: row.oldProvince };
  throw new CliError(msg.cliMergeNotOld(code));
}

export const unitsMerge = defineCommand({
  name: 'units merge',
  summary: CLI_SUMMARY.unitsMerge,
  access: 'operator',
  options: {
    into: text(),
    from: codes(),
    date: optional(day()),
    share: withDefault(choice(['whole', 'part']), 'whole'),
  },
  help: { from: CLI_OPTION_NOTES.mergeFrom },
  async run(ctx, o) {
    const { app, out } = ctx;
    if (!(await findUnitByCode(app.db, o.into))) throw new CliError(msg.cliNoUnit(o.into));
    if (o.from.includes(o.into)) throw new CliError(msg.cliMergeIntoItself(o.into));
    const date = o.date ? dayKey(o.date) : REFORM_DAY;
    const olds = await Promise.all(o.from.map(async (code) => ({ code, ...(await oldUnit(ctx, code)) })));
    const { recordMerger, setPredecessor } = await import('../storage/units.js');
    const share = o.share as Share;
    const inDb = olds.filter((x) => x.unit).map((x) => x.code);
    if (inDb.length > 0) await recordMerger(app.db, o.into, inDb, date, share, app.clock());
    for (const x of olds.filter((y) => !y.unit)) {
      await setPredecessor(
        app.db,
        {
          unitCode: o.into,
          oldCode: x.code,
          oldName: x.name,
          ...(x.province ? { oldProvince: x.province } : {}),
          share,
          validTo: date,
        },
        app.clock(),
      );
    }
    out.write(
      `${
        o.date && share === 'whole' && olds.every((x) => x.unit)
          ? msg.cliMerged(o.from, o.into, o.date)
          : msg.cliMergedRows(
              o.into,
              olds.map((x) => ({ code: x.code, name: x.name, share })),
              date,
            )
      }\n`,
    );
    return 0;
  },
});

export const unitsUnmerge = defineCommand({
  name: 'units unmerge',
  summary: CLI_SUMMARY.unitsUnmerge,
  access: 'operator',
  options: { into: text(), from: text() },
  help: { from: CLI_OPTION_NOTES.unmergeFrom },
  async run({ app, out }, o) {
    if (!(await findUnitByCode(app.db, o.into))) throw new CliError(msg.cliNoUnit(o.into));
    const { removePredecessor } = await import('../storage/units.js');
    if (!(await removePredecessor(app.db, o.into, o.from, app.clock()))) {
      throw new CliError(msg.cliNotAPredecessor(o.into, o.from));
    }
    out.write(`${msg.cliUnmerged(o.into, o.from)}\n`);
    return 0;
  },
});

export const unitsHistory = defineCommand({
  name: 'units history',
  summary: CLI_SUMMARY.unitsHistory,
  access: 'person',
  options: { unit: text() },
  async run(ctx, o) {
    const unit = await ctx.visibleUnit(o.unit);
    const { unitHistory } = await import('../app/history.js');
    ctx.out.write(`${msg.history(unit.name, await unitHistory(ctx.app.db, ctx.app.frameworks, unit))}\n`);
    return 0;
  },
});

export const unitsSet = defineCommand({
  name: 'units set',
  summary: CLI_SUMMARY.unitsSet,
  access: 'operator',
  options: {
    unit: text(),
    'signer-mode': optional(clearable()),
    'signer-title': optional(clearable()),
    'signer-name': optional(clearable()),
    place: optional(clearable()),
    district: optional(clearable()),
    group: optional(clearable()),
  },
  help: { group: CLI_OPTION_NOTES.unitGroup },
  async run(ctx, o) {
    const unit = await ctx.visibleUnit(o.unit);
    if (o.group !== undefined) {
      if (!['', '1', '2', '3'].includes(o.group))
        throw new CliError(msg.cliBadOption('--group', msg.fwBadGroup()));
      const group = o.group === '' ? null : (Number(o.group) as 1 | 2 | 3);
      const { setUnitGroup } = await import('../storage/units.js');
      await setUnitGroup(ctx.app.db, unit.id, group);
      ctx.out.write(`${msg.fwGroupSet(unit.code, group)}\n`);
    }
    const input = {
      ...(o['signer-mode'] !== undefined ? { signerMode: o['signer-mode'] } : {}),
      ...(o['signer-title'] !== undefined ? { signerTitle: o['signer-title'] } : {}),
      ...(o['signer-name'] !== undefined ? { signerName: o['signer-name'] } : {}),
      ...(o.place !== undefined ? { placeName: o.place } : {}),
      ...(o.district !== undefined ? { district: o.district } : {}),
    };
    const { updateUnitDocumentSettings, getUnitSettings } = await import('../app/documents.js');
    const settings =
      Object.keys(input).length === 0
        ? await getUnitSettings(ctx.app.db, unit)
        : await updateUnitDocumentSettings(ctx.app.db, unit, input, ctx.app.clock());
    ctx.out.write(`${msg.cliUnitSettings(unit, settings)}\n`);
    return 0;
  },
});

/** A period key's first quarter, as a number that orders periods. */
function startKey(key: string): number {
  const p = fromKey(key);
  return p ? p.year * 4 + (p.type === 'quarter' ? p.quarter - 1 : 0) : 0;
}

export const unitsFrameworks = defineCommand({
  name: 'units frameworks',
  summary: CLI_SUMMARY.unitsFrameworks,
  access: 'operator',
  options: { code: text(), add: optional(text()), from: optional(period()), remove: optional(text()) },
  help: {
    add: CLI_OPTION_NOTES.unitFrameworkAdd,
    from: CLI_OPTION_NOTES.unitFrameworkFrom,
    remove: CLI_OPTION_NOTES.unitFrameworkRemove,
  },
  async run(ctx, o) {
    const { app, out } = ctx;
    const unit = await ctx.visibleUnit(o.code);
    const [{ frameworkIdsAt, frameworkIdsOf }, { listAnsweredPeriods }, { setFrameworkChanges }] =
      await Promise.all([
        import('../domain/units/frameworks.js'),
        import('../storage/answers.js'),
        import('../storage/units.js'),
      ]);
    /** The periods answered under a framework that a change would leave without that framework. */
    const answeredAway = async (changes: FrameworkChange[]) => {
      const moved: string[] = [];
      for (const id of frameworkIdsOf(unit)) {
        for (const p of await listAnsweredPeriods(app.db, { unitId: unit.id, frameworkId: id })) {
          if (
            frameworkIdsAt(unit, p).includes(id) &&
            !frameworkIdsAt({ ...unit, frameworkChanges: changes }, p).includes(id)
          )
            moved.push(`${p} (${id})`);
        }
      }
      return moved;
    };
    let changes: FrameworkChange[] = [...(unit.frameworkChanges ?? [])];
    if (o.add !== undefined) {
      if (o.from === undefined) throw new CliError(msg.cliMissing('--from'));
      if (!app.frameworks.has(o.add)) throw new CliError(msg.cliUnknownFramework(o.add));
      if (app.frameworks.get(o.add)?.status === 'draft') throw new CliError(msg.fwIsDraft(o.add));
      const from = ctx.periodKey(o.from);
      if (frameworkIdsAt(unit, from).includes(o.add))
        throw new CliError(msg.fwAlreadyOnUnit(unit.code, o.add, from));
      changes = [
        ...changes.filter((c) => !(c.from === from && c.frameworkId === o.add)),
        { from, frameworkId: o.add },
      ];
    } else if (o.remove !== undefined) {
      if (o.from !== undefined) {
        // Stops a framework from a period on (the unit's own too: a move is an add and a remove).
        const from = ctx.periodKey(o.from);
        if (!frameworkIdsAt(unit, from).includes(o.remove))
          throw new CliError(msg.fwNotOnUnitAt(unit.code, o.remove, from));
        changes = [
          ...changes.filter((c) => !(c.from === from && c.frameworkId === o.remove)),
          { from, frameworkId: o.remove, remove: true },
        ];
      } else {
        // Without --from: every change about this framework is undone.
        if (o.remove === unit.frameworkId && !changes.some((c) => c.frameworkId === o.remove))
          throw new CliError(msg.fwCannotRemoveBase(unit.code, o.remove));
        if (!changes.some((c) => c.frameworkId === o.remove))
          throw new CliError(msg.fwNotOnUnit(unit.code, o.remove));
        changes = changes.filter((c) => c.frameworkId !== o.remove);
      }
    }
    if (o.add !== undefined || o.remove !== undefined) {
      // Answers already given stay where they are: a change that would leave them under no framework is refused.
      const moved = await answeredAway(changes);
      if (moved.length > 0) throw new CliError(msg.fwChangeHidesAnswers(unit.code, moved));
      // Every period keeps at least one framework.
      const empty = changes
        .map((c) => c.from)
        .find((from) => frameworkIdsAt({ ...unit, frameworkChanges: changes }, from).length === 0);
      if (empty !== undefined) throw new CliError(msg.fwNoneLeft(unit.code, empty));
      await setFrameworkChanges(app.db, unit.id, changes);
    }
    const segments = [...new Set(changes.map((c) => c.from))]
      .sort((a, b) => startKey(a) - startKey(b))
      .map((from) => ({ from, ids: frameworkIdsAt({ ...unit, frameworkChanges: changes }, from) }));
    out.write(`${msg.fwUnitFrameworks(unit.code, unit.frameworkId, segments)}\n`);
    return 0;
  },
});
