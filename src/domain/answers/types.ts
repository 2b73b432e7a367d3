/** What the officer says of their own result, kept apart from the computed verdict. */
export type Declared = 'met' | 'not_met';

/** A status answer that is not a value: in progress, unknown ("?"), not applicable. */
export type StatusWord = 'in_progress' | 'unknown' | 'not_applicable';

/**
 * A figure given as a bound rather than a value: "dưới 55%" (below, strictly), "gần 55%" (below,
 * close), "trên 80%" / "hơn 80%" (above, strictly), "ít nhất 80%", "không quá 5%". "Khoảng 20%"
 * is `approximate`, judged at 20.
 */
export type Bound = 'below' | 'near' | 'above' | 'atLeast' | 'atMost';

/**
 * The value of an answer as understood.
 * A `number` is a percentage for percent/ratio criteria (with the counts when given as "x/y")
 * and a count for count criteria.
 */
export type AnswerValue =
  | {
      type: 'number';
      value: number;
      numerator?: number;
      denominator?: number;
      approximate?: boolean;
      bound?: Bound;
      declared?: Declared;
    }
  | { type: 'yesno'; yes: boolean }
  | { type: 'text'; text: string; declared?: Declared }
  | { type: 'status'; status: StatusWord; needsGuidance?: boolean };

/** A parsed answer: the value plus any remark the officer wrote after it. */
export interface Answer {
  value: AnswerValue;
  note?: string;
}

/** Why an answer was refused; each becomes a Vietnamese re-prompt in the messages module. */
export type RefusalReason =
  | 'empty'
  | 'too_long'
  | 'not_a_number'
  | 'needs_number'
  | 'negative'
  | 'over_100'
  | 'numerator_gt_denominator'
  | 'zero_denominator'
  | 'not_integer'
  | 'too_large'
  | 'ambiguous_number'
  | 'not_yes_no'
  | 'needs_self_assessment'
  /** A count with its unit where a ratio is asked ("4 doanh nghiệp"): the total is missing. */
  | 'needs_total'
  /** A count of something else than the criterion counts ("10.135 tài khoản" where people are asked). */
  | 'other_unit'
  /** "có thể", "có lẽ": a doubt, not an answer. */
  | 'doubt'
  /** A question ("là gì?", "không hiểu"): answered with the criterion's card, never stored. */
  | 'question'
  /** "dưới 80%" where the target is 55%: the bound does not tell whether it is met. */
  | 'hedge_undecided'
  /** Only a date ("10/11/2026"), no figure. */
  | 'date_only'
  /** Numbers joined like a date that is none ("4/5/6"). */
  | 'malformed_number';

/**
 * Why a reading must be confirmed before it is stored: it rests on an assumption the officer can
 * check in one tap ("Hiểu là: 0/4 doanh nghiệp = 0% — chưa đạt. Đúng không?").
 */
export type Assumption =
  /** One figure taken out of a long sentence. */
  | 'figure_in_sentence'
  /** Two counts of a sentence read as a ratio ("có 4 doanh nghiệp … chưa có doanh nghiệp nào"). */
  | 'ratio_in_sentence'
  /** "có nhưng còn ít": a Có with a reservation. */
  | 'qualified_yes'
  /** "05 điểm pho tô" at a Có/Không criterion. */
  | 'count_as_yes'
  /** "1,234", "100,000", "1,234.5": separators read the English way, or two readings. */
  | 'number_format'
  /** "trên địa bàn không có làng nghề" where the criterion may not apply. */
  | 'not_applicable_phrase'
  /** A figure or text at a criterion without a threshold: the officer's own Đạt/Chưa đạt is asked. */
  | 'needs_verdict';

/** A refusal, with what the dialog needs to say precisely what is missing. */
export interface Refusal {
  ok: false;
  reason: RefusalReason;
  /** For `needs_total`: the count given and what it counts. */
  numerator?: number;
  unit?: string;
  /** For `ambiguous_number`: the figures found, as written. */
  figures?: string[];
  /** For `doubt`, `hedge_undecided`: the words that made the doubt, as written. */
  words?: string;
}

export type ParseResult =
  | {
      ok: true;
      answer: Answer;
      /** Present when the reading needs the officer's confirmation; `options` are the readings to choose from. */
      confirm?: { why: Assumption; options: Answer[] };
    }
  | Refusal;
