import type { Logger } from 'pino';
import type { Identity } from '../domain/access.js';
import type { Framework } from '../domain/catalog/types.js';
import type { Reply } from '../domain/dialog/protocol.js';
import type { CalendarConfig } from '../domain/periods/deadlines.js';
import type { Db } from '../storage/db.js';
import type { CodeGuard } from './code-guard.js';

/** A document made for a reply: channels that can send files send it, others offer a link. */
export interface OutFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  /**
   * Set when the report still has criteria without an answer: the document is marked "DỰ THẢO"
   * on every page, and whoever sends it should say so first.
   */
  draft?: { unanswered: number };
}

/** A reply as it goes to a channel: the dialog's reply, with the file its document request became. */
export interface Outgoing extends Reply {
  file?: OutFile;
}

/**
 * Sends messages to one messenger on the bot's own initiative (reminders, notices to supervisors).
 * Replies to an incoming message go back through the channel's own handler.
 */
export interface Sender {
  readonly channel: string;
  send(externalId: string, replies: Outgoing[]): Promise<void>;
}

/** What the use cases need: the database, the catalogs, the clock and the base calendar. */
export interface AppDeps {
  db: Db;
  frameworks: ReadonlyMap<string, Framework>;
  clock: () => Date;
  calendar: CalendarConfig;
  logger?: Logger;
  /** Draws a random code (invite alphabet); tests may fix it. */
  randomCode?: () => string;
  /**
   * Sends a message on the bot's own initiative (a unit submitted, a report was unlocked); false
   * when it could not be delivered (no running channel for that account, a failed send).
   */
  notify?: (who: Identity, replies: Outgoing[]) => Promise<boolean | undefined>;
  /** Where the web view is reached ("https://bot.example.vn"): PUBLIC_URL, else this machine's HTTP port. */
  webUrl?: string;
  /** Counts wrong invite and link codes (one per engine when not given). */
  codeGuard?: CodeGuard;
}
