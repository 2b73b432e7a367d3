import { z } from 'zod';
import type { Answer } from '../answers/types.js';

/**
 * Bump when the shape changes: a stored state of another version resets the dialog instead of
 * crashing it, unless `restoreState` knows how to read it (version 1 is version 2 without the
 * framework and the choice of report, so it is read as it is).
 */
export const DIALOG_VERSION = 2;

/** Why a question is being asked: as part of walking the framework, or to change one answer. */
export type Purpose = 'walk' | 'edit';

const purpose = z.enum(['walk', 'edit']);

/** A parsed answer kept in the state while the officer confirms it (the JSON storage keeps too). */
const answerSchema = z.custom<Answer>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { value?: { type?: unknown } }).value?.type === 'string',
);

/** A reading waiting for the officer's "đúng": its question, what was typed, the readings offered. */
const pendingSchema = z.object({
  key: z.string(),
  raw: z.string(),
  options: z.array(answerSchema).min(1).max(2),
});

const modeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('idle') }),
  z.object({ type: z.literal('asking'), purpose, period: z.string(), key: z.string() }),
  /**
   * The khó khăn, đề xuất of a criterion just answered. `prior`: last period's are offered ("Khó
   * khăn như quý trước: … 1. Giữ 2. Sửa 3. Bỏ").
   */
  z.object({
    type: z.literal('difficulty'),
    purpose,
    period: z.string(),
    key: z.string(),
    prior: z.boolean().optional(),
  }),
  z.object({ type: z.literal('edit_pick'), period: z.string() }),
  /**
   * "báo cáo" when the unit reports on several frameworks: which one ("1. Bộ chỉ số CĐS … (quý
   * IV/2026) 2. NTM nâng cao (năm 2026)"), and what to do once chosen (walk it, or make its document).
   */
  z.object({
    type: z.literal('pick_report'),
    action: z.enum(['report', 'appendix', 'difficulties', 'submit']),
    format: z.enum(['docx', 'xlsx']).optional(),
    options: z.array(z.object({ framework: z.string(), period: z.string() })).min(2),
  }),
  /** The summary before submitting, with the report's general đề xuất once typed. */
  z.object({ type: z.literal('confirm_submit'), period: z.string(), proposals: z.string().optional() }),
  /**
   * "Giữ nguyên kết quả quý III cho 22 tiêu chí? 1. Giữ tất cả 2. Xem từng tiêu chí 3. Trả lời lại
   * từ đầu": the answers of the period before that are most likely unchanged, offered before a walk.
   */
  z.object({
    type: z.literal('carry_offer'),
    period: z.string(),
    from: z.string(),
    keys: z.array(z.string()),
  }),
  /**
   * A reading that rests on an assumption, stored only once confirmed. `source` says where it came
   * from: the open question (walk or edit) or one line of several answers (`batch`, with the lines
   * still to confirm in `queue`, and the question to come back to in `resume`).
   */
  z.object({
    type: z.literal('confirm_answer'),
    source: z.enum(['walk', 'edit', 'batch']),
    period: z.string(),
    pending: pendingSchema,
    queue: z.array(pendingSchema).default([]),
    resume: z.object({ key: z.string(), purpose }).optional(),
    /** One more choice between the readings and "Nhập lại" ("Xem tiêu chí 2.5"): what it types. */
    extra: z.object({ label: z.string(), input: z.string() }).optional(),
  }),
  /** A count given where a ratio is asked ("4 doanh nghiệp"): the total is asked, the count kept. */
  z.object({
    type: z.literal('need_total'),
    purpose,
    period: z.string(),
    key: z.string(),
    numerator: z.number().nonnegative(),
    unit: z.string(),
    raw: z.string(),
  }),
]);

const stateSchema = z.object({
  v: z.literal(DIALOG_VERSION),
  mode: modeSchema,
  /** The framework the dialog is on, for a unit that reports on several (absent with one). */
  framework: z.string().optional(),
  /** Where a walk through the framework stands; kept after "dừng" so a later "báo cáo" resumes there. */
  walk: z
    .object({
      period: z.string(),
      key: z.string(),
      active: z.boolean(),
      /** "Trả lời lại từ đầu": last period's result is shown, without a "Như cũ" button. */
      fresh: z.boolean().optional(),
    })
    .optional(),
});

export type Mode = z.infer<typeof modeSchema>;
export type DialogState = z.infer<typeof stateSchema>;
export type Pending = z.infer<typeof pendingSchema>;

export function initialState(): DialogState {
  return { v: DIALOG_VERSION, mode: { type: 'idle' } };
}

/** Reads a stored state; anything stale or malformed gives a fresh state and `reset: true`. */
export function restoreState(stored: unknown): { state: DialogState; reset: boolean } {
  if (stored === undefined || stored === null) return { state: initialState(), reset: false };
  // Version 1 had one framework a unit: the same shape without `framework`.
  const upgraded =
    typeof stored === 'object' && (stored as { v?: unknown }).v === 1
      ? { ...stored, v: DIALOG_VERSION }
      : stored;
  const parsed = stateSchema.safeParse(upgraded);
  return parsed.success ? { state: parsed.data, reset: false } : { state: initialState(), reset: true };
}
