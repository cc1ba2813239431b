/**
 * The fake Bot API (tests/telegram/fake-bot-api.ts) driven by the real grammY client over HTTP, so we know it speaks
 * real Bot API shapes: getMe, sends with keyboards and markup, Telegram's refusals (403 blocked, 400 chat not found,
 * bad markup, long callback data), rolling rate limits with retry_after, long polling with offsets, grammY's own
 * polling loop through its filter queries, getFile and the file download, and webhook delivery with the secret
 * header into grammY's webhookCallback.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, HttpError, InlineKeyboard, Keyboard, webhookCallback } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, startFakeBotApi, TINY_JPEG, type FakeBotApi, type FakeBotApiOptions } from './fake-bot-api.js';

let fake: FakeBotApi | undefined;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await fake?.close();
  fake = undefined;
});

async function setup(options: FakeBotApiOptions = {}): Promise<{ fake: FakeBotApi; bot: Bot }> {
  fake = await startFakeBotApi(options);
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  return { fake, bot };
}

/** The GrammyError a call fails with (fails the test when it succeeds or fails otherwise). */
async function apiError(call: Promise<unknown>): Promise<GrammyError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrammyError);
  return err as GrammyError;
}

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('fake Bot API: methods', () => {
  it('answers getMe with the bot user and refuses another token with 401', async () => {
    const { fake, bot } = await setup();
    const me = await bot.api.getMe();
    expect(me).toMatchObject({ id: 123456, is_bot: true, username: 'pintu_test_bot', can_join_groups: true });
    expect(fake.token).toBe(DEFAULT_TOKEN);

    const stranger = new Bot('999:other', { client: { apiRoot: fake.apiRoot } });
    const err = await apiError(stranger.api.getMe());
    expect(err.error_code).toBe(401);
    expect(err.description).toBe('Unauthorized');
    expect(fake.calls.map((c) => c.status)).toEqual([200, 401]);
  });

  it('records sendMessage with an inline keyboard and answers a bot Message with growing ids', async () => {
    const { fake, bot } = await setup();
    const keyboard = new InlineKeyboard().text('Lapor jalan rusak', 'lapor:jalan').row().url('Situs', 'https://probolinggokota.go.id');
    const first = await bot.api.sendMessage(42, '<b>Halo</b> &amp; selamat datang', {
      parse_mode: 'HTML',
      reply_markup: keyboard,
      link_preview_options: { is_disabled: true },
    });
    expect(first).toMatchObject({
      message_id: 1,
      from: { id: 123456, is_bot: true, username: 'pintu_test_bot' },
      chat: { id: 42, type: 'private' },
      text: 'Halo & selamat datang',
      entities: [{ type: 'bold', offset: 0, length: 4 }],
      reply_markup: { inline_keyboard: keyboard.inline_keyboard },
    });
    expect(typeof first.date).toBe('number');

    const [sent] = fake.sent(42);
    expect(sent!.body).toMatchObject({
      chat_id: 42,
      text: '<b>Halo</b> &amp; selamat datang',
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_markup: { inline_keyboard: [[{ text: 'Lapor jalan rusak', callback_data: 'lapor:jalan' }], [{ text: 'Situs', url: 'https://probolinggokota.go.id' }]] },
    });
    expect(sent!.replyMarkup).toEqual({ inline_keyboard: keyboard.inline_keyboard });

    const askLocation = await bot.api.sendMessage(42, 'Kirim lokasi', {
      reply_markup: new Keyboard().requestLocation('Bagikan lokasi').resized().oneTime(),
      reply_parameters: { message_id: first.message_id },
    });
    expect(askLocation.message_id).toBe(2);
    expect(askLocation.reply_markup).toBeUndefined();
    expect(askLocation.reply_to_message?.message_id).toBe(1);
    expect(fake.sent(42)[1]!.body.reply_markup).toMatchObject({ keyboard: [[{ text: 'Bagikan lokasi', request_location: true }]] });
    await bot.api.sendMessage(42, 'Terima kasih', { reply_markup: { remove_keyboard: true } });
    await bot.api.sendMessage(7, 'Chat lain');
    expect(fake.sent().map((s) => [s.chatId, s.message.message_id])).toEqual([
      [42, 1],
      [42, 2],
      [42, 3],
      [7, 1],
    ]);
  });

  it('refuses what Telegram refuses: bad markup, long callback data, empty text, unknown replies and queries', async () => {
    const { fake, bot } = await setup();
    const cases: [Promise<unknown>, string][] = [
      [bot.api.sendMessage(1, 'baris<br>baru', { parse_mode: 'HTML' }), `Bad Request: can't parse entities: Unsupported start tag "br" at byte offset 5`],
      [bot.api.sendMessage(1, '<b>tebal', { parse_mode: 'HTML' }), `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`],
      [bot.api.sendMessage(1, 'Selesai.', { parse_mode: 'MarkdownV2' }), `Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'`],
      [bot.api.sendMessage(1, 'Pilih', { reply_markup: new InlineKeyboard().text('x', 'x'.repeat(65)) }), 'Bad Request: BUTTON_DATA_INVALID'],
      [bot.api.sendMessage(1, '   '), 'Bad Request: message text is empty'],
      [bot.api.sendMessage(1, 'a'.repeat(4097)), 'Bad Request: message is too long'],
      [bot.api.sendMessage(1, 'balas', { reply_parameters: { message_id: 99 } }), 'Bad Request: message to be replied not found'],
      [bot.api.answerCallbackQuery('123'), 'Bad Request: query is too old and response timeout expired or query ID is invalid'],
      [bot.api.getFile('AgACnope'), 'Bad Request: invalid file_id'],
    ];
    for (const [call, description] of cases) {
      const err = await apiError(call);
      expect(err.error_code).toBe(400);
      expect(err.description).toBe(description);
    }
    expect(fake.sent()).toEqual([]);
    const ok = await bot.api.sendMessage(1, 'Selesai\\. *Tebal* dan _miring_', { parse_mode: 'MarkdownV2' });
    expect(ok.text).toBe('Selesai. Tebal dan miring');
    expect(ok.entities).toEqual([
      { type: 'bold', offset: 9, length: 5 },
      { type: 'italic', offset: 19, length: 6 },
    ]);

    const notFound = await fetch(`${fake.apiRoot}/bot${fake.token}/notAMethod`, { method: 'POST' });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found: method not found' });
    const form = new FormData();
    form.set('chat_id', '1');
    form.set('photo', new Blob([TINY_JPEG]), 'x.jpg');
    const multipart = await fetch(`${fake.apiRoot}/bot${fake.token}/sendPhoto`, { method: 'POST', body: form });
    expect(multipart.status).toBe(400);
  });

  it('answers 403 for blocked chats and 400 for unknown ones, changeable at runtime', async () => {
    const { fake, bot } = await setup({ blockedChats: [10], missingChats: [11] });
    const blocked = await apiError(bot.api.sendMessage(10, 'Halo'));
    expect(blocked.error_code).toBe(403);
    expect(blocked.description).toBe('Forbidden: bot was blocked by the user');
    expect((await apiError(bot.api.sendPhoto(10, 'https://example.org/a.jpg'))).error_code).toBe(403);
    expect((await apiError(bot.api.sendLocation(10, -7.75, 113.21))).error_code).toBe(403);
    const missing = await apiError(bot.api.sendMessage(11, 'Halo'));
    expect(missing.error_code).toBe(400);
    expect(missing.description).toBe('Bad Request: chat not found');

    fake.unblockChat(10);
    await bot.api.sendMessage(10, 'Halo lagi');
    fake.blockChat(12);
    expect((await apiError(bot.api.sendMessage(12, 'Halo'))).error_code).toBe(403);
    expect(fake.sent().map((s) => s.chatId)).toEqual([10]);
    expect(fake.calls.filter((c) => c.method.startsWith('send')).map((c) => c.status)).toEqual([403, 403, 403, 400, 200, 403]);
  });

  it('rate-limits per chat and globally in rolling windows, with retry_after, and counts the 429s', async () => {
    const { fake, bot } = await setup({ rateLimit: { global: 5, perChatPerSecond: 1 } });
    await bot.api.sendMessage(1, 'satu');
    const perChat = await apiError(bot.api.sendMessage(1, 'dua'));
    expect(perChat.error_code).toBe(429);
    expect(perChat.description).toBe('Too Many Requests: retry after 1');
    expect(perChat.parameters.retry_after).toBe(1);
    for (const chat of [2, 3, 4, 5]) await bot.api.sendMessage(chat, 'halo');
    const global = await apiError(bot.api.sendLocation(6, -7.75, 113.21));
    expect(global.error_code).toBe(429);
    expect(global.parameters.retry_after).toBeGreaterThanOrEqual(1);
    expect(fake.rateLimited).toBe(2);
    expect(fake.maxSendsInAnySecond).toBe(5);
    expect(fake.maxSendsPerChatInAnySecond).toBe(1);
    expect(fake.maxSendsInAnySecondTo(1)).toBe(1);

    fake.rateLimit = undefined;
    await bot.api.sendMessage(1, 'tiga');
    expect(fake.maxSendsInAnySecondTo(1)).toBe(2);
    expect(fake.maxSendsInAnySecond).toBe(6);
  });

  it('fails the next call once with failNext, and drops a connection with dropNext', async () => {
    const { fake, bot } = await setup();
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } });
    fake.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' });
    const limited = await apiError(bot.api.sendMessage(1, 'a'));
    expect(limited.parameters.retry_after).toBe(2);
    expect((await apiError(bot.api.sendMessage(1, 'b'))).error_code).toBe(500);
    await bot.api.sendMessage(1, 'c');
    expect(fake.rateLimited).toBe(1);

    fake.dropNext('getMe');
    await expect(bot.api.getMe()).rejects.toBeInstanceOf(HttpError);
    await expect(bot.api.getMe()).resolves.toMatchObject({ username: 'pintu_test_bot' });
  });

  it('accepts setMyCommands, sendChatAction and editMessageReplyMarkup like Telegram', async () => {
    const { fake, bot } = await setup();
    await bot.api.setMyCommands([
      { command: 'start', description: 'Mulai' },
      { command: 'status', description: 'Cek status laporan' },
    ]);
    expect(fake.myCommands().map((c) => c.command)).toEqual(['start', 'status']);
    expect(await bot.api.getMyCommands()).toHaveLength(2);
    expect((await apiError(bot.api.setMyCommands([{ command: 'Bad Command', description: 'x' }]))).description).toBe('Bad Request: BOT_COMMAND_INVALID');
    await expect(bot.api.sendChatAction(5, 'typing')).resolves.toBe(true);

    const msg = await bot.api.sendMessage(5, 'Pilih', { reply_markup: new InlineKeyboard().text('A', 'a') });
    const edited = await bot.api.editMessageReplyMarkup(5, msg.message_id);
    expect(edited).toMatchObject({ message_id: msg.message_id, text: 'Pilih' });
    expect(edited !== true && edited.reply_markup).toBeFalsy();
    const again = await apiError(bot.api.editMessageReplyMarkup(5, msg.message_id));
    expect(again.description).toMatch(/^Bad Request: message is not modified/);
    expect((await apiError(bot.api.editMessageReplyMarkup(5, 999))).description).toBe('Bad Request: message to edit not found');
  });
});

describe('fake Bot API: updates', () => {
  it('long-polls getUpdates, answers as soon as an update is queued, and confirms by offset', async () => {
    const { fake, bot } = await setup({ maxPollSeconds: 3 });
    const started = performance.now();
    const polling = bot.api.getUpdates({ timeout: 30 });
    setTimeout(() => fake.pushText(77, 'halo'), 100);
    const [update] = await polling;
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(80);
    expect(elapsed).toBeLessThan(1000);
    expect(update!.message).toMatchObject({
      message_id: 1,
      chat: { id: 77, type: 'private', first_name: 'Warga' },
      from: { id: 77, is_bot: false, language_code: 'id' },
      text: 'halo',
    });

    const again = await bot.api.getUpdates({ timeout: 0 });
    expect(again.map((u) => u.update_id)).toEqual([update!.update_id]);
    fake.pushText(77, 'kedua');
    const next = await bot.api.getUpdates({ offset: update!.update_id + 1, limit: 10 });
    expect(next.map((u) => u.message?.text)).toEqual(['kedua']);
    expect(next[0]!.update_id).toBe(update!.update_id + 1);
    await bot.api.getUpdates({ offset: next[0]!.update_id + 1 });
    expect(fake.pending).toEqual([]);

    fake.maxPollSeconds = 0.2;
    const idleStart = performance.now();
    expect(await bot.api.getUpdates({ timeout: 30 })).toEqual([]);
    expect(performance.now() - idleStart).toBeGreaterThanOrEqual(150);

    const before = fake.pushText(77, 'sebelum');
    const subscribed = await bot.api.getUpdates({ allowed_updates: ['callback_query'] });
    expect(subscribed.map((u) => u.update_id)).toEqual([before.update_id]);
    fake.pushText(77, 'diabaikan');
    fake.pushCallback(77, 'menu');
    const onlyCallbacks = await bot.api.getUpdates({ offset: before.update_id + 1 });
    expect(onlyCallbacks.map((u) => Object.keys(u).filter((k) => k !== 'update_id'))).toEqual([['callback_query']]);
  });

  it('terminates a held poll with 409 when another getUpdates arrives', async () => {
    const { bot } = await setup({ maxPollSeconds: 3 });
    const first = bot.api.getUpdates({ timeout: 30 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await bot.api.getUpdates({ timeout: 0 });
    const err = await apiError(first);
    expect(err.error_code).toBe(409);
    expect(err.description).toMatch(/^Conflict: terminated by other getUpdates request/);
  });

  it('builds real update shapes for commands, callbacks, contacts, edits and group mentions', async () => {
    const { fake, bot } = await setup();
    fake.setUser(50, { first_name: 'Siti', username: 'siti_pbl' });
    const menu = await bot.api.sendMessage(50, 'Menu', { reply_markup: new InlineKeyboard().text('Lapor', 'lapor') });
    const command = fake.pushCommand(50, '/status 12');
    const callback = fake.pushCallback(50, 'lapor');
    const contact = fake.pushContact(50, '6281234567890');
    const text = fake.pushText(50, 'jalan rusak');
    const edited = fake.pushEdited(50, 'jalan rusak parah');
    const group = fake.pushGroupText(-1001234567890, 'tolong info', { mention: true });
    const updates = await bot.api.getUpdates();
    expect(updates).toHaveLength(6);

    expect(command.message).toMatchObject({ text: '/status 12', entities: [{ type: 'bot_command', offset: 0, length: 7 }], chat: { username: 'siti_pbl' } });
    expect(callback.callback_query).toMatchObject({
      from: { id: 50, first_name: 'Siti' },
      message: { message_id: menu.message_id, from: { is_bot: true }, reply_markup: { inline_keyboard: [[{ callback_data: 'lapor' }]] } },
      data: 'lapor',
    });
    expect(typeof callback.callback_query!.id).toBe('string');
    expect(typeof callback.callback_query!.chat_instance).toBe('string');
    expect(contact.message?.contact).toEqual({ phone_number: '6281234567890', first_name: 'Siti', user_id: 50 });
    expect(edited.edited_message).toMatchObject({ message_id: text.message!.message_id, date: text.message!.date, text: 'jalan rusak parah' });
    expect(typeof edited.edited_message!.edit_date).toBe('number');
    expect(group.message).toMatchObject({
      chat: { id: -1001234567890, type: 'supergroup' },
      text: '@pintu_test_bot tolong info',
      entities: [{ type: 'mention', offset: 0, length: 15 }],
    });
    expect(fake.pushGroupText(-5, 'halo').message?.chat.type).toBe('group');

    await bot.api.answerCallbackQuery(callback.callback_query!.id, { text: 'Oke' });
    expect(fake.callbackAnswers).toMatchObject([{ callback_query_id: callback.callback_query!.id, text: 'Oke' }]);
    expect((await apiError(bot.api.answerCallbackQuery(callback.callback_query!.id))).error_code).toBe(400);
  });

  it("drives grammY's own polling through message:text, callback_query:data, message:location and message:photo", async () => {
    const { fake, bot } = await setup();
    bot.command('start', (ctx) => ctx.reply('Selamat datang', { reply_markup: new InlineKeyboard().text('Lapor', 'menu:lapor') }));
    bot.on('callback_query:data', async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'Dipilih' });
      await ctx.editMessageReplyMarkup();
      await ctx.reply(`pilihan ${ctx.callbackQuery.data}`);
    });
    bot.on('message:location', (ctx) => ctx.reply(`lokasi ${ctx.message.location.latitude},${ctx.message.location.longitude}`));
    bot.on('message:photo', async (ctx) => {
      const file = await ctx.getFile();
      await ctx.reply(`foto ${file.file_path} ${ctx.message.caption ?? ''}`.trim());
    });
    bot.on('message:text', (ctx) => ctx.reply(`teks ${ctx.message.text}`));
    bot.catch((err) => {
      throw err.error;
    });
    const stopped = bot.start({ timeout: 30 });
    cleanups.push(async () => {
      if (bot.isRunning()) await bot.stop();
      await stopped;
    });

    fake.pushCommand(1, '/start');
    const [welcome] = await fake.waitForSent(1, { chatId: 1 });
    fake.pushCallback(1, 'menu:lapor');
    fake.pushText(1, 'jalan berlubang');
    fake.pushLocation(1, -7.7543, 113.2159);
    fake.pushPhoto(1, 'depan pasar');
    const replies = await fake.waitForSent(5, { chatId: 1 });
    await bot.stop();
    await stopped;

    expect(replies.map((s) => s.text)).toEqual([
      'Selamat datang',
      'pilihan menu:lapor',
      'teks jalan berlubang',
      'lokasi -7.7543,113.2159',
      'foto photos/file_0.jpg depan pasar',
    ]);
    expect(fake.callbackAnswers.map((a) => a.text)).toEqual(['Dipilih']);
    const edits = fake.callsOf('editMessageReplyMarkup');
    expect(edits.map((c) => [c.body.message_id, c.status])).toEqual([[welcome!.message.message_id, 200]]);
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
    expect(fake.pending).toEqual([]);
  });
});

describe('fake Bot API: files and webhooks', () => {
  it('serves the largest photo size through getFile and the file download', async () => {
    const { fake, bot } = await setup();
    const photo = fake.pushPhoto(3).message!.photo!;
    expect(photo.map((p) => p.width)).toEqual([90, 320, 800]);
    expect(new Set(photo.map((p) => p.file_id)).size).toBe(3);
    expect(new Set(photo.map((p) => p.file_unique_id)).size).toBe(3);
    expect(photo.map((p) => p.file_size)).toEqual([...photo.map((p) => p.file_size)].sort((a, b) => a! - b!));

    const file = await bot.api.getFile(photo[2]!.file_id);
    expect(file).toEqual({ file_id: photo[2]!.file_id, file_unique_id: photo[2]!.file_unique_id, file_size: TINY_JPEG.length, file_path: 'photos/file_0.jpg' });
    const download = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(bytes.equals(TINY_JPEG)).toBe(true);
    expect((await fetch(`${fake.apiRoot}/file/bot${fake.token}/photos/nope.jpg`)).status).toBe(404);
    expect((await apiError(bot.api.getFile(photo[0]!.file_id))).description).toBe('Bad Request: invalid file_id');

    const again = await bot.api.sendPhoto(3, photo[2]!.file_id, { caption: 'foto ulang' });
    expect(again.photo!.map((p) => p.file_id)).toEqual(photo.map((p) => p.file_id));
    const byUrl = await bot.api.sendPhoto(3, 'https://example.org/peta.png');
    expect(byUrl.photo).toHaveLength(3);
    expect((await apiError(bot.api.sendPhoto(3, 'not-a-file-id'))).description).toBe('Bad Request: wrong file identifier/HTTP URL specified');
  });

  it("delivers to the webhook with the secret header, which grammY's webhookCallback checks", async () => {
    const { fake, bot } = await setup();
    bot.on('message:text', (ctx) => ctx.reply(`diterima: ${ctx.message.text}`));
    const handle = webhookCallback(bot, 'http', { secretToken: 'rahasia_123' });
    const headers: (string | undefined)[] = [];
    const base = await listen((req, res) => {
      headers.push(req.headers['x-telegram-bot-api-secret-token'] as string | undefined);
      if (req.url === '/raw') {
        req.resume();
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ method: 'sendMessage', chat_id: 9, text: 'balasan webhook' }));
        return;
      }
      void handle(req, res);
    });

    fake.pushText(8, 'lama');
    await bot.api.setWebhook(`${base}/telegram`, { secret_token: 'rahasia_123', allowed_updates: ['message', 'callback_query'], drop_pending_updates: true });
    expect(fake.webhook).toEqual({
      url: `${base}/telegram`,
      secret_token: 'rahasia_123',
      allowed_updates: ['message', 'callback_query'],
      drop_pending_updates: true,
      max_connections: 40,
    });
    expect(fake.pending).toEqual([]);
    const conflict = await apiError(bot.api.getUpdates());
    expect(conflict.error_code).toBe(409);

    expect(await fake.deliverToWebhook(fake.pushText(8, 'halo'))).toBe(200);
    expect(fake.sent(8).map((s) => s.text)).toEqual(['diterima: halo']);
    expect(await fake.deliverToWebhook(fake.pushText(8, 'palsu'), { secret: 'salah' })).toBe(401);
    expect(await fake.deliverToWebhook(fake.pushText(8, 'tanpa'), { secret: null })).toBe(401);
    expect(headers).toEqual(['rahasia_123', 'salah', undefined]);
    expect(fake.sent(8)).toHaveLength(1);
    const info = await bot.api.getWebhookInfo();
    expect(info).toMatchObject({ url: `${base}/telegram`, pending_update_count: 2, last_error_message: 'Wrong response from the webhook: 401 Unauthorized' });

    await bot.api.setWebhook(`${base}/raw`);
    expect(await fake.deliverToWebhook(fake.pushText(9, 'x'))).toBe(200);
    expect(fake.sent(9).map((s) => s.text)).toEqual(['balasan webhook']);
    expect(fake.callsOf('sendMessage').at(-1)?.viaWebhookReply).toBe(true);

    await bot.api.deleteWebhook({ drop_pending_updates: true });
    expect(fake.webhook).toBeNull();
    expect(await bot.api.getUpdates()).toEqual([]);
  });
});
