/**
 * A small province for the web view's tests: three communes of Thanh Hóa (one submitted on time,
 * one late, one reporting), one with no officer, one in Quảng Ngãi; a province supervisor, an area
 * supervisor, an admin, the officers; every answer sent through the chat as officers send them.
 */
import type { App } from '../../src/app/create-app.js';
import type { AppDeps } from '../../src/app/types.js';
import { registerPerson, setArea } from '../../src/storage/officers.js';
import { recordSubmission } from '../../src/storage/submissions.js';
import { addUnit } from '../../src/storage/units.js';
import { fixedClock, say, testApp, withOfficer } from '../helpers.js';

export const vn = (iso: string) => new Date(`${iso}+07:00`);
const TH = (code: string, name: string) => ({
  code,
  name,
  province: 'Thanh Hóa',
  frameworkId: 'thanh-hoa-xa-2022',
});

export const PEOPLE = {
  provinceSupervisor: { channel: 'telegram', externalId: 'sup-th', displayName: 'Lê Văn Sở' },
  areaSupervisor: { channel: 'zalo', externalId: 'sup-area' },
  otherSupervisor: { channel: 'telegram', externalId: 'sup-qn' },
  admin: { channel: 'console', externalId: 'admin' },
  officerAT: { channel: 'zalo', externalId: 'officer-at', displayName: 'Nguyễn Thị Hoa' },
  officerYN: { channel: 'zalo', externalId: 'officer-yn' },
  officerTT: { channel: 'telegram', externalId: 'officer-tt' },
  officerBA: { channel: 'zalo', externalId: 'officer-ba' },
};

export async function webProvince(): Promise<{
  app: App;
  deps: AppDeps;
  clock: ReturnType<typeof fixedClock>;
}> {
  const clock = fixedClock(vn('2026-12-05T09:00'));
  const app = await testApp(clock);
  const at = await withOfficer(app, PEOPLE.officerAT, TH('AT', 'Xã Ái Thượng'));
  const yn = await withOfficer(app, PEOPLE.officerYN, TH('YN', 'Xã Yên Nhân'));
  await withOfficer(app, PEOPLE.officerTT, TH('TT', 'Xã Tân Thành'));
  await addUnit(app.db, TH('XL', 'Xã Xuân Lộc'), clock.now());
  await withOfficer(app, PEOPLE.officerBA, {
    code: 'BA',
    name: 'Xã Bình An',
    province: 'Quảng Ngãi',
    frameworkId: 'ntm-tieu-chi-8',
  });
  const now = clock.now();
  await registerPerson(app.db, { role: 'supervisor', province: 'Thanh Hóa' }, PEOPLE.provinceSupervisor, now);
  await setArea(app.db, 'Cụm Bá Thước', ['AT', 'TT']);
  await registerPerson(app.db, { role: 'supervisor', area: 'Cụm Bá Thước' }, PEOPLE.areaSupervisor, now);
  await registerPerson(app.db, { role: 'supervisor', province: 'Quảng Ngãi' }, PEOPLE.otherSupervisor, now);
  await registerPerson(app.db, { role: 'admin' }, PEOPLE.admin, now);
  // Last quarter: Ái Thượng answered two criteria.
  clock.set(vn('2026-09-01T09:00'));
  await say(app, PEOPLE.officerAT, '1.1 100; 1.2 90');
  clock.set(vn('2026-12-05T09:00'));
  await say(app, PEOPLE.officerAT, '1.1 100; 1.2 95; 1.3 có');
  await say(app, PEOPLE.officerAT, '1.2 95% - Thiếu máy tính. Đề nghị huyện hỗ trợ 2 máy');
  await say(app, PEOPLE.officerYN, '1.1 80');
  await say(app, PEOPLE.officerTT, '1.1 100');
  const scope = (u: { id: number; frameworkId: string }) => ({ unitId: u.id, frameworkId: u.frameworkId });
  await recordSubmission(
    app.db,
    scope(at.unit),
    '2026-Q4',
    null,
    vn('2026-12-05T10:00'),
    vn('2026-12-11T23:59:59'),
  );
  await recordSubmission(
    app.db,
    scope(yn.unit),
    '2026-Q4',
    null,
    vn('2026-12-12T10:00'),
    vn('2026-12-11T23:59:59'),
  );
  const deps: AppDeps = {
    db: app.db,
    frameworks: app.frameworks,
    clock: clock.now,
    calendar: app.calendar,
    webUrl: 'https://cds.example.vn',
  };
  return { app, deps, clock };
}
