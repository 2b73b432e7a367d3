/**
 * `frameworks list|show`: the criteria catalogs installed (catalogs/, or $CDS_CATALOG_DIR);
 * `frameworks import|publish|export|template`: a framework brought in from a province's table as a
 * draft, published (never changed after), written back as a table, or the empty table to start from.
 */
import type { Framework } from '../domain/catalog/types.js';
import { formatDate, targetLabel } from '../domain/messages/format.js';
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { yearDueOf } from '../domain/units/frameworks.js';
import { type CliContext, CliError, defineCommand } from './command.js';
import { choice, optional, province, text, wholeNumber } from './options.js';

export const frameworksList = defineCommand({
  name: 'frameworks list',
  summary: CLI_SUMMARY.frameworksList,
  access: 'operator',
  options: {},
  async run({ app, out }) {
    for (const fw of app.frameworks.values()) {
      const criteria = fw.groups.reduce((n, g) => n + g.criteria.length, 0);
      out.write(`${msg.cliFrameworkLine({ ...fw, criteria })}\n`);
    }
    return 0;
  },
});

export const frameworksShow = defineCommand({
  name: 'frameworks show',
  summary: CLI_SUMMARY.frameworksShow,
  access: 'operator',
  options: { id: text() },
  positional: 'id',
  help: { id: CLI_OPTION_NOTES.frameworkId },
  async run({ app, out }, o) {
    const fw = app.frameworks.get(o.id);
    if (!fw) throw new CliError(msg.cliUnknownFramework(o.id));
    const { listQuestions } = await import('../domain/catalog/load.js');
    out.write(`${fw.name}\n${fw.decision ? `${fw.decision}\n` : ''}${msg.cliFrameworkSource(fw.source)}\n`);
    for (const g of fw.groups) {
      out.write(`\n${g.code}. ${g.name}\n`);
      for (const q of listQuestions(fw).filter((x) => x.group === g)) {
        const leaf = q.part ?? q.criterion;
        const varying = [
          ...Object.entries(leaf.byGroup ?? {}).map(([g, t]) => `nhóm ${g}: ${t?.text ?? ''}`),
          ...Object.entries(leaf.byYear ?? {}).map(([y, t]) => `năm ${y}: ${t.text}`),
        ];
        const extra = varying.length > 0 ? ` (${varying.join('; ')})` : '';
        const base = leaf.byGroup && q.target.text === '' ? 'theo nhóm xã' : targetLabel(q);
        out.write(`  ${q.key}\t${base}${extra}\t${q.part ? `${q.part.code}) ` : ''}${q.text}\n`);
      }
    }
    return 0;
  },
});

/** A province's table (XLSX or CSV) as a grid, or the operator told what is wrong with the file. */
async function readTable(path: string) {
  const [{ readFile }, files] = await Promise.all([
    import('node:fs/promises'),
    import('../reports/framework-table.js'),
  ]);
  const ext = /\.(xlsx|csv)$/i.exec(path)?.[1]?.toLowerCase() as 'xlsx' | 'csv' | undefined;
  if (!ext) throw new CliError(msg.fwFileKind(path));
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new CliError(msg.fwFileMissing(path));
  }
  try {
    return await files.readTableFile(bytes, ext);
  } catch {
    throw new CliError(msg.fwFileUnreadable(path));
  }
}

/** The folder the catalogs are read from, where an imported framework is written. */
async function catalogDirOf(ctx: CliContext): Promise<string> {
  const { BUNDLED_CATALOG_DIR } = await import('../catalogs.js');
  return ctx.app.config.catalogDir ?? BUNDLED_CATALOG_DIR;
}

/** The catalog file of a framework in the folder in use ("<id>.yaml", ".yml" or ".json"). */
async function catalogFileOf(ctx: CliContext, id: string): Promise<string | undefined> {
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = await catalogDirOf(ctx);
  const file = readdirSync(dir).find(
    (f) => f.replace(/\.(ya?ml|json)$/, '') === id && /\.(ya?ml|json)$/.test(f),
  );
  return file ? join(dir, file) : undefined;
}

/** A framework as a catalog file: YAML in the order of the schema, a comment naming where it came from. */
async function catalogYaml(fw: Framework): Promise<string> {
  const { stringify } = await import('yaml');
  const head = `# ${fw.name}\n# ${fw.status === 'draft' ? 'BẢN NHÁP (cds-bot frameworks publish để ban hành).' : 'Đã ban hành: không sửa; bảng thay đổi thì nhập thành phiên bản mới.'}\n`;
  return head + stringify(fw, { lineWidth: 0 });
}

/** Whether two frameworks say the same thing to the communes (their status and source aside). */
async function sameContent(a: Framework, b: Framework): Promise<boolean> {
  const { isDeepStrictEqual } = await import('node:util');
  const strip = ({ status: _s, source: _src, version: _v, ...rest }: Framework) =>
    JSON.parse(JSON.stringify(rest)) as unknown;
  return isDeepStrictEqual(strip(a), strip(b));
}

export const frameworksImport = defineCommand({
  name: 'frameworks import',
  summary: CLI_SUMMARY.frameworksImport,
  access: 'operator',
  options: {
    file: text(),
    id: optional(text()),
    name: optional(text()),
    province: optional(province()),
    decision: optional(text()),
    level: optional(choice(['xa', 'huyen', 'tinh'] as const)),
    calendar: optional(choice(['quarter', 'half-year', 'year'] as const)),
    'year-due': optional(text()),
    levels: optional(text()),
  },
  positional: 'file',
  help: {
    file: CLI_OPTION_NOTES.frameworkFile,
    id: CLI_OPTION_NOTES.frameworkNewId,
    name: CLI_OPTION_NOTES.frameworkName,
    province: CLI_OPTION_NOTES.frameworkProvince,
    decision: CLI_OPTION_NOTES.frameworkDecision,
    level: CLI_OPTION_NOTES.frameworkLevel,
    calendar: CLI_OPTION_NOTES.frameworkCalendar,
    'year-due': CLI_OPTION_NOTES.frameworkYearDue,
    levels: CLI_OPTION_NOTES.frameworkLevels,
  },
  async run(ctx, o) {
    const { app, out } = ctx;
    const [{ writeFile }, { basename, join }, table, { parseFrameworkFile, CatalogError }] =
      await Promise.all([
        import('node:fs/promises'),
        import('node:path'),
        import('../domain/catalog/table.js'),
        import('../domain/catalog/load.js'),
      ]);
    const file = await readTable(o.file);
    const info = file.info;
    let id = o.id ?? info.id;
    const name = o.name ?? info.name;
    if (!id) throw new CliError(msg.fwNeedsId());
    if (!name) throw new CliError(msg.fwNeedsName());
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new CliError(msg.fwBadId(id));
    const levels = o.levels !== undefined ? table.readLevels(o.levels) : undefined;
    if (o.levels !== undefined && !levels)
      throw new CliError(msg.cliBadOption('--levels', msg.fwBadLevels()));
    const yearDue = o['year-due']?.trim();
    if (yearDue !== undefined && !yearDueOf({ yearDue }))
      throw new CliError(msg.cliBadOption('--year-due', msg.fwBadYearDue()));
    const meta: import('../domain/catalog/table.js').TableMeta = {
      ...info,
      id,
      name,
      level: o.level ?? info.level ?? 'xa',
      version: info.version ?? '1',
      source: info.source ?? msg.fwDefaultSource(basename(o.file), formatDate(app.clock())),
      ...(o.province ? { province: o.province } : {}),
      ...(o.decision ? { decision: o.decision } : {}),
      ...(o.calendar ? { calendar: o.calendar } : {}),
      ...(yearDue ? { yearDue } : {}),
      ...(levels ? { levels } : {}),
    };
    const reading = table.readFrameworkTable(file.grid, meta);
    const stops = reading.findings.filter((f) => f.stop);
    const assumed = reading.findings.filter((f) => !f.stop);
    if (!reading.framework || stops.length > 0) {
      throw new CliError(msg.fwStopped(stops, assumed));
    }
    let fw = reading.framework;
    const existing = app.frameworks.get(id);
    let replaced = false;
    if (existing && existing.status !== 'draft') {
      if (await sameContent(existing, { ...fw, id: existing.id })) {
        out.write(`${msg.fwUnchanged(id)}\n`);
        return 0;
      }
      const published = id;
      let n = /^\d+$/.test(existing.version) ? Number(existing.version) + 1 : 2;
      while (
        app.frameworks.has(`${published}-v${n}`) &&
        app.frameworks.get(`${published}-v${n}`)?.status !== 'draft'
      )
        n++;
      id = `${published}-v${n}`;
      fw = { ...fw, id, version: String(n) };
      replaced = app.frameworks.has(id);
      out.write(`${msg.fwNewVersion(published, id, String(n))}\n`);
    } else if (existing) {
      replaced = true;
    }
    const yamlText = await catalogYaml(fw);
    try {
      parseFrameworkFile(`${id}.yaml`, yamlText);
    } catch (e) {
      if (e instanceof CatalogError) throw new CliError(msg.fwInvalid(e.problems));
      throw e;
    }
    const path = (await catalogFileOf(ctx, id)) ?? join(await catalogDirOf(ctx), `${id}.yaml`);
    await writeFile(path, yamlText, 'utf8');
    const { listQuestions } = await import('../domain/catalog/load.js');
    const criteria = fw.groups.reduce((n, g) => n + g.criteria.length, 0);
    out.write(`${msg.fwRead(criteria, fw.groups.length, listQuestions(fw).length)}\n`);
    out.write(`${msg.fwAssumptions(assumed)}\n`);
    out.write(`${msg.fwDraftWritten(path, id, replaced)}\n`);
    return 0;
  },
});

export const frameworksPublish = defineCommand({
  name: 'frameworks publish',
  summary: CLI_SUMMARY.frameworksPublish,
  access: 'operator',
  options: { id: text() },
  positional: 'id',
  help: { id: CLI_OPTION_NOTES.frameworkId },
  async run(ctx, o) {
    const fw = ctx.app.frameworks.get(o.id);
    if (!fw) throw new CliError(msg.cliUnknownFramework(o.id));
    if (fw.status !== 'draft') {
      ctx.out.write(`${msg.fwAlreadyPublished(o.id)}\n`);
      return 0;
    }
    const path = await catalogFileOf(ctx, o.id);
    if (!path) throw new CliError(msg.cliUnknownFramework(o.id));
    const { status: _draft, ...published } = fw;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, await catalogYaml(published as Framework), 'utf8');
    ctx.out.write(`${msg.fwPublished(fw.id, fw.name)}\n`);
    return 0;
  },
});

export const frameworksExport = defineCommand({
  name: 'frameworks export',
  summary: CLI_SUMMARY.frameworksExport,
  access: 'operator',
  options: { id: text(), out: optional(text()) },
  positional: 'id',
  help: { id: CLI_OPTION_NOTES.frameworkId, out: CLI_OPTION_NOTES.frameworkOut },
  async run(ctx, o) {
    const fw = ctx.app.frameworks.get(o.id);
    if (!fw) throw new CliError(msg.cliUnknownFramework(o.id));
    const [{ writeFile }, { buildFrameworkXlsx }] = await Promise.all([
      import('node:fs/promises'),
      import('../reports/framework-table.js'),
    ]);
    const path = o.out ?? `bo-tieu-chi-${fw.id}.xlsx`;
    await writeFile(path, await buildFrameworkXlsx(fw));
    ctx.out.write(`${msg.fwExported(path, fw.id)}\n`);
    return 0;
  },
});

export const frameworksTemplate = defineCommand({
  name: 'frameworks template',
  summary: CLI_SUMMARY.frameworksTemplate,
  access: 'operator',
  options: { out: optional(text()) },
  help: { out: CLI_OPTION_NOTES.frameworkOut },
  async run(ctx, o) {
    const [{ writeFile }, { buildTemplateXlsx }] = await Promise.all([
      import('node:fs/promises'),
      import('../reports/framework-table.js'),
    ]);
    const path = o.out ?? 'mau-bo-tieu-chi.xlsx';
    await writeFile(path, await buildTemplateXlsx());
    ctx.out.write(`${msg.fwTemplateWritten(path)}\n`);
    return 0;
  },
});

export const frameworksTargets = defineCommand({
  name: 'frameworks targets',
  summary: CLI_SUMMARY.frameworksTargets,
  access: 'operator',
  options: { id: text(), year: wholeNumber(2000, 2100), file: text() },
  positional: 'file',
  help: {
    id: CLI_OPTION_NOTES.frameworkId,
    year: CLI_OPTION_NOTES.targetsYear,
    file: CLI_OPTION_NOTES.targetsFile,
  },
  async run(ctx, o) {
    const fw = ctx.app.frameworks.get(o.id);
    if (!fw) throw new CliError(msg.cliUnknownFramework(o.id));
    const year = String(o.year);
    const [{ writeFile }, table, { yearsWithTargets }] = await Promise.all([
      import('node:fs/promises'),
      import('../domain/catalog/table.js'),
      import('../domain/catalog/groups.js'),
    ]);
    // A published framework never changes what it judged: a year is added once, never rewritten.
    if (fw.status !== 'draft' && yearsWithTargets(fw).includes(year)) {
      throw new CliError(msg.fwYearTargetsFixed(fw.id, year));
    }
    const file = await readTable(o.file);
    const reading = table.readYearTargets(file.grid, fw);
    if (!reading.targets) throw new CliError(msg.fwYearTargetsStopped(reading.findings.map(msg.fwFinding)));
    const updated = table.withYearTargets(fw, year, reading.targets);
    const path = await catalogFileOf(ctx, fw.id);
    if (!path) throw new CliError(msg.cliUnknownFramework(o.id));
    const yamlText = await catalogYaml(updated);
    const { parseFrameworkFile, CatalogError } = await import('../domain/catalog/load.js');
    try {
      parseFrameworkFile(`${fw.id}.yaml`, yamlText);
    } catch (e) {
      if (e instanceof CatalogError) throw new CliError(msg.fwInvalid(e.problems));
      throw e;
    }
    await writeFile(path, yamlText, 'utf8');
    ctx.out.write(`${msg.fwYearTargetsSet(fw.id, year, reading.targets.size, path)}\n`);
    return 0;
  },
});
