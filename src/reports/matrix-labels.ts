/**
 * The matrix's cell labels and colours, apart from the workbook builder so that the web view colours
 * its matrix the same without loading exceljs.
 */

export type MatrixStatus = 'met' | 'not_met' | 'in_progress' | 'unknown' | 'not_applicable' | 'unanswered';

/**
 * The label written in a criterion cell and its fill (ARGB). Unanswered cells stay blank (white) so
 * that a blank means "nobody answered" and COUNTBLANK counts them.
 */
export const MATRIX_LABELS: Record<MatrixStatus, { label: string; fill: string; font: string }> = {
  met: { label: 'đạt', fill: 'FFC6EFCE', font: 'FF006100' },
  not_met: { label: 'chưa đạt', fill: 'FFFFC7CE', font: 'FF9C0006' },
  in_progress: { label: 'đang TH', fill: 'FFFFEB9C', font: 'FF9C5700' },
  unknown: { label: 'chưa rõ', fill: 'FFD9D9D9', font: 'FF404040' },
  not_applicable: { label: 'KAD', fill: 'FFDDEBF7', font: 'FF1F4E78' },
  unanswered: { label: '', fill: 'FFFFFFFF', font: 'FF000000' },
};
