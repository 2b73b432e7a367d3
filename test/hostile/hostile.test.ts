/**
 * Hostile input through the engine: generated messages (very long, control characters, NUL, RTL
 * marks, emoji, SQL-looking text, numbers with many separators, 1e309, -0, numerator > denominator,
 * unknown codes after "sửa", NFD instead of NFC, empty and whitespace-only) sent in every dialog
 * state: a stranger, an idle officer, a waiting ratio question, a waiting yes/no question, a waiting
 * khó khăn, "sửa" without a code, a supervisor. Every time: no crash, a non-empty Vietnamese reply,
 * and nothing written unless the reply acknowledges it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app/create-app.js';
import type { Reply } from '../../src/domain/dialog/protocol.js';
import { type Identity, registerOfficer, registerPerson } from '../../src/storage/officers.js';
import { addUnit } from '../../src/storage/units.js';
import { testApp } from '../helpers.js';

const FW = 'thanh-hoa-xa-2022';
/** A Vietnamese letter with a diacritic (or đ): every reply the bot writes has one. */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
/**
 * Characters that must never reach the database: C0/C1 controls, bidi and zero-width marks. A lone
 * carriage return is let through here (cleanText keeps it; see the known issue at the end).
 */
function unclean(text: string | null): string[] {
  return [...(text ?? '')].filter((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return (
      (c < 0x20 && c !== 0x0a && c !== 0x0d) ||
      (c >= 0x7f && c <= 0x9f) ||
      (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) ||
      c === 0xfeff
    );
  });
}

type State = 'stranger' | 'idle' | 'ratio' | 'yesno' | 'difficulty' | 'edit_pick' | 'supervisor';
const STATES: State[] = ['stranger', 'idle', 'ratio', 'yesno', 'difficulty', 'edit_pick', 'supervisor'];
/** What an officer types to reach each state (1.1–1.4 are ratios, 1.5 is yes/no). */
const PREFIX: Record<State, string[]> = {
  stranger: [],
  idle: [],
  supervisor: [],
  ratio: ['báo cáo'],
  yesno: ['báo cáo', '20/20', '20/20', '20/20', '20/20'],
  difficulty: ['báo cáo', '1/20'],
  edit_pick: ['báo cáo', '20/20', 'dừng', 'sửa'],
};

let people = 0;
/** A fresh person in the given state; officers of units with the same name, so replies compare. */
async function personIn(app: App, state: State): Promise<{ who: Identity; unitId?: number }> {
  people += 1;
  const who = { channel: 'telegram', externalId: `h${people}` };
  if (state === 'stranger') return { who };
  if (state === 'supervisor') {
    await registerPerson(app.db, { role: 'supervisor', province: 'Thanh Hóa' }, who, app.clock());
    return { who };
  }
  const unit = await addUnit(
    app.db,
    { code: `H${people}`, name: 'Xã Thử Thách', province: 'Thanh Hóa', frameworkId: FW },
    app.clock(),
  );
  await registerOfficer(app.db, unit.id, who, app.clock());
  for (const text of PREFIX[state]) await app.engine.handle(who, text);
  return { who, unitId: unit.id };
}

async function snapshot(app: App, unitId: number | undefined) {
  const count = async (table: 'answers' | 'answer_history') =>
    Number(
      (
        await app.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const rows =
    unitId === undefined
      ? []
      : await app.db.selectFrom('answers').selectAll().where('unit_id', '=', unitId).execute();
  return { answers: await count('answers'), history: await count('answer_history'), rows };
}

const text = (replies: Reply[]) => replies.map((r) => r.text).join('\n\n');
const acknowledged = (replies: Reply[]) =>
  /Ghi nhận |Đã ghi khó khăn|Đã ghi \d+ câu trả lời/.test(text(replies));
const refused = (replies: Reply[]) => /^(Chưa ghi|Chưa hiểu)/m.test(text(replies)) && !acknowledged(replies);

// ---- generators -------------------------------------------------------------------------------

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const controls = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 127, max: 159 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((cs) => String.fromCharCode(...cs));
const bidi = pick([
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2069',
  '\u061c',
]);
const emoji = pick(['😀', '👍🏽', '🇻🇳', '👨‍👩‍👧', '✅', '❌', '🔥', '\ud83d', '\ude00']);
const numberish = pick(['100', '95%', '19/20', '1.000/2.000', '0', '70,5 %', 'khoảng 20%', 'có', 'không']);
const sqlish = pick([
  "'; DROP TABLE answers; --",
  '1 OR 1=1',
  '" OR ""="',
  '100); DELETE FROM answers WHERE (1=1',
  "1.1 100; 1.2 '); DROP TABLE units;--",
  "sửa 1.1' --",
  'SELECT * FROM identities',
  '%00%27%3B',
  ['$', '{process.exit(1)}'].join(''),
  '<b>đạt</b><script>alert(1)</script>',
]);
const separated = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 2, maxLength: 8 }),
    fc.array(pick(['.', ',', ' ', '_', "'", '..', ',,', '. ', '٫']), { minLength: 1, maxLength: 3 }),
    pick(['', '%', ' %', '/100', '/5', ' người']),
  )
  .map(
    ([parts, seps, tail]) =>
      parts.map((p, i) => `${p}${i < parts.length - 1 ? seps[i % seps.length] : ''}`).join('') + tail,
  );
const impossible = [
  '1e309',
  '-1e309',
  '1E309%',
  '1e309/1e309',
  '9'.repeat(400),
  `${'9'.repeat(400)}%`,
  'Infinity',
  '-Infinity',
  'NaN',
  '0x7fffffff',
  '１００％',
  '١٠٠',
];
/** Not a figure, or not a possible one, for a percentage or a ratio. */
const impossibleNumber = pick(impossible);
const huge = pick([...impossible, `0.${'0'.repeat(400)}1%`, '1e-400', '1e3%', `1${'.000'.repeat(100)}`]);
const negativeZero = pick(['-0', '-0%', '−0', '-0,0', '-0/5', '0/-5', '-0/-0', '+0', '- 0', '(0)']);
const overDenominator = fc
  .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1000 }))
  .map(([extra, d]) => `${d + extra}/${d}`);
const unknownEdit = fc
  .oneof(
    pick(['9.9', '1.99', '0', '5.1', 'ZZ', '1.1.1', '1,1', '١.١', '1.1a', '8.4đ', '-1', '1e309', '🙂']),
    fc.string({ maxLength: 12 }),
  )
  .chain((code) => pick([`sửa ${code}`, `sua ${code} 80%`, `/sua ${code}`, `SỬA   ${code}`]));
const nfd = pick([
  'có',
  'không',
  'chưa đạt',
  'đang thực hiện',
  'chưa rõ',
  'báo cáo',
  'bỏ qua',
  'hướng dẫn',
  'tiêu chí nào chưa đạt?',
  'sửa 1.4',
  'khoảng 20%',
  'Thiếu kinh phí, đề nghị hỗ trợ',
]).map((s) => s.normalize('NFD'));
const blank = fc
  .array(pick(['', ' ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u200b', '\ufeff', '\u2028']), {
    maxLength: 6,
  })
  .map((xs) => xs.join(''));
const veryLong = fc
  .tuple(
    fc.oneof(numberish, fc.string({ minLength: 1, maxLength: 6 }), emoji),
    fc.integer({ min: 150, max: 25_000 }),
  )
  .map(([s, n]) => s.repeat(n));
const nearLimit = fc
  .tuple(fc.integer({ min: 995, max: 1005 }), pick(['a', 'đ', '1']))
  .map(([n, c]) => c.repeat(n));
/** A plausible message with hostile characters spliced in. */
const spliced = fc
  .tuple(
    numberish,
    fc.array(fc.oneof(controls, bidi, emoji, pick(['\u0000'])), { minLength: 1, maxLength: 4 }),
    fc.nat(),
  )
  .map(([base, junk, at]) => {
    const i = at % (base.length + 1);
    return base.slice(0, i) + junk.join('') + base.slice(i);
  });

const hostile = fc.oneof(
  veryLong,
  nearLimit,
  controls,
  spliced,
  fc.tuple(bidi, numberish).map(([b, n]) => `${b}${n}`),
  fc.tuple(emoji, numberish, emoji).map((xs) => xs.join(' ')),
  sqlish,
  separated,
  huge,
  negativeZero,
  overDenominator,
  unknownEdit,
  nfd,
  blank,
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
);

// ---- properties -------------------------------------------------------------------------------

describe('hostile input through the engine', async () => {
  const app = await testApp();
  let runs = 0;

  it('never crashes, always answers in Vietnamese, and writes nothing it does not acknowledge', async () => {
    await fc.assert(
      fc.asyncProperty(pick(STATES), hostile, async (state, input) => {
        runs += 1;
        const { who, unitId } = await personIn(app, state);
        const before = await snapshot(app, unitId);
        const replies = await app.engine.handle(who, input);
        const after = await snapshot(app, unitId);
        expect(replies.length).toBeGreaterThan(0);
        for (const r of replies) {
          expect(r.text.trim()).not.toBe('');
          expect(r.text).toMatch(VIETNAMESE);
        }
        if (refused(replies)) expect(after).toEqual(before);
        if (!acknowledged(replies)) {
          expect(after.answers).toBe(before.answers);
          expect(after.history).toBe(before.history);
        }
        for (const row of after.rows) {
          expect(unclean(row.raw_text)).toEqual([]);
          expect(unclean(row.difficulty)).toEqual([]);
        }
      }),
      { numRuns: 700 },
    );
    expect(runs).toBeGreaterThanOrEqual(500);
  });

  it('refuses impossible figures for a ratio question and keeps the question waiting', async () => {
    const refusedFigure = fc.oneof(
      impossibleNumber,
      negativeZero.filter((s) => s !== '+0' && s !== '(0)'),
      overDenominator,
      nearLimit.filter((s) => s.length > 1000),
    );
    await fc.assert(
      fc.asyncProperty(refusedFigure, async (input) => {
        const { who, unitId } = await personIn(app, 'ratio');
        const before = await snapshot(app, unitId);
        const replies = await app.engine.handle(who, input);
        expect(text(replies)).toMatch(/^Chưa ghi: /);
        expect(text(replies)).toContain('tiêu chí 1.1');
        expect(await snapshot(app, unitId)).toEqual(before);
        expect(await app.engine.waitingFor(who)).toMatchObject({ mode: 'asking', key: '1.1' });
      }),
      { numRuns: 150 },
    );
  });

  it('refuses "sửa" with a code the framework does not have, writing nothing', async () => {
    const unknown = fc
      .oneof(
        pick(['9.9', '1.99', '5.1', '0.0', '1.15', '4.9', '8.4đ']),
        fc.stringMatching(/^[5-9]\.[0-9]{1,2}$/),
      )
      .chain((code) => pick([`sửa ${code}`, `sửa ${code} 80%`, `sua ${code} có`]));
    await fc.assert(
      fc.asyncProperty(
        pick(STATES.filter((s) => s !== 'stranger' && s !== 'supervisor')),
        unknown,
        async (state, input) => {
          const { who, unitId } = await personIn(app, state);
          const before = await snapshot(app, unitId);
          const replies = await app.engine.handle(who, input);
          expect(text(replies)).toMatch(/Không có tiêu chí|muốn sửa tiêu chí nào/);
          expect(await snapshot(app, unitId)).toEqual(before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads NFD exactly like NFC, in every state', async () => {
    const words = [
      'có',
      'không',
      'chưa đạt',
      'đang thực hiện',
      'báo cáo',
      'bỏ qua',
      'quay lại',
      'dừng',
      'tiến độ',
      'hướng dẫn',
      'tiêu chí nào chưa đạt?',
      'sửa 1.4',
      'khoảng 20% (chưa đạt)',
      'đạt; 80%',
      'Thiếu máy tính, đề nghị huyện hỗ trợ',
    ];
    await fc.assert(
      fc.asyncProperty(pick(STATES), pick(words), async (state, word) => {
        const a = await personIn(app, state);
        const b = await personIn(app, state);
        const nfc = text(await app.engine.handle(a.who, word.normalize('NFC')));
        const decomposed = text(await app.engine.handle(b.who, word.normalize('NFD')));
        expect(decomposed).toBe(nfc);
        const stored = async (unitId?: number) =>
          (await snapshot(app, unitId)).rows.map((r) => [
            r.question_key,
            r.raw_text,
            r.difficulty,
            r.answer_json,
          ]);
        expect(await stored(b.unitId)).toEqual(await stored(a.unitId));
      }),
      { numRuns: 120 },
    );
  });

  // Found by this file: a lone carriage return (not followed by \n) survives cleanText and is stored,
  // e.g. in a khó khăn "1\r00"; a terminal or a CSV shows it as a line break or overwrites the line.
  it('does not store a lone carriage return', async () => {
    const { who, unitId } = await personIn(app, 'difficulty');
    await app.engine.handle(who, 'thiếu\rmáy tính');
    const stored = (await snapshot(app, unitId)).rows[0]?.difficulty ?? '';
    expect(stored).not.toContain('\r');
  });

  // Found by this file: an empty, blank or NUL-only message while the bot waits for khó khăn, đề xuất
  // is acknowledged ("Đã ghi khó khăn, đề xuất …") and stores an empty khó khăn plus a history row.
  // It should be refused, or read as "bỏ qua". Remove `.fails` once step.ts is fixed.
  it('does not store a blank khó khăn', async () => {
    for (const input of ['', '   ', '\u0000', '\u200b']) {
      const { who, unitId } = await personIn(app, 'difficulty');
      await app.engine.handle(who, input);
      const rows = (await snapshot(app, unitId)).rows;
      expect(rows.map((r) => r.difficulty)).toEqual([null]);
    }
  });
});
