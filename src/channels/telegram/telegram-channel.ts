/**
 * Pintu on Telegram: a grammY bot that turns updates into engine turns (the engine queues the replies in the
 * outbox) and a {@link TelegramSender} for the outbox worker. Long polling by default, through `@grammyjs/runner`
 * so many chats are handled at once while each chat's updates stay in order; or a webhook when
 * `TELEGRAM_WEBHOOK_URL` is set, on a fastify route that accepts only Telegram's secret-token header.
 * `TELEGRAM_API_ROOT` points the whole bot at another Bot API server (the tests' fake, or a local one).
 */
import { Api, Bot, webhookCallback, type Context } from 'grammy';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Translate } from '../../core/i18n.js';
import type { InboundMessage } from '../../core/messages.js';
import type { Logger } from '../../core/ports.js';
import { CallbackData } from './callback-data.js';
import { toInbound } from './telegram-inbound.js';
import { TelegramSender } from './telegram-sender.js';

/** How to reach Telegram and where to hand messages. */
export interface TelegramChannelOptions {
  token: string;
  apiRoot: string;
  /** Webhook mode: the public URL Telegram posts to, and the secret it must send back. */
  webhook?: { url: string; secret: string };
  /** The engine (only `handle` is used). */
  engine: { handle(message: InboundMessage): Promise<unknown> };
  /** Texts in the default language (notices the channel sends itself). */
  t: Translate;
  redis: Redis;
  prefix: string;
  logger: Logger;
}

/** Updates the bot asks for. */
const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

/** The Telegram channel: receiving (polling or webhook) and sending. */
export class TelegramChannel {
  readonly bot: Bot;
  readonly sender: TelegramSender;
  private readonly callbacks: CallbackData;
  private runner?: RunnerHandle;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: TelegramChannelOptions) {
    const client = { apiRoot: options.apiRoot };
    this.bot = new Bot(options.token, { client });
    this.callbacks = new CallbackData(options.redis, options.prefix);
    this.sender = new TelegramSender(new Api(options.token, client), this.callbacks, {
      locationButton: options.t('telegram.location_button'),
      locationPrompt: options.t('telegram.location_prompt'),
    });
    // One chat's updates one after another (a reply to "kirim" must not overtake the message before it).
    this.bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
    this.bot.use((ctx) => this.handle(ctx));
    this.bot.catch(async (err) => {
      const chat = err.ctx.chat?.id;
      options.logger.error(
        // The update id finds it in Telegram's terms; the chat (a person) is not logged.
        { err: err.error instanceof Error ? err.error.message : String(err.error), updateId: err.ctx.update.update_id },
        'Telegram update failed; polling goes on. Check the error above; the resident got an apology',
      );
      if (chat !== undefined) await err.ctx.api.sendMessage(chat, options.t('error')).catch(() => undefined);
    });
  }

  /** Which way updates arrive. */
  get mode(): 'polling' | 'webhook' {
    return this.options.webhook ? 'webhook' : 'polling';
  }

  private async handle(ctx: Context): Promise<void> {
    const mapped = toInbound(ctx.update, ctx.me.username);
    if (mapped.callbackQueryId) await ctx.answerCallbackQuery().catch(() => undefined);
    if (mapped.kind === 'ignore') {
      if (mapped.notice && mapped.chatId !== undefined) {
        const text = this.options.t(mapped.notice === 'group' ? 'telegram.group_only' : 'telegram.edited', { bot: ctx.me.username });
        await ctx.api.sendMessage(mapped.chatId, text);
      }
      this.options.logger.debug({ updateId: ctx.update.update_id, reason: mapped.reason }, 'Telegram update not handled');
      return;
    }
    const message = mapped.message;
    if (message.choice !== undefined) {
      const choice = await this.callbacks.decode(message.choice);
      // An expired long button: treated as a button the engine does not know, which it answers with the menu.
      message.choice = choice ?? 'expired';
    }
    await this.options.engine.handle(message);
  }

  /**
   * Registers the webhook route on `http` (webhook mode only). grammY's adapter checks the
   * `X-Telegram-Bot-Api-Secret-Token` header and answers 401 to anything else.
   */
  registerWebhook(http: FastifyInstance): void {
    const webhook = this.options.webhook;
    if (!webhook) return;
    const path = new URL(webhook.url).pathname;
    const callback = webhookCallback(this.bot, 'fastify', { secretToken: webhook.secret });
    http.post(path, (request, reply) => callback(request, reply));
  }

  /**
   * Connects: asks who the bot is, then starts polling or registers the webhook with Telegram. When Telegram cannot
   * be reached, the rest of Pintu starts anyway and this tries again every `retryMs`.
   */
  async start(retryMs = 30_000): Promise<void> {
    this.stopped = false;
    try {
      await this.connect();
    } catch (err) {
      this.options.logger.error(
        { err: (err as Error).message, retryMs },
        'Telegram could not be reached (check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT); the rest of Pintu runs and this is retried',
      );
      this.retry = setTimeout(() => void this.start(retryMs), retryMs);
      this.retry.unref();
    }
  }

  private async connect(): Promise<void> {
    await this.bot.init();
    await this.bot.api.setMyCommands([
      { command: 'menu', description: this.options.t('telegram.command.menu') },
      { command: 'status', description: this.options.t('telegram.command.status') },
      { command: 'bantuan', description: this.options.t('telegram.command.help') },
      { command: 'batal', description: this.options.t('telegram.command.cancel') },
    ]);
    if (this.stopped) return;
    if (this.options.webhook) {
      await this.bot.api.setWebhook(this.options.webhook.url, { secret_token: this.options.webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
      this.options.logger.info({ username: this.bot.botInfo.username, mode: 'webhook' }, 'Telegram connected');
      return;
    }
    // A webhook left from an earlier deployment would make getUpdates fail with 409.
    await this.bot.api.deleteWebhook();
    this.runner = run(this.bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
    this.options.logger.info({ username: this.bot.botInfo.username, mode: 'polling' }, 'Telegram connected');
  }

  /** Stops polling, letting updates in hand finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    if (this.runner?.isRunning()) await this.runner.stop();
  }

  /** The bytes of a photo a resident sent (through the Bot API's getFile and file download). */
  async fetchPhoto(fileId: string): Promise<Buffer> {
    const file = await this.bot.api.getFile(fileId);
    if (!file.file_path) throw new Error(`Telegram gave no download path for file ${fileId}; it may be larger than 20 MB.`);
    const res = await fetch(`${this.options.apiRoot}/file/bot${this.options.token}/${file.file_path}`);
    if (!res.ok) throw new Error(`Downloading Telegram file ${fileId} failed with HTTP ${res.status}; try again later.`);
    return Buffer.from(await res.arrayBuffer());
  }
}
