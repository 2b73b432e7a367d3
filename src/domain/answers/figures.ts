/**
 * The figures in an officer's answer, each with what stands around it: its unit ("4 doanh
 * nghiệp"), a hedge before it ("dưới 55%"), a percent or per-mille sign, a denominator ("25.031/
 * 37.389", "2 trên 4"), whether it is a date ("10/11/2026", "tháng 10/2023") or the target being
 * quoted ("chỉ tiêu được giao 30%"), and how sure its vi-VN reading is ("1,234" may be 1.234 or
 * 1,234). Nothing here decides what the answer is: parse.ts does, from these.
 */
import { fold, parseViNumber } from './normalize.js';
import { HEDGES, TARGET_MARKS } from './vocabulary.js';

export type Hedge = (typeof HEDGES)[number][1];

/** How a number was written, when its reading is not certain. */
export type NumberDoubt =
  /** "1,234" or "100,000": a vi-VN decimal comma, or an English thousands separator. */
  | 'comma_thousands'
  /** "1,234.5" or "1,000,000": English separators, the other way round from vi-VN. */
  | 'english';

/** One number as written. */
export interface NumberToken {
  value: number;
  raw: string;
  /** The other reading, when the separators allow two ("1,234": 1234 or 1.234). */
  alternative?: number;
  doubt?: NumberDoubt;
}

export interface Figure {
  /** Where the figure (with its sign, denominator and percent sign) stands in the text. */
  start: number;
  end: number;
  /** A minus sign written right before the digits. */
  negative: boolean;
  numerator: NumberToken;
  denominator?: NumberToken;
  percent: boolean;
  perMille: boolean;
  /** The words right after it, up to punctuation or a verb: "doanh nghiệp", "hồ sơ". */
  unit: string;
  hedge?: Hedge;
  /** Quoted as the target ("chỉ tiêu 30%"), not reported as the result. */
  target: boolean;
  /** A date ("10/11/2026", "tháng 10/2023", "ngày 4/5"), never a ratio. */
  date: boolean;
  /** Three numbers joined by "/" that are no date either ("4/5/6"). */
  malformed: boolean;
}

/**
 * Words after a figure that end its unit: verbs and joints of a sentence, as written ("tại" ends a
 * unit, "tài khoản" is one), and without diacritics where the word cannot be mistaken.
 */
const UNIT_STOP_WRITTEN = new Set([
  'đạt',
  'chưa',
  'không',
  'đang',
  'đã',
  'được',
  'là',
  'có',
  'trong',
  'trên',
  'của',
  'sử',
  'với',
  'và',
  'nhưng',
  'tại',
  'theo',
  'số',
  'đến',
  'thì',
  'nên',
  'vì',
  'do',
  'hoạt',
  'thực',
  'cũng',
  'mới',
  'rồi',
  'nhé',
  'ạ',
  'nha',
  'thôi',
  'à',
  'ở',
  'từ',
  'cho',
  'để',
  'bằng',
  'hiện',
  'nay',
  'tổng',
  'tuy',
  'phần',
]);
const UNIT_STOP_BARE = new Set([
  'dat',
  'chua',
  'khong',
  'dang',
  'duoc',
  'trong',
  'tren',
  'cua',
  'voi',
  'nhung',
  'theo',
  'den',
  'thi',
  'nen',
  'hoat',
  'thuc',
  'cung',
  'moi',
  'roi',
  'nhe',
  'nha',
  'thoi',
  'cho',
  'bang',
  'hien',
  'nay',
  'tong',
]);

function endsUnit(original: string): boolean {
  const w = original
    .toLowerCase()
    .normalize('NFC')
    .replace(/[,.;:!?)(]+/g, '');
  return UNIT_STOP_WRITTEN.has(w) || (/^[a-z]+$/.test(w) && UNIT_STOP_BARE.has(w));
}

/** Folds each character on its own, so positions in the result match positions in `text`. */
export function foldSameLength(text: string): string {
  return Array.from(text, (ch) => {
    const f = fold(ch);
    return ch.length === 2 ? ch : f.length === 1 ? f : ch.toLowerCase().charAt(0) || ch;
  }).join('');
}

/**
 * Percent signs of other scripts (full-width ％, Arabic ٪, small ﹪) as "%", and a dash against
 * digits as a minus. Digits of other scripts ("１００", "١٠٠") stay what they are: no figure.
 */
export function canonicalSigns(text: string): string {
  return (
    text
      .replace(/[％٪﹪]/g, '%')
      .replace(/[−‒]/g, '-')
      // A dash written against the digits is a minus ("1.1 –5"); with a space it separates ("1.8 – không"),
      // except at the very start of an answer ("- 5").
      .replace(/[–—](?=\d)/g, '-')
      .replace(/^\s*[-–—]\s+(?=\d)/, '-')
  );
}

const NUMBER = String.raw`\d+(?:[.,]\d+)*`;

/** Reads one written number, with the other reading when its separators allow two. */
export function readNumberToken(raw: string): NumberToken | undefined {
  const value = parseViNumber(raw);
  if (value === undefined) return undefined;
  const commas = (raw.match(/,/g) ?? []).length;
  const dots = (raw.match(/\./g) ?? []).length;
  // "1,234", "100,000": a vi-VN decimal (1,234) or English thousands (1234)? Asked, never guessed.
  if (commas === 1 && dots === 0 && /^\d{1,3},\d{3}$/.test(raw) && !/^0,/.test(raw)) {
    return { value, raw, alternative: Number(raw.replace(',', '')), doubt: 'comma_thousands' };
  }
  // English separators: "1,234.5", "1,000,000" (vi-VN writes 1.234,5 and 1.000.000).
  if ((commas > 0 && dots > 0 && raw.lastIndexOf('.') > raw.lastIndexOf(',')) || commas > 1) {
    return { value, raw, doubt: 'english' };
  }
  return { value, raw };
}

/**
 * Whether the words right before a figure (within its clause, at most two words between) are one of
 * `words`: "chỉ tiêu được giao 30%", "Yêu cầu tiêu chí: 50%".
 */
function precededBy(folded: string, at: number, words: readonly string[]): boolean {
  const before = folded.slice(0, at).replace(/[\s:]+$/, '');
  const clause = before.slice(
    Math.max(...[',', '.', ';', '(', ')', '!', '?', '\n'].map((c) => before.lastIndexOf(c))) + 1,
  );
  const tail = clause
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words.some((w) => new RegExp(`(^| )${w}( [a-z]+){0,2}$`).test(tail));
}

/** The hedge written right before a figure ("dưới", "gần", "khoảng"), if any. */
function hedgeBefore(folded: string, at: number): Hedge | undefined {
  const before = folded.slice(Math.max(0, at - 20), at).replace(/[\s:]+$/, '');
  let best: { word: string; hedge: Hedge } | undefined;
  for (const [word, hedge] of HEDGES) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = /^[<>=≥≤~≈]+$/.test(word)
      ? new RegExp(`${escaped}$`)
      : new RegExp(`(?:^|[^\\p{L}])${escaped}$`, 'u');
    if (re.test(before) && (!best || word.length > best.word.length)) best = { word, hedge };
  }
  return best?.hedge;
}

/** The words after a figure that name what it counts: "doanh nghiệp", "hồ sơ", "điểm phục vụ". */
function unitAfter(text: string, at: number): string {
  const m = /^\s+((?:[\p{L}&]+[,.;:!?)]*(?:\s+|$)){1,6})/u.exec(text.slice(at));
  if (!m?.[1]) return '';
  const kept: string[] = [];
  for (const word of m[1].trim().split(/\s+/)) {
    if (endsUnit(word)) break;
    kept.push(word.replace(/[,.;:!?)]+$/, ''));
    if (/[,.;:!?)]$/.test(word)) break;
  }
  return kept.join(' ').trim();
}

/**
 * Every figure of a text (cleaned, with `canonicalSigns` applied), in order. A number joined to the
 * next by "/", "trên", "trong số" or "trên tổng số" is a ratio, unless it is a date.
 */
export function scanFigures(text: string): Figure[] {
  const folded = foldSameLength(text);
  const re = new RegExp(
    String.raw`(?<![\p{L}\d.,])(-)?(${NUMBER})(?![\p{L}\d])(?:\s*(?:\/|(?:tren tong so|trong tong so|trong so|tren)(?=\s*-?\d))\s*(-)?(${NUMBER})(?![\p{L}\d]))?(?:\s*\/\s*(${NUMBER}))?(\s*(?:%|‰|phan tram(?![\p{L}])))?`,
    'gu',
  );
  const figures: Figure[] = [];
  for (const m of folded.matchAll(re)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const numerator = readNumberToken(
      text.slice(start + (m[1]?.length ?? 0), start + (m[1]?.length ?? 0) + (m[2]?.length ?? 0)),
    );
    if (!numerator) continue;
    const denRaw = m[4];
    const denominator = denRaw ? readNumberToken(denRaw) : undefined;
    const third = m[5];
    const sign = m[6]?.trim() ?? '';
    const slashJoined = /^\s*\//.test(m[0].slice((m[1]?.length ?? 0) + (m[2]?.length ?? 0)));
    const yearLike = (n: NumberToken | undefined) =>
      n !== undefined && /^\d{4}$/.test(n.raw) && n.value >= 1990 && n.value <= 2100;
    const dayMonth = (a: NumberToken, b: NumberToken) =>
      Number.isInteger(a.value) &&
      Number.isInteger(b.value) &&
      a.value >= 1 &&
      a.value <= 31 &&
      b.value >= 1 &&
      b.value <= 12;
    let date = false;
    let malformed = false;
    if (third !== undefined) {
      const t = readNumberToken(third);
      if (denominator && dayMonth(numerator, denominator) && (yearLike(t) || /^\d{2}$/.test(third)))
        date = true;
      else malformed = true;
    } else if (slashJoined && denominator) {
      const before = folded.slice(Math.max(0, start - 8), start);
      if (yearLike(denominator) && numerator.value >= 1 && numerator.value <= 12) date = true;
      else if (/(?:ngay|hom|tu|den)\s*$/.test(before) && dayMonth(numerator, denominator)) date = true;
      else if (/thang\s*$/.test(before)) date = true;
    }
    // "năm 2023": a year, not a figure.
    if (
      !denominator &&
      third === undefined &&
      /^\d{4}$/.test(numerator.raw) &&
      numerator.value >= 1990 &&
      numerator.value <= 2100 &&
      /nam\s*$/.test(folded.slice(Math.max(0, start - 6), start))
    )
      date = true;
    figures.push({
      start,
      end,
      negative: Boolean(m[1]) || Boolean(m[3]),
      numerator,
      ...(denominator && !date && !malformed ? { denominator } : {}),
      percent: sign === '%' || sign.startsWith('phan'),
      perMille: sign === '‰',
      unit: sign ? '' : unitAfter(text, end),
      ...(hedgeBefore(folded, start) ? { hedge: hedgeBefore(folded, start) } : {}),
      target: precededBy(folded, start, TARGET_MARKS),
      date,
      malformed,
    });
  }
  return figures;
}
