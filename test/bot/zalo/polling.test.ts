import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/app/turn.js';
import { startZalo } from '../../../src/bot/zalo/index.js';
import { listQuestions } from '../../../src/domain/catalog/load.js';
import { renderPlain } from '../../../src/domain/dialog/render.js';
import { msg as messages } from '../../../src/domain/messages/index.js';
import { loadAnswers, loadEvidence } from '../../../src/storage/answers.js';
import { createInvite } from '../../../src/storage/officers.js';
import { addUnit } from '../../../src/storage/units.js';
import { eventUpdate, startFakeZalo, textUpdate, zaloId } from '../../fakes/zalo-server.js';
import { testApp, withOfficer } from '../../helpers.js';
import { captureLogs, startHarness } from './harness.js';

const BINH_AN = { code: 'BA', name: 'Xã Bình An', province: 'Quảng Ngãi', frameworkId: 'ntm-tieu-chi-8' };
const AI_THUONG = {
  code: 'AT',
  name: 'Xã Ái Thượng',
  province: 'Thanh Hóa',
  frameworkId: 'thanh-hoa-xa-2022',
};

describe('Zalo by long polling: a new officer, then a whole report with numbered choices', async () => {
  const h = await startHarness();
  afterAll(() => h.close());
  const officer = zaloId();
  const unit = await addUnit(h.app.db, BINH_AN, h.app.clock());
  await createInvite(h.app.db, unit.id, 'KMNPQRST', h.app.clock(), new Date('2026-12-31T00:00:00Z'));

  it('removes a leftover webhook before polling', () => {
    const methods = h.fake.calls.map((c) => c.method);
    expect(methods.indexOf('deleteWebhook')).toBeGreaterThanOrEqual(0);
    expect(methods.indexOf('deleteWebhook')).toBeLessThan(methods.indexOf('getUpdates'));
  });

  it('asks an unknown user for the invite code, whatever they write first', async () => {
    expect(await h.say(officer, 'Xin chào')).toBe(messages.welcomeUnknown());
    expect(await h.say(officer, '/start')).toBe(messages.welcomeUnknown());
  });

  it('registers the officer with the typed invite code', async () => {
    expect(await h.say(officer, 'mã mời kmnp-qrst')).toContain(
      'Đã đăng ký anh/chị là cán bộ báo cáo của Xã Bình An (Quảng Ngãi).',
    );
  });

  it('shows yes/no choices as a numbered line and accepts the digit', async () => {
    const out = await h.say(officer, 'bao cao');
    expect(out).toContain('Tiêu chí 8.1 (1/4)');
    expect(out).toContain('1. Có  2. Không  3. Đang thực hiện  4. Chưa rõ');
    expect(await h.say(officer, '1')).toContain('Ghi nhận 8.1: Có — đạt');
  });

  it('accepts the words without diacritics, and a second digit', async () => {
    expect(await h.say(officer, 'khong')).toContain('Ghi nhận 8.2: Không — chưa đạt');
    expect(await h.say(officer, 'Chưa có kinh phí')).toContain('Đã ghi khó khăn của tiêu chí 8.2.');
    expect(await h.say(officer, 'co')).toContain('Ghi nhận 8.3: Có — đạt');
    expect(await h.say(officer, '2')).toContain('Ghi nhận 8.4: Không — chưa đạt');
    const done = await h.say(officer, 'bỏ qua');
    expect(done).toContain('Đã trả lời đủ 4/4 câu quý IV/2026.');
    expect(done).toContain('Đạt 2/4 tiêu chí');
  });

  it('keeps every answer in the database', async () => {
    const stored = (
      await loadAnswers(h.app.db, { unitId: unit.id, frameworkId: BINH_AN.frameworkId }, ['2026-Q4'])
    ).get('2026-Q4');
    expect([...(stored?.keys() ?? [])].sort()).toEqual(['8.1', '8.2', '8.3', '8.4']);
    expect(stored?.get('8.2')?.difficulty).toBe('Chưa có kinh phí');
  });

  it('without download links (no PUBLIC_URL), says the province has not enabled them yet', async () => {
    const out = await h.say(officer, 'xuất báo cáo');
    expect(out).toContain(messages.exportUnavailable());
    expect(out).toContain('chưa bật đường dẫn tải');
    expect(out).not.toContain('Telegram');
  });

  it('sends plain text only, to chat.id, each message within 2000 characters', () => {
    const mine = h.fake.sent.filter((s) => s.chat_id === officer);
    expect(mine.length).toBeGreaterThanOrEqual(10);
    for (const s of mine) {
      expect(s.method).toBe('sendMessage');
      expect(s.text!.length).toBeLessThanOrEqual(2000);
    }
    expect(
      h.fake.calls.filter((c) => c.method === 'sendMessage').every((c) => !('parse_mode' in c.body)),
    ).toBe(true);
  });
});

describe('Zalo events besides text', async () => {
  const mediaDir = await mkdtemp(join(tmpdir(), 'cds-zalo-media-'));
  const h = await startHarness({ extra: { mediaDir } });
  const kept = await startHarness({ fake: await startFakeZalo(), app: h.app });
  const officer = zaloId();
  const { unit } = await withOfficer(h.app, { channel: 'zalo', externalId: officer }, AI_THUONG);
  const scope = { unitId: unit.id, frameworkId: AI_THUONG.frameworkId };
  afterAll(async () => {
    await kept.close();
    await kept.fake.close();
    await h.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('says Zalo does not let the bot read files or locations', async () => {
    await h.send(eventUpdate(officer, 'message.unsupported.received'));
    expect(h.fake.textsTo(officer).at(-1)).toBe(messages.unsupportedContent());
  });

  it('asks for typed text after a sticker or a voice message', async () => {
    await h.send(
      eventUpdate(officer, 'message.sticker.received', { sticker: 'abc', url: 'https://x/s.png' }),
    );
    await h.send(eventUpdate(officer, 'message.voice.received', { url: 'https://x/v.aac' }));
    expect(h.fake.textsTo(officer).slice(-2)).toEqual([messages.zaloTextOnly(), messages.zaloTextOnly()]);
    // Zalo passes no files to bots: the reply does not ask for one.
    expect(messages.zaloTextOnly()).not.toMatch(/tệp/);
  });

  it('ignores an event it does not know, and goes on with the next message', async () => {
    const before = h.fake.sent.length;
    await h.send(eventUpdate(officer, 'message.reaction.received', { reaction: '❤️' }));
    await h.send({ event_name: 'oa.follow', message: undefined } as never);
    expect(h.fake.sent.length).toBe(before);
    expect(await h.say(officer, 'tiến độ')).toContain('Tiến độ quý IV/2026');
  });

  it('downloads a photo at once and keeps it as evidence of the open criterion (photo_url)', async () => {
    await h.say(officer, 'báo cáo');
    const bytes = Buffer.from('fake-jpeg-bytes');
    const url = h.fake.serveImage('hop-thu.jpg', bytes);
    const messageId = zaloId();
    await h.send(eventUpdate(officer, 'message.image.received', { photo_url: url, caption: '' }, messageId));
    expect(h.fake.textsTo(officer).join('\n')).toContain('Đã lưu minh chứng cho tiêu chí 1.1.');
    const [evidence] = await loadEvidence(h.app.db, scope, '2026-Q4');
    expect(evidence?.ref).toBe(join(mediaDir, `zalo-${messageId}.jpg`));
    expect(await readFile(evidence!.ref)).toEqual(bytes);
  });

  it('reads the image from `photo` too, with its caption naming the criterion', async () => {
    const url = h.fake.serveImage('so-mot-cua.png', Buffer.from('png'), 'image/png');
    await h.send(eventUpdate(officer, 'message.image.received', { photo: url, caption: '1.4 sổ một cửa' }));
    expect(h.fake.textsTo(officer).join('\n')).toContain('Đã lưu minh chứng cho tiêu chí 1.4.');
    const refs = (await loadEvidence(h.app.db, scope, '2026-Q4')).map((e) => [e.questionKey, e.caption]);
    expect(refs).toContainEqual(['1.4', '1.4 sổ một cửa']);
  });

  it('keeps the URL (and says so in the log) when there is no download directory', async () => {
    const url = 'https://f20-zpc.zdn.vn/jpg/123/abc.jpg';
    await kept.send(eventUpdate(officer, 'message.image.received', { photo_url: url, caption: '1.5' }));
    expect(kept.fake.textsTo(officer).join('\n')).toContain('Đã lưu minh chứng cho tiêu chí 1.5.');
    const e = (await loadEvidence(h.app.db, scope, '2026-Q4')).find((x) => x.questionKey === '1.5');
    expect(e?.ref).toBe(url);
    expect(kept.logs.text()).toMatch(/kept as URLs?, which may expire|may expire/);
  });

  it('keeps the URL when the download fails, so the evidence is not lost', async () => {
    const url = `${h.fake.baseUrl}/media/gone.jpg`;
    await h.send(eventUpdate(officer, 'message.image.received', { photo_url: url, caption: '1.6' }));
    expect(h.fake.textsTo(officer).join('\n')).toContain('Đã lưu minh chứng cho tiêu chí 1.6.');
    const e = (await loadEvidence(h.app.db, scope, '2026-Q4')).find((x) => x.questionKey === '1.6');
    expect(e?.ref).toBe(url);
  });
});

describe('messages the bot must not answer', async () => {
  const h = await startHarness();
  afterAll(() => h.close());
  const officer = zaloId();
  await withOfficer(h.app, { channel: 'zalo', externalId: officer });

  it('ignores its own messages and those of other bots', async () => {
    const before = h.fake.sent.length;
    await h.send(textUpdate(h.fake.botId, 'báo cáo', { chatId: officer }));
    await h.send(textUpdate(zaloId(), 'báo cáo', { isBot: true, chatId: officer }));
    expect(h.fake.sent.length).toBe(before);
    expect(await h.say(officer, 'báo cáo')).toContain('Tiêu chí 1.1 (1/33)');
  });

  it('answers a group once that it works in private chats only, and runs no dialog there', async () => {
    const group = zaloId();
    await h.send(textUpdate(officer, 'báo cáo', { chatId: group, chatType: 'GROUP' }));
    await h.send(textUpdate(officer, '100', { chatId: group, chatType: 'GROUP' }));
    expect(h.fake.textsTo(group)).toEqual([messages.groupChat()]);
    expect(await h.say(officer, 'tiến độ')).toContain('Đã trả lời: 0/33 câu');
  });

  it('handles a message delivered twice once, also after a restart', async () => {
    const again = textUpdate(officer, '100', { messageId: zaloId() });
    await h.send(again);
    const answered = h.fake.textsTo(officer).length;
    // The acknowledgement and the next question arrive as one message.
    expect(h.fake.textsTo(officer).at(-1)).toContain('Ghi nhận 1.1: 100%');
    expect(h.fake.textsTo(officer).at(-1)).toContain('Tiêu chí 1.2 (2/33)');
    await h.send(again);
    expect(h.fake.textsTo(officer)).toHaveLength(answered);
    await h.restart();
    await h.send(again);
    expect(h.fake.textsTo(officer)).toHaveLength(answered);
    expect(await h.say(officer, 'tiến độ')).toContain('Đã trả lời: 1/33 câu');
  });
});

describe('a long gap report', async () => {
  const h = await startHarness();
  afterAll(() => h.close());
  const officer = zaloId();
  const { who } = await withOfficer(h.app, { channel: 'zalo', externalId: officer }, AI_THUONG);
  // Every criterion answered and unmet: the report lists all 33 with target, result and shortfall.
  const fw = h.app.frameworks.get('thanh-hoa-xa-2022');
  const unmet = listQuestions(fw!).map((q) => `${q.key} ${q.kind === 'yesno' ? 'không' : '0'}`);
  await h.app.engine.handle(who, unmet.join('; '));

  it('arrives in order, in parts of at most 2000 characters that rejoin to the whole report', async () => {
    const [report] = await createEngine({
      db: h.app.db,
      frameworks: h.app.frameworks,
      clock: h.app.clock,
      calendar: h.app.calendar,
    }).handle(who, 'chưa đạt');
    const whole = renderPlain(report!);
    expect(whole.length).toBeGreaterThan(4000);
    const before = h.fake.sent.length;
    await h.send(textUpdate(officer, 'chưa đạt'));
    const parts = h.fake.sent.slice(before).map((s) => s.text ?? '');
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(parts.join('\n')).toBe(whole);
    expect(parts[0]).toMatch(/^Tiêu chí chưa đạt · Xã Ái Thượng/);
  });

  it('shows "typing…" before the first part, and not before short answers', async () => {
    await h.say(officer, 'tiến độ');
    expect(h.fake.textsTo(officer).at(-1)).toContain('Đã trả lời: 33/33 câu');
    const typing = h.fake.actions.filter((a) => a.chat_id === officer);
    const firstPart = h.fake.sent.find((s) => s.chat_id === officer);
    expect(typing).toHaveLength(1);
    expect(typing[0]!.at).toBeLessThanOrEqual(firstPart!.at);
  });
});

describe('when Zalo refuses or fails', () => {
  it('sends the same reply again after a 429 and loses none, in order', async () => {
    const h = await startHarness();
    const officer = zaloId();
    await withOfficer(h.app, { channel: 'zalo', externalId: officer });
    h.fake.fail('sendMessage', 429, { times: 2 });
    const out = await h.say(officer, 'báo cáo');
    expect(out).toContain('Báo cáo quý IV/2026 của Xã Ái Thượng');
    expect(out).toContain('Tiêu chí 1.1 (1/33)');
    expect(h.fake.textsTo(officer)).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(3);
    expect(h.logs.text()).toContain('429');
    await h.close();
  });

  it('keeps polling after 429 and 500 answers to getUpdates, backing off', async () => {
    const h = await startHarness();
    h.fake.fail('getUpdates', 429);
    h.fake.fail('getUpdates', 500);
    const stranger = zaloId();
    expect(await h.say(stranger, 'alo')).toBe(messages.welcomeUnknown());
    const warnings = h.logs.lines.filter((l) => l.msg === 'zalo poll failed, retrying');
    expect(warnings.map((w) => w.retryInMs)).toEqual([20, 40]);
    await h.close();
  });

  it('stops polling on 401 with one log line that names the setting and hides the token', async () => {
    const fake = await startFakeZalo();
    const app = await testApp();
    const logs = captureLogs();
    fake.fail('getUpdates', 401);
    const channel = await startZalo({
      token: fake.token,
      baseUrl: fake.baseUrl,
      engine: app.engine,
      logger: logs.logger,
      pollTimeoutSeconds: 1,
      limits: { backoffMs: 10, maxBackoffMs: 20 },
    });
    await fake.waitFor(() => logs.lines.some((l) => l.level >= 50), 3000, 'the 401 log line');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.filter((c) => c.method === 'getUpdates')).toHaveLength(1);
    const errors = logs.lines.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toContain('401');
    expect(errors[0]?.msg).toContain('ZALO_BOT_TOKEN');
    expect(logs.text()).not.toContain(fake.token);
    await channel.stop();
    await fake.close();
    await app.close();
  });

  it('answers with an apology when handling a message fails', async () => {
    const broken: Pick<Engine, 'handle'> = {
      handle: async () => {
        throw new Error('disk full');
      },
    };
    const h = await startHarness({ engine: broken });
    const who = zaloId();
    expect(await h.say(who, 'báo cáo KMNP-QRST')).toBe(messages.apology());
    const line = h.logs.lines.find((l) => l.msg === 'zalo update failed');
    expect(line).toMatchObject({ chatId: who, err: 'disk full' });
    expect(typeof line?.messageId).toBe('string');
    expect(h.logs.text()).not.toContain('KMNP-QRST');
    await h.close();
  });
});

describe('pace and shutdown', () => {
  it('keeps at least the configured interval between two sends in one chat', async () => {
    const h = await startHarness({ extra: { limits: { perChatMs: 100 } } });
    const officer = zaloId();
    await withOfficer(h.app, { channel: 'zalo', externalId: officer });
    // Three messages too long to share one (a turn's short replies are packed into one message).
    const long = (word: string) => `${word} ${'.'.repeat(1200)}`;
    await h.channel.sender.send(officer, [
      { text: long('Một') },
      { text: long('Hai') },
      { text: long('Ba') },
    ]);
    const times = h.fake.sent.filter((s) => s.chat_id === officer).map((s) => s.at);
    expect(h.fake.textsTo(officer)).toEqual([long('Một'), long('Hai'), long('Ba')]);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(95);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(95);
    await h.close();
  });

  it('stops at once, aborting the poll in flight', async () => {
    const fake = await startFakeZalo();
    const app = await testApp();
    const channel = await startZalo({
      token: fake.token,
      baseUrl: fake.baseUrl,
      engine: app.engine,
      logger: captureLogs().logger,
      pollTimeoutSeconds: 30,
    });
    await fake.waitFor(() => fake.waitingPolls === 1, 3000, 'a poll');
    const started = Date.now();
    await channel.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    await fake.waitFor(() => fake.waitingPolls === 0, 1000, 'the poll to be dropped');
    fake.enqueue(textUpdate(zaloId(), 'sau khi dừng'));
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.queued).toBe(1);
    await fake.close();
    await app.close();
  });
});
