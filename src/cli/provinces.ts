/**
 * `provinces list|check|rename|set`: the 34 official provinces, the names the upgrade made official
 * (migration 0008) and those it could not, and what the documents of a province's units take from
 * the province.
 */
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { officialList } from '../dvhc.js';
import { listUnits } from '../storage/units.js';
import { CliError, defineCommand } from './command.js';
import { clearable, optional, province, text } from './options.js';

export const provincesList = defineCommand({
  name: 'provinces list',
  summary: CLI_SUMMARY.provincesList,
  access: 'operator',
  options: {},
  async run({ app, out }) {
    const list = officialList();
    const units = await listUnits(app.db);
    for (const p of list.provinces) {
      const n = units.filter((u) => u.province === p.name).length;
      out.write(`${msg.cliProvinceLine(p, list.communesOf(p.code).length, n)}\n`);
    }
    return 0;
  },
});

export const provincesCheck = defineCommand({
  name: 'provinces check',
  summary: CLI_SUMMARY.provincesCheck,
  access: 'operator',
  options: {},
  async run({ app, out }) {
    const { listProvinceFixes, listProvinceNames } = await import('../storage/provinces.js');
    const fixes = await listProvinceFixes(app.db);
    out.write(`${msg.cliProvinceFixesHeading(fixes.length)}\n`);
    for (const f of fixes) out.write(`${msg.cliProvinceFix(f)}\n`);
    const official = new Set(officialList().provinces.map((p) => p.name));
    const left = (await listProvinceNames(app.db)).filter((n) => !official.has(n.value));
    out.write(`${msg.cliProvincesLeft(left)}\n`);
    return left.length > 0 ? 1 : 0;
  },
});

export const provincesRename = defineCommand({
  name: 'provinces rename',
  summary: CLI_SUMMARY.provincesRename,
  access: 'operator',
  options: { from: text(), to: province() },
  help: { from: CLI_OPTION_NOTES.renameFrom },
  async run({ app, out }, o) {
    const { renameProvince } = await import('../storage/provinces.js');
    const r = await renameProvince(app.db, o.from, o.to);
    if (r.rows === 0 && r.kept.length === 0) throw new CliError(msg.cliProvinceNothingToRename(o.from));
    out.write(`${msg.cliProvinceRenamed(o.from, o.to, r.rows, r.kept)}\n`);
    return 0;
  },
});

export const provincesSet = defineCommand({
  name: 'provinces set',
  summary: CLI_SUMMARY.provincesSet,
  access: 'operator',
  options: { province: province(), recipients: optional(clearable()), basis: optional(clearable()) },
  async run(ctx, o) {
    const input = {
      ...(o.recipients !== undefined ? { recipients: o.recipients } : {}),
      ...(o.basis !== undefined ? { basis: o.basis } : {}),
    };
    const { updateProvinceDocumentSettings, getProvinceSettings } = await import('../app/documents.js');
    const settings =
      Object.keys(input).length === 0
        ? await getProvinceSettings(ctx.app.db, o.province)
        : await updateProvinceDocumentSettings(ctx.app.db, o.province, input, ctx.app.clock());
    ctx.out.write(`${msg.cliProvinceSettings(o.province, settings)}\n`);
    return 0;
  },
});
