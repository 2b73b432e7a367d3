import type { Question } from '../catalog/types.js';
import { cleanText, fold, foldWords, parseViNumber, startsWithPhrase } from './normalize.js';
import type { Answer, AnswerValue, Declared, ParseResult, StatusWord } from './types.js';

/** Longest answer text accepted; longer messages are refused rather than truncated. */
export const MAX_ANSWER_LENGTH = 1000;

const UNKNOWN_WORDS = [
  '?',
  '??',
  '???',
  'chua ro',
  'khong ro',
  'ko ro',
  'k ro',
  'chx ro',
  'chua biet',
  'khong biet',
  'ko biet',
  'k biet',
  'chua chac',
  'khong chac',
  'co le',
  'chua xac dinh',
  'chua co so lieu',
  'chua co thong tin',
];
const NOT_APPLICABLE_WORDS = [
  'khong ap dung',
  'ko ap dung',
  'k ap dung',
  'kad',
  'n/a',
  'na',
  'khong thuoc dien',
  'khong co doi tuong',
];
const IN_PROGRESS_WORDS = [
  'dang thuc hien',
  'dang trien khai',
  'dang chu truong thuc hien',
  'dang chu truong',
  'dang phoi hop thuc hien',
  'dang phoi hop',
  'dang chi dao thuc hien',
  'dang chi dao',
  'dang lam',
  'dang xay dung',
  'dang hoan thien',
  'dang tien hanh',
  'dang ra soat',
  'dang cap nhat',
  'chua xong',
];
const YES_WORDS = [
  'co',
  'dat',
  'da dat',
  'da co',
  'co roi',
  'roi',
  'yes',
  'y',
  'ok',
  'oke',
  'duoc',
  'dc',
  'da',
  '1',
  'cos',
  'ddat',
  'ddajt',
  'dajt',
];
const NO_WORDS = [
  'khong',
  'k',
  'ko',
  'kg',
  'kh',
  'hong',
  'hok',
  'khong co',
  'ko co',
  'k co',
  'chua',
  'chua co',
  'chx',
  'chua dat',
  'chx dat',
  'khong dat',
  'ko dat',
  'k dat',
  'no',
  'n',
  '0',
  'khoong',
  'chuwa',
  'chuwa ddajt',
];

const NOT_MET_MARKS = ['chua dat', 'khong dat', 'ko dat', 'k dat', 'chx dat', 'chuwa ddajt'];
const APPROX_WORDS = /^(khoang|tam|gan|xap xi|uoc tinh|uoc dat|uoc|tren|hon|duoi|it nhat|toi thieu|~|≈)$/;
const FILLER_WORDS =
  /^(ty le|ti le|tl|hien nay|hien tai|moi chi|moi|chi|da|dat|duoc|co|la|khoang|tam|gan|xap xi|uoc tinh|uoc dat|uoc|tren|hon|duoi|it nhat|toi thieu|~|≈)$/;

/** Reads a status word that fits every kind of criterion (in progress, unknown, not applicable). */
export function parseStatusWord(text: string): { status: StatusWord; needsGuidance?: boolean } | undefined {
  const words = foldWords(text);
  const raw = fold(text);
  if (/^\?+$/.test(raw)) return { status: 'unknown' };
  if (startsWithPhrase(words, NOT_APPLICABLE_WORDS) || raw === 'n/a') return { status: 'not_applicable' };
  if (startsWithPhrase(words, UNKNOWN_WORDS)) {
    const needsGuidance = /(chua|khong|ko|k) biet .*(thuc hien|lam)|huong dan/.test(words);
    return needsGuidance ? { status: 'unknown', needsGuidance } : { status: 'unknown' };
  }
  if (startsWithPhrase(words, IN_PROGRESS_WORDS)) return { status: 'in_progress' };
  // "UBND xã chưa biết thực hiện tiêu chí này như thế nào" (seed 002): a call for guidance, not a "no".
  if (/(^| )(chua|khong|ko|k) biet (cach )?(thuc hien|lam)( |$)/.test(words))
    return { status: 'unknown', needsGuidance: true };
  return undefined;
}

/** Reads Có/Không in their many chat forms; returns the remark after the word too. */
export function parseYesNo(text: string): { yes: boolean; rest: string } | undefined {
  const words = foldWords(text);
  // "1" and "0" (the seeds' shorthand) count only on their own: "1.000/2" or "0/0" are not Có/Không.
  if (/^[01]\b/.test(words) && !/^[01]$/.test(fold(text).trim())) return undefined;
  const yes = startsWithPhrase(words, YES_WORDS);
  const no = startsWithPhrase(words, NO_WORDS);
  const match = !yes ? no : !no ? yes : no.length >= yes.length ? no : yes;
  if (!match) return undefined;
  return { yes: match === yes && match !== no, rest: restAfterPhrase(text, match) };
}

/** The original text after the leading `phrase` (a folded phrase that matched), without leading punctuation. */
function restAfterPhrase(text: string, phrase: string): string {
  const original = cleanText(text);
  const folded = foldSameLength(original);
  const words = phrase.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const m = new RegExp(`^[^\\p{L}\\p{N}?%/]*${words.join('[^\\p{L}\\p{N}?%/]+')}`, 'u').exec(folded);
  return trimRemark(m ? original.slice(m[0].length) : '');
}

/** Folds each character on its own, so positions in the result match positions in `text`. */
function foldSameLength(text: string): string {
  return Array.from(text, (ch) => {
    const f = fold(ch);
    return ch.length === 2 ? ch : f.length === 1 ? f : ch.toLowerCase().charAt(0) || ch;
  }).join('');
}

function trimRemark(s: string): string {
  return s
    .replace(/^[\s,.;:\-–—)]+/, '')
    .replace(/[\s,;:\-–—(]+$/, '')
    .trim();
}

/** A self-assessment word ("đạt", "(chưa đạt)") found in a remark. */
export function findDeclared(remark: string): Declared | undefined {
  const words = foldWords(remark);
  if (!words) return undefined;
  for (const mark of NOT_MET_MARKS) {
    if (new RegExp(`(^| )${mark}( |$)`).test(words)) return 'not_met';
  }
  if (/^(dat|da dat|ddajt)( |$)/.test(words) || /\(\s*dat\s*\)/.test(fold(remark))) return 'met';
  if (/(^| )(dat|da dat)$/.test(words)) return 'met';
  return undefined;
}

interface NumberReading {
  value: number;
  numerator?: number;
  denominator?: number;
  percentSign: boolean;
  approximate: boolean;
  rest: string;
}

type NumberResult =
  | { ok: true; reading: NumberReading }
  | {
      ok: false;
      reason: 'not_a_number' | 'negative' | 'zero_denominator' | 'numerator_gt_denominator' | 'too_large';
    };

const NUM = String.raw`[-−]?\s*\d+(?:[.,]\d+)*`;

/** Reads "70", "70,5 %", "khoảng 20%", "25.031/37.389 hồ sơ", "6 trên 6 thôn", "đạt: 85%". */
function readNumber(text: string): NumberResult {
  const original = cleanText(text);
  const folded = foldSameLength(original);
  let pos = 0;
  let approximate = false;
  for (;;) {
    const m = /^[\s:;,]*([\p{L}~≈]+(?: [\p{L}]+)?)[\s:;,]*/u.exec(folded.slice(pos));
    if (!m) break;
    const two = m[1] ?? '';
    const first = two.split(' ')[0] ?? '';
    const word = FILLER_WORDS.test(two) ? two : FILLER_WORDS.test(first) ? first : undefined;
    if (!word) break;
    if (APPROX_WORDS.test(word)) approximate = true;
    const at = folded.indexOf(word, pos);
    pos = at + word.length;
    pos += /^[\s:;,]*/.exec(folded.slice(pos))?.[0].length ?? 0;
  }
  const head = new RegExp(
    String.raw`^(${NUM})\s*(%)?(?:\s*(?:/|tren|trong tong so|trong so)\s*(${NUM}))?\s*(%)?`,
    'u',
  ).exec(folded.slice(pos));
  if (!head) return { ok: false, reason: 'not_a_number' };
  const after = folded.slice(pos + head[0].length);
  if (!/\s$/.test(head[0]) && /^[\p{L}\p{N}]/u.test(after)) {
    return { ok: false, reason: 'not_a_number' };
  }
  const numText = (head[1] ?? '').replace(/\s/g, '');
  const denText = head[3]?.replace(/\s/g, '');
  if (
    numText.startsWith('-') ||
    numText.startsWith('−') ||
    denText?.startsWith('-') ||
    denText?.startsWith('−')
  ) {
    return { ok: false, reason: 'negative' };
  }
  const numerator = parseViNumber(numText);
  const denominator = denText !== undefined ? parseViNumber(denText) : undefined;
  if (numerator === undefined || (denText !== undefined && denominator === undefined)) {
    return { ok: false, reason: 'not_a_number' };
  }
  if (numerator > 1e12 || (denominator ?? 0) > 1e12) return { ok: false, reason: 'too_large' };
  const rest = trimRemark(original.slice(pos + head[0].length));
  const percentSign = Boolean(head[2] || head[4]);
  if (denominator !== undefined) {
    if (denominator === 0) return { ok: false, reason: 'zero_denominator' };
    if (numerator > denominator) return { ok: false, reason: 'numerator_gt_denominator' };
    return {
      ok: true,
      reading: {
        value: (numerator / denominator) * 100,
        numerator,
        denominator,
        percentSign,
        approximate,
        rest,
      },
    };
  }
  return { ok: true, reading: { value: numerator, percentSign, approximate, rest } };
}

function refuse(reason: Exclude<ParseResult, { ok: true }>['reason']): ParseResult {
  return { ok: false, reason };
}

function accept(value: AnswerValue, note?: string): ParseResult {
  const answer: Answer = note ? { value, note } : { value };
  return { ok: true, answer };
}

/**
 * Reads an officer's answer to one question. The only place an answer is interpreted:
 * typed text and button taps both come here. Refusals carry a reason code, never a throw.
 */
export function parseAnswer(question: Pick<Question, 'kind' | 'target'>, input: string): ParseResult {
  // Direction overrides make a phone show other digits than were sent ("\u202E001" reads as "100").
  if (/[\u202A-\u202E\u2066-\u2069]/.test(input) && /\d/.test(input)) return refuse('not_a_number');
  const text = cleanText(input);
  if (text === '') return refuse('empty');
  if (text.length > MAX_ANSWER_LENGTH) return refuse('too_long');

  const status = parseStatusWord(text);
  if (status) {
    const rest = restAfterStatus(text);
    return accept(
      status.needsGuidance
        ? { type: 'status', status: status.status, needsGuidance: true }
        : { type: 'status', status: status.status },
      rest || undefined,
    );
  }

  switch (question.kind) {
    case 'yesno': {
      const yn = parseYesNo(text);
      if (!yn) return refuse('not_yes_no');
      return accept({ type: 'yesno', yes: yn.yes }, yn.rest || undefined);
    }
    case 'text': {
      const declared = findDeclared(text);
      if (question.target.op === 'self' && !declared) return refuse('needs_self_assessment');
      return accept(declared ? { type: 'text', text, declared } : { type: 'text', text });
    }
    case 'count':
      return parseCount(text);
    case 'percent':
    case 'ratio':
      return parsePercent(question, text);
  }
}

function restAfterStatus(text: string): string {
  const words = foldWords(text);
  const phrase =
    startsWithPhrase(words, NOT_APPLICABLE_WORDS) ??
    startsWithPhrase(words, UNKNOWN_WORDS) ??
    startsWithPhrase(words, IN_PROGRESS_WORDS);
  if (!phrase) return '';
  return restAfterPhrase(text, phrase);
}

function parseCount(text: string): ParseResult {
  const read = readNumber(text);
  if (!read.ok) {
    if (read.reason !== 'not_a_number') return refuse(read.reason);
    const yn = parseYesNo(text);
    // "không có" / "ko" for a count means none.
    if (yn && !yn.yes) return accept({ type: 'number', value: 0 }, yn.rest || undefined);
    return refuse(yn ? 'needs_number' : 'not_a_number');
  }
  const r = read.reading;
  if (r.denominator !== undefined || r.percentSign) return refuse('not_integer');
  if (!Number.isInteger(r.value)) return refuse('not_integer');
  if (/\d/.test(r.rest) && !/^\(/.test(r.rest)) return refuse('ambiguous_number');
  const declared = findDeclared(r.rest);
  return accept(
    {
      type: 'number',
      value: r.value,
      ...(r.approximate ? { approximate: true } : {}),
      ...(declared ? { declared } : {}),
    },
    r.rest || undefined,
  );
}

function parsePercent(question: Pick<Question, 'target'>, text: string): ParseResult {
  const read = readNumber(text);
  if (!read.ok) {
    if (read.reason !== 'not_a_number') return refuse(read.reason);
    return refuse(parseYesNo(text) ? 'needs_number' : 'not_a_number');
  }
  let r = read.reading;
  // "66,95% (25.031/37.389 hồ sơ)", the way answers are shown and exported: keep the counts.
  const counts = /^\(\s*(\d+(?:[.,]\d+)*)\s*\/\s*(\d+(?:[.,]\d+)*)/.exec(r.rest);
  if (r.denominator === undefined && counts) {
    const numerator = parseViNumber(counts[1] ?? '');
    const denominator = parseViNumber(counts[2] ?? '');
    if (numerator !== undefined && denominator && numerator <= denominator) {
      const value = (numerator / denominator) * 100;
      if (Math.abs(value - r.value) < 0.01) r = { ...r, value, numerator, denominator };
    }
  }
  if (r.value > 100) return refuse('over_100');
  if (!r.percentSign && r.denominator === undefined && /\d/.test(r.rest)) return refuse('ambiguous_number');
  if (r.denominator !== undefined && r.numerator !== undefined && r.rest.startsWith('(')) {
    r = { ...r, rest: r.rest.replace(/^\([^)]*\)\s*/, '') };
  }
  const declared = findDeclared(r.rest);
  if (question.target.op === 'self' && !declared) return refuse('needs_self_assessment');
  const value: AnswerValue = {
    type: 'number',
    value: r.value,
    ...(r.numerator !== undefined ? { numerator: r.numerator, denominator: r.denominator } : {}),
    ...(r.approximate ? { approximate: true } : {}),
    ...(declared ? { declared } : {}),
  };
  return accept(value, r.rest || undefined);
}
