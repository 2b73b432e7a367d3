import { sql } from 'kysely';
import type { Answer } from '../domain/answers/types.js';
import type { AnswerMap, RecordedAnswer } from '../domain/evaluation/evaluate.js';
import type { AnswerList } from '../domain/evaluation/statuses.js';
import { deepFreeze } from '../domain/freeze.js';
import type { Db } from './db.js';
import type { AnswerScope } from './scope.js';

export type { AnswerScope, Author } from './scope.js';

/** Loads the answers of a unit for the given periods, by period then question key. */
export async function loadAnswers(
  db: Db,
  scope: AnswerScope,
  periods: string[],
): Promise<Map<string, AnswerMap>> {
  const result = new Map<string, Map<string, RecordedAnswer>>(periods.map((p) => [p, new Map()]));
  if (periods.length === 0) return result;
  const rows = await db
    .selectFrom('answers')
    .select([
      'period',
      'question_key',
      'answer_json',
      'raw_text',
      'difficulty',
      'proposal',
      'carried_from',
      'answered_at',
    ])
    .where('unit_id', '=', scope.unitId)
    .where('framework_id', '=', scope.frameworkId)
    .where('period', 'in', periods)
    .execute();
  for (const row of rows) {
    const answer = JSON.parse(row.answer_json) as Answer;
    result.get(row.period)?.set(row.question_key, {
      ...answer,
      raw: row.raw_text,
      ...(row.difficulty ? { difficulty: row.difficulty } : {}),
      ...(row.proposal ? { proposal: row.proposal } : {}),
      ...(row.carried_from ? { carriedFrom: row.carried_from } : {}),
      answeredAt: row.answered_at,
    });
  }
  return result;
}

/** How many pieces of evidence each question has, by period then question key. */
export async function loadEvidenceCounts(
  db: Db,
  scope: AnswerScope,
  periods: string[],
): Promise<Map<string, Map<string, number>>> {
  const result = new Map<string, Map<string, number>>(periods.map((p) => [p, new Map()]));
  if (periods.length === 0) return result;
  const rows = await db
    .selectFrom('evidence')
    .select(['period', 'question_key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('unit_id', '=', scope.unitId)
    .where('framework_id', '=', scope.frameworkId)
    .where('period', 'in', periods)
    .groupBy(['period', 'question_key'])
    .execute();
  for (const r of rows) result.get(r.period)?.set(r.question_key, Number(r.n));
  return result;
}

export interface EvidenceRow {
  questionKey: string;
  kind: string;
  ref: string;
  caption: string | null;
  fileName: string | null;
  channel: string;
  createdAt: string;
}

/** The evidence kept for a unit and period, oldest first. */
export async function loadEvidence(db: Db, scope: AnswerScope, period: string): Promise<EvidenceRow[]> {
  const rows = await db
    .selectFrom('evidence')
    .selectAll()
    .where('unit_id', '=', scope.unitId)
    .where('framework_id', '=', scope.frameworkId)
    .where('period', '=', period)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    questionKey: r.question_key,
    kind: r.kind,
    ref: r.ref,
    caption: r.caption,
    fileName: r.file_name,
    channel: r.channel,
    createdAt: r.created_at,
  }));
}

export interface HistoryRow {
  questionKey: string;
  period: string;
  action: string;
  answer: Answer | null;
  raw: string | null;
  difficulty: string | null;
  proposal: string | null;
  /** The period the answer was kept from, when it was carried. */
  carriedFrom: string | null;
  channel: string;
  recordedAt: string;
}

/** The append-only history of one unit's answers, oldest first. */
export async function loadHistory(db: Db, scope: AnswerScope, period?: string): Promise<HistoryRow[]> {
  let q = db
    .selectFrom('answer_history')
    .selectAll()
    .where('unit_id', '=', scope.unitId)
    .where('framework_id', '=', scope.frameworkId);
  if (period) q = q.where('period', '=', period);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    questionKey: r.question_key,
    period: r.period,
    action: r.action,
    answer: r.answer_json ? (JSON.parse(r.answer_json) as Answer) : null,
    raw: r.raw_text,
    difficulty: r.difficulty,
    proposal: r.proposal,
    carriedFrom: r.carried_from,
    channel: r.channel,
    recordedAt: r.recorded_at,
  }));
}

/** Separates a question key from its answer inside one packed answer (never in JSON text, see below). */
const FIELD_SEP = '\u001f';
/** Separates the packed answers of one unit. */
const RECORD_SEP = '\u001e';

/**
 * The answers of every unit for one period, as compact lists by "unitId|frameworkId": what the
 * province matrix and the supervisors' overview need (the parsed answers, no raw text, difficulty or
 * times), read at the cost of one row per unit rather than one per answer.
 *
 * The database packs each unit's answers into one string (`string_agg`, the same on SQLite ≥ 3.44
 * and PostgreSQL): key, U+001F, answer JSON, joined by U+001E. JSON.stringify escapes every control
 * character, so neither separator can occur inside an answer's JSON; a key never holds one either
 * (keys come from the catalog). Identical answer texts ("Có", "100%", "không áp dụng"…) are parsed
 * once and share one frozen object: do not mutate what this returns.
 */
export async function loadPeriodAnswerLists(
  db: Db,
  period: string,
  opts: { province?: string; unitIds?: readonly number[] } = {},
): Promise<Map<string, AnswerList>> {
  // A province's view reads its own units' answers only: its cost grows with the province, not the country.
  const province = opts.province;
  const unitIds = opts.unitIds;
  if (unitIds?.length === 0) return new Map();
  const rows = await db
    .selectFrom('answers')
    .select([
      'unit_id',
      'framework_id',
      sql<string>`string_agg(question_key || ${FIELD_SEP} || answer_json, ${RECORD_SEP})`.as('packed'),
    ])
    .where('period', '=', period)
    .$if(province !== undefined, (q) =>
      q.where('unit_id', 'in', (eb) =>
        eb
          .selectFrom('units')
          .select('id')
          .where('province', '=', province ?? ''),
      ),
    )
    .$if(unitIds !== undefined, (q) => q.where('unit_id', 'in', unitIds ?? []))
    .groupBy(['unit_id', 'framework_id'])
    .execute();
  const parsed = new Map<string, Answer>();
  const interned = new Map<string, string>();
  const result = new Map<string, AnswerList>();
  for (const row of rows) {
    const { packed } = row;
    const keys: string[] = [];
    const answers: Answer[] = [];
    let start = 0;
    while (start < packed.length) {
      let end = packed.indexOf(RECORD_SEP, start);
      if (end < 0) end = packed.length;
      const sep = packed.indexOf(FIELD_SEP, start);
      if (sep < 0 || sep > end) throw new Error(`unit ${row.unit_id}: malformed packed answer`);
      const json = packed.slice(sep + 1, end);
      let answer = parsed.get(json);
      if (answer === undefined) {
        answer = deepFreeze(JSON.parse(json) as Answer);
        parsed.set(json, answer);
      }
      // The same few dozen keys recur in every unit: keep one copy of each (less to collect).
      const slice = packed.slice(start, sep);
      let key = interned.get(slice);
      if (key === undefined) {
        key = slice;
        interned.set(key, key);
      }
      keys.push(key);
      answers.push(answer);
      start = end + 1;
    }
    result.set(`${row.unit_id}|${row.framework_id}`, { keys, answers });
  }
  return result;
}

/** The periods for which a unit has answers, newest first. */
export async function listAnsweredPeriods(db: Db, scope: AnswerScope): Promise<string[]> {
  const rows = await db
    .selectFrom('answers')
    .select('period')
    .distinct()
    .where('unit_id', '=', scope.unitId)
    .where('framework_id', '=', scope.frameworkId)
    .execute();
  return rows.map((r) => r.period).sort((a, b) => b.localeCompare(a));
}
