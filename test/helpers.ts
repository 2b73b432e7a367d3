import { pino } from 'pino';
import { type App, createApp } from '../src/app/create-app.js';
import { parseConfig } from '../src/config.js';
import type { Effect } from '../src/domain/dialog/protocol.js';
import { renderPlain } from '../src/domain/dialog/render.js';
import type { AnswerScope } from '../src/storage/answers.js';
import type { Db } from '../src/storage/db.js';
import { writeEffects } from '../src/storage/effects.js';
import type { Identity } from '../src/storage/officers.js';
import { registerOfficer } from '../src/storage/officers.js';
import { addUnit } from '../src/storage/units.js';

/** 22/11/2026 09:00 in Vietnam: inside quý IV/2026, 19 days before its deadline (11/12). */
export const FIXED_NOW = new Date('2026-11-22T02:00:00Z');

/** A mutable clock for tests. */
export function fixedClock(start: Date = FIXED_NOW) {
  let now = start;
  return {
    now: () => now,
    set: (d: Date) => {
      now = d;
    },
  };
}

/** A real app on SQLite :memory: with the real migrations and catalogs, a fixed clock and no logs. */
export async function testApp(clock = fixedClock(), dbPath = ':memory:'): Promise<App> {
  return createApp(parseConfig({ CDS_DB: dbPath }), { clock: clock.now, logger: pino({ level: 'silent' }) });
}

/** Adds a unit and registers `who` as its officer. */
export async function withOfficer(
  app: App,
  who: Identity = { channel: 'console', externalId: 'tester' },
  unit = { code: 'X1', name: 'Xã Ái Thượng', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
) {
  const u = await addUnit(app.db, unit, app.clock());
  await registerOfficer(app.db, u.id, who, app.clock());
  return { unit: u, who };
}

/** Sends one message and returns the replies as the console shows them, joined. */
export async function say(app: App, who: Identity, text: string): Promise<string> {
  const replies = await app.engine.handle(who, text);
  return replies.map(renderPlain).join('\n\n');
}

/** Stores effects (answers) for a unit as an operator's import does: one transaction, no officer. */
export async function storeAsImport(db: Db, scope: AnswerScope, effects: Effect[], now: Date): Promise<void> {
  await writeEffects(db, scope, { officerId: null, channel: 'import' }, effects, now);
}
