import { vnInstant } from './periods.js';

/** A calendar day (Vietnam): 1-based month and day. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** Why a date was refused: not a date at all, a form open to two readings, or a day that does not exist. */
export type DateRefusal = 'unreadable' | 'ambiguous' | 'impossible';

/** A date as written: its day, and the time of day and UTC offset when they were given. */
export type DateReading =
  | {
      ok: true;
      day: CalendarDay;
      time?: { hour: number; minute: number; second: number };
      /** Minutes east of UTC when the text named an offset (ISO "+07:00", "Z"); otherwise Vietnam time. */
      offsetMinutes?: number;
    }
  | { ok: false; reason: DateRefusal };

const TIME = String.raw`(\d{1,2})(?::(\d{2})(?::(\d{2}))?|h(\d{2})?)`;
/** 04/12/2026, 4/12/2026, optionally followed by a time: "04/12/2026 08:00", "4/12/2026 8h30". */
const VN = new RegExp(String.raw`^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+${TIME})?$`, 'i');
/** ISO 8601: 2026-12-04, 2026-12-04T08:00, 2026-12-04T08:00:00+07:00, 2026-12-04 08:00Z. */
const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
/** Shapes that look like a date but could be read two ways: no year, a two-digit year, year first with slashes, dashes or dots with the year last. */
const AMBIGUOUS = [
  /^\d{1,2}[/.-]\d{1,2}$/,
  /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?:\s.*)?$/,
  /^\d{4}[/.]\d{1,2}[/.]\d{1,2}(?:\s.*)?$/,
  /^\d{1,2}[.-]\d{1,2}[.-]\d{4}(?:\s.*)?$/,
];

function realDay(year: number, month: number, day: number): CalendarDay | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  d.setUTCFullYear(year);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
    ? { year, month, day }
    : undefined;
}

function realTime(hour: number, minute: number, second: number) {
  return hour <= 23 && minute <= 59 && second <= 59 ? { hour, minute, second } : undefined;
}

function offsetOf(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[2]) > 14 || Number(m[3]) > 59) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * Reads a date (and time) as Vietnamese write it, day first ("04/12/2026 08:00" is 4 December 2026,
 * 08:00 Vietnam time; "4/12/2026"; "4/12/2026 8h30"), or in ISO 8601 ("2026-12-04",
 * "2026-12-04T08:00:00+07:00"). Forms open to two readings ("12/04" without a year, "2026/04/12",
 * "04-12-2026", a two-digit year) are refused as ambiguous, a day that does not exist ("31/02/2026")
 * as impossible: the operator is asked again rather than a date guessed.
 */
export function readDate(text: string): DateReading {
  const t = text.trim().replace(/\s+/g, ' ');
  const vn = VN.exec(t);
  const iso = vn ? undefined : ISO.exec(t);
  if (!vn && !iso) {
    return { ok: false, reason: AMBIGUOUS.some((re) => re.test(t)) ? 'ambiguous' : 'unreadable' };
  }
  const [y, mo, d] = vn ? [vn[3], vn[2], vn[1]] : [iso?.[1], iso?.[2], iso?.[3]];
  const day = realDay(Number(y), Number(mo), Number(d));
  if (!day) return { ok: false, reason: 'impossible' };
  const [h, mi, s] = vn ? [vn[4], vn[5] ?? vn[7], vn[6]] : [iso?.[4], iso?.[5], iso?.[6]];
  if (h === undefined) return { ok: true, day };
  const time = realTime(Number(h), Number(mi ?? 0), Number(s ?? 0));
  if (!time) return { ok: false, reason: 'impossible' };
  const zone = iso?.[7];
  if (zone === undefined) return { ok: true, day, time };
  const offsetMinutes = offsetOf(zone);
  if (offsetMinutes === undefined) return { ok: false, reason: 'impossible' };
  return { ok: true, day, time, offsetMinutes };
}

/** The instant a reading names: its own UTC offset when it gave one, Vietnam time otherwise; midnight when no time was given. */
export function instantOf(reading: Extract<DateReading, { ok: true }>): Date {
  const { day, time, offsetMinutes } = reading;
  const [hour, minute, second] = time ? [time.hour, time.minute, time.second] : [0, 0, 0];
  if (offsetMinutes === undefined) return vnInstant(day.year, day.month, day.day, hour, minute, second);
  return new Date(Date.UTC(day.year, day.month - 1, day.day, hour, minute, second) - offsetMinutes * 60_000);
}

/** Reads a calendar day ("2026-09-20", "20/9/2026"); undefined when it is not exactly one real day (a time of day included). */
export function parseDay(text: string): CalendarDay | undefined {
  const r = readDate(text);
  return r.ok && !r.time ? r.day : undefined;
}

/** "YYYY-MM-DD", the form days are stored in. */
export function dayKey(d: CalendarDay): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
