import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { lineCount, textWidthPt } from '../../src/reports/text-metrics.js';
import {
  columnPt,
  keepTogether,
  printableHeightPt,
  printableWidthPt,
  rowHeight,
} from '../../src/reports/xlsx-common.js';

describe('text metrics (Times New Roman)', () => {
  it('measures as the font does: the quốc hiệu at 12 pt bold is 8,8 cm, Vietnamese letters included', () => {
    const cm = (pt: number) => (pt / 72) * 2.54;
    expect(cm(textWidthPt('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 12, true))).toBeCloseTo(8.83, 1);
    // Letters with the same base have the same width; NFD input measures as NFC.
    expect(textWidthPt('ệ', 12)).toBe(textWidthPt('e', 12));
    expect(textWidthPt('Việt'.normalize('NFD'), 12)).toBe(textWidthPt('Việt', 12));
  });

  it('counts the lines of wrapped text, explicit line breaks and words longer than the box', () => {
    expect(lineCount('một hai ba', 1000, 12)).toBe(1);
    expect(lineCount('một\nhai', 1000, 12)).toBe(2);
    const word = textWidthPt('xxxxxxxxxx', 12);
    expect(lineCount('xxxxxxxxxx xxxxxxxxxx', word * 1.5, 12)).toBe(2);
    expect(lineCount('xxxxxxxxxxxxxxxxxxxx', word, 12)).toBe(2);
  });
});

describe('spreadsheet rows and pages', () => {
  it('gives a row the height of its tallest cell', () => {
    const one = rowHeight([{ text: 'Có', chars: 10, size: 12 }]);
    const long =
      'Tỷ lệ hồ sơ TTHC tại UBND cấp xã tiếp nhận xử lý được cập nhật, quản lý và giải quyết trên Hệ thống thông tin một cửa điện tử';
    const three = rowHeight([
      { text: 'Có', chars: 10, size: 12 },
      { text: long, chars: 30, size: 12 },
    ]);
    expect(one).toBeCloseTo(12 * 1.2 + 4, 0);
    expect(three).toBeGreaterThanOrEqual(lineCount(long, columnPt(30) - 4, 12) * 12 * 1.15);
    expect(rowHeight([{ text: '', chars: 10, size: 12 }], 20)).toBe(20);
  });

  it('measures the pages between the margins of the decree', () => {
    expect(Math.round(printableWidthPt('A4', 'landscape'))).toBe(714);
    expect(Math.round(printableHeightPt('A4', 'landscape'))).toBe(482);
    expect(Math.round(printableWidthPt('A3', 'landscape'))).toBe(1063);
  });

  it('breaks the page before a block that would straddle two pages, and not otherwise', () => {
    const sheet = (rows: number) => {
      const ws = new ExcelJS.Workbook().addWorksheet('a');
      for (let r = 1; r <= rows; r++) ws.getRow(r).height = 100;
      return ws;
    };
    // Pages of 450 pt hold 4 rows; the heading (row 1) repeats. Rows 4–6 would straddle pages 1 and 2.
    const ws = sheet(6);
    expect(keepTogether(ws, { from: 4, to: 6, pageHeightPt: 450, titles: [1, 1] })).toBe(3);
    // Rows 2–3 are on page 1 already.
    expect(keepTogether(sheet(6), { from: 2, to: 3, pageHeightPt: 450, titles: [1, 1] })).toBeUndefined();
    // A block taller than a page cannot be kept together: no break.
    expect(keepTogether(sheet(9), { from: 2, to: 9, pageHeightPt: 450, titles: [1, 1] })).toBeUndefined();
  });
});
