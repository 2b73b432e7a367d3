import type { Sender } from '../app/types.js';

export type { Sender };

/** A running channel: how to reach its users, and how to stop it. */
export interface RunningChannel {
  readonly sender: Sender;
  stop(): Promise<void>;
}
