/**
 * Reads an officer's answer to one question: the only place an answer is interpreted (typed text,
 * a tapped choice, a line of a multi-answer message, a row of an imported sheet). Every reading has
 * a confidence: a sure one is stored at once; one that rests on an assumption (a figure taken out of
 * a sentence, counts read as a ratio, a qualified Có, a separator that reads two ways) comes back
 * with `confirm` and is stored only once the officer confirms; what cannot be read is refused with
 * a reason the dialog turns into Vietnamese, never guessed.
 */
import { isMeasureUnit, type Question } from '../catalog/types.js';
import { boundDecides } from './bounds.js';
import { canonicalSigns, type Figure, foldSameLength, scanFigures } from './figures.js';
import { cleanText, fold, parseViNumber, startsWithPhrase } from './normalize.js';
import type { Answer, AnswerValue, Declared, ParseResult, Refusal, StatusWord } from './types.js';
import {
  DOUBT_WORDS,
  FILLERS,
  HEDGES,
  IN_PROGRESS_WORDS,
  NO_WORDS,
  NOT_APPLICABLE_WORDS,
  NOT_MET_MARKS,
  QUALIFIERS,
  UNKNOWN_WORDS,
  YES_WORDS,
  ZERO_PHRASE,
} from './vocabulary.js';
import {
  afterWords,
  asksForGuidance,
  containsPhrase,
  isQuestion,
  leading,
  trimRemark,
  words,
} from './words.js';

/** Longest answer text accepted; longer messages are refused rather than truncated. */
export const MAX_ANSWER_LENGTH = 1000;

/** A figure taken out of more words than this around it is confirmed before it is stored. */
const SENTENCE_WORDS = 3;

type Judged = Pick<Question, 'kind' | 'target'> &
  Partial<Pick<Question, 'unit' | 'notApplicableWhen' | 'text' | 'numeratorLabel'>>;

/**
 * "25 thuê bao/100 dân" at a criterion counted per 100 inhabitants: the "/100 dân" is the unit's,
 * not a ratio's denominator, so it is taken off before the figures are read.
 */
function withoutRateDenominator(question: Judged, text: string): string {
  if (question.kind !== 'count' || !isMeasureUnit(question.unit)) return text;
  const per = /\/\s*(\d[\d.,]*)\s*(.*)$/u.exec(question.unit ?? '');
  if (!per?.[1]) return text;
  const tail = per[2] ? `(?:\\s*${per[2].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})?` : '';
  return text.replace(new RegExp(`\\s*/\\s*${per[1].replace(/[.,]/g, '[.,]?')}${tail}`, 'giu'), ' ').trim();
}

/** Reads a status word that fits every kind of criterion (in progress, unknown, not applicable). */
export function parseStatusWord(text: string): { status: StatusWord; needsGuidance?: boolean } | undefined {
  const w = words(text);
  const raw = fold(text);
  if (/^\?+$/.test(raw)) return { status: 'unknown' };
  if (startsWithPhrase(w, NOT_APPLICABLE_WORDS) || raw === 'n/a') return { status: 'not_applicable' };
  if (asksForGuidance(text)) return { status: 'unknown', needsGuidance: true };
  if (startsWithPhrase(w, UNKNOWN_WORDS)) return { status: 'unknown' };
  if (startsWithPhrase(w, IN_PROGRESS_WORDS)) return { status: 'in_progress' };
  return undefined;
}

/** Reads Có/Không in their many chat forms; returns the remark after the word too. */
export function parseYesNo(text: string): { yes: boolean; rest: string } | undefined {
  const w = words(text);
  // "1" and "0" (the seeds' shorthand) count only on their own: "1.000/2" or "0/0" are not Có/Không.
  if (/^[01]\b/.test(w) && !/^[01]$/.test(fold(text).trim())) return undefined;
  const yes = startsWithPhrase(w, YES_WORDS);
  const no = startsWithPhrase(w, NO_WORDS);
  const match = !yes ? no : !no ? yes : no.length >= yes.length ? no : yes;
  if (!match) return undefined;
  return { yes: match === yes && match !== no, rest: afterWords(text, match.split(' ').length) };
}

/** A self-assessment word ("đạt", "(chưa đạt)") found in a remark. */
export function findDeclared(remark: string): Declared | undefined {
  const w = words(remark);
  if (!w) return undefined;
  if (containsPhrase(w, NOT_MET_MARKS)) return 'not_met';
  if (/^(dat|da dat)( |$)/.test(w) || /\(\s*dat\s*\)/.test(fold(remark))) return 'met';
  if (/(^| )(dat|da dat)$/.test(w)) return 'met';
  return undefined;
}

function refuse(reason: Refusal['reason'], extra: Omit<Refusal, 'ok' | 'reason'> = {}): Refusal {
  return { ok: false, reason, ...extra };
}

function accept(value: AnswerValue, note?: string): ParseResult {
  return { ok: true, answer: note ? { value, note } : { value } };
}

/** A reading stored only after the officer confirms it (one option, or two to choose from). */
function toConfirm(
  why: NonNullable<Extract<ParseResult, { ok: true }>['confirm']>['why'],
  options: Answer[],
): ParseResult {
  const [first] = options;
  if (!first) throw new Error('nothing to confirm');
  return { ok: true, answer: first, confirm: { why, options } };
}

/**
 * Reads an officer's answer to one question. Refusals carry a reason code, never a throw.
 */
export function parseAnswer(question: Judged, input: string): ParseResult {
  // Direction overrides make a phone show other digits than were sent ("\u202E001" reads as "100").
  if (/[\u202A-\u202E\u2066-\u2069]/.test(input) && /\d/.test(input)) return refuse('not_a_number');
  const text = withoutRateDenominator(question, cleanText(input));
  if (text === '') return refuse('empty');
  if (text.length > MAX_ANSWER_LENGTH) return refuse('too_long');
  if (isQuestion(text)) return refuse('question');

  const status = parseStatusWord(text);
  if (status) {
    const phrase =
      leading(text, NOT_APPLICABLE_WORDS) ?? leading(text, UNKNOWN_WORDS) ?? leading(text, IN_PROGRESS_WORDS);
    const rest = phrase ? afterWords(text, phrase.split(' ').length) : '';
    return accept(
      status.needsGuidance
        ? { type: 'status', status: status.status, needsGuidance: true }
        : { type: 'status', status: status.status },
      rest || undefined,
    );
  }
  const doubt = leading(text, DOUBT_WORDS);
  // The doubt is quoted as the officer wrote it ("có thể"), not folded.
  if (doubt) return refuse('doubt', { words: text.split(/\s+/).slice(0, doubt.split(' ').length).join(' ') });

  switch (question.kind) {
    case 'yesno':
      return parseYesNoAnswer(text);
    case 'text': {
      const declared = findDeclared(text);
      if (question.target.op === 'self' && !declared) return askVerdict({ value: { type: 'text', text } });
      return accept(declared ? { type: 'text', text, declared } : { type: 'text', text });
    }
    case 'count':
    case 'percent':
    case 'ratio':
      return parseFigures(question, text);
  }
}

function parseYesNoAnswer(text: string): ParseResult {
  const yn = parseYesNo(text);
  if (yn) {
    const value: AnswerValue = { type: 'yesno', yes: yn.yes };
    // "có nhưng còn ít": a Có with a reservation is confirmed, the reservation kept as the note.
    if (
      yn.yes &&
      yn.rest &&
      QUALIFIERS.some((q) => startsWithPhrase(words(yn.rest), [q]) || containsPhrase(words(yn.rest), [q]))
    )
      return toConfirm('qualified_yes', [{ value, note: yn.rest }]);
    return accept(value, yn.rest || undefined);
  }
  // "05 điểm pho tô" where a Có/Không is asked: there is at least one, if the officer agrees.
  const figures = scanFigures(canonicalSigns(text)).filter((f) => !f.date && !f.target);
  const [f] = figures;
  if (
    figures.length === 1 &&
    f &&
    !f.percent &&
    !f.denominator &&
    f.unit &&
    !f.negative &&
    !f.numerator.doubt
  ) {
    return toConfirm('count_as_yes', [{ value: { type: 'yesno', yes: f.numerator.value > 0 }, note: text }]);
  }
  return refuse('not_yes_no');
}

/** The words of a text outside its figures, with fillers, hedges and verdicts left out. */
function contentWords(folded: string): string[] {
  const stripped = ` ${folded
    .replace(/[^\p{L}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
  let rest = stripped;
  for (const phrase of [...NOT_MET_MARKS, ...FILLERS, ...HEDGES.map(([w]) => w)].sort(
    (a, b) => b.length - a.length,
  )) {
    rest = rest.split(` ${phrase} `).join(' ');
  }
  return rest.trim().split(/\s+/).filter(Boolean);
}

/** The answer's figures that report a result: not a date, not the quoted target. */
function resultFigures(all: Figure[]): Figure[] {
  return all.filter((f) => !f.date && !f.target);
}

/**
 * Whether "10.135 tài khoản" counts what the criterion counts: its unit's first words are the
 * criterion's unit (either way round: "người" and "người dân"), or are written in what it measures.
 */
function countsWhatIsAsked(question: Judged, unit: string): boolean {
  const u = words(unit).split(' ').filter(Boolean);
  if (u.length === 0) return true;
  const asked = words(question.unit ?? '');
  const head = u.slice(0, 2).join(' ');
  if (asked && (` ${head} `.startsWith(` ${asked} `) || ` ${asked} `.startsWith(` ${head} `))) return true;
  if (!question.text && !question.numeratorLabel) return !asked;
  const described = ` ${words(`${question.numeratorLabel ?? ''} ${question.text ?? ''}`)} `;
  return described.includes(` ${head} `) || (u.length === 1 && described.includes(` ${u[0]} `));
}

/** What a figure counts, compared loosely ("doanh nghiệp" = "doanh nghiep đang hoạt động"'s first words). */
function sameUnit(a: string, b: string): boolean {
  const fa = words(a).split(' ').slice(0, 2).join(' ');
  const fb = words(b).split(' ').slice(0, 2).join(' ');
  return fa === '' || fb === '' || fa === fb;
}

function parseFigures(question: Judged, text: string): ParseResult {
  const canon = canonicalSigns(text);
  const folded = foldSameLength(canon);
  const all = scanFigures(canon);
  if (all.some((f) => f.malformed)) return refuse('malformed_number');
  const figures = resultFigures(all);
  if (figures.some((f) => f.negative)) return refuse('negative');

  if (figures.length === 0) return noFigure(question, text, all);

  const declaredBefore = containsPhrase(words(folded.slice(0, figures[0]?.start ?? 0)), NOT_MET_MARKS)
    ? ('not_met' as const)
    : undefined;
  const reading = pickReading(question, canon, folded, figures);
  if ('ok' in reading) return reading;
  const { figure, numerator, denominator, value: rawValue, why } = reading;
  const { percent, perMille, hedge } = figure;
  const last = reading.last ?? figure;

  if (numerator.value > 1e12 || (denominator?.value ?? 0) > 1e12) return refuse('too_large');
  const remark = trimRemark(canon.slice(last.end));
  const declared = findDeclared(remark) ?? declaredBefore;
  const lead = contentWords(folded.slice(0, figure.start));
  const trail = /^\s*[-–—;:(,.]/.test(canon.slice(last.end)) ? [] : contentWords(foldSameLength(remark));
  const sentence = why ?? (lead.length + trail.length > SENTENCE_WORDS ? 'figure_in_sentence' : undefined);

  // "1,234", "1,234.5": read both ways below; what fits the criterion is offered, what does not refused.
  const doubt = numerator.doubt ?? denominator?.doubt;
  const invalid = validate(question, numerator.value, denominator?.value, rawValue, percent || perMille);
  if (invalid && !doubt) return refuse(invalid);
  const value: AnswerValue = {
    type: 'number',
    value: rawValue,
    ...(denominator ? { numerator: numerator.value, denominator: denominator.value } : {}),
    ...(hedge === 'about' ? { approximate: true } : hedge ? { bound: hedge } : {}),
    ...(declared ? { declared } : {}),
  };
  if (question.target.op === 'self' && !declared && doubt) return refuse('needs_self_assessment');
  if (
    hedge &&
    hedge !== 'about' &&
    question.target.op !== 'self' &&
    boundDecides(question, value) === undefined
  )
    return refuse('hedge_undecided', {
      words: canon.slice(figure.start - hedgeLength(folded, figure), figure.end).trim(),
    });
  const note = remark || undefined;
  const answer: Answer = note ? { value, note } : { value };
  if (doubt) {
    const readings = numberReadings(answer, numerator, denominator, question, percent || perMille);
    return readings.length > 0 ? toConfirm('number_format', readings) : refuse(invalid ?? 'not_a_number');
  }
  // No threshold to judge by: the officer's own verdict is asked for, one tap (the reading shown with it).
  if (question.target.op === 'self' && !declared) return askVerdict(answer);
  if (sentence) return toConfirm(sentence, [answer]);
  return { ok: true, answer };
}

/** "85%" where the criterion has no threshold: Đạt or Chưa đạt, the reading shown with the question. */
function askVerdict(answer: Answer): ParseResult {
  const as = (declared: 'met' | 'not_met'): Answer => ({
    ...answer,
    value: { ...answer.value, declared } as AnswerValue,
  });
  return toConfirm('needs_verdict', [as('met'), as('not_met')]);
}

/** How many characters the hedge word before a figure takes ("dưới ", "khoảng "). */
function hedgeLength(folded: string, f: Figure): number {
  const before = folded.slice(Math.max(0, f.start - 20), f.start);
  const words = HEDGES.map(([w]) => w).filter((w) => before.trimEnd().endsWith(w));
  const longest = words.sort((a, b) => b.length - a.length)[0] ?? '';
  return longest ? before.length - before.trimEnd().length + longest.length : 0;
}

/**
 * The two readings of "1,234" (a decimal comma, or English thousands) that fit the criterion, the
 * English one first; for English separators ("1,234.5") the one reading, to confirm.
 */
/** Why a figure cannot answer the criterion, if it cannot: a count must be whole, a ratio possible, a percentage ≤ 100. */
function validate(
  question: Judged,
  num: number,
  den: number | undefined,
  value: number,
  percentSign: boolean,
): Refusal['reason'] | undefined {
  if (question.kind === 'count') {
    // A measure ("36 Mb/s", "22,5 thuê bao/100 dân") may have decimals; a count of things may not.
    const whole = Number.isInteger(num) || isMeasureUnit(question.unit);
    return den !== undefined || percentSign || !whole ? 'not_integer' : undefined;
  }
  if (den !== undefined) {
    if (den === 0) return 'zero_denominator';
    if (num > den) return 'numerator_gt_denominator';
  }
  return value > 100 ? 'over_100' : undefined;
}

/**
 * The readings of "1,234" (English thousands, or a decimal comma) that fit the criterion, the
 * English one first; both numbers of a ratio read the same way, and counts are whole numbers.
 */
function numberReadings(
  answer: Answer,
  numerator: Figure['numerator'],
  denominator: Figure['numerator'] | undefined,
  question: Judged,
  percentSign: boolean,
): Answer[] {
  if (answer.value.type !== 'number') return [];
  const readings: Answer[] = [];
  for (const english of [true, false]) {
    const num = english ? (numerator.alternative ?? numerator.value) : numerator.value;
    const den = denominator
      ? english
        ? (denominator.alternative ?? denominator.value)
        : denominator.value
      : undefined;
    if (den !== undefined && (!Number.isInteger(num) || !Number.isInteger(den))) continue;
    const value =
      den !== undefined
        ? (num / den) * 100
        : answer.value.value === numerator.value
          ? num
          : answer.value.value;
    if (validate(question, num, den, value, percentSign)) continue;
    if (readings.some((r) => r.value.type === 'number' && r.value.value === value)) continue;
    readings.push({
      ...answer,
      value: { ...answer.value, value, ...(den !== undefined ? { numerator: num, denominator: den } : {}) },
    });
  }
  return readings;
}

interface Reading {
  figure: Figure;
  /** The figure whose end the remark starts after (the last one used). */
  last?: Figure;
  numerator: Figure['numerator'];
  denominator?: Figure['numerator'];
  value: number;
  why?: 'ratio_in_sentence' | 'figure_in_sentence';
}

/** Which figures the answer is: one figure, a ratio, or two counts of a sentence read as one. */
function pickReading(question: Judged, canon: string, folded: string, figures: Figure[]): Reading | Refusal {
  const percentOf = (f: Figure) => (f.perMille ? f.numerator.value / 10 : f.numerator.value);
  const single = (f: Figure): Reading | Refusal => {
    if (f.denominator) {
      const d = f.denominator.value;
      return {
        figure: f,
        numerator: f.numerator,
        denominator: f.denominator,
        value: d === 0 ? 0 : (f.numerator.value / d) * 100,
      };
    }
    // "5 điểm" alone is percentage points; "2 điểm phục vụ bưu chính" counts service points.
    const countWithUnit =
      !f.percent && !f.perMille && f.unit !== '' && !/^(phan tram|diem)$/.test(words(f.unit));
    if (question.kind !== 'count' && countWithUnit) {
      // "có 4 doanh nghiệp … chưa có doanh nghiệp nào": none of the four.
      if (ZERO_PHRASE.test(words(folded.slice(f.end))) && f.numerator.value > 0)
        return {
          figure: f,
          numerator: { value: 0, raw: '0' },
          denominator: f.numerator,
          value: 0,
          why: 'ratio_in_sentence',
        };
      if (!countsWhatIsAsked(question, f.unit))
        return refuse('other_unit', { words: canon.slice(f.start, f.end + 1 + f.unit.length).trim() });
      return refuse('needs_total', { numerator: f.numerator.value, unit: question.unit ?? f.unit });
    }
    return {
      figure: f,
      numerator: f.numerator,
      value: question.kind === 'count' ? f.numerator.value : percentOf(f),
    };
  };
  if (figures.length === 1) return single(figures[0] as Figure);

  // "66,95% (25.031/37.389 hồ sơ)": a percentage and the ratio it comes from.
  const ratios = figures.filter((f) => f.denominator);
  const percents = figures.filter((f) => (f.percent || f.perMille) && !f.denominator);
  const counts = figures.filter((f) => !f.denominator && !f.percent && !f.perMille);
  const agrees = (p: Figure, num: number, den: number) =>
    den > 0 && Math.abs((num / den) * 100 - percentOf(p)) < 0.01;
  if (question.kind !== 'count' && ratios.length === 1 && counts.length === 0 && percents.length <= 1) {
    const r = ratios[0] as Figure;
    const p = percents[0];
    if (!p || agrees(p, r.numerator.value, r.denominator?.value ?? 0)) {
      const read = single(r);
      if ('ok' in read) return read;
      return { ...read, figure: p && p.start < r.start ? p : r, last: p && p.end > r.end ? p : r };
    }
  }
  // "Tổng hồ sơ … là 37.389 hồ sơ, trong đó số hóa … là 25.031 hồ sơ đạt 66,95%": two counts of one
  // thing, the total and a part, with the percentage they make, if written.
  if (question.kind !== 'count' && counts.length === 2 && ratios.length === 0 && percents.length <= 1) {
    const [a, b] = counts as [Figure, Figure];
    if (sameUnit(a.unit, b.unit)) {
      const totalFirst =
        /(^| )(tong|tong so|trong tong so)( [a-z]+){0,6}$/.test(words(folded.slice(0, a.start))) ||
        /(^| )trong do( |$)/.test(words(folded.slice(a.end, b.start)));
      const [num, den] = totalFirst ? [b, a] : a.numerator.value <= b.numerator.value ? [a, b] : [b, a];
      const p = percents[0];
      if (
        num.numerator.value <= den.numerator.value &&
        (!p || agrees(p, num.numerator.value, den.numerator.value))
      ) {
        return {
          figure: a,
          last: [a, b, ...(p ? [p] : [])].sort((x, y) => y.end - x.end)[0] as Figure,
          numerator: num.numerator,
          denominator: den.numerator,
          value: den.numerator.value === 0 ? 0 : (num.numerator.value / den.numerator.value) * 100,
          why: 'ratio_in_sentence',
        };
      }
    }
  }
  return refuse('ambiguous_number', { figures: figures.map((f) => canon.slice(f.start, f.end).trim()) });
}

/** An answer with no figure of a result in it: none, a phrase meaning "không áp dụng", only a date… */
function noFigure(question: Judged, text: string, all: Figure[]): ParseResult {
  const w = words(text);
  if (question.notApplicableWhen && /(^| )(khong co|chua co)( |$)/.test(w)) {
    return toConfirm('not_applicable_phrase', [
      { value: { type: 'status', status: 'not_applicable' }, note: text },
    ]);
  }
  if (all.some((f) => f.date) && all.every((f) => f.date || f.target)) return refuse('date_only');
  const yn = parseYesNo(text);
  if (question.kind === 'count') {
    // "không có" / "ko" for a count means none.
    if (yn && !yn.yes) return accept({ type: 'number', value: 0 }, yn.rest || undefined);
    return refuse(yn ? 'needs_number' : 'not_a_number');
  }
  if (ZERO_PHRASE.test(w)) {
    return toConfirm('figure_in_sentence', [
      {
        value: { type: 'number', value: 0, ...(findDeclared(text) ? { declared: findDeclared(text) } : {}) },
        note: text,
      },
    ]);
  }
  // "không có …", a Có/Không or a verdict where a figure is asked: the refusal says what to write instead.
  return refuse(
    yn || findDeclared(text) || /(^| )(khong|chua) co( |$)/.test(w) ? 'needs_number' : 'not_a_number',
  );
}

export { parseViNumber };
