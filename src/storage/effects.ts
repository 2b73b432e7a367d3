/**
 * The writes of one turn: the dialog's effects (answers with their history rows, khó khăn, evidence,
 * link codes, submissions, reminder settings), the delivery key and the new dialog state, in one
 * transaction, with the outcome said plainly (committed, a redelivered update, a revision conflict).
 */
import type { Effect } from '../domain/dialog/protocol.js';
import { safeStrings } from '../domain/safe-text.js';
import type { Db } from './db.js';
import { saveDialog } from './dialog.js';
import { isDuplicateKey, isRetryableConflict } from './errors.js';
import { updateReminderSettings } from './reminders.js';
import type { AnswerScope, Author } from './scope.js';
import { recordSubmission } from './submissions.js';
import { markProcessed } from './updates.js';

/** Writes effects outside a dialog turn (an import, a script's sample data) in one transaction of their own. */
export async function writeEffects(
  db: Db,
  scope: AnswerScope,
  author: Author,
  effects: Effect[],
  now: Date,
): Promise<void> {
  await db.transaction().execute((trx) => applyEffects(trx, scope, author, effects, now));
}

/** Applies the writes of one dialog step: answers with their history rows, evidence, link codes. Call inside a transaction. */
export async function applyEffects(
  trx: Db,
  scope: AnswerScope,
  author: Author,
  effects: Effect[],
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const who = { officer_id: author.officerId, channel: author.channel };
  // Whatever the effects carry (typed text, an imported sheet's cells) is stored without lone
  // surrogates or control characters.
  for (const e of safeStrings(effects)) {
    if (e.type === 'set_reminders' || e.type === 'snooze_reminders') {
      if (author.officerId === null) throw new Error(`${e.type} needs an officer`);
      const change =
        e.type === 'set_reminders' ? { enabled: e.enabled, snoozedUntil: null } : { snoozedUntil: e.until };
      await updateReminderSettings(trx, author.officerId, change, now);
      continue;
    }
    if (e.type === 'submit') {
      await recordSubmission(trx, scope, e.period, author.officerId, now, e.dueAt, e.proposals);
      continue;
    }
    if (e.type === 'create_link_code') {
      if (author.officerId === null) throw new Error('a link code needs an officer');
      await trx
        .insertInto('link_codes')
        .values({
          code: e.code,
          officer_id: author.officerId,
          created_at: at,
          expires_at: e.expiresAt.toISOString(),
          used_at: null,
        })
        .execute();
      continue;
    }
    const key = {
      unit_id: scope.unitId,
      framework_id: scope.frameworkId,
      period: e.period,
      question_key: e.key,
    };
    switch (e.type) {
      case 'save_answer': {
        const json = JSON.stringify(e.answer);
        const carried_from = e.carriedFrom ?? null;
        const row = {
          answer_json: json,
          raw_text: e.raw,
          carried_from,
          ...who,
          answered_at: at,
          updated_at: at,
        };
        await trx
          .insertInto('answers')
          .values({ ...key, ...row, difficulty: null, proposal: null })
          .onConflict((oc) =>
            oc.columns(['unit_id', 'framework_id', 'period', 'question_key']).doUpdateSet(row),
          )
          .execute();
        await trx
          .insertInto('answer_history')
          .values({
            ...key,
            action: 'answer',
            answer_json: json,
            raw_text: e.raw,
            difficulty: null,
            proposal: null,
            carried_from,
            ...who,
            recorded_at: at,
          })
          .execute();
        break;
      }
      case 'save_difficulty': {
        const updated = await trx
          .updateTable('answers')
          .set({ difficulty: e.text, updated_at: at })
          .where('unit_id', '=', key.unit_id)
          .where('framework_id', '=', key.framework_id)
          .where('period', '=', key.period)
          .where('question_key', '=', key.question_key)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1)
          throw new Error(`no answer ${e.key} (${e.period}) to attach a difficulty to`);
        await trx
          .insertInto('answer_history')
          .values({
            ...key,
            action: 'difficulty',
            answer_json: null,
            raw_text: null,
            difficulty: e.text,
            proposal: null,
            ...who,
            recorded_at: at,
          })
          .execute();
        break;
      }
      case 'save_proposal': {
        const updated = await trx
          .updateTable('answers')
          .set({ proposal: e.text, updated_at: at })
          .where('unit_id', '=', key.unit_id)
          .where('framework_id', '=', key.framework_id)
          .where('period', '=', key.period)
          .where('question_key', '=', key.question_key)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1)
          throw new Error(`no answer ${e.key} (${e.period}) to attach a proposal to`);
        await trx
          .insertInto('answer_history')
          .values({
            ...key,
            action: 'proposal',
            answer_json: null,
            raw_text: null,
            difficulty: null,
            proposal: e.text,
            ...who,
            recorded_at: at,
          })
          .execute();
        break;
      }
      case 'save_evidence':
        await trx
          .insertInto('evidence')
          .values({
            ...key,
            kind: e.kind,
            ref: e.ref,
            caption: e.caption ?? null,
            file_name: e.fileName ?? null,
            ...who,
            created_at: at,
          })
          .execute();
        break;
    }
  }
}

/** One turn to write: what the dialog decided, for whom, and the state it was read at. */
export interface TurnWrite {
  /** The messenger whose delivery key this is (and through which the answers came). */
  channel: string;
  /** A delivery key (Telegram update_id, Zalo message_id): stored once, so a redelivery changes nothing. */
  dedupKey?: string;
  scope?: AnswerScope;
  author?: Author;
  effects?: Effect[];
  /** The dialog state to save over the revision it was read at (0: none stored yet). */
  session?: { key: string; state: unknown; revision: number };
}

/**
 * What became of a turn's writes: written; a delivery already processed (nothing written); or a
 * conflict worth running the step again for (another writer saved the dialog first, or the
 * database broke a deadlock or a serialization conflict).
 */
export type CommitOutcome = 'committed' | 'duplicate' | 'conflict';

class RevisionConflict extends Error {}
class DuplicateDelivery extends Error {}

/** Writes one turn in one transaction; any other failure is thrown. */
export async function commitTurn(db: Db, write: TurnWrite, now: Date): Promise<CommitOutcome> {
  try {
    await db.transaction().execute(async (trx) => {
      if (write.dedupKey !== undefined) {
        // The delivery key goes first: a duplicate here (and only here) means a redelivered update.
        await markProcessed(trx, write.channel, write.dedupKey, now).catch((err) => {
          throw isDuplicateKey(err) ? new DuplicateDelivery() : err;
        });
      }
      if (write.effects && write.effects.length > 0) {
        if (!write.scope || !write.author) throw new Error('effects need a scope and an author');
        await applyEffects(trx, write.scope, write.author, write.effects, now);
      }
      const s = write.session;
      if (s && !(await saveDialog(trx, s.key, s.state, s.revision, now))) throw new RevisionConflict();
    });
    return 'committed';
  } catch (err) {
    if (err instanceof DuplicateDelivery) return 'duplicate';
    if (err instanceof RevisionConflict || isRetryableConflict(err)) return 'conflict';
    throw err;
  }
}
