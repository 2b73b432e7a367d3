/** What the officer says of their own result, kept apart from the computed verdict. */
export type Declared = 'met' | 'not_met';

/** A status answer that is not a value: in progress, unknown ("?"), not applicable. */
export type StatusWord = 'in_progress' | 'unknown' | 'not_applicable';

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
  | 'needs_self_assessment';

export type ParseResult = { ok: true; answer: Answer } | { ok: false; reason: RefusalReason };
