/**
 * `--as <channel:id>`: honoured by every command that acts for a person (their role and scope, as
 * in chat), refused by those that run with the operator's rights, before anything is opened.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/table.js';
import { addUnit, cli, register, tempDir } from './helpers.js';

const dir = tempDir('cds-cli-as-');
const db = join(dir, 'as.sqlite');
const asOfficer = ['--as', 'zalo:officer-at'];
const asQn = ['--as', 'telegram:sup-qn'];
const asAdmin = ['--as', 'telegram:admin'];

beforeAll(async () => {
  await addUnit(db, 'AT', 'Xã Ái Thượng', 'Thanh Hóa', 'thanh-hoa-xa-2023');
  await addUnit(db, 'YN', 'Xã Yên Nhân', 'Thanh Hóa', 'thanh-hoa-xa-2023');
  await addUnit(db, 'BA', 'Xã Bình An', 'Quảng Ngãi', 'ntm-tieu-chi-8');
  await (await register(db, ['--unit', 'AT'], { channel: 'zalo', externalId: 'officer-at' })).close();
  const qn = ['--role', 'supervisor', '--province', 'Quảng Ngãi'];
  await (await register(db, qn, { channel: 'telegram', externalId: 'sup-qn' })).close();
  await (await register(db, ['--role', 'admin'], { channel: 'telegram', externalId: 'admin' })).close();
});

describe('who each command acts for', () => {
  it('is declared for every command, as decided', () => {
    expect(Object.fromEntries(COMMANDS.map((c) => [c.name, c.access]))).toEqual({
      run: 'operator',
      chat: 'person',
      'provinces list': 'operator',
      'provinces check': 'operator',
      'provinces rename': 'operator',
      'provinces set': 'operator',
      'units import': 'operator',
      'units add': 'operator',
      'units list': 'person',
      'units merges': 'operator',
      'units merge': 'operator',
      'units unmerge': 'operator',
      'units history': 'person',
      'units set': 'operator',
      'units frameworks': 'operator',
      'frameworks list': 'operator',
      'frameworks show': 'operator',
      'frameworks import': 'operator',
      'frameworks publish': 'operator',
      'frameworks export': 'operator',
      'frameworks template': 'operator',
      'frameworks targets': 'operator',
      invite: 'person',
      'invites list': 'person',
      'invites revoke': 'person',
      'people list': 'person',
      'people remove': 'person',
      'areas set': 'operator',
      'areas list': 'operator',
      gaps: 'person',
      export: 'person',
      overview: 'person',
      web: 'operator',
      'web-link': 'person',
      import: 'person',
      'deadlines add': 'operator',
      'deadlines list': 'person',
      'deadlines calendar': 'operator',
      'reminders plan': 'operator',
      'reminders run': 'operator',
      backup: 'operator',
    });
  });

  it.each(COMMANDS.filter((c) => c.access === 'operator').map((c) => c.name))(
    '%s refuses --as, saying it runs with the operator’s rights',
    async (name) => {
      // No other option is needed: the refusal comes before the options are checked or the database opened.
      const r = await cli([...name.split(' '), ...asOfficer], join(dir, 'missing', 'never', 'opened.sqlite'));
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        `cds-bot: Lệnh ${name} chạy với quyền của người vận hành, không làm thay người khác: bỏ --as.\n`,
      );
      expect(r.out).toBe('');
      expect(existsSync(join(dir, 'missing'))).toBe(false);
    },
  );
});

describe('invite --as', () => {
  it('refuses an officer any invite, an admin one above all (`invite --role admin --as <officer>`)', async () => {
    for (const args of [
      ['invite', '--role', 'admin'],
      ['invite', '--unit', 'AT'],
      ['invite', '--role', 'supervisor', '--province', 'Thanh Hóa'],
    ]) {
      const r = await cli([...args, ...asOfficer], db);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toBe('cds-bot: Cán bộ báo cáo không được cấp mã mời.\n');
    }
  });

  it('lets a supervisor invite officers of units in scope only, never supervisors or admins', async () => {
    const ok = await cli(['invite', '--unit', 'BA', ...asQn], db);
    expect(ok.code).toBe(0);
    expect(ok.out.trim()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(ok.err).toContain('Mã mời cho cán bộ báo cáo của Xã Bình An (BA)');
    for (const args of [
      ['invite', '--role', 'admin'],
      ['invite', '--role', 'supervisor', '--province', 'Quảng Ngãi'],
    ]) {
      const r = await cli([...args, ...asQn], db);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toContain('Cán bộ giám sát chỉ được cấp mã mời cho cán bộ báo cáo');
    }
    const outOfScope = await cli(['invite', '--unit', 'AT', ...asQn], db);
    const unknown = await cli(['invite', '--unit', 'QQ', ...asQn], db);
    expect(outOfScope.code).toBe(1);
    expect(outOfScope.out).toBe('');
    expect(outOfScope.err).toBe(unknown.err.replace('"QQ"', '"AT"'));
  });

  it('lets an admin invite anyone, as the operator can', async () => {
    const r = await cli(['invite', '--role', 'admin', ...asAdmin], db);
    expect(r.code).toBe(0);
    expect(r.err).toContain('Mã mời cho quản trị');
  });
});

describe('read commands --as', () => {
  it('units list shows only the units the person may see', async () => {
    const codes = async (args: string[]) =>
      (await cli(['units', 'list', ...args], db)).out
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t')[0]);
    expect((await codes([])).sort()).toEqual(['AT', 'BA', 'YN']);
    expect(await codes(asOfficer)).toEqual(['AT']);
    expect(await codes(asQn)).toEqual(['BA']);
    expect((await codes(asAdmin)).sort()).toEqual(['AT', 'BA', 'YN']);
  });

  it('deadlines list shows only the provinces of the units the person may see', async () => {
    const at = ['--at', '01/11/2026'];
    const qn = await cli(['deadlines', 'list', ...at, ...asQn], db);
    expect(qn.code).toBe(0);
    expect(qn.out).toContain('Quảng Ngãi:\n');
    expect(qn.out).not.toContain('Thanh Hóa:');
    const operator = await cli(['deadlines', 'list', ...at], db);
    expect(operator.out).toContain('Thanh Hóa:\n');
    expect(operator.out).toContain('Quảng Ngãi:\n');
    const other = await cli(['deadlines', 'list', '--province', 'Thanh Hóa', ...at, ...asQn], db);
    expect(other.code).toBe(1);
    expect(other.err).toContain('Không có đơn vị nào của Thanh Hóa trong phạm vi được xem.');
  });

  it.each([
    ['gaps', ['gaps']],
    ['export', ['export', '--out', join(dir, 'x.docx')]],
    ['units history', ['units', 'history']],
  ])('%s reads the same for a forbidden unit and an unknown one', async (_name, args) => {
    const forbidden = await cli([...args, '--unit', 'YN', ...asOfficer], db);
    const unknown = await cli([...args, '--unit', 'QQ', ...asOfficer], db);
    expect(forbidden.code).toBe(1);
    expect(forbidden.err).toBe(unknown.err.replace('"QQ"', '"YN"'));
  });
});
