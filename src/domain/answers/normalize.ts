import { remembered } from '../remembered.js';

/** Characters that never carry meaning in a chat message: controls, zero-width, bidi marks, BOM. */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * One officer message is cleaned and folded by each reader in turn (the command, the period, the
 * question words, the answer): a turn would otherwise redo the same Unicode work a dozen times. A
 * text longer than a chat message (a pasted report, a table) is worked out each time, never kept.
 */
function rememberedText(fn: (text: string) => string): (text: string) => string {
  const kept = remembered(fn, 256);
  return (text) => (text.length > 4096 ? fn(text) : kept(text));
}

/** Cleans a message for storage and parsing: NFC, no invisible characters, single spaces, trimmed. */
export const cleanText = rememberedText((text: string): string =>
  text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(/[ \t\u00A0\u2000-\u200A\u3000]+/g, ' ')
    .replace(/ *\r?\n */g, '\n')
    .trim(),
);

/**
 * Folds Vietnamese for matching: lowercase, no diacritics, đ → d, single spaces.
 * "Chưa đạt" and "chua dat" fold to the same string.
 */
export const fold = rememberedText((text: string): string =>
  cleanText(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim(),
);

/** Folded text with punctuation reduced to spaces, for matching commands and status words. */
export const foldWords = rememberedText((text: string): string =>
  fold(text)
    .replace(/[^\p{L}\p{N}/%?]+/gu, ' ')
    .trim(),
);

/** Whether `folded` is one of `phrases` or starts with one of them followed by a non-letter. */
export function startsWithPhrase(folded: string, phrases: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const p of phrases) {
    if (folded === p || (folded.startsWith(p) && !/[\p{L}\p{N}]/u.test(folded.charAt(p.length)))) {
      if (!best || p.length > best.length) best = p;
    }
  }
  return best;
}

/**
 * Reads a vi-VN or English-style number: "37.389" → 37389, "66,95" → 66.95, "66.95" → 66.95,
 * "2.161.755" → 2161755, "1.234,5" → 1234.5. Returns undefined for anything else.
 */
export function parseViNumber(raw: string): number | undefined {
  const s = raw.trim();
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s) || /[.,]{2}/.test(s)) return undefined;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let normalized: string;
  if (dots > 0 && commas > 0) {
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    const [thousands, decimal] = lastComma > lastDot ? ['.', ','] : [',', '.'];
    const [intPart, fracPart, ...rest] = s.split(decimal);
    if (rest.length > 0 || fracPart === undefined || !isGrouped(intPart ?? '', thousands)) return undefined;
    normalized = `${(intPart ?? '').split(thousands).join('')}.${fracPart}`;
  } else if (dots + commas === 0) {
    normalized = s;
  } else {
    const sep = dots > 0 ? '.' : ',';
    const count = dots + commas;
    if (count > 1) {
      if (!isGrouped(s, sep)) return undefined;
      normalized = s.split(sep).join('');
    } else {
      const [intPart = '', fracPart = ''] = s.split(sep);
      // A single "." before exactly three digits is a vi-VN thousands separator ("37.389");
      // a single "," is the vi-VN decimal separator ("66,95").
      const thousands = sep === '.' && fracPart.length === 3 && intPart !== '0' && !/^0\d/.test(intPart);
      normalized = thousands ? `${intPart}${fracPart}` : `${intPart}.${fracPart}`;
    }
  }
  const value = Number(normalized);
  return Number.isFinite(value) ? value : undefined;
}

function isGrouped(s: string, sep: string): boolean {
  const parts = s.split(sep);
  return (
    parts.length >= 1 &&
    /^\d{1,3}$/.test(parts[0] ?? '') &&
    !/^0\d/.test(parts[0] ?? '') &&
    parts.slice(1).every((p) => /^\d{3}$/.test(p))
  );
}

/** Formats a number the vi-VN way: 37389 → "37.389", 66.95 → "66,95" (at most two decimals). */
export function formatViNumber(value: number, maxDecimals = 2): string {
  const factor = 10 ** maxDecimals;
  const rounded = Math.round(value * factor) / factor;
  const negative = rounded < 0;
  const [intPart = '0', fracPart] = Math.abs(rounded).toFixed(maxDecimals).split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const frac = (fracPart ?? '').replace(/0+$/, '');
  return `${negative ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** Formats a percentage: 66.95 → "66,95%". */
export function formatPercent(value: number): string {
  return `${formatViNumber(value)}%`;
}
