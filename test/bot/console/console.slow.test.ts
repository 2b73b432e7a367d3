/**
 * The console as a newcomer meets it, on a real terminal: tmux runs the built command (as `npm
 * start` does) in a pseudo-terminal, the test types with send-keys and reads the screen with
 * capture-pane. The prompt "Bạn>" shows, what is typed is echoed and can be edited, the up arrow
 * brings a line back; the fresh console user the demo made an officer redeems a supervisor invite
 * and acts as a supervisor; `chat --as` acts as a registered person.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli, register, tempDir } from '../../cli/helpers.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const dir = tempDir('cds-console-tty-');
const sessions: string[] = [];
/**
 * A tmux server of this test run's own: another run on the same machine (or a person's tmux) can
 * neither see its sessions nor stop its server under it by closing its own last session.
 */
const SOCKET = `cds-test-${process.pid}`;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/** Starts the command in a fresh 120×50 terminal; the pane stays after it ends, to be read. */
function start(name: string, db: string, args: string[] = []): string {
  const session = `cds-test-${process.pid}-${name}`;
  const command = `cd ${quote(ROOT)} && CDS_DB=${quote(db)} LOG_LEVEL=silent ${quote(process.execPath)} bin/cds-bot.js ${args.map(quote).join(' ')}; echo "[exit $?]"; sleep 60`;
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '50', command);
  sessions.push(session);
  return session;
}

/** The screen, with its scrollback, lines joined. */
const screen = (session: string) => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', session);

async function waitFor(session: string, text: string | RegExp, timeoutMs = 20_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = screen(session);
    if (typeof text === 'string' ? s.includes(text) : text.test(s)) return s;
    if (Date.now() > until) throw new Error(`no ${String(text)} on the screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Types text (literally) and optional keys after it. */
function type(session: string, text: string, ...keys: string[]): void {
  if (text) tmux('send-keys', '-t', session, '-l', text);
  if (keys.length > 0) tmux('send-keys', '-t', session, ...keys);
}

// The server lives for the whole file: a session of its own keeps it up, since tmux stops a server
// whose last session closed, and the next test's new-session could reach it while it exits.
beforeAll(() => {
  if (hasTmux) tmux('new-session', '-d', '-s', `cds-test-${process.pid}-keep`, 'sleep 600');
});
afterEach(() => {
  for (const s of sessions.splice(0)) spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', s]);
});
afterAll(() => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

describe.skipIf(!hasTmux)('the console on a terminal', () => {
  it('shows the prompt, echoes and edits what is typed, and brings back the last line with the up arrow', async () => {
    const db = join(dir, 'fresh', 'cds.sqlite');
    const s = start('prompt', db);
    await waitFor(s, 'đã tạo đơn vị thử nghiệm "Xã Thử Nghiệm"');
    await waitFor(s, /Bạn> $/m);
    type(s, 'tien dox', 'BSpace', 'Left', 'Left', 'Left');
    type(s, 'n');
    await waitFor(s, 'Bạn> tienn do');
    type(s, '', 'BSpace', 'Enter');
    const after = await waitFor(s, 'Tiến độ quý');
    expect(after).toContain('Bạn> tien do\n');
    expect(after).toContain('• Đã trả lời: 0/33 câu');
    type(s, '', 'Up');
    await waitFor(s, /Bạn> tien do\s*$/);
    type(s, '', 'C-c');
    await waitFor(s, '[exit 0]');
  });

  it('lets the demo officer redeem a supervisor invite and act as the supervisor', async () => {
    const db = join(dir, 'demo', 'cds.sqlite');
    const s = start('supervisor', db);
    await waitFor(s, /Bạn> $/m);
    const invite = await cli(['invite', '--role', 'supervisor', '--province', 'thanh hoa'], db);
    expect(invite.code).toBe(0);
    type(s, invite.out.trim(), 'Enter');
    const switched = await waitFor(s, 'Tài khoản giám sát (tỉnh Thanh Hóa)');
    expect(switched).toContain(
      'Tài khoản này trước đây là cán bộ báo cáo của Xã Thử Nghiệm; từ nay dùng theo mã mời mới.',
    );
    // The code was not taken as an answer.
    expect(switched).not.toContain('Ghi nhận');
    type(s, '/tonghop', 'Enter');
    const overview = await waitFor(s, /Tổng hợp quý [IV]+\/\d{4} · tỉnh Thanh Hóa · 1 đơn vị/);
    // The demo commune's officer account is now the supervisor's: the unit has no officer.
    expect(overview).toContain('Chưa có cán bộ báo cáo đăng ký (1): DEMO');
    type(s, '', 'C-d');
    await waitFor(s, '[exit 0]');
    // The next start knows the console user as a supervisor.
    const again = start('supervisor-again', db);
    await waitFor(again, 'Cửa sổ dòng lệnh đang dùng tài khoản giám sát.');
  });

  it('chat --as acts as a registered person', async () => {
    const db = join(dir, 'as', 'cds.sqlite');
    await cli(
      [
        'units',
        'add',
        '--code',
        '14950',
        '--name',
        'Xã Điền Lư',
        '--province',
        'Thanh Hóa',
        '--framework',
        'thanh-hoa-xa-2023',
      ],
      db,
    );
    const app = await register(db, ['--unit', '14950'], { channel: 'zalo', externalId: 'officer-9' });
    await app.close();
    const s = start('as', db, ['chat', '--as', 'zalo:officer-9']);
    await waitFor(s, 'Cửa sổ dòng lệnh đang làm thay zalo:officer-9 (cán bộ báo cáo)');
    await waitFor(s, /Bạn> $/m);
    type(s, 'tiến độ', 'Enter');
    const progress = await waitFor(s, 'Tiến độ quý');
    expect(progress).toContain('• Đã trả lời: 0/4 câu');
    type(s, '', 'C-c');
    await waitFor(s, '[exit 0]');
  });
});
