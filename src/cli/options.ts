/**
 * The kinds of option a command declares. Each reads the raw text as the bot would (periods as
 * officers write them, dates as Vietnamese write them) and refuses with a Vietnamese reason; the
 * parser (src/cli/main.ts) names the option in front of it.
 */

import { msg } from '../domain/messages/index.js';
import { type CalendarDay, instantOf, readDate } from '../domain/periods/dates.js';
import { fromKey, parsePeriod } from '../domain/periods/periods.js';
import { officialList } from '../dvhc.js';
import type { Option, Zod } from './command.js';

type Reading<T> = { ok: true; value: T } | { ok: false; reason: string };

/** An option with a value, read by `convert`. */
function valued<T>(convert: (raw: string) => Reading<T>): Option<T> {
  return {
    flag: false,
    required: true,
    schema: (z: Zod) =>
      z.pipe(
        z.string(),
        z.transform((raw: string, ctx) => {
          const r = convert(raw);
          if (r.ok) return r.value;
          ctx.issues.push({ code: 'custom', message: r.reason, input: raw });
          return z.NEVER;
        }),
      ),
  };
}

/** The same option, which may be left out. */
export function optional<T>(option: Option<T>): Option<T | undefined> {
  return { ...option, required: false, schema: (z) => z.optional(option.schema(z)) };
}

/** The same option, with the value it takes when left out. */
export function withDefault<T>(option: Option<T>, value: NonNullable<T>): Option<T> {
  return {
    ...option,
    required: false,
    schema: (z) => z._default(option.schema(z), value as never) as never,
  };
}

/** Text that is not blank, trimmed. */
export function text(): Option<string> {
  return valued((raw) =>
    raw.trim() === '' ? { ok: false, reason: msg.cliEmpty() } : { ok: true, value: raw.trim() },
  );
}

/** A flag: true when given. */
export function flag(): Option<boolean> {
  return { flag: true, required: false, schema: (z) => z._default(z.boolean(), false) };
}

/** One of a few words ("docx", "xlsx"). */
export function choice<const V extends string>(values: readonly V[]): Option<V> {
  return valued((raw) =>
    (values as readonly string[]).includes(raw.trim())
      ? { ok: true, value: raw.trim() as V }
      : { ok: false, reason: msg.cliOneOf(values) },
  );
}

/** A whole number within bounds. */
export function wholeNumber(min: number, max: number): Option<number> {
  return valued((raw) => {
    const n = Number(raw.trim());
    return /^\d+$/.test(raw.trim()) && n >= min && n <= max
      ? { ok: true, value: n }
      : { ok: false, reason: msg.cliWholeNumber(min, max) };
  });
}

/** Codes separated by commas ("26620,26623"), blanks dropped. */
export function codes(): Option<string[]> {
  return valued((raw) => {
    const list = raw
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    return list.length > 0 ? { ok: true, value: list } : { ok: false, reason: msg.cliEmpty() };
  });
}

/** Any instant: periods written relatively ("quý này") are readable whatever the date. */
const ANY_TIME = new Date(0);

/**
 * A reporting period as officers write it ("2026-Q4", "Q4/2026", "quý IV/2026", "năm 2026"),
 * kept as written: the command resolves it against its clock (ctx.periodKey).
 */
export function period(): Option<string> {
  return valued((raw) =>
    fromKey(raw.trim()) || parsePeriod(raw, ANY_TIME)
      ? { ok: true, value: raw.trim() }
      : { ok: false, reason: msg.cliBadPeriod(raw) },
  );
}

/** A calendar day, as Vietnamese write it or in ISO ("20/09/2026", "2026-09-20"); no time of day. */
export function day(): Option<CalendarDay> {
  return valued((raw) => {
    const r = readDate(raw);
    if (!r.ok) return { ok: false, reason: msg.cliBadDay(raw, r.reason) };
    if (r.time) return { ok: false, reason: msg.cliBadDay(raw, 'time_given') };
    return { ok: true, value: r.day };
  });
}

/** An instant: "04/12/2026 08:00" (Vietnam time), "4/12/2026", or ISO with or without its offset. */
export function instant(): Option<Date> {
  return valued((raw) => {
    const r = readDate(raw);
    return r.ok ? { ok: true, value: instantOf(r) } : { ok: false, reason: msg.cliBadTime(raw, r.reason) };
  });
}

/** A day of the year without the year ("15/11"), a day that exists in every year. */
export function dayOfYear(): Option<{ day: number; month: number }> {
  return valued((raw) => {
    const m = /^(\d{1,2})\/(\d{1,2})$/.exec(raw.trim());
    const [d, mo] = [Number(m?.[1]), Number(m?.[2])];
    const real = m && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(2025, mo, 0)).getUTCDate();
    return real ? { ok: true, value: { day: d, month: mo } } : { ok: false, reason: msg.cliBadDayMonth(raw) };
  });
}

/** Text that may be given empty ("") to clear a setting; trimmed. */
export function clearable(): Option<string> {
  return valued((raw) => ({ ok: true, value: raw.trim() }));
}

/**
 * One of the 34 official provinces, by code or by name in any spelling ("Thanh Hoá", "tp hcm");
 * the value is the official name. An unknown name is refused with the closest official ones.
 */
export function province(): Option<string> {
  return valued((raw) => {
    const r = officialList().readProvince(raw);
    if (r.ok) return { ok: true, value: r.province.name };
    return {
      ok: false,
      reason:
        r.reason === 'former'
          ? msg.cliFormerProvince(r.former, r.now)
          : msg.cliUnknownProvince(raw.trim(), r.closest),
    };
  });
}
