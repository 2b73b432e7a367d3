import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { type Actor, canSeeUnit, canUnlock, scopeLabel } from '../domain/access.js';
import { listQuestions } from '../domain/catalog/load.js';
import type { Framework, Question } from '../domain/catalog/types.js';
import { parseCommand } from '../domain/dialog/intents.js';
import { findInviteCode, INVITE_ALPHABET, INVITE_LENGTH } from '../domain/dialog/invite.js';
import { type DialogState, restoreState } from '../domain/dialog/state.js';
import { type Inbound, periodsNeeded, type Reply, step } from '../domain/dialog/step.js';
import {
  parseSupervisorCommand,
  superviseStep,
  type UnitStatus,
  unitStatusFor,
} from '../domain/dialog/supervisor.js';
import { applicableTotal, evaluateFramework, tally } from '../domain/evaluation/evaluate.js';
import { answerMapOf } from '../domain/evaluation/statuses.js';
import { vi } from '../domain/messages/vi.js';
import type { CalendarConfig } from '../domain/periods/deadlines.js';
import { deadlineFor } from '../domain/periods/deadlines.js';
import { currentQuarter, fromKey, periodKey } from '../domain/periods/periods.js';
import {
  type AdHocDeadline,
  type CalendarOverride,
  calendarFor,
  type Deadline,
  deadlinesAround,
} from '../domain/reminders/calendar.js';
import { buildGapReport } from '../domain/report/gaps.js';
import { applyEffects, loadAnswers, loadEvidenceCounts, loadPeriodAnswerLists } from '../storage/answers.js';
import type { Db } from '../storage/db.js';
import { loadDialog, saveDialog } from '../storage/dialog.js';
import {
  findActorByIdentity,
  type Identity,
  listOfficersOfUnit,
  listOverseers,
  redeemInvite,
  redeemLinkCode,
} from '../storage/officers.js';
import { getReminderSettings, listAdHocDeadlines, listCalendarOverrides } from '../storage/reminders.js';
import { listSubmissionsForPeriod, loadSubmissions, unlockSubmission } from '../storage/submissions.js';
import { findUnitById, listPredecessors, listUnits, type UnitRecord } from '../storage/units.js';
import { markProcessed } from '../storage/updates.js';
import { attachDocuments } from './documents.js';
import { unitHistory } from './history.js';

export interface EngineDeps {
  db: Db;
  frameworks: ReadonlyMap<string, Framework>;
  clock: () => Date;
  calendar: CalendarConfig;
  logger?: Logger;
  /** Draws a random code (invite alphabet); tests may fix it. */
  randomCode?: () => string;
  /** Sends a message on the bot's own initiative (a unit submitted, a report was unlocked). */
  notify?: (who: Identity, replies: Reply[]) => Promise<void>;
}

export interface HandleOptions {
  /**
   * A delivery key (Telegram update_id, Zalo message_id). An update whose key was already
   * processed gets no reply and changes nothing; the key is stored in the same transaction as
   * the update's effects, so a crash never leaves one without the other.
   */
  dedupKey?: string;
  /**
   * For a button tap: whether the tapped question is still the one the dialog waits on. When it
   * says no, nothing is processed and the turn comes back `stale` (the button belongs to a passed question).
   */
  expect?: (waiting: Waiting | undefined) => boolean;
}

/** The question a session is waiting on: an answer (`asking`) or its khó khăn, đề xuất (`difficulty`). */
export interface Waiting {
  mode: 'asking' | 'difficulty';
  period: string;
  key: string;
}

/** What one message led to: the replies, and what the dialog waits on afterwards. */
export interface Turn {
  replies: Reply[];
  waiting: Waiting | undefined;
  /** The `expect` of the options said no: nothing was done. */
  stale?: boolean;
}

export interface Engine {
  /** Handles one message: load → step → persist (one transaction) → the replies to send. */
  handle(who: Identity, input: string | Inbound, opts?: HandleOptions): Promise<Reply[]>;
  /** `handle`, also telling what the dialog waits on afterwards (no second read for the buttons). */
  handleTurn(who: Identity, input: string | Inbound, opts?: HandleOptions): Promise<Turn>;
  /** Reads (never writes) what the officer's dialog waits on; channels use it to spot a stale button. */
  waitingFor(who: Identity): Promise<Waiting | undefined>;
}

class RevisionConflict extends Error {}

/** What a dialog state waits on, if it waits on an answer or a khó khăn. */
function waitingOf(state: DialogState): Waiting | undefined {
  const { mode } = state;
  if (mode.type !== 'asking' && mode.type !== 'difficulty') return undefined;
  return { mode: mode.type, period: mode.period, key: mode.key };
}

const MAX_ATTEMPTS = 5;

/** A random code from the unambiguous invite alphabet. */
export function drawCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === '23505' ||
    /UNIQUE constraint failed: processed_updates/.test(e?.message ?? '')
  );
}

/** A conflict worth running the step again for: another writer got in first, or Postgres broke a deadlock. */
function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return err instanceof RevisionConflict || code === '40P01' || code === '40001';
}

/** The one engine every channel (console, Telegram, Zalo) calls. */
export function createEngine(deps: EngineDeps): Engine {
  const questionCache = new Map<string, Question[]>();
  const questionsOf = (fw: Framework) => {
    let qs = questionCache.get(fw.id);
    if (!qs) {
      qs = listQuestions(fw);
      questionCache.set(fw.id, qs);
    }
    return qs;
  };
  const newCode = deps.randomCode ?? drawCode;
  const calendarCache = { at: 0, overrides: [] as CalendarOverride[], adHoc: [] as AdHocDeadline[] };
  /** Each province's deadlines from the last refresh on, computed once per refresh. */
  const deadlineCache = new Map<string, Deadline[]>();
  const DAY_MS = 86_400_000;

  /** The deadlines of a province from now on; the ad-hoc ones and overrides are re-read at most once a minute. */
  async function upcomingFor(province: string, now: Date): Promise<Deadline[]> {
    if (now.getTime() - calendarCache.at > 60_000 || now.getTime() < calendarCache.at) {
      calendarCache.overrides = await listCalendarOverrides(deps.db);
      calendarCache.adHoc = await listAdHocDeadlines(deps.db);
      calendarCache.at = now.getTime();
      deadlineCache.clear();
    }
    let all = deadlineCache.get(province);
    if (!all) {
      // From the refresh on, a day longer than asked: it serves every message until the next refresh.
      all = deadlinesAround(new Date(calendarCache.at), province, {
        base: deps.calendar,
        overrides: calendarCache.overrides,
        adHoc: calendarCache.adHoc,
        pastDays: 0,
        futureDays: 401,
      });
      deadlineCache.set(province, all);
    }
    const from = now.getTime();
    const to = from + 400 * DAY_MS;
    return all.filter((d) => d.due.getTime() >= from && d.due.getTime() <= to);
  }

  async function welcome(actor: Actor, now: Date): Promise<Reply[]> {
    if (actor.role !== 'officer') return [{ text: vi.supervisorHelp(scopeLabel(actor)) }];
    const unit = await findUnitById(deps.db, actor.unitId);
    const fw = unit ? deps.frameworks.get(unit.frameworkId) : undefined;
    if (!unit || !fw) return [{ text: vi.frameworkMissing(unit?.frameworkId ?? '?') }];
    return [{ text: vi.registered(unit.name, unit.province, fw.name, periodKey(currentQuarter(now))) }];
  }

  async function onboard(who: Identity, input: Inbound, now: Date): Promise<Reply[]> {
    const code = input.type === 'text' ? findInviteCode(input.text) : undefined;
    if (!code) return [{ text: vi.welcomeUnknown() }];
    const invited = await redeemInvite(deps.db, code, who, now);
    if (invited) {
      deps.logger?.info(
        { channel: who.channel, personId: invited.personId, role: invited.role },
        'person registered',
      );
      return welcome(invited, now);
    }
    const linked = await redeemLinkCode(deps.db, code, who, now);
    if (linked) {
      deps.logger?.info({ channel: who.channel, personId: linked.personId }, 'account linked');
      if (linked.role !== 'officer') return welcome(linked, now);
      const unit = await findUnitById(deps.db, linked.unitId);
      return [{ text: vi.linked(unit?.name ?? '') }];
    }
    return [{ text: vi.inviteInvalid() }];
  }

  /** Tells the supervisors of a unit (and its admins) that it submitted a period. */
  async function announceSubmission(
    unit: UnitRecord,
    fw: Framework,
    period: string,
    now: Date,
  ): Promise<void> {
    if (!deps.notify) return;
    const scope = { unitId: unit.id, frameworkId: fw.id };
    const [answers, submissions] = await Promise.all([
      loadAnswers(deps.db, scope, [period]),
      loadSubmissions(deps.db, scope, [period]),
    ]);
    const t = tally(evaluateFramework(fw, answers.get(period) ?? new Map()));
    const sub = submissions.get(period);
    const text = vi.unitSubmitted(
      unit.name,
      unit.code,
      period,
      now,
      sub?.onTime ?? true,
      t.met,
      applicableTotal(t),
    );
    for (const person of await listOverseers(deps.db, unit)) {
      for (const identity of person.identities) await deps.notify(identity, [{ text }]);
    }
    if ((await listOverseers(deps.db, unit)).length === 0) {
      deps.logger?.info({ unit: unit.code, period }, 'unit submitted; no supervisor to tell yet');
    }
  }

  async function supervise(
    actor: Exclude<Actor, { role: 'officer' }>,
    input: Inbound,
    now: Date,
  ): Promise<Reply[]> {
    if (input.type !== 'text') return [{ text: vi.textOnly() }];
    const cmd = parseSupervisorCommand(input.text, now);
    if (cmd.type === 'help') return [{ text: vi.supervisorHelp(scopeLabel(actor)) }];
    const units = (await listUnits(deps.db)).filter((u) => canSeeUnit(actor, u));
    const [answers, submissions] = await Promise.all([
      loadPeriodAnswerLists(deps.db, cmd.period),
      listSubmissionsForPeriod(deps.db, cmd.period),
    ]);
    const answersOf = (u: UnitRecord) => answerMapOf(answers.get(`${u.id}|${u.frameworkId}`));
    const statuses: UnitStatus[] = [];
    const statusOf = new Map<string, ReturnType<typeof unitStatusFor>>();
    const none = { keys: [], answers: [] };
    for (const u of units) {
      const fw = deps.frameworks.get(u.frameworkId);
      if (!fw) continue;
      let of = statusOf.get(fw.id);
      if (!of) {
        of = unitStatusFor(fw);
        statusOf.set(fw.id, of);
      }
      statuses.push(of(u, answers.get(`${u.id}|${u.frameworkId}`) ?? none, submissions.get(u.id)));
    }
    const drilled =
      cmd.type === 'unit'
        ? units.find((u) => u.code.toLowerCase() === cmd.unitCode.toLowerCase())
        : undefined;
    const history =
      drilled && (await listPredecessors(deps.db, drilled.code)).length > 0
        ? vi.history(drilled.name, await unitHistory(deps.db, deps.frameworks, drilled))
        : undefined;
    const result = superviseStep(cmd, {
      now,
      scopeLabel: scopeLabel(actor),
      units: statuses,
      ...(history ? { history } : {}),
      gapReport: (code) => {
        const u = units.find((x) => x.code.toLowerCase() === code.toLowerCase());
        const fw = u ? deps.frameworks.get(u.frameworkId) : undefined;
        return u && fw
          ? buildGapReport(fw, { code: u.code, name: u.name, province: u.province }, cmd.period, answersOf(u))
          : undefined;
      },
    });
    if (result.unlock) {
      const unlock = result.unlock;
      const unit = units.find((u) => u.code === unlock.unitCode);
      if (unit && canUnlock(actor, unit)) {
        await unlockSubmission(
          deps.db,
          { unitId: unit.id, frameworkId: unit.frameworkId },
          unlock.period,
          actor.personId,
          now,
        );
        if (deps.notify) {
          for (const officer of await listOfficersOfUnit(deps.db, unit.id)) {
            for (const identity of officer.identities)
              await deps.notify(identity, [{ text: vi.unlockedForOfficer(unlock.period) }]);
          }
        }
      }
    }
    return attachDocuments(
      result.replies,
      async (req) => {
        const unit = units.find((u) => u.code === req.unitCode);
        const fw = unit ? deps.frameworks.get(unit.frameworkId) : undefined;
        return unit && fw && canSeeUnit(actor, unit) ? { unit, fw } : undefined;
      },
      deps.db,
      now,
    );
  }

  async function handleTurn(who: Identity, raw: string | Inbound, opts: HandleOptions = {}): Promise<Turn> {
    const input: Inbound = typeof raw === 'string' ? { type: 'text', text: raw } : raw;
    const now = deps.clock();
    const dedupKey = opts.dedupKey;
    const none: Turn = { replies: [], waiting: undefined };
    // A delivery already processed is not looked up first: storing its key in the transaction of its
    // effects fails on a duplicate, which then changes nothing and gets no reply (one query less for
    // every message; a redelivery is rare).
    const actor = await findActorByIdentity(deps.db, who);
    if (actor?.role !== 'officer') {
      if (opts.expect && !opts.expect(undefined)) return { ...none, stale: true };
      if (dedupKey !== undefined) {
        try {
          await markProcessed(deps.db, who.channel, dedupKey, now);
        } catch (err) {
          if (isUniqueViolation(err)) return none;
          throw err;
        }
      }
      const replies = actor ? await supervise(actor, input, now) : await onboard(who, input, now);
      return { replies, waiting: undefined };
    }
    const officer = { officerId: actor.personId, unitId: actor.unitId };
    const unit = await findUnitById(deps.db, officer.unitId);
    if (!unit) throw new Error(`officer ${officer.officerId} has no unit ${officer.unitId}`);
    const fw = deps.frameworks.get(unit.frameworkId);
    if (!fw) {
      deps.logger?.error({ unit: unit.code, framework: unit.frameworkId }, 'framework not installed');
      return { replies: [{ text: vi.frameworkMissing(unit.frameworkId) }], waiting: undefined };
    }
    const scope = { unitId: unit.id, frameworkId: fw.id };
    const sessionKey = `officer:${officer.officerId}`;
    const text = input.type === 'text' ? input.text : (input.caption ?? '');

    for (let attempt = 1; ; attempt++) {
      const stored = await loadDialog(deps.db, sessionKey);
      const { state, reset } = restoreState(stored?.state);
      if (reset) deps.logger?.warn({ sessionKey }, 'stale dialog state reset');
      if (opts.expect && !opts.expect(waitingOf(state)))
        return { replies: [], waiting: waitingOf(state), stale: true };
      const [deadlines, settings] = await Promise.all([
        upcomingFor(unit.province, now),
        getReminderSettings(deps.db, officer.officerId),
      ]);
      const periods = [
        ...new Set([...periodsNeeded(state, text, now), ...deadlines.slice(0, 4).map((d) => d.period)]),
      ];
      const [answers, evidence, submissions] = await Promise.all([
        loadAnswers(deps.db, scope, periods),
        loadEvidenceCounts(deps.db, scope, periods),
        loadSubmissions(deps.db, scope, periods),
      ]);
      const calendar = calendarFor(unit.province, deps.calendar, calendarCache.overrides);
      const wantsHistory = input.type === 'text' && parseCommand(input.text, now, false)?.type === 'history';
      const history = wantsHistory
        ? vi.history(unit.name, await unitHistory(deps.db, deps.frameworks, unit))
        : undefined;
      const result = step(state, input, {
        now,
        framework: fw,
        questions: questionsOf(fw),
        unit: { code: unit.code, name: unit.name, province: unit.province },
        answers,
        evidence,
        calendar: deps.calendar,
        newCode: newCode(),
        reminders: { ...settings, deadlines: deadlines.slice(0, 4) },
        submissions,
        ...(history ? { history } : {}),
        dueOf: (period) => {
          const p = fromKey(period);
          return p ? deadlineFor(p, calendar).due : undefined;
        },
      });
      const unchanged =
        result.effects.length === 0 &&
        !reset &&
        JSON.stringify(result.state) === JSON.stringify(stored?.state);
      const finish = async (): Promise<Turn> => {
        const submitted = result.effects.find((e) => e.type === 'submit');
        if (submitted) {
          await announceSubmission(unit, fw, submitted.period, now).catch((err) =>
            deps.logger?.error(
              { err: (err as Error).message, unit: unit.code },
              'could not tell the supervisors',
            ),
          );
        }
        const replies = await attachDocuments(
          result.replies,
          async (req) => (req.unitCode && req.unitCode !== unit.code ? undefined : { unit, fw }),
          deps.db,
          now,
        );
        return { replies, waiting: waitingOf(result.state) };
      };
      if (unchanged && dedupKey === undefined) return finish();
      try {
        await deps.db.transaction().execute(async (trx) => {
          if (dedupKey !== undefined) await markProcessed(trx, who.channel, dedupKey, now);
          if (unchanged) return;
          await applyEffects(
            trx,
            scope,
            { officerId: officer.officerId, channel: who.channel },
            result.effects,
            now,
          );
          if (!(await saveDialog(trx, sessionKey, result.state, stored?.revision ?? 0, now))) {
            throw new RevisionConflict();
          }
        });
        return finish();
      } catch (err) {
        if (dedupKey !== undefined && isUniqueViolation(err)) {
          deps.logger?.debug({ channel: who.channel, dedupKey }, 'duplicate update ignored');
          return none;
        }
        if (!isRetryable(err) || attempt >= MAX_ATTEMPTS) throw err;
        deps.logger?.debug({ sessionKey, attempt }, 'dialog revision conflict, retrying');
      }
    }
  }

  async function waitingFor(who: Identity): Promise<Waiting | undefined> {
    const actor = await findActorByIdentity(deps.db, who);
    if (actor?.role !== 'officer') return undefined;
    const stored = await loadDialog(deps.db, `officer:${actor.personId}`);
    return waitingOf(restoreState(stored?.state).state);
  }

  return {
    handle: async (who, input, opts) => (await handleTurn(who, input, opts)).replies,
    handleTurn,
    waitingFor,
  };
}
