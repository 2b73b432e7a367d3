import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../../src/bot/telegram/index.js';
import {
  decodeChoice,
  keyboardFor,
  MAX_MESSAGE_LENGTH,
  questionTag,
  renderReply,
} from '../../../src/bot/telegram/render.js';
import { listQuestions } from '../../../src/domain/catalog/load.js';
import { mergeReplies } from '../../../src/domain/dialog/render.js';
import { testApp, withOfficer } from '../../helpers.js';
import { BOT_INFO, FakeTelegramApi, Phone, TOKEN } from './fake-telegram.js';

const nonEmpty = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('a gap report longer than one Telegram message', async () => {
  const app = await testApp();
  const who = { channel: 'telegram', externalId: '6001' };
  await withOfficer(app, who);
  const fw = app.frameworks.get('thanh-hoa-xa-2022')!;
  for (const q of listQuestions(fw)) {
    await app.engine.handle(who, `sửa ${q.key} ${q.kind === 'yesno' ? 'không' : '0/10'}`);
    await app.engine.handle(
      who,
      `Tiêu chí ${q.key}: xã chưa bố trí được kinh phí, thiếu cán bộ chuyên trách, thiết bị cũ; đề nghị huyện hỗ trợ tập huấn, cấp thêm máy tính và hướng dẫn cách tính chỉ tiêu cho cán bộ một cửa.`,
    );
  }
  const bot = createTelegramBot(
    TOKEN,
    { engine: app.engine, logger: pino({ level: 'silent' }) },
    { botInfo: BOT_INFO },
  );
  const api = new FakeTelegramApi().attach(bot);
  const phone = new Phone(bot, api, { id: 6001, first_name: 'An' });

  it('arrives in several messages under 4096 characters, cut between lines, nothing lost', async () => {
    const full = (await app.engine.handle(who, 'chưa đạt'))[0]!.text;
    expect(full.length).toBeGreaterThan(2 * 4096);
    const parts = (await phone.deliver(phone.messageUpdate('/chuadat'))).map((m) => m.text);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(parts[0]).toMatch(/^Tiêu chí chưa đạt · Xã Ái Thượng/);
    expect(nonEmpty(parts.join('\n'))).toEqual(nonEmpty(full));
    expect(parts.join('\n')).toContain('Khó khăn: Tiêu chí 4.8: xã chưa bố trí được kinh phí');
    expect(parts.join('\n')).toContain('Đề xuất: đề nghị huyện hỗ trợ tập huấn');
  });
});

describe('rendering a reply for Telegram', () => {
  const tag = questionTag({ mode: 'difficulty', period: '2026-Q4', key: '8.4đ' });

  it('puts the buttons under the last part of a split reply only', () => {
    const text = Array.from({ length: 120 }, (_, i) => `Dòng ${i}: ${'x'.repeat(60)}`).join('\n');
    const { messages } = renderReply({ text, choices: [{ label: 'Bỏ qua', input: 'bỏ qua' }] }, tag);
    expect(messages.length).toBe(3);
    expect(messages.map((m) => m.keyboard !== undefined)).toEqual([false, false, true]);
  });

  it('carries the question and exactly the typed words in each button, within 64 bytes', () => {
    const { markup } = keyboardFor([{ label: 'Đang thực hiện', input: 'đang thực hiện' }], tag);
    const data = markup!.inline_keyboard[0]![0]! as { callback_data: string };
    expect(Buffer.byteLength(data.callback_data)).toBeLessThanOrEqual(64);
    expect(decodeChoice(data.callback_data)).toEqual({ tag: 'd:2026-Q4:8.4đ', input: 'đang thực hiện' });
  });

  it('leaves out a button whose words do not fit, rather than send one Telegram refuses', () => {
    const long = 'đang thực hiện nhưng còn thiếu kinh phí của năm trước';
    const { markup, dropped } = keyboardFor(
      [
        { label: 'Có', input: 'có' },
        { label: 'Dài', input: long },
      ],
      tag,
    );
    expect(markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Có']);
    expect(dropped).toEqual([long]);
  });

  it('sends the acknowledgement in the same message as the next question and its buttons', () => {
    const skip = [{ label: 'Bỏ qua', input: 'bỏ qua' }];
    expect(
      mergeReplies(
        [{ text: 'Ghi nhận 1.1: 100%.' }, { text: 'Tiêu chí 1.2', choices: skip }],
        MAX_MESSAGE_LENGTH,
      ),
    ).toEqual([{ text: 'Ghi nhận 1.1: 100%.\n\nTiêu chí 1.2', choices: skip }]);
  });

  it('keeps apart a question with buttons, a document and its caption, and what would not fit', () => {
    const skip = [{ label: 'Bỏ qua', input: 'bỏ qua' }];
    const file = { fileName: 'phu-luc.docx', mime: 'application/octet-stream', bytes: new Uint8Array(1) };
    const asked = [{ text: 'Tiêu chí 1.2', choices: skip }, { text: 'Đã dừng.' }];
    expect(mergeReplies(asked, MAX_MESSAGE_LENGTH)).toEqual(asked);
    const withFile = [{ text: 'Đang lập phụ lục.' }, { text: 'Phụ lục quý IV/2026', file }];
    expect(mergeReplies(withFile, MAX_MESSAGE_LENGTH)).toEqual(withFile);
    const long = [{ text: 'x'.repeat(3000) }, { text: 'y'.repeat(1095) }];
    expect(mergeReplies(long, MAX_MESSAGE_LENGTH)).toEqual(long);
  });
});
