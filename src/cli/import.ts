/**
 * `import`: a unit's answers from a sheet in the export's layout (XLSX, or CSV with ; or ,). Every
 * row goes through the chat's parser; if any row is refused nothing is written, and the report
 * names the rows and why. Acts for a person: only the unit's own officer (and an admin or the
 * operator) may import.
 */
import { readFile } from 'node:fs/promises';
import { canAnswerFor } from '../domain/access.js';
import type { Effect } from '../domain/dialog/protocol.js';
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { loadSubmissions } from '../storage/submissions.js';
import { CliError, defineCommand } from './command.js';
import { optional, period, text } from './options.js';

export const importAnswers = defineCommand({
  name: 'import',
  summary: CLI_SUMMARY.import,
  access: 'person',
  options: { unit: text(), period: optional(period()), framework: optional(text()), file: text() },
  positional: 'file',
  help: { file: CLI_OPTION_NOTES.importFile, framework: CLI_OPTION_NOTES.unitFramework },
  async run(ctx, o) {
    const { app, actor } = ctx;
    const unit = await ctx.visibleUnit(o.unit);
    if (actor.role !== 'admin' && !canAnswerFor(actor, unit))
      throw new CliError(msg.cliNotAnswerer(unit.code));
    // A merged or closed unit takes no new reports, from the chat or from a sheet.
    const { closureOf } = await import('../app/units.js');
    const closed = await closureOf(app.db, unit, app.clock());
    if (closed)
      throw new CliError(
        msg.cliImportClosed(msg.unitClosedShort(unit.name, closed.since, closed.successors)),
      );
    const period = ctx.periodKey(o.period);
    const fw = ctx.frameworkOf(unit, period, o.framework);
    const scope = { unitId: unit.id, frameworkId: fw.id };
    if ((await loadSubmissions(app.db, scope, [period])).get(period)?.locked) {
      throw new CliError(msg.locked(period));
    }
    const [{ readAnswerSheet }, { listQuestions }, { lookupCode }, { parseAnswer }, { splitDifficulty }] =
      await Promise.all([
        import('../reports/sheet.js'),
        import('../domain/catalog/load.js'),
        import('../domain/dialog/codes.js'),
        import('../domain/answers/parse.js'),
        import('../domain/answers/difficulty.js'),
      ]);
    const { cleanText } = await import('../domain/answers/normalize.js');
    let sheet: Awaited<ReturnType<typeof readAnswerSheet>>;
    try {
      sheet = await readAnswerSheet(
        await readFile(o.file),
        o.file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx',
      );
    } catch (e) {
      throw new CliError(msg.cliSheetUnreadable(o.file, (e as Error).message));
    }
    if (sheet.meta?.unit && sheet.meta.unit !== unit.code) {
      throw new CliError(msg.cliSheetOfOther(o.file, 'unit', sheet.meta.unit, unit.code));
    }
    if (sheet.meta?.period && sheet.meta.period !== period) {
      throw new CliError(msg.cliSheetOfOther(o.file, 'period', sheet.meta.period, period));
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
        refused.push(msg.cliImportRow(row.row, msg.unknownCode(row.code)));
        continue;
      }
      const q = found.question;
      if (row.result.trim() === '') {
        skipped++;
        continue;
      }
      const parsed = parseAnswer(q, row.result);
      if (!parsed.ok) {
        const reason = msg.refusalReason(parsed, q);
        refused.push(msg.cliImportRow(row.row, reason, { key: q.key, text: row.result }));
        continue;
      }
      // Nobody is there to confirm a reading that rests on an assumption: the row is refused, with it.
      if (parsed.confirm) {
        refused.push(
          msg.cliImportRow(row.row, msg.cliImportUnsure(q, parsed.confirm.options), {
            key: q.key,
            text: row.result,
          }),
        );
        continue;
      }
      effects.push({
        type: 'save_answer',
        period,
        key: q.key,
        answer: parsed.answer,
        raw: cleanText(row.result),
      });
      // The export writes the đề xuất on a line of its own ("Đề xuất: …"); a sheet filled by hand may
      // hold both in one sentence ("Thiếu máy tính; đề nghị huyện hỗ trợ").
      const { difficulty, proposal } = row.proposal
        ? { difficulty: cleanText(row.difficulty), proposal: cleanText(row.proposal) }
        : splitDifficulty(cleanText(row.difficulty));
      if (difficulty) effects.push({ type: 'save_difficulty', period, key: q.key, text: difficulty });
      if (proposal) effects.push({ type: 'save_proposal', period, key: q.key, text: proposal });
    }
    if (refused.length > 0) {
      ctx.out.write(`${msg.cliImportRefused(refused)}\n`);
      return 1;
    }
    const { writeEffects } = await import('../storage/effects.js');
    const by = { officerId: actor.role === 'officer' ? actor.personId : null, channel: 'import' };
    await writeEffects(app.db, scope, by, effects, app.clock());
    const answers = effects.filter((e) => e.type === 'save_answer').length;
    ctx.out.write(`${msg.cliImported(answers, unit.code, period, skipped)}\n`);
    return 0;
  },
});
