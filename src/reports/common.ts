/**
 * Bits shared by the document builders and the sheet reader. Pure: no I/O, no clock.
 */

/** Folds for loose matching (lowercase, no diacritics, đ → d): the domain's one implementation. */
export { fold } from '../domain/answers/normalize.js';

/** The five columns of the appendix (Phụ lục 2 of seed 004). The result heading varies per period. */
export const APPENDIX_HEADINGS = {
  code: 'TT',
  text: 'Nội dung tiêu chí đánh giá',
  target: 'Chỉ tiêu giao',
  difficulty: 'Khó khăn; đề xuất',
} as const;

/** The footer note, worded exactly as the seed: "Tổng tiêu chí: 33; Tiêu chí đạt: 22/33; Còn lại: 11". */
export function footerNote(f: { total: number; met: number; applicable: number; remaining: number }): string {
  return `Tổng tiêu chí: ${f.total}; Tiêu chí đạt: ${f.met}/${f.applicable}; Còn lại: ${f.remaining}`;
}

/** "Đơn vị: Xã Ái Thượng, tỉnh Thanh Hóa (mã 15985) · Kỳ báo cáo: Quý IV/2026 · Bộ tiêu chí: … (QĐ …)" */
export function appendixInfoLine(data: {
  unit: { code: string; name: string; province: string };
  periodLabel: string;
  framework: { name: string; decision: string | null };
}): string {
  const where = [data.unit.name, data.unit.province].filter((s) => s.trim() !== '').join(', ');
  const decision = data.framework.decision ? ` (${data.framework.decision})` : '';
  return `Đơn vị: ${where} (mã ${data.unit.code}) · Kỳ báo cáo: ${data.periodLabel} · Bộ tiêu chí: ${data.framework.name}${decision}`;
}

/** Vietnamese uppercase that keeps diacritics ("UBND xã Ái Thượng" → "UBND XÃ ÁI THƯỢNG"). */
export function upper(text: string): string {
  return text.toLocaleUpperCase('vi-VN');
}

/** Splits a multi-line cell or paragraph into its lines (CRLF, LF or CR). */
export function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
