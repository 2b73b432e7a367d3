import type { Logger } from 'pino';
import { listQuestions } from '../domain/catalog/load.js';
import type { Framework, Question } from '../domain/catalog/types.js';
import { findInviteCode } from '../domain/dialog/invite.js';
import { restoreState } from '../domain/dialog/state.js';
import { periodsNeeded, type Reply, step } from '../domain/dialog/step.js';
import { vi } from '../domain/messages/vi.js';
import type { CalendarConfig } from '../domain/periods/deadlines.js';
import { currentQuarter, periodKey } from '../domain/periods/periods.js';
import { applyEffects, loadAnswers } from '../storage/answers.js';
import type { Db } from '../storage/db.js';
import { loadDialog, saveDialog } from '../storage/dialog.js';
import { findOfficerByIdentity, type Identity, redeemInvite } from '../storage/officers.js';
import { findUnitById } from '../storage/units.js';

export interface EngineDeps {
  db: Db;
  frameworks: ReadonlyMap<string, Framework>;
  clock: () => Date;
  calendar: CalendarConfig;
  logger?: Logger;
}

export interface Engine {
  /** Handles one message: load → step → persist (one transaction) → the replies to send. */
  handle(who: Identity, text: string): Promise<Reply[]>;
}

class RevisionConflict extends Error {}

const MAX_ATTEMPTS = 5;

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

  async function onboard(who: Identity, text: string, now: Date): Promise<Reply[]> {
    const code = findInviteCode(text);
    if (!code) return [{ text: vi.welcomeUnknown() }];
    const officer = await redeemInvite(deps.db, code, who, now);
    if (!officer) return [{ text: vi.inviteInvalid() }];
    const unit = await findUnitById(deps.db, officer.unitId);
    const fw = unit ? deps.frameworks.get(unit.frameworkId) : undefined;
    deps.logger?.info(
      { channel: who.channel, officerId: officer.officerId, unit: unit?.code },
      'officer registered',
    );
    if (!unit || !fw) return [{ text: vi.frameworkMissing(unit?.frameworkId ?? '?') }];
    return [{ text: vi.registered(unit.name, unit.province, fw.name, periodKey(currentQuarter(now))) }];
  }

  async function handle(who: Identity, text: string): Promise<Reply[]> {
    const now = deps.clock();
    const officer = await findOfficerByIdentity(deps.db, who);
    if (!officer) return onboard(who, text, now);
    const unit = await findUnitById(deps.db, officer.unitId);
    if (!unit) throw new Error(`officer ${officer.officerId} has no unit ${officer.unitId}`);
    const fw = deps.frameworks.get(unit.frameworkId);
    if (!fw) {
      deps.logger?.error({ unit: unit.code, framework: unit.frameworkId }, 'framework not installed');
      return [{ text: vi.frameworkMissing(unit.frameworkId) }];
    }
    const scope = { unitId: unit.id, frameworkId: fw.id };
    const sessionKey = `officer:${officer.officerId}`;

    for (let attempt = 1; ; attempt++) {
      const stored = await loadDialog(deps.db, sessionKey);
      const { state, reset } = restoreState(stored?.state);
      if (reset) deps.logger?.warn({ sessionKey }, 'stale dialog state reset');
      const answers = await loadAnswers(deps.db, scope, periodsNeeded(state, text, now));
      const result = step(state, text, {
        now,
        framework: fw,
        questions: questionsOf(fw),
        unit: { code: unit.code, name: unit.name, province: unit.province },
        answers,
        calendar: deps.calendar,
      });
      const unchanged =
        result.effects.length === 0 &&
        !reset &&
        JSON.stringify(result.state) === JSON.stringify(stored?.state);
      if (unchanged) return result.replies;
      try {
        await deps.db.transaction().execute(async (trx) => {
          await applyEffects(
            trx,
            scope,
            { officerId: officer.officerId, channel: who.channel },
            result.effects,
            now,
          );
          if (!(await saveDialog(trx, sessionKey, result.state, stored?.revision ?? 0, now)))
            throw new RevisionConflict();
        });
        return result.replies;
      } catch (err) {
        if (!(err instanceof RevisionConflict) || attempt >= MAX_ATTEMPTS) throw err;
        deps.logger?.debug({ sessionKey, attempt }, 'dialog revision conflict, retrying');
      }
    }
  }

  return { handle };
}
