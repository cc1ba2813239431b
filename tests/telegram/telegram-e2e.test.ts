/**
 * Pintu as a Telegram bot, end to end: the real grammY client (long polling through the runner, or a webhook)
 * against a fake Bot API server over HTTP, with the real engine, NLU, database, Redis and outbox worker. A complaint
 * with a pin and a photo, a SISKIA registration, a GOVIS query with its buttons and the location keyboard, a 429
 * that pauses and loses nothing, a blocked bot, a failing update that is apologised for while polling goes on, a
 * group mention, long replies, and the webhook's secret check. "Now" is Monday 30 November 2026, 10:00 WIB.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { waitFor } from '../support/senders.js';
import { createOfficer, signInCookie } from '../support/dashboard.js';
import { startFakeBotApi, TINY_JPEG, type FakeBotApi } from './fake-bot-api.js';

const TOKEN = '123456:TEST-token-abcdefghijklmnop';
const clock = new FixedClock('2026-11-30T03:00:00Z');

/** Pushes an update and waits for the bot's answers to that chat (at least `count` new sends, then a short quiet). */
async function turn(fake: FakeBotApi, chat: number, push: () => unknown, count = 1): Promise<{ text: string; markup?: unknown }[]> {
  const before = fake.sent(chat).length;
  push();
  await fake.waitForSent(before + count, { chatId: chat, timeoutMs: 10_000 });
  await new Promise((r) => setTimeout(r, 150));
  return fake.sent(chat).slice(before).map((s) => ({ text: s.text ?? '', markup: s.replyMarkup }));
}

describe('Telegram by long polling', () => {
  let fake: FakeBotApi;
  let t: TestApp;
  beforeAll(async () => {
    fake = await startFakeBotApi({ token: TOKEN });
    t = await startTestApp({
      clock,
      workers: true,
      env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, OUTBOX_RATE_TELEGRAM_CHAT: '20/1000', USER_RATE_LIMIT: '100/1000', OUTBOX_BACKOFF_MS: '50' },
    });
    await t.app.listen();
  });
  afterAll(async () => {
    await t?.dispose();
    await fake?.close();
  });

  it('connects: bot commands set, no webhook left', () => {
    expect(fake.myCommands().map((c) => c.command)).toEqual(['menu', 'status', 'bantuan', 'batal']);
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
  });

  it('files a complaint with a pin and a photo; buttons are inline and answered; the photo can be fetched', async () => {
    const chat = 5001;
    const [first] = await turn(fake, chat, () => fake.pushText(chat, 'lampu jalan mati di jalan suroyo depan sekolah sudah 3 hari'));
    expect(first!.text).toContain('kategori: Lampu jalan');
    expect(first!.markup).toEqual({ inline_keyboard: [[{ text: 'Lewati', callback_data: 'skip_photos' }]] });
    const [pinned] = await turn(fake, chat, () => fake.pushLocation(chat, -7.7543, 113.2159));
    expect(pinned!.text).toContain('pin lokasi · Kel. Kebonsari Kulon, Kec. Kanigaran');
    const photoUpdate = fake.pushPhoto(chat, 'ini fotonya');
    await fake.waitForSent(fake.sent(chat).length + 1, { chatId: chat, timeoutMs: 10_000 });
    expect(fake.sent(chat).at(-1)!.text).toContain('Foto diterima (1/5)');
    const answered = fake.callbackAnswers.length;
    const [privacy] = await turn(fake, chat, () => fake.pushCallback(chat, 'skip_photos'));
    expect(fake.callbackAnswers.length).toBe(answered + 1);
    expect(privacy!.text).toContain('Laporan ini mau dibuat');
    const [summary] = await turn(fake, chat, () => fake.pushCallback(chat, 'publik'));
    expect(summary!.text).toContain('• Foto: 1');
    const [filed] = await turn(fake, chat, () => fake.pushCallback(chat, 'send'));
    const ticket = /PBL-2026-\d{6}/.exec(filed!.text)![0];
    const stored = await t.app.complaints.service.get(ticket);
    const largest = photoUpdate.message!.photo!.at(-1)!.file_id;
    expect(stored?.photos).toEqual([{ fileId: largest, caption: 'ini fotonya' }]);
    expect(stored?.location).toMatchObject({ point: { lat: -7.7543, lon: 113.2159 }, kelurahan: 'Kebonsari Kulon' });
    expect(await t.app.telegram!.fetchPhoto(largest)).toEqual(TINY_JPEG);
    // The officer sees it on the ticket page, fetched through the Bot API.
    await createOfficer(t.app.orm, 'koordinator', 'coordinator', 'kata-sandi-koordinator');
    const cookie = await signInCookie(t.app.http!, 'koordinator', 'kata-sandi-koordinator');
    const ticketPage = await t.app.http!.inject({ method: 'GET', url: `/admin/complaints/${ticket}`, headers: { cookie } });
    expect(ticketPage.body).toContain(`<img src="/admin/complaints/${ticket}/photos/1"`);
    const photo = await t.app.http!.inject({ method: 'GET', url: `/admin/complaints/${ticket}/photos/1`, headers: { cookie } });
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.rawPayload).toEqual(TINY_JPEG);
    expect((await t.app.http!.inject({ method: 'GET', url: `/admin/complaints/${ticket}/photos/2`, headers: { cookie } })).statusCode).toBe(404);
  });

  it('registers a pregnancy for SISKIA through buttons and typed answers', async () => {
    const chat = 5002;
    const [consent] = await turn(fake, chat, () => fake.pushText(chat, 'saya mau daftar siskia, saya hamil'));
    expect(consent!.text).toContain('Setuju?');
    await turn(fake, chat, () => fake.pushCallback(chat, 'agree'));
    const [hpht] = await turn(fake, chat, () => fake.pushCallback(chat, 'pregnant'));
    expect(hpht!.text).toContain('HPHT');
    await turn(fake, chat, () => fake.pushText(chat, '1 september 2026'));
    await turn(fake, chat, () => fake.pushText(chat, '28'));
    const [done] = await turn(fake, chat, () => fake.pushText(chat, 'kanigaran'));
    expect(done!.text).toContain('Terdaftar!');
    expect(done!.text).toContain('HPL: Selasa, 8 Juni 2027');
  });

  it('answers a GOVIS query with inline buttons and a separate location button; "lagi" by button', async () => {
    const chat = 5003;
    const replies = await turn(fake, chat, () => fake.pushText(chat, 'wisata keluarga apa aja?'), 2);
    expect(replies[0]!.text).toContain('Rekomendasi Wisata di Kota Probolinggo');
    const buttons = (replies[0]!.markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.flat().map((b) => b.callback_data);
    expect(buttons).toContain('govis:more');
    expect(replies[1]).toEqual({
      text: 'Atau kirim lokasi Anda dengan tombol di bawah.',
      markup: { keyboard: [[{ text: '📍 Kirim lokasi saya', request_location: true }]], one_time_keyboard: true, resize_keyboard: true },
    });
    const more = await turn(fake, chat, () => fake.pushCallback(chat, 'govis:more'), 2);
    expect(more[0]!.text).toContain('Ini pilihan berikutnya');
  });

  it('a 429 holds Telegram sends for retry_after and the message still arrives, once', async () => {
    const chat = 5004;
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const started = Date.now();
    const replies = await turn(fake, chat, () => fake.pushText(chat, 'halo'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(replies.filter((r) => r.text.includes('Pintu'))).toHaveLength(1);
  });

  it('a user who blocked the bot is marked unreachable and not sent to again', async () => {
    const chat = 5005;
    await turn(fake, chat, () => fake.pushText(chat, 'halo'));
    fake.blockChat(chat);
    const blockedCalls = () => fake.calls.filter((c) => c.method === 'sendMessage' && Number(c.body.chat_id) === chat && c.status === 403).length;
    await t.app.engine.notify([{ channel: 'telegram', address: String(chat), kind: 'notice', reply: { text: 'Laporan Anda sudah selesai.' } }]);
    await waitFor(() => t.app.users.isUnreachable('telegram', String(chat)), 'the identity marked unreachable');
    await t.app.engine.notify([{ channel: 'telegram', address: String(chat), kind: 'notice', reply: { text: 'Pesan kedua.' } }]);
    await waitFor(async () => (await t.app.messageLog.listOutbound('undeliverable')).filter((r) => r.address === String(chat)).length === 2, 'both undeliverable');
    expect(blockedCalls()).toBe(1);
    fake.unblockChat(chat);
  });

  it('an update that fails is logged and apologised for; the next one is handled', async () => {
    const chat = 5006;
    const engine = t.app.engine;
    const original = engine.handle.bind(engine);
    engine.handle = async (m) => {
      if (m.text === 'meledak') throw new Error('simulated failure');
      return original(m);
    };
    try {
      const [apology] = await turn(fake, chat, () => fake.pushText(chat, 'meledak'));
      expect(apology!.text).toMatch(/maaf/i);
      const [next] = await turn(fake, chat, () => fake.pushText(chat, 'menu'));
      expect(next!.text).toContain('Layanan yang bisa saya bantu');
    } finally {
      engine.handle = original;
    }
  });

  it('in a group: silent unless mentioned, then a pointer to a private chat; an edited message gets a note', async () => {
    const groupChat = -1001234567890;
    const quiet = fake.calls.length;
    fake.pushGroupText(groupChat, 'ada info posyandu?');
    const [pointer] = await turn(fake, groupChat, () => fake.pushGroupText(groupChat, '@pintu_test_bot jalan rusak', { mention: true }));
    expect(pointer!.text).toContain('https://t.me/pintu_test_bot');
    expect(fake.calls.slice(quiet).filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    const [edited] = await turn(fake, 5007, () => fake.pushEdited(5007, 'ralat: jalan mastrip'));
    expect(edited!.text).toContain('Pesan yang diedit tidak saya baca ulang');
  });

  it('a long reply is split at 4,096 characters on sentence ends, keyboard on the last piece', async () => {
    const chat = 5008;
    const text = 'Jadwal posyandu berubah minggu ini. '.repeat(300).trim();
    await t.app.telegram!.sender.send(String(chat), { text, choices: [{ label: 'OK', value: 'ok' }] });
    const pieces = fake.sent(chat);
    expect(pieces.length).toBe(3);
    expect(pieces.every((p) => (p.text ?? '').length <= 4096 && (p.text ?? '').endsWith('.'))).toBe(true);
    expect(pieces.map((p) => p.replyMarkup === undefined)).toEqual([true, true, false]);
    expect(pieces.map((p) => p.text).join(' ')).toBe(text);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('Telegram by webhook', () => {
  it('registers the webhook with its secret, takes updates with the right secret and refuses others', async () => {
    const fake = await startFakeBotApi({ token: TOKEN });
    const port = await freePort();
    const t = await startTestApp({
      clock,
      workers: true,
      env: {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
        TELEGRAM_WEBHOOK_SECRET: 'rahasia-webhook-123',
        PORT: String(port),
        OUTBOX_RATE_TELEGRAM_CHAT: '20/1000',
      },
    });
    try {
      await t.app.listen();
      expect(fake.webhook).toMatchObject({ url: `http://127.0.0.1:${port}/telegram/webhook`, secret_token: 'rahasia-webhook-123' });
      const update = { update_id: 900001, message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: 6001, type: 'private' as const, first_name: 'Budi' }, from: { id: 6001, is_bot: false, first_name: 'Budi', language_code: 'id' }, text: 'menu' } };
      expect(await fake.deliverToWebhook(update)).toBe(200);
      await fake.waitForSent(1, { chatId: 6001, timeoutMs: 10_000 });
      expect(fake.sent(6001)[0]!.text).toContain('Layanan yang bisa saya bantu');
      expect(await fake.deliverToWebhook({ ...update, update_id: 900002 }, { secret: 'salah' })).toBe(401);
      expect(await fake.deliverToWebhook({ ...update, update_id: 900003 }, { secret: null })).toBe(401);
      // A redelivered update (same update_id) is handled once.
      expect(await fake.deliverToWebhook(update)).toBe(200);
      await new Promise((r) => setTimeout(r, 500));
      expect(fake.sent(6001)).toHaveLength(1);
    } finally {
      await t.dispose();
      await fake.close();
    }
  });
});
