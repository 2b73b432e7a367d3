import { z } from 'zod';

/** Bump when the shape changes: a stored state of another version resets the dialog instead of crashing it. */
export const DIALOG_VERSION = 1;

/** Why a question is being asked: as part of walking the framework, or to change one answer. */
export type Purpose = 'walk' | 'edit';

const modeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('idle') }),
  z.object({
    type: z.literal('asking'),
    purpose: z.enum(['walk', 'edit']),
    period: z.string(),
    key: z.string(),
  }),
  z.object({
    type: z.literal('difficulty'),
    purpose: z.enum(['walk', 'edit']),
    period: z.string(),
    key: z.string(),
  }),
  z.object({ type: z.literal('edit_pick'), period: z.string() }),
  z.object({ type: z.literal('confirm_submit'), period: z.string() }),
]);

const stateSchema = z.object({
  v: z.literal(DIALOG_VERSION),
  mode: modeSchema,
  /** Where a walk through the framework stands; kept after "dừng" so a later "báo cáo" resumes there. */
  walk: z.object({ period: z.string(), key: z.string(), active: z.boolean() }).optional(),
});

export type Mode = z.infer<typeof modeSchema>;
export type DialogState = z.infer<typeof stateSchema>;

export function initialState(): DialogState {
  return { v: DIALOG_VERSION, mode: { type: 'idle' } };
}

/** Reads a stored state; anything stale or malformed gives a fresh state and `reset: true`. */
export function restoreState(stored: unknown): { state: DialogState; reset: boolean } {
  if (stored === undefined || stored === null) return { state: initialState(), reset: false };
  const parsed = stateSchema.safeParse(stored);
  return parsed.success ? { state: parsed.data, reset: false } : { state: initialState(), reset: true };
}
