/**
 * A quarterly report after a complete previous quarter, as an officer sends it: the unchanged
 * results kept in one tap, only the open criteria asked (each with last quarter's result, "như cũ"
 * keeps it), four criteria changed. Through the real engine on SQLite with the real migrations.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Outgoing } from '../../src/app/types.js';
import { renderPlain } from '../../src/domain/dialog/render.js';
import { loadAnswers } from '../../src/storage/answers.js';
import { fixedClock, testApp, withOfficer } from '../helpers.js';

const FW = 'thanh-hoa-xa-2022';

/** Quý III/2026 as the officer reported it (one line per criterion; "~" a khó khăn). */
const Q3 = [
  '1.1 19/20 ~ Còn 1 cán bộ chưa được cấp hộp thư',
  '1.2 100%',
  '1.3 85% ~ Chưa có chữ ký số cho cán bộ bộ phận một cửa',
  '1.4 25.031/37.389 ~ Thiếu máy quét tài liệu',
  '1.8 không ~ Chưa có kinh phí',
  '2.2 100%',
  '2.5 1.200/1.500 ~ Người dân chưa quen gắn mã địa chỉ',
  '2.6 đang thực hiện ~ Đang chờ doanh nghiệp viễn thông khảo sát',
  '3.1 60%',
  '3.3 45% ~ Người dân chưa quen thanh toán điện tử',
  '4.3 100%',
  '4.8 không ~ Chưa có camera an ninh',
];
const YES = ['1.5', '1.6', '1.7', '1.9', '1.10', '1.11', '1.12', '1.13', '1.14', '2.1', '2.3', '2.4'];
const YES_MORE = ['3.2', '3.4', '3.5', '4.1', '4.2', '4.4', '4.5', '4.6', '4.7'];

/** What the officer sends for quý IV/2026: four changes (1.1, 1.4, 1.8, 3.3), the rest "như cũ". */
const Q4_SCRIPT = [
  'báo cáo',
  '1', // Giữ tất cả: 21 Có
  '20/20', // 1.1 changed
  'như cũ', // 1.2
  'như cũ', // 1.3, its khó khăn kept
  '30.112/37.389 - khó khăn như cũ', // 1.4 changed, last quarter's khó khăn in the same message
  'có', // 1.8 changed: Không → Có
  'như cũ', // 2.2
  'như cũ', // 2.5
  'như cũ', // 2.6
  'như cũ', // 3.1
  '52%', // 3.3 changed, now met
  'như cũ', // 4.3
  'như cũ', // 4.8
  '1', // Có, nộp
];

describe('a quarter after a complete quarter', async () => {
  const clock = fixedClock(new Date('2026-09-05T02:00:00Z'));
  const app = await testApp(clock);
  const { unit, who } = await withOfficer(
    app,
    { channel: 'zalo', externalId: 'z-ai-thuong' },
    {
      code: 'AT',
      name: 'Xã Ái Thượng',
      province: 'Thanh Hóa',
      frameworkId: FW,
    },
  );
  const scope = { unitId: unit.id, frameworkId: FW };
  const send = async (text: string): Promise<Outgoing[]> => app.engine.handle(who, text);
  const plain = (out: Outgoing[]) => out.map(renderPlain).join('\n\n');

  // Quý III/2026, reported in September through the bot: every criterion, then submitted.
  const lines = [...Q3.map((l) => l.split(' ~ ')[0]), ...[...YES, ...YES_MORE].map((k) => `${k} có`)];
  await send(lines.join('\n'));
  for (const l of Q3.filter((x) => x.includes(' ~ '))) {
    const [answer = '', difficulty] = l.split(' ~ ');
    await send(`sửa ${answer}`);
    await send(difficulty ?? '');
  }
  await send('nộp');
  await send('1');

  clock.set(new Date('2026-11-22T02:00:00Z'));
  const replies: Outgoing[][] = [];
  for (const text of Q4_SCRIPT) replies.push(await send(text));
  const q4 = async () => (await loadAnswers(app.db, scope, ['2026-Q4'])).get('2026-Q4')!;

  it('had quý III/2026 complete and submitted', async () => {
    const q3 = (await loadAnswers(app.db, scope, ['2026-Q3'])).get('2026-Q3')!;
    expect(q3.size).toBe(33);
    expect(q3.get('1.3')?.difficulty).toBe('Chưa có chữ ký số cho cán bộ bộ phận một cửa');
  });

  it('offers to keep the 21 Có results in one message, listed by code', () => {
    const offer = plain(replies[0]!);
    expect(offer).toContain('ở 21 tiêu chí: 1.5, 1.6, 1.7, 1.9');
    expect(offer).toContain('1. Giữ tất cả  2. Xem từng tiêu chí  3. Trả lời lại từ đầu');
    expect(plain(replies[1]!)).toContain('Đã giữ kết quả quý III/2026 cho 21 tiêu chí');
    expect(plain(replies[1]!)).toContain('Còn 12 tiêu chí cần trả lời.');
  });

  it('asks only the open criteria, with last quarter’s result and what is left', () => {
    const asked = replies
      .slice(1, -1)
      .map((r) => /Tiêu chí (\S+) \(\d+\/33/.exec(plain(r))?.[1])
      .filter(Boolean);
    expect(asked).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '1.8',
      '2.2',
      '2.5',
      '2.6',
      '3.1',
      '3.3',
      '4.3',
      '4.8',
    ]);
    expect(plain(replies[1]!)).toContain('Kỳ trước (quý III/2026): 95% (19/20 cán bộ, công chức)');
    expect(plain(replies[1]!)).toContain('còn 12 tiêu chí');
  });

  it('is reported and submitted in at most 15 messages, each short enough for one Zalo message', async () => {
    expect(Q4_SCRIPT.length).toBeLessThanOrEqual(15);
    expect(plain(replies.at(-1)!)).toContain('Đã nộp báo cáo quý IV/2026');
    for (const r of replies) for (const m of r) expect(renderPlain(m).length).toBeLessThanOrEqual(2000);
  });

  it('stores every criterion for quý IV/2026, the kept ones marked with where they came from', async () => {
    const answers = await q4();
    expect(answers.size).toBe(33);
    expect(answers.get('1.5')).toMatchObject({ value: { yes: true }, carriedFrom: '2026-Q3' });
    expect(answers.get('1.3')).toMatchObject({
      value: { value: 85 },
      carriedFrom: '2026-Q3',
      difficulty: 'Chưa có chữ ký số cho cán bộ bộ phận một cửa',
    });
    expect(answers.get('1.1')).toMatchObject({ value: { numerator: 20, denominator: 20 } });
    expect(answers.get('1.1')?.carriedFrom).toBeUndefined();
    expect(answers.get('1.4')).toMatchObject({
      value: { numerator: 30112 },
      difficulty: 'Thiếu máy quét tài liệu',
    });
    expect(answers.get('1.8')?.value).toEqual({ type: 'yesno', yes: true });
    expect(answers.get('4.8')).toMatchObject({ value: { yes: false }, difficulty: 'Chưa có camera an ninh' });
    const carried = [...answers.values()].filter((a) => a.carriedFrom === '2026-Q3').length;
    expect(carried).toBe(33 - 4);
  });

  it('shows the kept answers in the gap report, the appendix and the history', async () => {
    const gaps = plain(await send('chưa đạt'));
    expect(gaps).toContain('1.3');
    expect(gaps).toContain('Chưa có chữ ký số cho cán bộ bộ phận một cửa');
    expect(gaps).toContain('4.8');
    const out = await send('xuất báo cáo');
    const file = out.find((o) => o.file)?.file;
    expect(file?.draft).toBeUndefined();
    const zip = await JSZip.loadAsync(file!.bytes);
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ');
    expect(xml).toContain('Chưa có camera an ninh');
    expect(xml).toContain('85%');
    const history = plain(await send('lịch sử'));
    expect(history).toContain('Quý IV/2026: đạt');
    expect(history).toContain('29 tiêu chí giữ từ quý III/2026');
  });
});
