/**
 * Golden transcripts of the dialog, one file a command family (transcripts/*.txt): an officer's
 * (or supervisor's) lines after "> ", and below each the bot's replies exactly as the console shows
 * them. They run against `step()` and `superviseStep()` in memory, with no database.
 *
 * Directives set the scene: "@now 2026-11-22 09:00" (Vietnam time), "@unit AT thanh-hoa-xa-2023
 * Thanh Hóa | Xã Ái Thượng", "@answers [unit] 2026-Q3: 1.1=100; 1.5=có", "@submitted [unit] 2026-Q4",
 * "@quarter-due-day Thanh Hóa | 15", "@adhoc Thanh Hóa | Báo cáo 9 tháng | 2026-Q3 | 2026-09-20",
 * "@history AT | Xã Ái Thượng | 2026-Q3 | 3/4 | 4/4 [| until]" (a predecessor when until is given),
 * "@as officer AT" / "@as supervisor Thanh Hóa" / "@as admin". A "\\n" in an input line is a line
 * break of that message.
 *
 * UPDATE_TRANSCRIPTS=1 npx vitest run test/domain/dialog rewrites the replies from the code: read
 * the diff as a reviewer would before committing it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { World } from './world.js';

const DIR = join(import.meta.dirname, 'transcripts');
const UPDATE = process.env.UPDATE_TRANSCRIPTS === '1';

/** "2026-11-22 09:00" in Vietnam time. */
function vnTime(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!m) throw new Error(`bad time "${text}"`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '09'}:${m[5] ?? '00'}:00+07:00`);
}

type Line =
  | { kind: 'directive'; text: string }
  | { kind: 'input'; text: string; expected: string; at: number };

function parse(source: string): { head: string[]; lines: Line[] } {
  const head: string[] = [];
  const lines: Line[] = [];
  let current: Extract<Line, { kind: 'input' }> | undefined;
  let body: string[] = [];
  const close = () => {
    if (current) current.expected = body.join('\n').replace(/\n+$/, '');
    current = undefined;
    body = [];
  };
  source.split('\n').forEach((raw, i) => {
    if (raw.startsWith('> ') || raw === '>') {
      close();
      current = { kind: 'input', text: raw.slice(2), expected: '', at: i + 1 };
      lines.push(current);
    } else if (raw.startsWith('@')) {
      close();
      lines.push({ kind: 'directive', text: raw.slice(1) });
    } else if (current) {
      body.push(raw);
    } else if (lines.length === 0) {
      head.push(raw);
    }
  });
  close();
  return { head, lines };
}

function direct(world: World, directive: string): void {
  const [name = '', ...rest] = directive.split(' ');
  const arg = rest.join(' ');
  const fields = arg.split('|').map((x) => x.trim());
  switch (name) {
    case 'now':
      world.now = vnTime(arg);
      return;
    case 'unit': {
      const [left = '', unitName = ''] = fields;
      const [code = '', fw = '', ...province] = left.split(' ');
      world.addUnit(code, unitName, province.join(' '), fw);
      return;
    }
    case 'answers': {
      const m = /^(?:(\S+) )?(\d{4}(?:-Q[1-4])?): (.*)$/.exec(arg);
      if (!m) throw new Error(`bad @answers ${arg}`);
      world.answer(m[1], m[2] ?? '', m[3] ?? '');
      return;
    }
    case 'submitted': {
      const m = /^(?:(\S+) )?(\d{4}(?:-Q[1-4])?)$/.exec(arg);
      if (!m) throw new Error(`bad @submitted ${arg}`);
      world.submit(m[1], m[2] ?? '', world.now);
      return;
    }
    case 'quarter-due-day':
      world.overrides.push({ province: fields[0] ?? '', quarterDueDay: Number(fields[1]) });
      return;
    case 'adhoc': {
      const [province = '', title = '', period = '', due = ''] = fields;
      world.adHoc.push({
        id: world.adHoc.length + 1,
        name: title,
        period,
        dueDate: due,
        ...(province === '*' ? {} : { province }),
      });
      return;
    }
    case 'history': {
      const [code = '', unitName = '', period = '', met = '', answered = '', until] = fields;
      const [m, a] = met.split('/').map(Number);
      const [n, t] = answered.split('/').map(Number);
      world.history.push({
        unitCode: code,
        unitName,
        predecessor: until !== undefined,
        ...(until ? { until } : {}),
        period,
        met: m ?? 0,
        applicable: a ?? 0,
        answered: n ?? 0,
        total: t ?? 0,
      });
      return;
    }
    case 'as': {
      const [role = '', ...who] = rest;
      if (role === 'officer')
        world.as = { role: 'officer', unit: world.units.findIndex((u) => u.code === who[0]) };
      else if (role === 'admin') world.as = { role: 'admin' };
      else world.as = { role: 'supervisor', province: who.join(' ') };
      return;
    }
    default:
      throw new Error(`unknown directive @${name}`);
  }
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort();

describe.each(files)('transcript %s', (file) => {
  const path = join(DIR, file);
  const source = readFileSync(path, 'utf8');
  const { head, lines } = parse(source);
  const world = new World(vnTime('2026-11-22 09:00'));
  const actual: string[] = [];
  for (const line of lines) {
    if (line.kind === 'directive') direct(world, line.text);
    else actual.push(world.send(line.text.replace(/\\n/g, '\n')));
  }
  const inputs = lines.filter((l): l is Extract<Line, { kind: 'input' }> => l.kind === 'input');

  if (UPDATE) {
    let i = 0;
    const out = [
      ...head,
      ...lines.map((l) => (l.kind === 'directive' ? `@${l.text}` : `> ${l.text}\n${actual[i++] ?? ''}\n`)),
    ];
    writeFileSync(path, `${out.join('\n').replace(/\n+$/, '')}\n`);
  }

  it.each(inputs.map((l, i) => [l.at, l.text, i] as const))('line %i: "%s"', (_at, _text, i) => {
    expect(actual[i]).toBe(inputs[i]?.expected);
  });
});
