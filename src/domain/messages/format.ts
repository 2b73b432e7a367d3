import { formatPercent, formatViNumber } from '../answers/normalize.js';
import type { Answer } from '../answers/types.js';
import type { Question, Target } from '../catalog/types.js';
import type { Shortfall, Status } from '../evaluation/evaluate.js';
import { fromKey, type Period } from '../periods/periods.js';

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "Quý IV/2026" or "Năm 2026", the way the seeds write periods. */
export function periodLabel(p: Period | string): string {
  const period = typeof p === 'string' ? fromKey(p) : p;
  if (!period) return String(p);
  return period.type === 'quarter' ? `quý ${ROMAN[period.quarter - 1]}/${period.year}` : `năm ${period.year}`;
}

/** The same, capitalised for the start of a line. */
export function periodTitle(p: Period | string): string {
  const label = periodLabel(p);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** dd/mm/yyyy in Vietnam time. */
export function formatDate(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3600 * 1000);
  const dd = String(v.getUTCDate()).padStart(2, '0');
  const mm = String(v.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${v.getUTCFullYear()}`;
}

export const STATUS_LABEL: Record<Status, string> = {
  met: 'đạt',
  not_met: 'chưa đạt',
  in_progress: 'đang thực hiện',
  unknown: 'chưa rõ',
  not_applicable: 'không áp dụng',
  unanswered: 'chưa trả lời',
};

/** The target as shown to an officer: "100%", "trên 50%", "Có", or "không ghi" when the source has none. */
/** What a criterion without a threshold shows as its target. */
export const NO_TARGET = 'không ghi';

export function targetLabel(q: Pick<Question, 'kind' | 'unit'> & { target: Target }): string {
  const t = q.target;
  const unit = q.kind === 'count' && q.unit ? ` ${q.unit}` : '';
  const num = (v: number) => (q.kind === 'count' ? `${formatViNumber(v)}${unit}` : formatPercent(v));
  if (t.op === '>' && t.value !== undefined) return `trên ${num(t.value)}`;
  if (t.op === '<' && t.value !== undefined) return `dưới ${num(t.value)}`;
  if (t.op === '<=' && t.value !== undefined) return `không quá ${num(t.value)}`;
  if ((t.op === '>=' || t.op === '=') && t.value !== undefined) {
    // A province's table may write the bare number ("100" under ĐVT "%", "01" under "điểm").
    if (/^\d[\d.,]*$/.test(t.text.trim())) return num(t.value);
    if (t.text.trim() !== '') return t.text.trim();
    return `${t.op === '>=' ? 'tối thiểu ' : ''}${num(t.value)}`;
  }
  if (t.text.trim() !== '') return t.text.trim();
  if (t.op === 'yes') return 'Có';
  return NO_TARGET;
}

/** How a figure given as a bound is said back: "dưới 55%", "gần 55%", "trên 80%". */
const BOUND_WORD: Record<NonNullable<Extract<Answer['value'], { type: 'number' }>['bound']>, string> = {
  below: 'dưới ',
  near: 'gần ',
  above: 'trên ',
  atLeast: 'ít nhất ',
  atMost: 'không quá ',
};

/** A short answer as shown back: "66,95% (25.031/37.389)", "Có", "04 sản phẩm", "đang thực hiện". */
export function answerLabel(q: Pick<Question, 'kind' | 'unit'>, a: Answer): string {
  const v = a.value;
  switch (v.type) {
    case 'number': {
      const approx = v.bound ? BOUND_WORD[v.bound] : v.approximate ? 'khoảng ' : '';
      const declared = v.declared ? ` (tự đánh giá: ${v.declared === 'met' ? 'đạt' : 'chưa đạt'})` : '';
      if (q.kind === 'count')
        return `${approx}${formatViNumber(v.value)}${q.unit ? ` ${q.unit}` : ''}${declared}`;
      const counts =
        v.numerator !== undefined && v.denominator !== undefined
          ? ` (${formatViNumber(v.numerator)}/${formatViNumber(v.denominator)}${q.unit ? ` ${q.unit}` : ''})`
          : '';
      return `${approx}${formatPercent(v.value)}${counts}${declared}`;
    }
    case 'yesno':
      return v.yes ? 'Có' : 'Không';
    case 'text':
      return shorten(v.text, 80);
    case 'status':
      return STATUS_LABEL[v.status];
  }
}

/** A sentence for what is missing: "cần thêm 2 doanh nghiệp sử dụng hợp đồng điện tử để đạt 50%". */
export function shortfallLabel(s: Shortfall, q: Pick<Question, 'kind' | 'unit'>): string {
  const target = targetLabel({ kind: q.kind, unit: q.unit, target: s.target });
  switch (s.type) {
    case 'count':
      return `cần thêm ${formatViNumber(s.missing)} ${s.label} để đạt ${target}`.replace(/\s+/g, ' ');
    case 'points':
      return s.target.op === '>'
        ? `cần vượt ${target} (hiện thiếu ${formatViNumber(Math.max(s.missing, 0))} điểm %)`
        : `còn thiếu ${formatViNumber(s.missing)} điểm %`;
    case 'impossible':
      return `không thể đạt ${target} với số liệu này`;
    case 'excess': {
      const amount =
        q.kind === 'count'
          ? `${formatViNumber(s.excess)}${s.unit ? ` ${s.unit}` : ''}`
          : `${formatViNumber(s.excess)} điểm %`;
      if (s.excess <= 0) return `cần giảm xuống ${target}`;
      return s.target.op === '<'
        ? `cần giảm thêm ${amount} nữa để xuống ${target}`
        : `cần giảm thêm ${amount} để đạt ${target}`;
    }
  }
}

/** Cuts a long text at a word boundary with "…", for phone screens. */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** "14:05 22/11/2026" in Vietnam time. */
export function formatDateTime(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3600 * 1000);
  return `${String(v.getUTCHours()).padStart(2, '0')}:${String(v.getUTCMinutes()).padStart(2, '0')} ${formatDate(d)}`;
}

/** Up to eight codes, then "…". */
export function listCodes(keys: string[]): string {
  return keys.length <= 8 ? keys.join(', ') : `${keys.slice(0, 8).join(', ')}…`;
}

/** "tỉnh Thanh Hóa", "thành phố Hà Nội": a province's official name as a sentence names it. */
export function provinceLabel(name: string): string {
  const m = /^(Thành phố|Tỉnh)\s+(.+)$/iu.exec(name.trim());
  if (m?.[2]) return `${m[1]?.toLocaleLowerCase('vi-VN') === 'tỉnh' ? 'tỉnh' : 'thành phố'} ${m[2]}`;
  return `tỉnh ${name.trim()}`;
}

/** "01/07/2025" of a day key "2025-07-01". */
export function dayLabelOf(dayKey: string): string {
  return dayKey.split('-').reverse().join('/');
}

/** "Điểm: 62,5/100 · Mức 2": the total of a scored framework and the level reached. */
export function scoreLine(s: { points: number; max: number; level: string | null }): string {
  return `Điểm: ${formatViNumber(s.points)}/${formatViNumber(s.max)}${s.level ? ` · ${s.level}` : ''}`;
}

/** "0/4 điểm, còn 4 điểm": what an open criterion gives and could still give. */
export function pointsLabel(p: { points: number; max: number }): string {
  const left = p.max - p.points;
  return `${formatViNumber(p.points)}/${formatViNumber(p.max)} điểm${left > 0 ? `, còn ${formatViNumber(left)} điểm` : ''}`;
}

/** A report's name with its framework, for a unit that reports on several ("Báo cáo năm 2026 · NTM nâng cao"). */
export function reportNameOn(name: string, framework: string): string {
  return `${name} · ${framework}`;
}

/** A unit with the framework of its report, for a unit that reports on several ("Xã Ái Thượng (NTM nâng cao)"). */
export function unitOnFramework(unit: string, framework: string): string {
  return `${unit} (${framework})`;
}
