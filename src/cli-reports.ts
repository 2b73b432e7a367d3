import { readFile, writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { App } from './app/create-app.js';
import { makeDocument } from './app/documents.js';
import { unitHistory } from './app/history.js';
import { type Actor, canAnswerFor, canSeeUnit } from './domain/access.js';
import { cleanText } from './domain/answers/normalize.js';
import { parseAnswer } from './domain/answers/parse.js';
import { listQuestions } from './domain/catalog/load.js';
import { lookupCode } from './domain/dialog/intents.js';
import type { Effect } from './domain/dialog/protocol.js';
import { msg } from './domain/messages/index.js';
import { currentQuarter, fromKey, parsePeriod, periodKey } from './domain/periods/periods.js';
import { matrixData, matrixUnits } from './reports/data.js';
import { loadPeriodAnswerLists } from './storage/answers.js';
import { applyEffects } from './storage/effects.js';
import { findActorByIdentity, listAreaUnits, setArea } from './storage/officers.js';
import { listSubmissionsForPeriod, loadSubmissions } from './storage/submissions.js';
import { findUnitByCode, listUnits, recordMerger, type UnitRecord } from './storage/units.js';

/** A failure to report on standard error with a non-zero exit, without a stack trace. */
export class UsageError extends Error {}

export interface CliValues {
  unit?: string;
  period?: string;
  format?: string;
  out?: string;
  province?: string;
  as?: string;
  kind?: string;
  name?: string;
  units?: string;
  into?: string;
  from?: string;
  date?: string;
}

/**
 * Who runs a CLI command: the operator (full access, like an admin) unless `--as channel:id`
 * names a person, whose role and scope then apply exactly as in chat.
 */
export async function cliActor(app: App, as: string | undefined): Promise<Actor> {
  if (!as) return { role: 'admin', personId: 0 };
  const m = /^([a-z]+):(.+)$/.exec(as);
  if (!m?.[1] || !m[2])
    throw new UsageError('--as takes channel:id, e.g. telegram:123456 or zalo:6ede9afa66b88fe6d6a9');
  const actor = await findActorByIdentity(app.db, { channel: m[1], externalId: m[2] });
  if (!actor) throw new UsageError(`no registered person is ${as}`);
  return actor;
}

/** A unit the actor may see; an unknown unit and a forbidden one read the same, so nothing leaks. */
export async function visibleUnit(app: App, actor: Actor, code: string): Promise<UnitRecord> {
  const unit = await findUnitByCode(app.db, code);
  if (!unit || !canSeeUnit(actor, unit)) throw new UsageError(`no unit "${code}" that you may see`);
  return unit;
}

export function periodOption(app: App, raw: string | undefined): string {
  if (!raw) return periodKey(currentQuarter(app.clock()));
  const p = fromKey(raw) ?? parsePeriod(raw, app.clock());
  if (!p) throw new UsageError(`cannot read period "${raw}" (use 2026-Q4 or 2026)`);
  return periodKey(p);
}

/** export --unit --period --format docx|xlsx [--kind appendix|difficulties] --out <file> */
export async function exportCommand(app: App, v: CliValues, out: Writable): Promise<number> {
  const actor = await cliActor(app, v.as);
  if (!v.unit) throw new UsageError('missing --unit');
  const unit = await visibleUnit(app, actor, v.unit);
  const fw = app.frameworks.get(unit.frameworkId);
  if (!fw) throw new UsageError(`framework ${unit.frameworkId} is not installed`);
  const format = v.format ?? 'docx';
  if (format !== 'docx' && format !== 'xlsx') throw new UsageError('--format is docx or xlsx');
  const kind = v.kind ?? 'appendix';
  if (kind !== 'appendix' && kind !== 'difficulties')
    throw new UsageError('--kind is appendix or difficulties');
  if (kind === 'difficulties' && format !== 'docx')
    throw new UsageError('the difficulties report is made as docx');
  const period = periodOption(app, v.period);
  const file = await makeDocument(app.db, fw, unit, { kind, format, period }, app.clock());
  const target = v.out ?? file.fileName;
  await writeFile(target, file.bytes);
  out.write(`wrote ${target}\n`);
  return 0;
}

/** overview --province <name> --period <key> --out matrix.xlsx: units × criteria, one file per framework. */
export async function overviewCommand(app: App, v: CliValues, out: Writable): Promise<number> {
  const actor = await cliActor(app, v.as);
  const period = periodOption(app, v.period);
  const units = (await listUnits(app.db))
    .filter((u) => !v.province || u.province === v.province)
    .filter((u) => canSeeUnit(actor, u));
  if (units.length === 0)
    throw new UsageError(`no units${v.province ? ` of ${v.province}` : ''} that you may see`);
  const [answers, submissions] = await Promise.all([
    loadPeriodAnswerLists(app.db, period, v.province ? { province: v.province } : {}),
    listSubmissionsForPeriod(app.db, period),
  ]);
  const byFramework = new Map<string, UnitRecord[]>();
  for (const u of units) {
    const list = byFramework.get(u.frameworkId);
    if (list) list.push(u);
    else byFramework.set(u.frameworkId, [u]);
  }
  const base = v.out ?? `tong-hop-${period}.xlsx`;
  for (const [fwId, list] of byFramework) {
    const fw = app.frameworks.get(fwId);
    if (!fw) continue;
    const data = matrixData(
      fw,
      period,
      matrixUnits(list, fwId, answers, submissions),
      `Tổng hợp kết quả chuyển đổi số ${v.province ? `tỉnh ${v.province} ` : ''}· ${fw.name}`,
    );
    const target = byFramework.size === 1 ? base : base.replace(/(\.xlsx)?$/, `-${fwId}.xlsx`);
    const { buildMatrixXlsx } = await import('./reports/matrix.js');
    await writeFile(target, await buildMatrixXlsx(data));
    out.write(`wrote ${target}: ${list.length} units × ${data.criteria.length} criteria (${fw.id})\n`);
  }
  return 0;
}

/**
 * import --unit --period <file.xlsx|file.csv>: every row goes through the chat's parser; if any
 * row is refused nothing is written, and the report says which rows and why.
 */
export async function importCommand(
  app: App,
  v: CliValues,
  file: string | undefined,
  out: Writable,
): Promise<number> {
  const actor = await cliActor(app, v.as);
  if (!v.unit) throw new UsageError('missing --unit');
  if (!file) throw new UsageError('missing the file to import');
  const unit = await visibleUnit(app, actor, v.unit);
  if (actor.role !== 'admin' && !canAnswerFor(actor, unit))
    throw new UsageError(`you may not change the answers of ${unit.code}`);
  const fw = app.frameworks.get(unit.frameworkId);
  if (!fw) throw new UsageError(`framework ${unit.frameworkId} is not installed`);
  const period = periodOption(app, v.period);
  const scope = { unitId: unit.id, frameworkId: fw.id };
  if ((await loadSubmissions(app.db, scope, [period])).get(period)?.locked) {
    throw new UsageError(msg.locked(period));
  }
  const format = file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
  const { readAnswerSheet } = await import('./reports/sheet.js');
  let sheet: Awaited<ReturnType<typeof readAnswerSheet>>;
  try {
    sheet = await readAnswerSheet(await readFile(file), format);
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  if (sheet.meta?.unit && sheet.meta.unit !== unit.code) {
    throw new UsageError(`${file} is the sheet of unit ${sheet.meta.unit}, not ${unit.code}`);
  }
  if (sheet.meta?.period && sheet.meta.period !== period) {
    throw new UsageError(`${file} is the sheet of period ${sheet.meta.period}, not ${period}`);
  }
  const questions = listQuestions(fw);
  const effects: Effect[] = [];
  const refused: string[] = [];
  let skipped = 0;
  for (const row of sheet.rows) {
    const m = /^(\d+(?:\.\d+)+)\s*([a-zđ])?\)?$/iu.exec(row.code.trim());
    const found = m
      ? lookupCode(fw, questions, m[1] ?? '', m[2]?.toLowerCase())
      : { type: 'unknown' as const, code: row.code };
    if (found.type === 'composite') continue;
    if (found.type === 'unknown' || found.letterUnused) {
      refused.push(`row ${row.row}: ${msg.unknownCode(row.code)}`);
      continue;
    }
    const q = found.question;
    if (row.result.trim() === '') {
      skipped++;
      continue;
    }
    const parsed = parseAnswer(q, row.result);
    if (!parsed.ok) {
      refused.push(`row ${row.row} (${q.key} "${row.result}"): ${msg.refusalReason(parsed.reason, q)}`);
      continue;
    }
    effects.push({
      type: 'save_answer',
      period,
      key: q.key,
      answer: parsed.answer,
      raw: cleanText(row.result),
    });
    if (row.difficulty.trim() !== '') {
      effects.push({ type: 'save_difficulty', period, key: q.key, text: cleanText(row.difficulty) });
    }
  }
  if (refused.length > 0) {
    out.write(
      `nothing imported: ${refused.length} row(s) refused\n${refused.map((r) => `  ${r}`).join('\n')}\n`,
    );
    return 1;
  }
  await app.db
    .transaction()
    .execute((trx) =>
      applyEffects(
        trx,
        scope,
        { officerId: actor.role === 'officer' ? actor.personId : null, channel: 'import' },
        effects,
        app.clock(),
      ),
    );
  const answersCount = effects.filter((e) => e.type === 'save_answer').length;
  out.write(
    `imported ${answersCount} answer(s) for ${unit.code} ${period}${skipped ? `; ${skipped} empty row(s) left unanswered` : ''}\n`,
  );
  return 0;
}

/** areas set --name <area> --units A,B,C | areas list --name <area> */
export async function areasCommand(
  app: App,
  sub: string | undefined,
  v: CliValues,
  out: Writable,
): Promise<number> {
  if (!v.name) throw new UsageError('missing --name');
  if (sub === 'set') {
    const codes = (v.units ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    for (const code of codes)
      if (!(await findUnitByCode(app.db, code))) throw new UsageError(`no unit with code "${code}"`);
    await setArea(app.db, v.name, codes);
    out.write(`area ${v.name}: ${codes.length} unit(s)\n`);
    return 0;
  }
  if (sub === 'list') {
    out.write(`${(await listAreaUnits(app.db, v.name)).join('\n')}\n`);
    return 0;
  }
  throw new UsageError('usage: cds-bot areas set|list --name <area> [--units A,B,C]');
}

/** units merge --into <code> --from <code,code> --date <YYYY-MM-DD>; units history --unit <code> */
export async function unitsChangeCommand(
  app: App,
  sub: string,
  v: CliValues,
  out: Writable,
): Promise<number> {
  if (sub === 'merge') {
    if (!v.into || !v.from || !v.date)
      throw new UsageError('usage: cds-bot units merge --into <code> --from <code,code> --date <YYYY-MM-DD>');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) throw new UsageError('--date must look like 2025-07-01');
    const from = v.from
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    try {
      await recordMerger(app.db, v.into, from, v.date);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    out.write(`merged ${from.join(', ')} into ${v.into} from ${v.date}\n`);
    return 0;
  }
  const actor = await cliActor(app, v.as);
  if (!v.unit) throw new UsageError('missing --unit');
  const unit = await visibleUnit(app, actor, v.unit);
  out.write(`${msg.history(unit.name, await unitHistory(app.db, app.frameworks, unit))}\n`);
  return 0;
}
