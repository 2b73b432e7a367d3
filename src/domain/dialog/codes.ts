/** Criterion codes as officers type them, and several answers in one message. */
import { canonicalSigns } from '../answers/figures.js';
import { cleanText } from '../answers/normalize.js';
import type { Framework, Question } from '../catalog/types.js';

/** A question found by a code typed by the officer: "1.4", "8.3" + "a", "2.1" (an alias). */
export type CodeLookup =
  | { type: 'question'; question: Question; letterUnused: boolean }
  | { type: 'composite'; code: string; letters: string[] }
  | { type: 'unknown'; code: string };

/**
 * Resolves a typed code against a framework (codes are strings: "1.10" is not "1.1").
 * A letter after a code that has no sub-points is reported back as unused: it began the answer.
 */
export function lookupCode(
  fw: Framework,
  questions: readonly Question[],
  code: string,
  letter?: string,
): CodeLookup {
  const criterion = fw.groups
    .flatMap((g) => g.criteria)
    .find((c) => c.code === code || (c.aliases ?? []).includes(code));
  if (!criterion) return { type: 'unknown', code: `${code}${letter ?? ''}` };
  if (criterion.kind === 'composite') {
    const letters = (criterion.parts ?? []).map((p) => p.code);
    const q = letter ? questions.find((x) => x.key === `${criterion.code}${letter}`) : undefined;
    return q
      ? { type: 'question', question: q, letterUnused: false }
      : { type: 'composite', code: criterion.code, letters };
  }
  const q = questions.find((x) => x.key === criterion.code);
  return q ? { type: 'question', question: q, letterUnused: Boolean(letter) } : { type: 'unknown', code };
}

/** One "code answer" pair of a multi-answer message. */
export interface BulkItem {
  code: string;
  /** A sub-point letter typed after the code; it may instead be the start of the answer ("1.5 k"). */
  letter?: string;
  text: string;
}

/**
 * "1.4 25.031/37.389", "1.5: có", "1.8 - không", "8.4đ 80%": a code (parts after the first of one or
 * two digits: "37.389" is a number), an optional sub-point letter, a separator, the answer. A dash
 * against the digits is a minus, not a separator ("1.1 -5" is −5, refused).
 */
const BULK_LINE =
  /^(\d+(?:\.\d{1,2})+)(?:\s*\.?\s*([a-zđ])\))?(?:\s*([a-zđ])(?=[\s:=\-–—]))?(?:\s*[:=]\s*|\s+[-–—]\s+|\s*[-–—]\s+|\s+)(\S.*)$/iu;

/** Whether a typed token has the shape of a criterion code ("3.12", "1.10", "8.4đ"), not of a number ("37.389"). */
export function isCodeLike(token: string): boolean {
  return /^\d+(?:\.\d{1,2})+[a-zđ]?$/iu.test(token.trim());
}

/**
 * Splits "1.1 100; 1.2 95; 1.4 25.031/37.389" (or one pair per line) into pairs.
 * Returns undefined when the message does not start with a code followed by an answer.
 */
export function splitBulk(text: string): { items: BulkItem[]; stray: string[] } | undefined {
  const segments = canonicalSigns(cleanText(text))
    .split(/[;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (segments.length === 0) return undefined;
  const first = BULK_LINE.exec(segments[0] ?? '');
  if (!first || /^%/.test(first[4] ?? '')) return undefined;
  const items: BulkItem[] = [];
  const stray: string[] = [];
  for (const seg of segments) {
    const m = BULK_LINE.exec(seg);
    if (!m || /^%/.test(m[4] ?? '')) {
      stray.push(seg);
      continue;
    }
    const letter = (m[2] ?? m[3])?.toLowerCase();
    items.push({ code: m[1] ?? '', ...(letter ? { letter } : {}), text: (m[4] ?? '').trim() });
  }
  return { items, stray };
}

/** Numbered choices of a yes/no question, in order: the digit typed maps to the same words. */
export const YES_NO_CHOICES = [
  { label: 'Có', input: 'có' },
  { label: 'Không', input: 'không' },
  { label: 'Đang thực hiện', input: 'đang thực hiện' },
  { label: 'Chưa rõ', input: 'chưa rõ' },
] as const;
