/**
 * `cds-bot overview` end to end on a real app (SQLite :memory:, the real migrations and catalogs):
 * answers typed as an officer would, the matrix files read back. Each cell must carry the label and
 * colour of the status the unit's own report gives, and the totals its "Đạt M/N".
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/create-app.js';
import { writeOverview } from '../../src/cli/reports.js';
import { parseAnswer } from '../../src/domain/answers/parse.js';
import { listQuestions } from '../../src/domain/catalog/load.js';
import type { Effect } from '../../src/domain/dialog/protocol.js';
import { applicableTotal, evaluateFramework, tally } from '../../src/domain/evaluation/evaluate.js';
import { matrixData } from '../../src/reports/data.js';
import {
  MATRIX_FIRST_UNIT_ROW,
  MATRIX_LABELS,
  type MatrixLayout,
  matrixLayout,
} from '../../src/reports/matrix.js';
import { loadAnswers } from '../../src/storage/answers.js';
import { recordSubmission } from '../../src/storage/submissions.js';
import { addUnit, type UnitRecord } from '../../src/storage/units.js';
import { storeAsImport, testApp } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cds-overview-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Adds a unit and stores its answers as typed, through the chat's parser. */
async function unitAnswering(app: App, code: string, frameworkId: string, typed: Record<string, string>) {
  const unit = await addUnit(
    app.db,
    { code, name: `Xã ${code}`, province: 'Thanh Hóa', frameworkId },
    app.clock(),
  );
  const fw = app.frameworks.get(frameworkId);
  if (!fw) throw new Error(`no framework ${frameworkId}`);
  const questions = new Map(listQuestions(fw).map((q) => [q.key, q]));
  const effects: Effect[] = Object.entries(typed).map(([key, text]) => {
    const q = questions.get(key);
    const parsed = q && parseAnswer(q, text);
    if (!parsed?.ok) throw new Error(`"${text}" is no answer to ${key}`);
    return { type: 'save_answer', period: '2026-Q4', key, answer: parsed.answer, raw: text };
  });
  await storeAsImport(app.db, { unitId: unit.id, frameworkId }, effects, app.clock());
  return unit;
}

const sink = () =>
  new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  });

async function sheet(file: string, frameworkId: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(frameworkId);
  if (!ws) throw new Error(`${file} has no sheet ${frameworkId}`);
  return ws;
}

const fillOf = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
/** Units in the order of the unit list (province, code). */
const FIRST_UNIT_ROW = MATRIX_FIRST_UNIT_ROW;

describe('cds-bot overview', () => {
  it('colours every cell with the status of the unit’s own report, composites and không áp dụng included', async () => {
    const app = await testApp();
    try {
      // ntm-nang-cao-tttt: 8.1 Có/Không, 8.2 self-assessed, 8.3 (a–c) and 8.4 (a–đ) composites.
      const n1 = await unitAnswering(app, 'N1', 'ntm-nang-cao-tttt', {
        '8.1': 'có',
        '8.2': '80% (đạt)',
        '8.3a': '20/20',
        '8.3b': 'không áp dụng',
        '8.3c': '2',
        '8.4a': '90% (đạt)',
        '8.4b': 'chưa rõ',
      });
      const n2 = await unitAnswering(app, 'N2', 'ntm-nang-cao-tttt', {
        '8.1': 'không',
        '8.3a': 'không áp dụng',
        '8.3b': 'không áp dụng',
        '8.3c': 'không áp dụng',
        '8.4d': '50%',
        '8.4đ': 'đang thực hiện',
      });
      const n3 = await unitAnswering(app, 'N3', 'ntm-nang-cao-tttt', { '8.4đ': 'đang thực hiện' });
      // Another framework, nothing answered: a sheet of its own, every cell blank.
      const t1 = await unitAnswering(app, 'T1', 'thanh-hoa-xa-2023', {});
      await recordSubmission(
        app.db,
        { unitId: n2.id, frameworkId: 'ntm-nang-cao-tttt' },
        '2026-Q4',
        null,
        new Date('2026-11-20T03:00:00Z'),
        undefined,
      );

      // Exactly the file named: one workbook, a sheet per framework.
      const out = join(dir, 'tong-hop.xlsx');
      const operator = { role: 'admin', personId: 0 } as const;
      expect(
        await writeOverview(app, operator, { period: '2026-Q4', out, province: 'Thanh Hóa' }, sink()),
      ).toBe(0);
      expect(readdirSync(dir)).toEqual(['tong-hop.xlsx']);
      const ntm = await sheet(out, 'ntm-nang-cao-tttt');
      const th = await sheet(out, 'thanh-hoa-xa-2023');
      const layouts = new Map<ExcelJS.Worksheet, MatrixLayout>();
      for (const [ws, id] of [
        [ntm, 'ntm-nang-cao-tttt'],
        [th, 'thanh-hoa-xa-2023'],
      ] as const) {
        const fw = app.frameworks.get(id)!;
        layouts.set(ws, matrixLayout(matrixData(fw, '2026-Q4', [], '')));
      }
      const layoutOf = (ws: ExcelJS.Worksheet) => layouts.get(ws)!;

      const cell = (ws: ExcelJS.Worksheet, unit: number, criterion: number) =>
        ws.getCell(FIRST_UNIT_ROW + unit, layoutOf(ws).columns[criterion]!);
      const label = (c: ExcelJS.Cell) => (c.value === null ? '' : String(c.value));
      // As a reader sees it: N1 đạt 8.1, 8.2, 8.3 (b không áp dụng), 8.4 chưa rõ (b) with parts unanswered.
      expect([0, 1, 2, 3].map((i) => label(cell(ntm, 0, i)))).toEqual(['đạt', 'đạt', 'đạt', 'chưa rõ']);
      // N2: 8.1 chưa đạt, 8.2 blank, 8.3 every sub-point không áp dụng → KAD, 8.4 one part at 50% → chưa đạt.
      expect([0, 1, 2, 3].map((i) => label(cell(ntm, 1, i)))).toEqual(['chưa đạt', '', 'KAD', 'chưa đạt']);
      expect(fillOf(cell(ntm, 1, 2))).toBe(MATRIX_LABELS.not_applicable.fill);
      expect(fillOf(cell(ntm, 1, 3))).toBe(MATRIX_LABELS.not_met.fill);
      expect(ntm.getCell(FIRST_UNIT_ROW + 1, 3).value).toBe('20/11/2026');
      // N3: only 8.4đ, đang thực hiện, the rest of 8.4 unanswered → the composite is đang TH.
      expect(label(cell(ntm, 2, 3))).toBe('đang TH');
      expect([0, 1, 2, 3].map((i) => label(cell(th, 0, i)))).toEqual(['', '', '', '']);
      expect(fillOf(cell(th, 0, 0))).toBe(MATRIX_LABELS.unanswered.fill);

      // Every cell and total against the per-unit evaluation of the same stored answers.
      for (const [ws, units] of [
        [ntm, [n1, n2, n3]],
        [th, [t1]],
      ] as Array<[ExcelJS.Worksheet, UnitRecord[]]>) {
        for (const [u, unit] of units.entries()) {
          const fw = app.frameworks.get(unit.frameworkId);
          if (!fw) throw new Error('framework');
          const scope = { unitId: unit.id, frameworkId: fw.id };
          const answers = (await loadAnswers(app.db, scope, ['2026-Q4'])).get('2026-Q4') ?? new Map();
          const evs = evaluateFramework(fw, answers);
          expect(ws.getCell(FIRST_UNIT_ROW + u, 1).value).toBe(unit.code);
          evs.forEach((ev, i) => {
            expect(label(cell(ws, u, i))).toBe(MATRIX_LABELS[ev.status].label);
            expect(fillOf(cell(ws, u, i))).toBe(MATRIX_LABELS[ev.status].fill);
          });
          const t = tally(evs);
          const total = ws.getCell(FIRST_UNIT_ROW + u, layoutOf(ws).totalCol);
          expect(total.value).toBe(t.met);
          const rate = ws.getCell(FIRST_UNIT_ROW + u, layoutOf(ws).rateCol).value;
          const applicable = applicableTotal(t);
          if (applicable === 0) expect(rate).toBeNull();
          else expect(rate).toBeCloseTo(t.met / applicable, 10);
        }
      }
    } finally {
      await app.close();
    }
  });
});
