import { foldWords } from '../answers/normalize.js';

/** A reporting period key: a quarter "2026-Q4" or a year "2026". */
export type PeriodKey = string;

export type Period =
  | { type: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { type: 'year'; year: number };

/** Vietnam has no daylight saving: Asia/Ho_Chi_Minh is UTC+7 all year. */
export const VN_OFFSET_MS = 7 * 3600 * 1000;

/** The calendar date in Vietnam of an instant. */
export function vnDate(now: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
} {
  const d = new Date(now.getTime() + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** The instant of a wall-clock time in Vietnam. */
export function vnInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - VN_OFFSET_MS);
}

const ROMAN: Record<string, 1 | 2 | 3 | 4> = { i: 1, ii: 2, iii: 3, iv: 4 };

export function periodKey(p: Period): PeriodKey {
  return p.type === 'quarter' ? `${p.year}-Q${p.quarter}` : String(p.year);
}

/** Reads a stored period key ("2026-Q4", "2026"); undefined when malformed. */
export function fromKey(key: string): Period | undefined {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return { type: 'quarter', year: Number(q[1]), quarter: Number(q[2]) as 1 | 2 | 3 | 4 };
  if (/^\d{4}$/.test(key)) return { type: 'year', year: Number(key) };
  return undefined;
}

/** The quarter containing `now` in Vietnam: the period a quarterly report is made for. */
export function currentQuarter(now: Date): Period {
  const { year, month } = vnDate(now);
  return { type: 'quarter', year, quarter: (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4 };
}

export function previousPeriod(p: Period): Period {
  if (p.type === 'year') return { type: 'year', year: p.year - 1 };
  return p.quarter === 1
    ? { type: 'quarter', year: p.year - 1, quarter: 4 }
    : { type: 'quarter', year: p.year, quarter: (p.quarter - 1) as 1 | 2 | 3 | 4 };
}

/** Whether period `a` starts after period `b` ends (used to refuse reports for future periods). */
export function isAfter(a: Period, b: Period): boolean {
  const start = (p: Period) => (p.type === 'year' ? p.year * 4 : p.year * 4 + p.quarter - 1);
  const end = (p: Period) => (p.type === 'year' ? p.year * 4 + 3 : p.year * 4 + p.quarter - 1);
  return start(a) > end(b);
}

/**
 * Finds a period in free text: "2026-Q4", "Q4/2026", "quý 4/2026", "quý IV/2026", "quy iv nam 2026",
 * "năm 2026", "quý này", "quý trước", "năm nay", "năm ngoái", and "quý 4", "q4", "qIV" (this year).
 * Returns the period and the text without it.
 */
export function findPeriod(text: string, now: Date): { period: Period; rest: string } | undefined {
  const t = foldWords(text).replace(/-/g, ' ');
  const patterns: Array<[RegExp, (m: RegExpExecArray) => Period | undefined]> = [
    [/(?:^| )(\d{4}) q([1-4])(?= |$)/, (m) => quarter(m[1], m[2])],
    [/(?:^| )(?:q|quy|qui) ?([1-4]|iv|iii|ii|i)(?: ?\/ ?| nam | )(\d{4})(?= |$)/, (m) => quarter(m[2], m[1])],
    [/(?:^| )(?:quy|qui) (nay|hien tai)(?= |$)/, () => currentQuarter(now)],
    [/(?:^| )(?:quy|qui) (truoc)(?= |$)/, () => previousPeriod(currentQuarter(now))],
    // "quý 4", "q4", "qIV" without a year: that quarter of this year.
    [/(?:^| )(?:q|quy|qui) ?([1-4]|iv|iii|ii|i)(?= |$)/, (m) => quarter(String(vnDate(now).year), m[1])],
    [/(?:^| )nam (nay)(?= |$)/, () => ({ type: 'year', year: vnDate(now).year })],
    [/(?:^| )nam (ngoai|truoc)(?= |$)/, () => ({ type: 'year', year: vnDate(now).year - 1 })],
    [/(?:^| )(?:nam )?(\d{4})(?= |$)/, (m) => ({ type: 'year', year: Number(m[1]) })],
  ];
  for (const [re, make] of patterns) {
    const m = re.exec(t);
    if (!m) continue;
    const period = make(m);
    if (!period) continue;
    const rest = `${t.slice(0, m.index)} ${t.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim();
    return { period, rest };
  }
  return undefined;
}

function quarter(year: string | undefined, q: string | undefined): Period | undefined {
  const n = ROMAN[q ?? ''] ?? (Number(q) as 1 | 2 | 3 | 4);
  const y = Number(year);
  if (!(n >= 1 && n <= 4) || !(y >= 2000 && y <= 2100)) return undefined;
  return { type: 'quarter', year: y, quarter: n };
}

/** Parses a period given on its own ("Q3/2022", "2026-Q4", "năm 2026"); undefined otherwise. */
export function parsePeriod(text: string, now: Date): Period | undefined {
  const found = findPeriod(text, now);
  return found && found.rest === '' ? found.period : undefined;
}
