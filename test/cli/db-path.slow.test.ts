/**
 * CDS_DB under a folder that cannot be created fails at once with what to change. Under /proc,
 * Node's recursive mkdir never returns (it retries the ENOENT forever), so this runs the command in
 * a child process with a time limit: a hang is a failure, not a stuck test run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'cds-bot.js');

function run(db: string, args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, CDS_DB: db, LOG_LEVEL: 'silent' },
    input: '',
    encoding: 'utf8',
    timeout: 15_000,
  });
}

describe('CDS_DB where no folder can be made', () => {
  it.skipIf(!existsSync('/proc/self'))(
    'fails at once under /proc, in a command and in the console chat',
    () => {
      for (const args of [['units', 'list'], []]) {
        const r = run('/proc/cds-no-such-folder/cds.sqlite', args);
        expect(r.error).toBeUndefined();
        expect(r.status).toBe(1);
        expect(r.stderr).toContain(
          'Không tạo được thư mục của cơ sở dữ liệu: /proc/cds-no-such-folder (ENOENT)',
        );
        expect(r.stderr).toContain('CDS_DB');
      }
    },
  );

  it('fails with the same message when a part of the path is a file', () => {
    const r = run(`${BIN}/data/cds.sqlite`, ['units', 'list']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('(ENOTDIR)');
    expect(r.stderr).toContain('CDS_DB');
  });
});
