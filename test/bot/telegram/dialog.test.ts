import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/app/turn.js';
import { createTelegramBot } from '../../../src/bot/telegram/index.js';
import { msg } from '../../../src/domain/messages/index.js';
import { loadAnswers, loadEvidence, loadHistory } from '../../../src/storage/answers.js';
import { createInvite, type Identity, registerOfficer } from '../../../src/storage/officers.js';
import { addUnit } from '../../../src/storage/units.js';
import { fixedClock, testApp } from '../../helpers.js';
import { BOT_INFO, FakeTelegramApi, join, Phone, type Shown, TOKEN } from './fake-telegram.js';

const silent = pino({ level: 'silent' });
const FW = 'thanh-hoa-xa-2022';
const DAY = 86_400_000;

async function setup(engineWrapper?: (engine: Engine) => Engine, logger = silent) {
  const clock = fixedClock();
  const app = await testApp(clock);
  const engine = engineWrapper ? engineWrapper(app.engine) : app.engine;
  const bot = createTelegramBot(TOKEN, { engine, logger }, { botInfo: BOT_INFO });
  const api = new FakeTelegramApi().attach(bot);
  let units = 0;
  /** A commune with its officer on Telegram. */
  const officer = async (userId: number, firstName = 'An') => {
    units += 1;
    const unit = await addUnit(
      app.db,
      { code: `X${units}`, name: `Xã Thử ${units}`, province: 'Thanh Hóa', frameworkId: FW },
      clock.now(),
    );
    await registerOfficer(app.db, unit.id, { channel: 'telegram', externalId: String(userId) }, clock.now());
    const scope = { unitId: unit.id, frameworkId: FW };
    return {
      unit,
      scope,
      phone: new Phone(bot, api, { id: userId, first_name: firstName }),
      answers: async () => (await loadAnswers(app.db, scope, ['2026-Q4'])).get('2026-Q4')!,
    };
  };
  return { app, clock, bot, api, officer };
}

/** A copy of a message as it was on screen, buttons included (the live one loses them when answered). */
function snapshot(m: Shown | undefined): Shown {
  if (!m) throw new Error('no message');
  return structuredClone(m);
}

describe('registration from a t.me deep link', async () => {
  const { app, clock, bot, api } = await setup();
  const unit = await addUnit(
    app.db,
    { code: 'BA', name: 'Xã Bình An', province: 'Thanh Hóa', frameworkId: FW },
    clock.now(),
  );
  await createInvite(app.db, unit.id, 'KMNPQRST', clock.now(), new Date(clock.now().getTime() + 7 * DAY));
  const phone = new Phone(bot, api, { id: 5001, first_name: 'Nguyễn', last_name: 'Thị Hoa' });

  it('registers the officer with the code Telegram sends as "/start CODE" when the link is opened', async () => {
    const out = await phone.type('/start KMNPQRST');
    expect(out).toContain('Đã đăng ký anh/chị là cán bộ báo cáo của Xã Bình An (Thanh Hóa).');
    const row = await app.db
      .selectFrom('identities')
      .select(['display_name', 'channel'])
      .where('external_id', '=', '5001')
      .executeTakeFirst();
    expect(row).toEqual({ display_name: 'Nguyễn Thị Hoa', channel: 'telegram' });
  });

  it('then starts the report from the command menu', async () => {
    expect(await phone.type('/baocao')).toContain('Tiêu chí 1.1 (1/33)');
  });

  it('tells a stranger opening a used link that the code no longer works', async () => {
    const stranger = new Phone(bot, api, { id: 5002, first_name: 'Bình' });
    expect(await stranger.type('/start KMNPQRST')).toContain('Mã mời không đúng');
  });
});

describe('a walk-through mixing taps and typed answers', async () => {
  const { app, officer } = await setup();
  const { phone, answers } = await officer(7001);
  const difficulty = 'Thiếu máy tính <b>&</b> kinh phí cho bộ phận một cửa';
  // The same session typed on a text-only channel: every tap below has its typed twin here.
  const twinUnit = await addUnit(
    app.db,
    { code: 'TW', name: 'Xã Gõ Chữ', province: 'Thanh Hóa', frameworkId: FW },
    app.clock(),
  );
  const twin: Identity = { channel: 'console', externalId: 'twin' };
  await registerOfficer(app.db, twinUnit.id, twin, app.clock());
  const typedTwin: string[] = [];
  const step = async (action: 'tap' | 'type', text: string, typedAs = text) => {
    typedTwin.push(typedAs);
    return action === 'tap' ? phone.tap(text) : phone.type(text);
  };

  it('asks the first question with one-tap buttons, and no numbered line for a figure', async () => {
    typedTwin.push('báo cáo');
    const out = await phone.type('/baocao');
    expect(out).toContain('Tiêu chí 1.1 (1/33)');
    expect(phone.buttons()).toEqual([['Đang thực hiện', 'Chưa rõ', 'Bỏ qua', 'Quay lại', 'Dừng']]);
    expect(
      phone
        .screen()
        .at(-1)
        ?.buttons.map((row) => row.map((b) => b.text)),
    ).toEqual([
      ['Đang thực hiện', 'Chưa rõ'],
      ['Bỏ qua', 'Quay lại', 'Dừng'],
    ]);
  });

  it('takes a typed figure, removes the answered keyboard and shows the next question with its own', async () => {
    const out = await step('type', '100');
    expect(out).toContain('Ghi nhận 1.1');
    expect(out).toContain('Tiêu chí 1.2 (2/33)');
    expect(phone.buttons()).toHaveLength(1);
    expect(phone.lastWithButton('Bỏ qua')?.text).toContain('Tiêu chí 1.2 (2/33)');
  });

  it('records a tapped status exactly as the typed words, then asks its khó khăn with a skip button', async () => {
    const out = await step('tap', 'Đang thực hiện', 'đang thực hiện');
    expect((await answers()).get('1.2')?.raw).toBe('đang thực hiện');
    expect(phone.tapAnswers()).toEqual([undefined]);
    expect(out).toContain('Khó khăn, đề xuất đối với tiêu chí 1.2?');
    expect(phone.buttons()).toEqual([['Bỏ qua']]);
    expect(await step('tap', 'Bỏ qua', 'bỏ qua')).toContain('Tiêu chí 1.3 (3/33)');
  });

  it('skips on a tap, then asks for khó khăn after an unmet typed ratio, with a skip button', async () => {
    const skipped = await step('tap', 'Bỏ qua', 'bỏ qua');
    expect(skipped).toContain('Đã bỏ qua tiêu chí 1.3.');
    const out = await step('type', '25.031/37.389');
    expect(out).toContain('Khó khăn, đề xuất đối với tiêu chí 1.4?');
    expect(phone.buttons()).toEqual([['Bỏ qua']]);
  });

  it('keeps the khó khăn typed with HTML-like characters as written', async () => {
    const out = await step('type', difficulty);
    expect(out).toContain('Đã ghi khó khăn của tiêu chí 1.4.');
    expect((await answers()).get('1.4')?.difficulty).toBe(difficulty);
  });

  it('shows a yes/no question with Có / Không on the first row and no numbered text line', async () => {
    const question = phone.lastWithButton('Có');
    expect(question?.text).toContain('Tiêu chí 1.5 (5/33)');
    expect(question?.text).not.toMatch(/1\. Có/);
    expect(question?.buttons.map((row) => row.map((b) => b.text))).toEqual([
      ['Có', 'Không'],
      ['Đang thực hiện', 'Chưa rõ'],
      ['Bỏ qua', 'Quay lại', 'Dừng'],
    ]);
  });

  it('answers yes/no questions with taps, goes back, and still accepts the digit of a choice', async () => {
    expect(await step('tap', 'Có', 'có')).toContain('Tiêu chí 1.6 (6/33)');
    expect(await step('tap', 'Không', 'không')).toContain('Khó khăn, đề xuất đối với tiêu chí 1.6?');
    expect(await step('tap', 'Bỏ qua', 'bỏ qua')).toContain('Tiêu chí 1.7 (7/33)');
    expect(await step('tap', 'Quay lại', 'quay lại')).toContain('Tiêu chí 1.6 (6/33)');
    expect(await step('type', '3')).toContain('Ghi nhận 1.6: đang thực hiện');
    expect(await step('tap', 'Bỏ qua', 'bỏ qua')).toContain('Tiêu chí 1.7 (7/33)');
    expect((await answers()).get('1.5')?.raw).toBe('có');
  });

  it('pauses on "Dừng" and leaves no live button on screen', async () => {
    expect(await step('tap', 'Dừng', 'dừng')).toContain('Đã tạm dừng ở tiêu chí 1.7');
    expect(phone.buttons()).toEqual([]);
  });

  it('stored exactly what typing the same words stores', async () => {
    for (const text of typedTwin) await app.engine.handle(twin, text);
    const typed = (await loadAnswers(app.db, { unitId: twinUnit.id, frameworkId: FW }, ['2026-Q4'])).get(
      '2026-Q4',
    )!;
    const strip = (m: ReadonlyMap<string, { answeredAt?: string }>) =>
      [...m].map(([k, { answeredAt: _, ...rest }]) => [k, rest]);
    expect(strip(await answers())).toEqual(strip(typed));
    expect([...typed.keys()]).toEqual(['1.1', '1.2', '1.4', '1.5', '1.6']);
  });

  it('sends every message as HTML with the officer’s words escaped', async () => {
    const report = await phone.deliver(phone.messageUpdate('/chuadat'));
    expect(report.map((m) => m.text).join('\n')).toContain(`Khó khăn: ${difficulty}`);
    expect(report.map((m) => m.html).join('\n')).toContain(
      'Thiếu máy tính &lt;b&gt;&amp;&lt;/b&gt; kinh phí',
    );
    expect(phone.screen().every((m) => m.parseMode === 'HTML')).toBe(true);
  });
});

describe('a button of a question that has passed', async () => {
  const { app, officer } = await setup();
  const { phone, answers } = await officer(7101);
  await phone.type('báo cáo');
  for (const _ of ['1.1', '1.2', '1.3', '1.4']) await phone.type('bỏ qua');
  const q15 = snapshot(phone.lastWithButton('Có'));

  it('gets a polite "Câu hỏi này đã qua." and changes nothing', async () => {
    await phone.tap('Có');
    const sentBefore = phone.screen().length;
    const out = await phone.deliver(phone.tapUpdate(q15, 'Không'));
    expect(out).toEqual([]);
    expect(phone.screen()).toHaveLength(sentBefore);
    expect(phone.tapAnswers().at(-1)).toBe(msg.staleButton());
    expect((await answers()).get('1.5')?.raw).toBe('có');
    expect(await app.engine.waitingFor({ channel: 'telegram', externalId: '7101' })).toMatchObject({
      mode: 'asking',
      key: '1.6',
    });
  });

  it('is not taken as the khó khăn while the same criterion waits for one', async () => {
    const q16 = snapshot(phone.lastWithButton('Có'));
    expect(await phone.tap('Không')).toContain('Khó khăn, đề xuất đối với tiêu chí 1.6?');
    expect(await phone.deliver(phone.tapUpdate(q16, 'Có'))).toEqual([]);
    expect(phone.tapAnswers().at(-1)).toBe(msg.staleButton());
    expect((await answers()).get('1.6')?.difficulty).toBeUndefined();
    expect(await phone.tap('Bỏ qua')).toContain('Tiêu chí 1.7 (7/33)');
  });

  it('after a restart, still works when its question still waits, and is refused when it has passed', async () => {
    const restarted = createTelegramBot(TOKEN, { engine: app.engine, logger: silent }, { botInfo: BOT_INFO });
    const api2 = new FakeTelegramApi().attach(restarted);
    const phone2 = new Phone(restarted, api2, phone.user);
    const live = snapshot(phone.lastWithButton('Có'));
    expect(await phone2.deliver(phone2.rawTapUpdate(live, live.buttons[0]![0]!.data))).not.toEqual([]);
    expect((await answers()).get('1.7')?.raw).toBe('có');
    expect(await phone2.deliver(phone2.rawTapUpdate(q15, q15.buttons[0]![1]!.data))).toEqual([]);
    expect(phone2.tapAnswers()).toEqual([undefined, msg.staleButton()]);
    expect(await phone2.deliver(phone2.rawTapUpdate(q15, 'not-our-format'))).toEqual([]);
    expect(phone2.tapAnswers().at(-1)).toBe(msg.staleButton());
  });
});

describe('a slow connection to Telegram', async () => {
  const { bot, officer } = await setup();
  const { phone } = await officer(7301);
  // Telegram is slow to take buttons off a message and to stop a tap's spinner: both are held here.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held: string[] = [];
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method === 'editMessageReplyMarkup' || method === 'answerCallbackQuery') {
      held.push(method);
      await gate;
    }
    return prev(method, payload, signal);
  });

  it('shows the next question without waiting for the old buttons to be taken off', async () => {
    await phone.type('/baocao');
    expect(await phone.type('100')).toContain('Tiêu chí 1.2 (2/33)');
    expect(held).toEqual(['editMessageReplyMarkup']);
    const question = phone.lastWithButton('Đang thực hiện');
    const tap = phone.deliver(phone.tapUpdate(snapshot(question), 'Bỏ qua'));
    const end = Date.now() + 3000;
    while (!phone.screen().some((m) => m.text.includes('Tiêu chí 1.3 (3/33)'))) {
      if (Date.now() > end) throw new Error('the next question was not shown');
      await new Promise((r) => setTimeout(r, 5));
    }
    // Shown while the spinner and both old keyboards are still waiting on Telegram.
    expect(held).toEqual(['editMessageReplyMarkup', 'answerCallbackQuery', 'editMessageReplyMarkup']);
    expect(phone.buttons()).toHaveLength(3);
    release();
    await tap;
    expect(phone.buttons()).toHaveLength(1);
    expect(phone.lastWithButton('Bỏ qua')?.text).toContain('Tiêu chí 1.3 (3/33)');
  });
});

describe('the same update delivered twice', async () => {
  const { app, officer } = await setup();
  const { phone, scope } = await officer(7201);
  await phone.type('báo cáo');

  it('is answered and recorded once', async () => {
    const update = phone.messageUpdate('100');
    expect(await phone.deliver(update)).not.toEqual([]);
    expect(await phone.deliver(update)).toEqual([]);
    expect((await loadHistory(app.db, scope, '2026-Q4')).map((h) => h.questionKey)).toEqual(['1.1']);
  });

  it('also when it is a tap', async () => {
    const tap = phone.tapUpdate(phone.lastWithButton('Đang thực hiện')!, 'Đang thực hiện');
    expect(await phone.deliver(tap)).not.toEqual([]);
    expect(await phone.deliver(tap)).toEqual([]);
    expect((await loadHistory(app.db, scope, '2026-Q4')).map((h) => h.questionKey)).toEqual(['1.1', '1.2']);
    // A status answer asks its khó khăn next (seed 002 reports those of "đang thực hiện" too).
    expect(await app.engine.waitingFor({ channel: 'telegram', externalId: '7201' })).toMatchObject({
      mode: 'difficulty',
      key: '1.2',
    });
  });
});

describe('photos, documents and other content', async () => {
  const { app, officer } = await setup();
  const { phone, scope } = await officer(7301);
  await phone.type('báo cáo');
  const photo = (id: string) => [
    { file_id: `${id}-small`, file_unique_id: `${id}s`, width: 90, height: 90 },
    { file_id: `${id}-big`, file_unique_id: `${id}b`, width: 1280, height: 960 },
  ];

  it('keeps a photo sent while a criterion is answered as its evidence, in full size', async () => {
    const out = await phone.sendContent({ photo: photo('p1'), caption: 'Ảnh hộp thư góp ý' });
    expect(out).toContain('Đã lưu minh chứng cho tiêu chí 1.1.');
    expect(await loadEvidence(app.db, scope, '2026-Q4')).toMatchObject([
      { questionKey: '1.1', kind: 'photo', ref: 'p1-big', caption: 'Ảnh hộp thư góp ý', channel: 'telegram' },
    ]);
  });

  it('keeps a document with its file name', async () => {
    const out = await phone.sendContent({
      document: { file_id: 'doc-1', file_unique_id: 'd1', file_name: 'quyet-dinh.pdf' },
    });
    expect(out).toContain('(2 minh chứng)');
    expect((await loadEvidence(app.db, scope, '2026-Q4')).at(-1)).toMatchObject({
      kind: 'document',
      ref: 'doc-1',
      fileName: 'quyet-dinh.pdf',
    });
  });

  it('files every photo of an album under the criterion its caption names', async () => {
    await phone.sendContent({ photo: photo('a1'), caption: '1.4 sổ theo dõi', media_group_id: 'g1' });
    await phone.sendContent({ photo: photo('a2'), media_group_id: 'g1' });
    const album = (await loadEvidence(app.db, scope, '2026-Q4')).filter((e) => e.ref.startsWith('a'));
    expect(album.map((e) => [e.questionKey, e.ref])).toEqual([
      ['1.4', 'a1-big'],
      ['1.4', 'a2-big'],
    ]);
  });

  it.each([
    ['a sticker', { sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1 } }],
    ['a voice message', { voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } }],
    ['a location', { location: { latitude: 19.8, longitude: 105.7 } }],
    ['a dice', { dice: { emoji: '🎲', value: 3 } }],
  ])('says what the bot reads when it gets %s', async (_name, content) => {
    expect(await phone.sendContent(content as never)).toBe(msg.textOnly());
  });

  it('says an edited message is not read again, and keeps the answer', async () => {
    const update = { ...phone.messageUpdate('50') };
    const edited = { update_id: update.update_id, edited_message: { ...update.message!, edit_date: 1 } };
    expect(await phone.deliver(edited as never)).toEqual([
      expect.objectContaining({ text: msg.editedIgnored() }),
    ]);
    expect((await loadHistory(app.db, scope, '2026-Q4')).filter((h) => h.action !== 'evidence')).toEqual([]);
  });
});

describe('group chats', async () => {
  let calls = 0;
  const { bot, api } = await setup((engine) => ({
    ...engine,
    handle: (...args) => {
      calls += 1;
      return engine.handle(...args);
    },
    handleTurn: (...args) => {
      calls += 1;
      return engine.handleTurn(...args);
    },
  }));
  const group = { id: -100123, type: 'supergroup' as const, title: 'BCĐ chuyển đổi số xã' };
  const member = { id: 7401, is_bot: false as const, first_name: 'Cường' };
  let n = 0;
  const post = async (
    text: string,
    entities: Array<{ type: string; offset: number; length: number }> = [],
  ) => {
    n += 1;
    await bot.handleUpdate({
      update_id: 90_000 + n,
      message: { message_id: n, date: 0, chat: group, from: member, text, entities },
    } as never);
    return api.shown.filter((m) => m.chatId === String(group.id)).map((m) => m.text);
  };

  it('stays silent in ordinary group talk', async () => {
    expect(await post('Chiều nay họp lúc 14 giờ nhé')).toEqual([]);
    expect(await post('/start@other_bot', [{ type: 'bot_command', offset: 0, length: 16 }])).toEqual([]);
  });

  it('says once, when addressed, that it works in private messages, and never runs the dialog there', async () => {
    expect(await post('/baocao@cds_xa_bot', [{ type: 'bot_command', offset: 0, length: 18 }])).toEqual([
      msg.groupChat(),
    ]);
    expect(await post('@cds_xa_bot báo cáo', [{ type: 'mention', offset: 0, length: 11 }])).toEqual([
      msg.groupChat(),
    ]);
    expect(calls).toBe(0);
  });
});

describe('a failure while handling one update', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
  let failFor: string | undefined = '7501';
  const { api, officer } = await setup(
    (engine) => ({
      ...engine,
      handleTurn: async (who, input, opts) => {
        if (who.externalId === failFor) {
          failFor = undefined;
          throw new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`);
        }
        return engine.handleTurn(who, input, opts);
      },
    }),
    logger,
  );
  const { phone: unlucky } = await officer(7501);
  const { phone: other } = await officer(7502);

  it('sends one short apology, logs the update by its ids (never its text nor the token), and keeps serving', async () => {
    const update = unlucky.messageUpdate('báo cáo KMNP-QRST');
    expect(await unlucky.deliver(update)).toEqual([expect.objectContaining({ text: msg.apology() })]);
    const failure = JSON.parse(lines.find((l) => l.includes('telegram update failed')) ?? '{}');
    expect(failure).toMatchObject({ updateId: update.update_id, chatId: 7501, kind: 'message' });
    expect(lines.join('\n')).not.toContain('KMNP-QRST');
    expect(lines.join('\n')).not.toContain(TOKEN.split(':')[1]);
    expect(await other.type('báo cáo')).toContain('Tiêu chí 1.1 (1/33)');
    expect(await unlucky.type('báo cáo')).toContain('Tiêu chí 1.1 (1/33)');
  });

  it('stops the spinner of a tap that fails, apologises, and the same tap works again', async () => {
    const question = snapshot(other.lastWithButton('Đang thực hiện'));
    failFor = '7502';
    const tap = other.tapUpdate(question, 'Đang thực hiện');
    expect(await other.deliver(tap)).toEqual([expect.objectContaining({ text: msg.apology() })]);
    const callbackId = (tap as { callback_query: { id: string } }).callback_query.id;
    expect(api.callsTo('answerCallbackQuery').map((c) => c.payload.callback_query_id)).toContain(callbackId);
    expect(join(await other.deliver(other.tapUpdate(question, 'Đang thực hiện')))).toContain(
      'Ghi nhận 1.1: đang thực hiện.',
    );
  });

  it('keeps a reply Telegram refused to deliver, logs it, and sends it before the next one', async () => {
    let refused = false;
    api.fail = (call) => {
      if (call.method !== 'sendMessage' || refused) return undefined;
      refused = true;
      return { error_code: 400, description: 'Bad Request: chat not found' };
    };
    expect(await other.type('tiến độ')).toBe('');
    expect(lines.some((l) => l.includes('reply not delivered') && l.includes('chat not found'))).toBe(true);
    api.fail = undefined;
    const next = await other.type('hạn nộp');
    expect(next.indexOf('Tiến độ quý IV/2026')).toBeGreaterThanOrEqual(0);
    expect(next.indexOf('Tiến độ quý IV/2026')).toBeLessThan(next.indexOf('Hạn nộp'));
  });
});

describe('documents on Telegram', async () => {
  const { api, officer } = await setup();
  const { phone } = await officer(7601);

  it('sends the appendix as a document after its caption', async () => {
    await phone.type('1.1 100; 1.2 95');
    expect(await phone.type('xuất báo cáo')).toContain('Phụ lục kết quả quý IV/2026 (Word).');
    const [call] = api.callsTo('sendDocument');
    expect(call?.payload.chat_id).toBe('7601');
    const file = call?.payload.document as { filename?: string } | undefined;
    expect(file?.filename).toBe('phu-luc-X1-2026-Q4.docx');
    await phone.type('/xuatexcel');
    const second = api.callsTo('sendDocument')[1]?.payload.document as { filename?: string } | undefined;
    expect(second?.filename).toBe('phu-luc-X1-2026-Q4.xlsx');
  });
});

describe('a reading to confirm, on buttons', async () => {
  const { app, clock, bot, api } = await setup();
  const fw = 'quang-ngai-nam-du-lieu-so-2023';
  const unit = await addUnit(
    app.db,
    { code: 'BS', name: 'Xã Bình Sơn', province: 'Quảng Ngãi', frameworkId: fw },
    clock.now(),
  );
  await registerOfficer(app.db, unit.id, { channel: 'telegram', externalId: '7301' }, clock.now());
  const phone = new Phone(bot, api, { id: 7301, first_name: 'Hà' });
  const answers = async () =>
    (await loadAnswers(app.db, { unitId: unit.id, frameworkId: fw }, ['2026-Q4'])).get('2026-Q4')!;
  const sentence =
    'Tổng hồ sơ tiếp nhận giải quyết TTHC trong năm 2023 là 37.389 hồ sơ trong đó số hóa thành phần hồ sơ khi tiếp nhận là 25.031 hồ sơ đạt 66,95%';

  it('asks the verdict of a criterion without a threshold with Đạt / Chưa đạt buttons, storing nothing yet', async () => {
    await phone.type('/baocao');
    const out = await phone.type(sentence);
    expect(out).toContain('Tiêu chí 1.1: 66,95% (25.031/37.389 hồ sơ)');
    expect(out).toContain('anh/chị tự đánh giá');
    expect(out).not.toMatch(/1\. Đạt/);
    expect(
      phone
        .lastWithButton('Đạt')
        ?.buttons.flat()
        .map((b) => b.text),
    ).toEqual(['Đạt', 'Chưa đạt', 'Nhập lại']);
    expect((await answers()).has('1.1')).toBe(false);
  });

  it('stores the figure with the tapped verdict and the sentence as written', async () => {
    const out = await phone.tap('Chưa đạt');
    expect(out).toContain('Ghi nhận 1.1: 66,95% (25.031/37.389 hồ sơ) — tự đánh giá: chưa đạt.');
    const stored = (await answers()).get('1.1');
    expect(stored?.raw).toBe(sentence);
    expect(stored?.value).toMatchObject({ numerator: 25031, denominator: 37389, declared: 'not_met' });
  });

  it('asks again and stores nothing when "Nhập lại" is tapped', async () => {
    await phone.tap('Bỏ qua');
    await phone.type(
      'trong đó số hóa kết quả giải quyết được 12.801 hồ sơ trên tổng số 35.887 hồ sơ, đạt 35,67%',
    );
    expect(await phone.tap('Nhập lại')).toContain('Chưa ghi. Mời anh/chị trả lời lại tiêu chí 1.2.');
    expect((await answers()).has('1.2')).toBe(false);
  });
});

describe('a report started from last quarter, on buttons', async () => {
  const { app, clock, bot, api } = await setup();
  const unit = await addUnit(
    app.db,
    { code: 'LQ', name: 'Xã Quý Trước', province: 'Thanh Hóa', frameworkId: FW },
    clock.now(),
  );
  await registerOfficer(app.db, unit.id, { channel: 'telegram', externalId: '7401' }, clock.now());
  const phone = new Phone(bot, api, { id: 7401, first_name: 'Lan' });
  await phone.type('/baocao quý III/2026');
  await phone.type('1.1 95; 1.5 có; 1.6 có');
  await phone.type('dừng');
  const answers = async () =>
    (await loadAnswers(app.db, { unitId: unit.id, frameworkId: FW }, ['2026-Q4'])).get('2026-Q4')!;

  it('offers to keep last quarter’s Có results with three buttons', async () => {
    const out = await phone.type('/baocao quý IV/2026');
    expect(out).toContain('ở 2 tiêu chí: 1.5, 1.6.');
    expect(
      phone
        .lastWithButton('Giữ tất cả')
        ?.buttons.flat()
        .map((b) => b.text),
    ).toEqual(['Giữ tất cả', 'Xem từng tiêu chí', 'Trả lời lại từ đầu']);
  });

  it('keeps them on a tap, then shows "Như cũ" under a figure answered last quarter', async () => {
    const out = await phone.tap('Giữ tất cả');
    expect(out).toContain('Đã giữ kết quả quý III/2026 cho 2 tiêu chí');
    expect(out).toContain('Kỳ trước (quý III/2026): 95%');
    expect(phone.buttons()[0]?.[0]).toBe('Như cũ');
    expect(await phone.tap('Như cũ')).toContain('Ghi nhận 1.1 (giữ như quý III/2026): 95%');
    const stored = await answers();
    expect(stored.get('1.1')).toMatchObject({ value: { value: 95 }, carriedFrom: '2026-Q3' });
    expect(stored.get('1.5')).toMatchObject({ carriedFrom: '2026-Q3' });
  });
});
