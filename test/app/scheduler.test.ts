import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startScheduler } from '../../src/app/scheduler.js';
import { registerOfficer } from '../../src/storage/officers.js';
import { addUnit } from '../../src/storage/units.js';
import { fixedClock, testApp } from '../helpers.js';

describe('the reminder scheduler', () => {
  it('catches up at start with one pass at the current time, and never runs two passes at once', async () => {
    const clock = fixedClock(new Date('2026-12-06T10:00:00+07:00'));
    const app = await testApp(clock);
    const unit = await addUnit(
      app.db,
      { code: 'A', name: 'Xã A', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2023' },
      clock.now(),
    );
    await registerOfficer(app.db, unit.id, { channel: 'zalo', externalId: 'z' }, clock.now());
    const sent: string[] = [];
    const scheduler = startScheduler({
      db: app.db,
      frameworks: app.frameworks,
      calendar: app.calendar,
      senders: new Map([['zalo', { channel: 'zalo', send: async (to: string) => void sent.push(to) }]]),
      clock: clock.now,
      logger: pino({ level: 'silent' }),
    });
    try {
      const [a, b] = await Promise.all([scheduler.tick(), scheduler.tick()]);
      expect(a).toBe(b);
      expect(a?.sent).toBe(1);
      expect(sent).toEqual(['z']);
      expect((await scheduler.tick())?.sent).toBe(0);
    } finally {
      scheduler.stop();
    }
  });
});
