import { z } from 'zod';
import type { Framework } from './types.js';

const NUMERIC_OPS = ['>=', '>', '=', '<', '<=', 'self'] as const;
const ALLOWED_OPS: Record<string, readonly string[]> = {
  percent: NUMERIC_OPS,
  ratio: NUMERIC_OPS,
  count: NUMERIC_OPS,
  yesno: ['yes', 'self'],
  text: ['provided', 'self'],
  composite: ['all'],
};

const targetSchema = z
  .object({
    op: z.enum(['>=', '>', '=', '<', '<=', 'yes', 'provided', 'self', 'all']),
    value: z.number().finite().nonnegative().optional(),
    text: z.string(),
    assumed: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const numeric = t.op === '>=' || t.op === '>' || t.op === '=' || t.op === '<' || t.op === '<=';
    if (numeric && t.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `op "${t.op}" needs a numeric value` });
    }
    if (!numeric && t.value !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `op "${t.op}" takes no value` });
    }
    if (t.text.trim() === '' && t.assumed === undefined && t.op !== 'all') {
      ctx.addIssue({
        code: 'custom',
        path: ['assumed'],
        message: 'the source gives no target text: say in "assumed" how this criterion is judged',
      });
    }
  });

const leafFields = {
  text: z.string().min(1),
  target: targetSchema,
  unit: z.string().min(1).optional(),
  numeratorLabel: z.string().min(1).optional(),
  note: z.string().optional(),
  notApplicableWhen: z.string().min(1).optional(),
  evidence: z.array(z.string().min(1)).optional(),
  byGroup: z
    .object({ '1': targetSchema.optional(), '2': targetSchema.optional(), '3': targetSchema.optional() })
    .strict()
    .optional(),
  byYear: z.record(z.string().regex(/^\d{4}$/, 'a year looks like 2027'), targetSchema).optional(),
};

function checkKindAndTarget(
  c: {
    kind: string;
    target: { op: string; value?: number };
    unit?: string;
    byGroup?: Partial<Record<string, { op: string; value?: number } | undefined>>;
    byYear?: Record<string, { op: string; value?: number }>;
  },
  ctx: z.RefinementCtx,
) {
  for (const t of Object.values(c.byYear ?? {})) {
    checkKindAndTarget({ kind: c.kind, target: t, ...(c.unit ? { unit: c.unit } : {}) }, ctx);
  }
  for (const [g, t] of Object.entries(c.byGroup ?? {})) {
    if (t) checkKindAndTarget({ kind: c.kind, target: t, ...(c.unit ? { unit: c.unit } : {}) }, ctx);
    if (t && c.kind === 'composite') {
      ctx.addIssue({ code: 'custom', path: ['byGroup', g], message: 'a composite has no target per group' });
    }
  }
  const allowed = ALLOWED_OPS[c.kind] ?? [];
  if (!allowed.includes(c.target.op)) {
    ctx.addIssue({
      code: 'custom',
      path: ['target', 'op'],
      message: `op "${c.target.op}" does not fit kind "${c.kind}" (allowed: ${allowed.join(', ')})`,
    });
  }
  if ((c.kind === 'percent' || c.kind === 'ratio') && c.target.value !== undefined && c.target.value > 100) {
    ctx.addIssue({
      code: 'custom',
      path: ['target', 'value'],
      message: 'a percentage target is at most 100',
    });
  }
  if (c.kind === 'ratio' && !c.unit) {
    ctx.addIssue({ code: 'custom', path: ['unit'], message: 'a ratio needs the unit of what is counted' });
  }
}

const subPointSchema = z
  .object({
    code: z.string().regex(/^[a-zđ]$/u, 'a sub-point code is one letter a–đ'),
    kind: z.enum(['percent', 'ratio', 'count', 'yesno', 'text']),
    ...leafFields,
  })
  .strict()
  .superRefine(checkKindAndTarget);

const scoringSchema = z.union([
  z.enum(['all', 'proportional']),
  z
    .object({
      tiers: z
        .array(
          z
            .object({ from: z.number().finite().nonnegative(), points: z.number().finite().nonnegative() })
            .strict(),
        )
        .min(1),
    })
    .strict(),
]);

const criterionSchema = z
  .object({
    code: z.string().regex(/^\d+(\.\d+)+$/, 'a criterion code looks like "1.4" or "1.10"'),
    points: z.number().finite().positive().optional(),
    scoring: scoringSchema.optional(),
    kind: z.enum(['percent', 'ratio', 'count', 'yesno', 'text', 'composite']),
    source: z.string().min(1).optional(),
    aliases: z.array(z.string().min(1)).optional(),
    parts: z.array(subPointSchema).min(2).optional(),
    ...leafFields,
  })
  .strict()
  .superRefine((c, ctx) => {
    checkKindAndTarget(c, ctx);
    if (c.kind === 'composite' && !c.parts) {
      ctx.addIssue({
        code: 'custom',
        path: ['parts'],
        message: 'a composite criterion needs its sub-points',
      });
    }
    if (c.kind !== 'composite' && c.parts) {
      ctx.addIssue({ code: 'custom', path: ['parts'], message: 'only a composite criterion has sub-points' });
    }
    if (c.scoring !== undefined && c.points === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['scoring'],
        message: "a scoring rule needs the criterion's points",
      });
    }
    if (typeof c.scoring === 'object') {
      const froms = c.scoring.tiers.map((t) => t.from);
      if (froms.some((f, i) => i > 0 && f <= (froms[i - 1] as number))) {
        ctx.addIssue({
          code: 'custom',
          path: ['scoring', 'tiers'],
          message: 'tiers go from the lowest threshold up',
        });
      }
      if (c.scoring.tiers.some((t) => t.points > (c.points ?? 0))) {
        ctx.addIssue({
          code: 'custom',
          path: ['scoring', 'tiers'],
          message: "a tier gives at most the criterion's points",
        });
      }
    }
    const letters = (c.parts ?? []).map((p) => p.code);
    if (new Set(letters).size !== letters.length) {
      ctx.addIssue({ code: 'custom', path: ['parts'], message: 'sub-point codes repeat' });
    }
  });

const groupSchema = z
  .object({
    code: z.string().min(1),
    name: z.string().min(1),
    criteria: z.array(criterionSchema).min(1),
  })
  .strict();

/** The zod schema of a catalog file (one framework). */
export const frameworkSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is lowercase words joined by "-"'),
    name: z.string().min(1),
    level: z.enum(['xa', 'huyen', 'tinh']),
    province: z.string().min(1).optional(),
    version: z.string().min(1),
    decision: z.string().min(1).optional(),
    basis: z.string().min(1).optional(),
    recipientsBefore: z
      .object({
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date looks like 2025-07-01'),
        recipients: z.array(z.string().min(1)).min(1),
      })
      .strict()
      .optional(),
    source: z.string().min(1),
    complete: z.boolean(),
    expectedCriteria: z.number().int().positive().optional(),
    notes: z.array(z.string()).optional(),
    levels: z
      .array(z.object({ name: z.string().min(1), from: z.number().finite().nonnegative() }).strict())
      .min(1)
      .optional(),
    status: z.literal('draft').optional(),
    calendar: z.enum(['quarter', 'half-year', 'year']).optional(),
    yearDue: z
      .string()
      .regex(/^(0?[1-9]|[12]\d|3[01])\/(0?[1-9]|1[0-2])$/, 'a day and month, "15/12"')
      .optional(),
    groups: z.array(groupSchema).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const froms = (f.levels ?? []).map((l) => l.from);
    if (froms.some((x, i) => i > 0 && x <= (froms[i - 1] as number))) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: 'levels go from the lowest score up' });
    }
    if (f.levels && !f.groups.some((g) => g.criteria.some((c) => c.points !== undefined))) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: 'levels need criteria with points' });
    }
    const seen = new Map<string, string>();
    f.groups.forEach((g, gi) => {
      g.criteria.forEach((c, ci) => {
        for (const label of [c.code, ...(c.aliases ?? [])]) {
          const other = seen.get(label);
          if (other !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['groups', gi, 'criteria', ci, 'code'],
              message: `code "${label}" is used twice (also by ${other})`,
            });
          }
          seen.set(label, c.code);
        }
      });
    });
  }) satisfies z.ZodType<Framework>;
