import type { SubmissionState } from '../domain/evaluation/unit-status.js';
import type { Db } from './db.js';
import type { AnswerScope } from './scope.js';

interface SubmissionRow {
  period: string;
  submitted_at: string;
  due_at: string | null;
  locked: number;
  proposals: string | null;
}

function toState(r: SubmissionRow): SubmissionState {
  return {
    submittedAt: new Date(r.submitted_at),
    locked: r.locked === 1,
    onTime: r.due_at === null || r.submitted_at <= r.due_at,
    ...(r.proposals ? { proposals: r.proposals } : {}),
  };
}

/** The submissions of a unit for the given periods. */
export async function loadSubmissions(
  db: Db,
  scope: AnswerScope,
  periods: string[],
): Promise<Map<string, SubmissionState>> {
  if (periods.length === 0) return new Map();
  const rows = await db
    .selectFrom('submissions')
    .select(['period', 'submitted_at', 'due_at', 'locked', 'proposals'])
    .where('unit_id', '=', scope.unitId)
    .where('framework_id', '=', scope.frameworkId)
    .where('period', 'in', periods)
    .execute();
  return new Map(rows.map((r) => [r.period, toState(r)]));
}

/** Marks a period submitted and locked (again, after an unlock), with the time for on-time statistics. */
export async function recordSubmission(
  trx: Db,
  scope: AnswerScope,
  period: string,
  personId: number | null,
  now: Date,
  dueAt: Date | undefined,
  proposals?: string,
): Promise<void> {
  const values = {
    proposals: proposals ?? null,
    submitted_at: now.toISOString(),
    submitted_by: personId,
    due_at: dueAt?.toISOString() ?? null,
    locked: 1,
    unlocked_at: null,
    unlocked_by: null,
  };
  await trx
    .insertInto('submissions')
    .values({ unit_id: scope.unitId, framework_id: scope.frameworkId, period, ...values })
    .onConflict((oc) => oc.columns(['unit_id', 'framework_id', 'period']).doUpdateSet(values))
    .execute();
}

/** Unlocks a submitted period so its officer can change it; false when it was not locked. */
export async function unlockSubmission(
  db: Db,
  scope: AnswerScope,
  period: string,
  personId: number,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('submissions')
    .set({ locked: 0, unlocked_at: now.toISOString(), unlocked_by: personId })
    .where('unit_id', '=', scope.unitId)
    .where('framework_id', '=', scope.frameworkId)
    .where('period', '=', period)
    .where('locked', '=', 1)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Every submission of a period, by "unitId|frameworkId" (for the province's overview). */
export async function listSubmissionsForPeriod(
  db: Db,
  period: string,
): Promise<Map<string, SubmissionState>> {
  const rows = await db
    .selectFrom('submissions')
    .select(['unit_id', 'framework_id', 'period', 'submitted_at', 'due_at', 'locked', 'proposals'])
    .where('period', '=', period)
    .execute();
  return new Map(rows.map((r) => [`${r.unit_id}|${r.framework_id}`, toState(r)]));
}
