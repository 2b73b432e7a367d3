/**
 * Guessing invite and link codes is slow and seen: wrong codes are counted per account (a Telegram
 * or Zalo identity) and for the whole bot in a sliding window; past either limit no code is even
 * looked up until the window has moved on, and the person is told how long to wait. Log lines name
 * the account, never the code. Per process: with several instances each keeps its own counts (a
 * guesser spread over them still meets every instance's limits).
 */
import type { Identity } from '../domain/access.js';
import type { Reply } from '../domain/dialog/protocol.js';
import { msg } from '../domain/messages/index.js';
import type { AppDeps } from './types.js';

export interface CodeGuardLimits {
  /** Wrong codes one account may send in a window. Default 5. */
  perAccount: number;
  /** Wrong codes the whole bot accepts in a window, all accounts together. Default 100. */
  bot: number;
  /** The window, in ms. Default 10 minutes. */
  windowMs: number;
}

export const DEFAULT_CODE_LIMITS: CodeGuardLimits = { perAccount: 5, bot: 100, windowMs: 10 * 60_000 };

/** Accounts remembered at most; the oldest are forgotten first (a flood of new accounts stays bounded). */
const MAX_ACCOUNTS = 10_000;

export type CodeBlock = { scope: 'account' | 'bot'; minutes: number };

export interface CodeGuard {
  /** Whether `who` may try a code now; the block and how many minutes are left when not. */
  check(who: Identity, now: Date): CodeBlock | undefined;
  /** A code that matched nothing; returns how many wrong codes this account sent in the window. */
  wrong(who: Identity, now: Date): number;
  /** A code that worked: the account's count starts again. */
  passed(who: Identity): void;
}

export function createCodeGuard(limits: Partial<CodeGuardLimits> = {}): CodeGuard {
  const l = { ...DEFAULT_CODE_LIMITS, ...limits };
  const accounts = new Map<string, number[]>();
  let botWide: number[] = [];
  const keyOf = (who: Identity) => `${who.channel}:${who.externalId}`;
  const recent = (times: number[], now: number) => times.filter((t) => now - t < l.windowMs);
  const minutesLeft = (oldest: number, now: number) =>
    Math.max(1, Math.ceil((oldest + l.windowMs - now) / 60_000));

  return {
    check(who, now) {
      const t = now.getTime();
      botWide = recent(botWide, t);
      const mine = recent(accounts.get(keyOf(who)) ?? [], t);
      if (mine.length >= l.perAccount) return { scope: 'account', minutes: minutesLeft(mine[0] ?? t, t) };
      if (botWide.length >= l.bot) return { scope: 'bot', minutes: minutesLeft(botWide[0] ?? t, t) };
      return undefined;
    },
    wrong(who, now) {
      const t = now.getTime();
      const key = keyOf(who);
      const mine = [...recent(accounts.get(key) ?? [], t), t];
      accounts.delete(key);
      accounts.set(key, mine);
      if (accounts.size > MAX_ACCOUNTS) accounts.delete(accounts.keys().next().value as string);
      botWide.push(t);
      return mine.length;
    },
    passed(who) {
      accounts.delete(keyOf(who));
    },
  };
}

/** For onboard(): the reply refusing a code unread when too many wrong ones came, else undefined. */
export function refuseGuess(deps: AppDeps, who: Identity, now: Date): Reply[] | undefined {
  const blocked = deps.codeGuard?.check(who, now);
  if (!blocked) return undefined;
  deps.logger?.warn(
    { channel: who.channel, externalId: who.externalId, scope: blocked.scope },
    'code refused unread: too many wrong codes',
  );
  const text =
    blocked.scope === 'account' ? msg.codeTriesAccount(blocked.minutes) : msg.codeTriesBot(blocked.minutes);
  return [{ text }];
}

/** For onboard(): a code that matched nothing (counted and logged, the account and never the code), or one that worked. */
export function countGuess(deps: AppDeps, who: Identity, now: Date, outcome: 'wrong' | 'passed'): void {
  if (outcome === 'passed') {
    deps.codeGuard?.passed(who);
    return;
  }
  const wrongInWindow = deps.codeGuard?.wrong(who, now);
  deps.logger?.info(
    { channel: who.channel, externalId: who.externalId, wrongInWindow },
    'wrong invite or link code',
  );
}
