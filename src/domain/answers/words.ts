/** Matching officers' words: folded, shorthand expanded, phrases on whole words. */
import { cleanText, fold, foldWords, startsWithPhrase } from './normalize.js';
import { PROPOSAL_MARKS, QUESTION_PHRASES, SHORTHAND, ZERO_PHRASE } from './vocabulary.js';

/** Folded words with chat shorthand expanded: "ko ro" → "khong ro", "dc r" → "duoc roi". */
export function words(text: string): string {
  const folded = foldWords(text);
  if (folded === '') return '';
  return folded
    .split(' ')
    .map((w) => SHORTHAND[w] ?? w)
    .join(' ');
}

/** The words of a text, each with its expansion, so a match on expanded words can be cut in the original. */
function originalWords(text: string): Array<{ original: string; count: number }> {
  return cleanText(text)
    .split(/\s+/)
    .filter(Boolean)
    .map((original) => ({ original, count: words(original) === '' ? 0 : words(original).split(' ').length }));
}

/** The original text after its first `n` expanded words, without leading punctuation. */
export function afterWords(text: string, n: number): string {
  const parts = originalWords(text);
  let taken = 0;
  let i = 0;
  while (i < parts.length && taken < n) {
    taken += parts[i]?.count ?? 0;
    i++;
  }
  // A word glued to punctuation ("có," or "(đạt)") leaves the punctuation behind: drop it.
  return trimRemark(
    parts
      .slice(i)
      .map((p) => p.original)
      .join(' '),
  );
}

/** A remark without the punctuation around it. */
export function trimRemark(s: string): string {
  return s
    .replace(/^[\s,.;:\-–—)]+/, '')
    .replace(/[\s,;:\-–—(]+$/, '')
    .trim();
}

/** The longest of `phrases` the expanded words start with. */
export function leading(text: string, phrases: readonly string[]): string | undefined {
  return startsWithPhrase(words(text), phrases);
}

/** Whether one of `phrases` occurs in the expanded words (on word boundaries). */
export function containsPhrase(expanded: string, phrases: readonly string[]): boolean {
  return phrases.some((p) => ` ${expanded} `.includes(` ${p} `));
}

/** "UBND xã chưa biết thực hiện tiêu chí này như thế nào" (seed 002, 3.6): a call for guidance. */
export function asksForGuidance(text: string): boolean {
  return /(^| )(chua|khong) biet (cach )?(thuc hien|lam)( |$)/.test(words(text));
}

/** A message longer than this without a "?" is read as a statement, whatever words it holds. */
const QUESTION_MAX_WORDS = 10;
/** No question is longer than this. */
const QUESTION_MAX_LENGTH = 300;

/**
 * Whether a message asks rather than answers: "co nghia la gi", "có phải nhập số không", "khong
 * hieu", "làm sao để đạt 3.12?", "tiêu chí 2.5 là gì?". A lone "?" is the answer "chưa rõ", and the
 * seeds' "chưa biết thực hiện … như thế nào" is a statement (a call for guidance), not a question.
 */
export function isQuestion(text: string): boolean {
  // Questions are short; a long text is never one (and is never scanned twice over).
  if (text.length > QUESTION_MAX_LENGTH) return false;
  const cleaned = cleanText(text);
  const w = words(cleaned);
  if (w === '' || /^\?+$/.test(fold(cleaned))) return false;
  const asked = /\?\s*$/.test(cleaned) && /\p{L}/u.test(cleaned);
  if (asksForGuidance(cleaned) && !asked) return false;
  if (asked) return true;
  // "Đề nghị tỉnh hướng dẫn tiêu chí 3.6" proposes; it does not ask.
  if (startsWithPhrase(w, PROPOSAL_MARKS)) return false;
  // Officers ask in a few words; a long sentence without "?" states (a difficulty, a result).
  if (w.split(' ').length > QUESTION_MAX_WORDS) return false;
  if (containsPhrase(w, QUESTION_PHRASES)) return true;
  // "có cần ảnh không", "có phải nhập số không": có … không, asked.
  const parts = w.replace(/\?/g, ' ').trim().split(/\s+/);
  const [first] = parts;
  const last = parts[parts.length - 1];
  // "… nào" asks, unless it says none: "chưa có doanh nghiệp nào".
  const none = ZERO_PHRASE.test(parts.join(' '));
  return (
    (first === 'co' && last === 'khong' && parts.length >= 4) ||
    ['gi', 'sao'].includes(last ?? '') ||
    (last === 'nao' && !none)
  );
}
