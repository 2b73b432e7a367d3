import type { Reply } from '../domain/dialog/step.js';

/**
 * Sends messages to one messenger on the bot's own initiative (reminders, notices to supervisors).
 * Replies to an incoming message go back through the channel's own handler.
 */
export interface Sender {
  readonly channel: string;
  send(externalId: string, replies: Reply[]): Promise<void>;
}

/** A running channel: how to reach its users, and how to stop it. */
export interface RunningChannel {
  readonly sender: Sender;
  stop(): Promise<void>;
}
