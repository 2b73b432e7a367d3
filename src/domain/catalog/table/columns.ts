/**
 * The columns of a framework table: the cells as read, the header names recognised, the labels
 * of answer kinds, comparators and calendars.
 */
import { fold } from '../../answers/normalize.js';
import type { AnswerKind, ReportingCalendar, TargetOp } from '../types.js';

/** One cell as read: its text (numbers in vi-VN form), the number behind it, whether a merge covers it. */
export interface Cell {
  text: string;
  num?: number;
  /** A cell inside a merged range other than its top-left one; `text` is the range's value. */
  merged?: boolean;
}

/** Rows of cells; row i is the sheet's row i + 1. */
export type Grid = Cell[][];

export type ColumnKey =
  | 'code'
  | 'text'
  | 'target'
  | 'unit'
  | 'points'
  | 'scoring'
  | 'note'
  | 'kind'
  | 'op'
  | 'value'
  | 'assumed'
  | 'counted'
  | 'numeratorLabel'
  | 'notApplicableWhen'
  | 'evidence'
  | 'source'
  | 'aliases'
  | 'group1'
  | 'group2'
  | 'group3';

/** The header each column is written with (export, template); the first of the recognised names. */
export const COLUMN_HEADERS: Record<ColumnKey, string> = {
  code: 'STT',
  text: 'Tiêu chí',
  target: 'Chỉ tiêu giao',
  unit: 'Đơn vị tính',
  points: 'Điểm tối đa',
  scoring: 'Cách chấm điểm',
  note: 'Giải thích',
  kind: 'Loại trả lời',
  op: 'Cách so sánh',
  value: 'Ngưỡng',
  assumed: 'Cách đánh giá khi không có chỉ tiêu',
  counted: 'Đối tượng tính tỷ lệ',
  numeratorLabel: 'Đối tượng đạt',
  notApplicableWhen: 'Không áp dụng khi',
  evidence: 'Minh chứng',
  source: 'Nguồn',
  aliases: 'Mã khác',
  group1: 'Nhóm 1',
  group2: 'Nhóm 2',
  group3: 'Nhóm 3',
};

/** Recognised header names, folded (no diacritics, lower case). */
const HEADER_NAMES: ReadonlyArray<[RegExp, ColumnKey]> = [
  [/^(s?tt|so tt|so thu tu|ma|ma chi so|ma tieu chi|ma chi tieu)$/, 'code'],
  [
    /^(tieu chi|chi tieu|chi so|noi dung|ten tieu chi|ten chi tieu|ten chi so|noi dung tieu chi|noi dung chi tieu|chi so thanh phan)$/,
    'text',
  ],
  [
    // "Chỉ tiêu chung" and "Chỉ tiêu đạt chuẩn" head the target of NTM tables beside the group columns.
    /^(chi tieu giao|yeu cau|muc tieu|yeu cau tieu chi|chi tieu can dat|muc can dat|chi tieu chung|chi tieu dat chuan|yeu cau dat chuan|muc dat chuan|chi tieu phan dau|chi tieu ke hoach)$/,
    'target',
  ],
  [/^(don vi tinh|dvt|don vi)$/, 'unit'],
  [/^(diem|diem toi da|thang diem)$/, 'points'],
  [/^(cach cham diem|cach tinh diem)$/, 'scoring'],
  [/^(giai thich|cach tinh|ghi chu|giai thich chi tieu)$/, 'note'],
  [/^loai tra loi$/, 'kind'],
  [/^cach so sanh$/, 'op'],
  [/^nguong$/, 'value'],
  [/^cach danh gia khi khong co chi tieu$/, 'assumed'],
  [/^doi tuong tinh ty le$/, 'counted'],
  [/^doi tuong dat$/, 'numeratorLabel'],
  [/^khong ap dung khi$/, 'notApplicableWhen'],
  [/^minh chung$/, 'evidence'],
  [/^nguon$/, 'source'],
  [/^ma khac$/, 'aliases'],
  [/^(xa )?nhom( xa)? 1$/, 'group1'],
  [/^(xa )?nhom( xa)? 2$/, 'group2'],
  [/^(xa )?nhom( xa)? 3$/, 'group3'],
];

/** The year a "Chỉ tiêu năm 2027" (or "Chỉ tiêu giao năm 2027") header names, if it is one. */
export function yearOfHeader(header: string): string | undefined {
  return /^chi tieu (?:giao )?nam (\d{4})$/.exec(
    fold(header)
      .replace(/[:*.]+$/g, '')
      .trim(),
  )?.[1];
}

/** Which column a header cell names, if any ("Đơn vị tính (ĐVT)" reads as "Đơn vị tính"). */
export function columnOf(header: string): ColumnKey | undefined {
  const h = fold(header)
    .replace(/\(.*?\)/g, ' ')
    .replace(/[:*.]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return HEADER_NAMES.find(([re]) => re.test(h))?.[1];
}

export const KIND_LABEL: Record<AnswerKind, string> = {
  percent: 'tỷ lệ %',
  ratio: 'tỷ lệ trên tổng số',
  count: 'số lượng',
  yesno: 'có/không',
  text: 'nội dung',
  composite: 'nhiều ý',
};

export const OP_LABEL: Record<TargetOp, string> = {
  '>=': 'tối thiểu',
  '>': 'trên',
  '=': 'bằng',
  '<': 'dưới',
  '<=': 'không quá',
  yes: 'có',
  provided: 'có nội dung',
  self: 'tự đánh giá',
  all: 'mọi ý',
};

export const CALENDAR_LABEL: Record<ReportingCalendar, string> = {
  quarter: 'quý',
  'half-year': '6 tháng',
  year: 'năm',
};

export function byLabel<K extends string>(labels: Record<K, string>, text: string): K | undefined {
  const f = fold(text);
  return (Object.keys(labels) as K[]).find((k) => fold(labels[k]) === f || k === text.trim());
}
export function letter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

/** "IV" → 4; undefined for anything else. */
export function romanValue(code: string): number | undefined {
  if (!/^[IVXL]+$/.test(code)) return undefined;
  let total = 0;
  for (let i = 0; i < code.length; i++) {
    const v = ROMAN[code[i] as string] as number;
    const next = ROMAN[code[i + 1] as string] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}
