import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { listQuestions } from '../domain/catalog/load.js';
import type { Framework, Question } from '../domain/catalog/types.js';
import { findInviteCode, INVITE_ALPHABET, INVITE_LENGTH } from '../domain/dialog/invite.js';
import { restoreState } from '../domain/dialog/state.js';
import { type Inbound, periodsNeeded, type Reply, step } from '../domain/dialog/step.js';
import { vi } from '../domain/messages/vi.js';
import type { CalendarConfig } from '../domain/periods/deadlines.js';
import { currentQuarter, periodKey } from '../domain/periods/periods.js';
import {
  type AdHocDeadline,
  type CalendarOverride,
  type Deadline,
  deadlinesAround,
} from '../domain/reminders/calendar.js';
import { applyEffects, loadAnswers, loadEvidenceCounts } from '../storage/answers.js';
import type { Db } from '../storage/db.js';
import { loadDialog, saveDialog } from '../storage/dialog.js';
import { findOfficerByIdentity, type Identity, redeemInvite, redeemLinkCode } from '../storage/officers.js';
import { getReminderSettings, listAdHocDeadlines, listCalendarOverrides } from '../storage/reminders.js';
import { findUnitById } from '../storage/units.js';
import { isProcessed, markProcessed } from '../storage/updates.js';

export interface EngineDeps {
  db: Db;
  frameworks: ReadonlyMap<string, Framework>;
  clock: () => Date;
  calendar: CalendarConfig;
  logger?: Logger;
  /** Draws a random code (invite alphabet); tests may fix it. */
  randomCode?: () => string;
}

export interface HandleOptions {
  /**
   * A delivery key (Telegram update_id, Zalo message_id). An update whose key was already
   * processed gets no reply and changes nothing; the key is stored in the same transaction as
   * the update's effects, so a crash never leaves one without the other.
   */
  dedupKey?: string;
}

/** The question a session is waiting on: an answer (`asking`) or its khó khăn, đề xuất (`difficulty`). */
export interface Waiting {
  mode: 'asking' | 'difficulty';
  period: string;
  key: string;
}

export interface Engine {
  /** Handles one message: load → step → persist (one transaction) → the replies to send. */
  handle(who: Identity, input: string | Inbound, opts?: HandleOptions): Promise<Reply[]>;
  /** Reads (never writes) what the officer's dialog waits on; channels use it to spot a stale button. */
  waitingFor(who: Identity): Promise<Waiting | undefined>;
}

class RevisionConflict extends Error {}

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

  /** The deadlines of a province from now on; the ad-hoc ones and overrides are re-read at most once a minute. */
  async function upcomingFor(province: string, now: Date): Promise<Deadline[]> {
    if (now.getTime() - calendarCache.at > 60_000 || now.getTime() < calendarCache.at) {
      calendarCache.overrides = await listCalendarOverrides(deps.db);
      calendarCache.adHoc = await listAdHocDeadlines(deps.db);
      calendarCache.at = now.getTime();
    }
    return deadlinesAround(now, province, {
      base: deps.calendar,
      overrides: calendarCache.overrides,
      adHoc: calendarCache.adHoc,
      pastDays: 0,
      futureDays: 400,
    });
  }

  async function onboard(who: Identity, input: Inbound, now: Date): Promise<Reply[]> {
    const code = input.type === 'text' ? findInviteCode(input.text) : undefined;
    if (!code) return [{ text: vi.welcomeUnknown() }];
    const invited = await redeemInvite(deps.db, code, who, now);
    if (invited) {
      const unit = await findUnitById(deps.db, invited.unitId);
      const fw = unit ? deps.frameworks.get(unit.frameworkId) : undefined;
      deps.logger?.info(
        { channel: who.channel, officerId: invited.officerId, unit: unit?.code },
        'officer registered',
      );
      if (!unit || !fw) return [{ text: vi.frameworkMissing(unit?.frameworkId ?? '?') }];
      return [{ text: vi.registered(unit.name, unit.province, fw.name, periodKey(currentQuarter(now))) }];
    }
    const linked = await redeemLinkCode(deps.db, code, who, now);
    if (linked) {
      const unit = await findUnitById(deps.db, linked.unitId);
      deps.logger?.info({ channel: who.channel, officerId: linked.officerId }, 'account linked');
      return [{ text: vi.linked(unit?.name ?? '') }];
    }
    return [{ text: vi.inviteInvalid() }];
  }

  async function handle(who: Identity, raw: string | Inbound, opts: HandleOptions = {}): Promise<Reply[]> {
    const input: Inbound = typeof raw === 'string' ? { type: 'text', text: raw } : raw;
    const now = deps.clock();
    const dedupKey = opts.dedupKey;
    if (dedupKey !== undefined && (await isProcessed(deps.db, who.channel, dedupKey))) {
      deps.logger?.debug({ channel: who.channel, dedupKey }, 'duplicate update ignored');
      return [];
    }
    const officer = await findOfficerByIdentity(deps.db, who);
    if (!officer) {
      if (dedupKey !== undefined) {
        try {
          await markProcessed(deps.db, who.channel, dedupKey, now);
        } catch (err) {
          if (isUniqueViolation(err)) return [];
          throw err;
        }
      }
      return onboard(who, input, now);
    }
    const unit = await findUnitById(deps.db, officer.unitId);
    if (!unit) throw new Error(`officer ${officer.officerId} has no unit ${officer.unitId}`);
    const fw = deps.frameworks.get(unit.frameworkId);
    if (!fw) {
      deps.logger?.error({ unit: unit.code, framework: unit.frameworkId }, 'framework not installed');
      return [{ text: vi.frameworkMissing(unit.frameworkId) }];
    }
    const scope = { unitId: unit.id, frameworkId: fw.id };
    const sessionKey = `officer:${officer.officerId}`;
    const text = input.type === 'text' ? input.text : (input.caption ?? '');

    for (let attempt = 1; ; attempt++) {
      const stored = await loadDialog(deps.db, sessionKey);
      const { state, reset } = restoreState(stored?.state);
      if (reset) deps.logger?.warn({ sessionKey }, 'stale dialog state reset');
      const [deadlines, settings] = await Promise.all([
        upcomingFor(unit.province, now),
        getReminderSettings(deps.db, officer.officerId),
      ]);
      const periods = [
        ...new Set([...periodsNeeded(state, text, now), ...deadlines.slice(0, 4).map((d) => d.period)]),
      ];
      const [answers, evidence] = await Promise.all([
        loadAnswers(deps.db, scope, periods),
        loadEvidenceCounts(deps.db, scope, periods),
      ]);
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
      });
      const unchanged =
        result.effects.length === 0 &&
        !reset &&
        JSON.stringify(result.state) === JSON.stringify(stored?.state);
      if (unchanged && dedupKey === undefined) return result.replies;
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
        return result.replies;
      } catch (err) {
        if (dedupKey !== undefined && isUniqueViolation(err)) return [];
        if (!(err instanceof RevisionConflict) || attempt >= MAX_ATTEMPTS) throw err;
        deps.logger?.debug({ sessionKey, attempt }, 'dialog revision conflict, retrying');
      }
    }
  }

  async function waitingFor(who: Identity): Promise<Waiting | undefined> {
    const officer = await findOfficerByIdentity(deps.db, who);
    if (!officer) return undefined;
    const stored = await loadDialog(deps.db, `officer:${officer.officerId}`);
    const { mode } = restoreState(stored?.state).state;
    if (mode.type !== 'asking' && mode.type !== 'difficulty') return undefined;
    return { mode: mode.type, period: mode.period, key: mode.key };
  }

  return { handle, waitingFor };
}
