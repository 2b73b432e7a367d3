/** One incoming message from any channel, routed by who sent it: an officer, a supervisor, or a stranger. */
import type { Identity } from '../domain/access.js';
import type { Inbound, Waiting } from '../domain/dialog/protocol.js';
import { restoreState } from '../domain/dialog/state.js';
import { waitingOf } from '../domain/dialog/step.js';
import { parseWebCommand } from '../domain/dialog/web.js';
import { safeStrings } from '../domain/safe-text.js';
import { loadDialog } from '../storage/dialog.js';
import { commitTurn } from '../storage/effects.js';
import { isConnectionLost } from '../storage/errors.js';
import { findActorByIdentity } from '../storage/officers.js';
import { type CalendarCache, createCalendarCache } from './calendars.js';
import { createCodeGuard } from './code-guard.js';
import { officerTurn, sessionKey } from './officer-turn.js';
import { onboard, redeemAsKnown, usableInviteIn } from './onboarding.js';
import { superviseTurn } from './supervisor-turn.js';
import type { AppDeps, Outgoing } from './types.js';
import { webChatTurn } from './web.js';

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

/** What one message led to: the replies, and what the dialog waits on afterwards. */
export interface Turn {
  replies: Outgoing[];
  waiting: Waiting | undefined;
  /** The `expect` of the options said no: nothing was done. */
  stale?: boolean;
}

/** The use cases every channel (console, Telegram, Zalo) calls. */
export interface Engine {
  /** Handles one message: load → step → persist (one transaction) → the replies to send. */
  handle(who: Identity, input: string | Inbound, opts?: HandleOptions): Promise<Outgoing[]>;
  /** `handle`, also telling what the dialog waits on afterwards (no second read for the buttons). */
  handleTurn(who: Identity, input: string | Inbound, opts?: HandleOptions): Promise<Turn>;
  /** Reads (never writes) what the officer's dialog waits on; channels use it to spot a stale button. */
  waitingFor(who: Identity): Promise<Waiting | undefined>;
}

/** One message, whoever sent it. */
export async function handleTurn(
  deps: AppDeps,
  calendars: CalendarCache,
  from: Identity,
  raw: string | Inbound,
  opts: HandleOptions = {},
): Promise<Turn> {
  // What a person sends is stored nowhere, nor read, with lone surrogates or control characters.
  const input: Inbound = safeStrings(typeof raw === 'string' ? { type: 'text', text: raw } : raw);
  const who = safeStrings(from);
  // A delivery already processed is not looked up first: storing its key in the transaction of its
  // effects fails on a duplicate, which then changes nothing and gets no reply (one query less for
  // every message; a redelivery is rare).
  const actor = await findActorByIdentity(deps.db, who);
  // A registered person who sends nothing but a usable invite code takes the invite (a console
  // user the demo made an officer becomes a supervisor): never read as an answer.
  const invite =
    actor && input.type === 'text' ? await usableInviteIn(deps, input.text, deps.clock()) : undefined;
  // "web" and "đăng xuất web" from anyone registered, whatever their dialog waits on.
  const web = actor && !invite && input.type === 'text' ? parseWebCommand(input.text) : undefined;
  if (actor?.role === 'officer' && !invite && !web)
    return officerTurn(deps, calendars, actor, who, input, opts);
  if (opts.expect && !opts.expect(undefined)) return { replies: [], waiting: undefined, stale: true };
  if (opts.dedupKey !== undefined) {
    const outcome = await commitTurn(
      deps.db,
      { channel: who.channel, dedupKey: opts.dedupKey },
      deps.clock(),
    );
    if (outcome === 'duplicate') return { replies: [], waiting: undefined };
  }
  const now = deps.clock();
  const replies =
    actor && web
      ? await webChatTurn(deps, actor, web, now)
      : actor && invite
        ? await redeemAsKnown(deps, actor, who, invite, now)
        : actor && actor.role !== 'officer'
          ? await superviseTurn(deps, actor, input, now)
          : await onboard(deps, who, input, now);
  return { replies, waiting: undefined };
}

/** What an officer's dialog waits on (read only). */
export async function waitingFor(deps: AppDeps, who: Identity): Promise<Waiting | undefined> {
  const actor = await findActorByIdentity(deps.db, who);
  if (actor?.role !== 'officer') return undefined;
  const stored = await loadDialog(deps.db, sessionKey(actor.personId));
  return waitingOf(restoreState(stored?.state).state);
}

/** The engine the channels hold: the use cases bound to their dependencies. */
export function createEngine(given: AppDeps): Engine {
  const deps: AppDeps = { ...given, codeGuard: given.codeGuard ?? createCodeGuard() };
  const calendars = createCalendarCache(deps.db, deps.calendar, deps.frameworks);
  /**
   * A turn whose database connection was lost runs once more, on a fresh connection. When the first
   * run had in fact committed, the second finds its delivery key and has nothing to say: the original
   * error then goes to the channel, which apologises (the answer is stored).
   */
  const turn = async (who: Identity, input: string | Inbound, opts?: HandleOptions): Promise<Turn> => {
    try {
      return await handleTurn(deps, calendars, who, input, opts);
    } catch (err) {
      if (!isConnectionLost(err)) throw err;
      deps.logger?.warn(
        { err: (err as Error).message },
        'database connection lost during a turn; running it again',
      );
      const again = await handleTurn(deps, calendars, who, input, opts);
      if (again.replies.length === 0 && !again.stale) throw err;
      return again;
    }
  };
  return {
    handle: async (who, input, opts) => (await turn(who, input, opts)).replies,
    handleTurn: turn,
    waitingFor: (who) => waitingFor(deps, who),
  };
}
