/**
 * Writing a framework as a table (export, template) and reading its info sheet, calendar and levels.
 */

import { fold, parseViNumber } from '../../answers/normalize.js';
import { inferTarget } from '../infer.js';
import type { Criterion, Framework, Level, ReportingCalendar, SubPoint, Target } from '../types.js';
import {
  byLabel,
  CALENDAR_LABEL,
  COLUMN_HEADERS,
  type ColumnKey,
  type Grid,
  KIND_LABEL,
  OP_LABEL,
} from './columns.js';
import type { TableMeta } from './findings.js';
import { scoringCell } from './leaf.js';
/** The columns an exported table has, in order. */
export const EXPORT_COLUMNS: readonly ColumnKey[] = [
  'code',
  'text',
  'target',
  'unit',
  'points',
  'scoring',
  'group1',
  'group2',
  'group3',
  'note',
  'kind',
  'op',
  'value',
  'assumed',
  'counted',
  'numeratorLabel',
  'notApplicableWhen',
  'evidence',
  'source',
  'aliases',
];

/** A cell to write: text, or a number. */
export type OutCell = string | number;

function leafCells(leaf: SubPoint | Criterion): Partial<Record<ColumnKey, OutCell>> {
  const kind = leaf.kind;
  const t = leaf.target;
  const out: Partial<Record<ColumnKey, OutCell>> = {
    target: t.text,
    kind: KIND_LABEL[kind],
    note: leaf.note ?? '',
    numeratorLabel: leaf.numeratorLabel ?? '',
    notApplicableWhen: leaf.notApplicableWhen ?? '',
    evidence: (leaf.evidence ?? []).join('\n'),
    assumed: t.assumed ?? '',
    group1: leaf.byGroup?.['1']?.text ?? '',
    group2: leaf.byGroup?.['2']?.text ?? '',
    group3: leaf.byGroup?.['3']?.text ?? '',
  };
  if (kind === 'composite') return { ...out, target: '', kind: KIND_LABEL.composite };
  const ratioLike = kind === 'percent' || kind === 'ratio';
  out.unit = ratioLike ? '%' : (leaf.unit ?? '');
  out.counted = ratioLike ? (leaf.unit ?? '') : '';
  // The comparison and threshold are written only when the target text does not say them.
  const reading = inferTarget(t.text, String(out.unit));
  const same = reading.op === t.op && reading.value === t.value;
  if (!same) {
    out.op = OP_LABEL[t.op];
    out.value = t.value ?? '';
  }
  return out;
}

/** The rows of a framework as a table: the header, then group, criterion and sub-point rows. */
export function frameworkToTable(fw: Framework): OutCell[][] {
  // The targets set for years ("Chỉ tiêu năm 2027") go in columns of their own, at the end.
  const years = [
    ...new Set(
      fw.groups.flatMap((g) =>
        g.criteria.flatMap((c) => [c, ...(c.parts ?? [])].flatMap((l) => Object.keys(l.byYear ?? {}))),
      ),
    ),
  ].sort();
  type WithYears = { byYear?: Record<string, Target> };
  const rows: OutCell[][] = [
    [...EXPORT_COLUMNS.map((k) => COLUMN_HEADERS[k]), ...years.map((y) => `Chỉ tiêu năm ${y}`)],
  ];
  const line = (cells: Partial<Record<ColumnKey, OutCell>>, leaf?: WithYears) =>
    rows.push([
      ...EXPORT_COLUMNS.map((k) => cells[k] ?? ''),
      ...years.map((y) => leaf?.byYear?.[y]?.text ?? ''),
    ]);
  for (const g of fw.groups) {
    line({ code: g.code, text: g.name });
    for (const c of g.criteria) {
      line(
        {
          code: c.code,
          text: c.text,
          ...leafCells(c),
          source: c.source ?? '',
          aliases: (c.aliases ?? []).join('; '),
          points: c.points ?? '',
          scoring: scoringCell(c.scoring),
        },
        c,
      );
      for (const p of c.parts ?? []) line({ code: `${p.code})`, text: p.text, ...leafCells(p) }, p);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The info sheet: what the table itself does not say (the name, the decision, the source).

const INFO_LABELS = {
  id: 'Mã bộ tiêu chí',
  name: 'Tên bộ tiêu chí',
  level: 'Cấp',
  province: 'Tỉnh',
  version: 'Phiên bản',
  decision: 'Quyết định ban hành',
  basis: 'Căn cứ',
  source: 'Nguồn',
  complete: 'Đủ bộ',
  expectedCriteria: 'Số tiêu chí của bộ đầy đủ',
  calendar: 'Kỳ báo cáo',
  yearDue: 'Hạn báo cáo năm',
  recipientsDate: 'Nơi nhận trước ngày',
  recipients: 'Nơi nhận trước đó',
  notes: 'Ghi chú',
  levels: 'Mức',
} as const;

const LEVEL_LABEL: Record<Framework['level'], string> = { xa: 'xã', huyen: 'huyện', tinh: 'tỉnh' };

/** The info sheet's rows: a label and a value; notes and recipients take a row each. */
export function infoRows(fw: Framework): string[][] {
  const rows: string[][] = [['Thông tin', 'Giá trị']];
  const add = (label: string, value: string | undefined) => {
    if (value !== undefined) rows.push([label, value]);
  };
  add(INFO_LABELS.id, fw.id);
  add(INFO_LABELS.name, fw.name);
  add(INFO_LABELS.level, LEVEL_LABEL[fw.level]);
  add(INFO_LABELS.province, fw.province);
  add(INFO_LABELS.version, fw.version);
  add(INFO_LABELS.decision, fw.decision);
  add(INFO_LABELS.basis, fw.basis);
  add(INFO_LABELS.source, fw.source);
  add(INFO_LABELS.complete, fw.complete ? 'Có' : 'Không');
  add(INFO_LABELS.expectedCriteria, fw.expectedCriteria?.toString());
  add(INFO_LABELS.calendar, fw.calendar ? CALENDAR_LABEL[fw.calendar] : undefined);
  add(INFO_LABELS.yearDue, fw.yearDue);
  if (fw.recipientsBefore) {
    add(INFO_LABELS.recipientsDate, fw.recipientsBefore.date);
    for (const r of fw.recipientsBefore.recipients) add(INFO_LABELS.recipients, r);
  }
  for (const n of fw.notes ?? []) add(INFO_LABELS.notes, n);
  for (const l of fw.levels ?? [])
    add(INFO_LABELS.levels, `${l.name} từ ${String(l.from).replace('.', ',')} điểm`);
  return rows;
}

/** What an info sheet says; unknown labels are ignored. */
export function readInfoRows(grid: Grid): Partial<TableMeta> & { id?: string; name?: string } {
  const out: Partial<TableMeta> & { notes?: string[] } = {};
  const recipients: string[] = [];
  let recipientsDate: string | undefined;
  const key = (label: string) =>
    (Object.keys(INFO_LABELS) as Array<keyof typeof INFO_LABELS>).find(
      (k) => fold(INFO_LABELS[k]) === fold(label),
    );
  for (const row of grid) {
    const label = row[0]?.text.trim() ?? '';
    const value = row[1]?.text.trim() ?? '';
    const k = key(label);
    if (!k || value === '') continue;
    switch (k) {
      case 'level':
        out.level = byLabel(LEVEL_LABEL, value);
        break;
      case 'complete':
        out.complete = fold(value) === 'co';
        break;
      case 'expectedCriteria':
        out.expectedCriteria = Number(value.replace(/\D/g, '')) || undefined;
        break;
      case 'calendar':
        out.calendar = byLabel(CALENDAR_LABEL, value);
        break;
      case 'recipientsDate':
        recipientsDate = value;
        break;
      case 'recipients':
        recipients.push(value);
        break;
      case 'notes':
        out.notes = [...(out.notes ?? []), value];
        break;
      case 'levels': {
        const m = /^(.+?)\s+từ\s+(\d[\d.,]*)/u.exec(value);
        const from = m?.[2] ? parseViNumber(m[2]) : undefined;
        if (m?.[1] && from !== undefined) out.levels = [...(out.levels ?? []), { name: m[1], from }];
        break;
      }
      default:
        out[k] = value;
    }
  }
  if (recipientsDate && recipients.length > 0) out.recipientsBefore = { date: recipientsDate, recipients };
  for (const k of Object.keys(out) as Array<keyof typeof out>) if (out[k] === undefined) delete out[k];
  return out;
}

/** The calendar named by an option ("quarter", "quý", "6 tháng", "năm"). */
export function readCalendar(text: string): ReportingCalendar | undefined {
  return byLabel(CALENDAR_LABEL, text) ?? (['quarter', 'half-year', 'year'] as const).find((c) => c === text);
}

/** The template's example rows: one per kind of criterion, under one group. */
export function templateRows(): OutCell[][] {
  const cols: ColumnKey[] = [
    'code',
    'text',
    'target',
    'unit',
    'points',
    'note',
    'group1',
    'group2',
    'group3',
  ];
  const header = cols.map((k) => COLUMN_HEADERS[k]);
  const row = (cells: Partial<Record<ColumnKey, OutCell>>) => cols.map((k) => cells[k] ?? '');
  return [
    header,
    row({ code: 'I', text: 'Hạ tầng số' }),
    row({
      code: '1.1',
      text: 'Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số',
      target: '100%',
      unit: '%',
      note: 'Số cán bộ, công chức được bồi dưỡng / tổng số cán bộ, công chức của xã',
      points: 10,
    }),
    row({ code: '1.2', text: 'Xã có Cổng/Trang thông tin điện tử', target: 'Có' }),
    row({
      code: '1.3',
      text: 'Tốc độ truy cập Internet băng rộng cố định trung bình',
      target: 'tối thiểu 36 Mb/s',
      unit: 'Mb/s',
    }),
    row({
      code: '1.4',
      text: 'Số thuê bao băng rộng di động trên 100 dân',
      target: '22/100 dân',
      unit: 'thuê bao/100 dân',
    }),
    row({ code: '1.5', text: 'Tỷ lệ hộ nghèo', target: 'dưới 5%', unit: '%' }),
    row({
      code: '1.6',
      text: 'Số điểm phục vụ bưu chính có cung cấp dịch vụ công trực tuyến',
      target: '01',
      unit: 'điểm',
    }),
    row({ code: '1.7', text: 'Ứng dụng công nghệ số trong quản lý của xã', target: '' }),
    row({ code: 'II', text: 'Chính quyền số' }),
    row({ code: '2.1', text: 'Tiêu chí gồm nhiều ý', target: '' }),
    row({ code: 'a)', text: 'Ý thứ nhất', target: 'Có' }),
    row({ code: 'b)', text: 'Ý thứ hai', target: 'tối thiểu 30%', unit: '%' }),
    row({
      code: '2.2',
      text: 'Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến (chỉ tiêu theo nhóm xã)',
      unit: '%',
      group1: '≥ 80%',
      group2: '≥ 70%',
      group3: '≥ 50%',
    }),
  ];
}

/** Levels as an option writes them: "Mức 1: 0; Mức 2: 50; Mức 3: 75" (or "Mức 2 từ 50 điểm"). */
export function readLevels(text: string): Level[] | undefined {
  const levels: Level[] = [];
  for (const part of text
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(.+?)(?:\s*:\s*|\s+từ\s+)(\d[\d.,]*)(?:\s*điểm)?$/u.exec(part);
    const from = m?.[2] ? parseViNumber(m[2]) : undefined;
    if (!m?.[1] || from === undefined) return undefined;
    levels.push({ name: m[1].trim(), from });
  }
  const ascending = levels.every((l, i) => i === 0 || l.from > (levels[i - 1] as Level).from);
  return levels.length > 0 && ascending ? levels : undefined;
}
