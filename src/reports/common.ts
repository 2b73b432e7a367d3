/**
 * Bits shared by the document builders and the sheet reader. Pure: no I/O, no clock.
 */

/** Folds for loose matching (lowercase, no diacritics, đ → d): the domain's one implementation. */
export { fold } from '../domain/answers/normalize.js';

/**
 * The footer note, worded exactly as the seed: "Tổng tiêu chí: 33; Tiêu chí đạt: 22/33; Còn lại: 11";
 * a scored framework adds its total: "; Điểm: 62,5/100 · Mức 2".
 */
export function footerNote(f: {
  total: number;
  met: number;
  applicable: number;
  remaining: number;
  score?: string;
}): string {
  const score = f.score ? `; ${f.score}` : '';
  return `Tổng tiêu chí: ${f.total}; Tiêu chí đạt: ${f.met}/${f.applicable}; Còn lại: ${f.remaining}${score}`;
}

/** Vietnamese uppercase that keeps diacritics ("UBND xã Ái Thượng" → "UBND XÃ ÁI THƯỢNG"). */
export function upper(text: string): string {
  return text.toLocaleUpperCase('vi-VN');
}

/** Splits a multi-line cell or paragraph into its lines (CRLF, LF or CR). */
export function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
