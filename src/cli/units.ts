/** `units add|list|merge|history`: the communes (and wards) that report, and their mergers. */
import { canSeeUnit } from '../domain/access.js';
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { dayKey } from '../domain/periods/dates.js';
import { addUnit, findUnitByCode, listUnits, recordMerger } from '../storage/units.js';
import { CliError, defineCommand } from './command.js';
import { clearable, codes, day, optional, text } from './options.js';

export const unitsAdd = defineCommand({
  name: 'units add',
  summary: CLI_SUMMARY.unitsAdd,
  access: 'operator',
  options: { code: text(), name: text(), province: text(), framework: text() },
  help: { name: CLI_OPTION_NOTES.unitName },
  async run({ app, out }, o) {
    if (!app.frameworks.has(o.framework)) throw new CliError(msg.cliUnknownFramework(o.framework));
    if (await findUnitByCode(app.db, o.code)) throw new CliError(msg.cliUnitExists(o.code));
    const unit = await addUnit(
      app.db,
      { code: o.code, name: o.name, province: o.province, frameworkId: o.framework },
      app.clock(),
    );
    out.write(`${msg.cliUnitAdded(unit)}\n`);
    return 0;
  },
});

export const unitsList = defineCommand({
  name: 'units list',
  summary: CLI_SUMMARY.unitsList,
  access: 'person',
  options: {},
  async run({ app, actor, asPerson, out }) {
    const units = (await listUnits(app.db)).filter((u) => canSeeUnit(actor, u));
    if (units.length === 0) out.write(`${asPerson ? msg.cliNoUnitsOf(undefined) : msg.cliNoUnitsYet()}\n`);
    for (const u of units) out.write(`${u.code}\t${u.name}\t${u.province}\t${u.frameworkId}\n`);
    return 0;
  },
});

export const unitsMerge = defineCommand({
  name: 'units merge',
  summary: CLI_SUMMARY.unitsMerge,
  access: 'operator',
  options: { into: text(), from: codes(), date: day() },
  async run({ app, out }, o) {
    for (const code of [o.into, ...o.from]) {
      if (!(await findUnitByCode(app.db, code))) throw new CliError(msg.cliNoUnit(code));
    }
    if (o.from.includes(o.into)) throw new CliError(msg.cliMergeIntoItself(o.into));
    await recordMerger(app.db, o.into, o.from, dayKey(o.date));
    out.write(`${msg.cliMerged(o.from, o.into, o.date)}\n`);
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
  },
  async run(ctx, o) {
    const unit = await ctx.visibleUnit(o.unit);
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
