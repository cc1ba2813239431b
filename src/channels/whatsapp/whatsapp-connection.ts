/**
 * The WhatsApp session's life: take the Redis lock (one process per session), load the auth state from the
 * database, open a Baileys socket, show the QR code (terminal and dashboard) or a pairing code, hand incoming
 * messages to the engine (then mark them read), save credentials as they change, and on every close do what
 * `reconnect-policy.ts` says: reconnect with backoff, pair again after a log-out, or stop loudly.
 */
import type { AnyMessageContent, AuthenticationState, WAMessage, WAMessageKey } from '@whiskeysockets/baileys';
import { downloadMediaMessage } from '@whiskeysockets/baileys';
import QRCode from 'qrcode';
import type { Translate } from '../../core/i18n.js';
import type { InboundMessage } from '../../core/messages.js';
import type { Logger } from '../../core/ports.js';
import { databaseAuthState, CorruptSessionError } from './auth-state.js';
import { decideReconnect, type BackoffSettings } from './reconnect-policy.js';
import type { SessionLock } from './session-lock.js';
import type { WhatsAppSessionStore } from './session-store.js';
import { toInbound } from './whatsapp-inbound.js';

/** The parts of a Baileys socket Pintu uses (the tests' fake socket has the same). */
export interface WaSocketLike {
  ev: { on(event: string, listener: (arg: never) => void): void };
  sendMessage(jid: string, content: AnyMessageContent): Promise<unknown>;
  readMessages(keys: WAMessageKey[]): Promise<void>;
  onWhatsApp(...jids: string[]): Promise<{ exists: boolean; jid: string }[] | undefined>;
  requestPairingCode(phoneNumber: string): Promise<string>;
  end(error: Error | undefined): void;
}

/** Opens a socket on an auth state (`makeWASocket` in production). */
export type SocketFactory = (auth: AuthenticationState) => WaSocketLike;

/** Where the session stands, for logs, /readyz and the dashboard. */
export type WhatsAppStatus = 'stopped' | 'standby' | 'connecting' | 'waiting_for_qr' | 'open' | 'logged_out' | 'halted';

/** What the connection needs. */
export interface WhatsAppConnectionOptions {
  session: string;
  store: WhatsAppSessionStore;
  lock: SessionLock;
  socketFactory: SocketFactory;
  engine: { handle(message: InboundMessage): Promise<unknown> };
  /** Texts in the default language (notes the channel sends itself). */
  t: Translate;
  logger: Logger;
  allowGroups: boolean;
  /** Pair with a code for this phone number (digits, country code first) instead of the QR. */
  pairingNumber?: string;
  /** Where the QR is drawn for whoever pairs from the terminal (default stdout). */
  terminal?: NodeJS.WritableStream;
  backoff?: BackoffSettings;
  /** How often a process without the lock tries to take it. */
  standbyRetryMs?: number;
  /** How often the holder renews the lock (default 10 s; the lock lives 30 s). */
  lockRenewMs?: number;
}

/** Most recent messages kept so a photo can be downloaded when a feature asks. */
const MEDIA_MEMORY = 500;
/** Messages that waited while Pintu was offline are answered up to this age; older ones are history. */
const OFFLINE_WINDOW_MS = 6 * 3600_000;

/** One WhatsApp session. */
export class WhatsAppConnection {
  status: WhatsAppStatus = 'stopped';
  /** The QR to scan while `status` is `waiting_for_qr` (for the dashboard). */
  qr?: string;
  /** Why the session stopped, when it did. */
  problem?: string;
  private socket?: WaSocketLike;
  private attempt = 0;
  private timer?: NodeJS.Timeout;
  private renewTimer?: NodeJS.Timeout;
  private stopping = false;
  private pairingRequested = false;
  private readonly recent = new Map<string, WAMessage>();

  constructor(private readonly options: WhatsAppConnectionOptions) {}

  /** The open socket, if any (the sender uses it). */
  get openSocket(): WaSocketLike | undefined {
    return this.status === 'open' ? this.socket : undefined;
  }

  /** Takes the lock and connects; without the lock, waits as a standby and tries again. */
  async start(): Promise<void> {
    this.stopping = false;
    if (!(await this.options.lock.acquire())) {
      this.status = 'standby';
      this.options.logger.info({ session: this.options.session }, 'WhatsApp session is held by another Pintu process; this one stands by');
      this.schedule(() => this.start(), this.options.standbyRetryMs ?? 15_000);
      return;
    }
    this.renewTimer = setInterval(() => void this.keepLock(), this.options.lockRenewMs ?? 10_000);
    this.renewTimer.unref();
    await this.open();
  }

  private async keepLock(): Promise<void> {
    if (await this.options.lock.renew().catch(() => false)) return;
    this.options.logger.error({ session: this.options.session }, 'WhatsApp lock lost (Redis unreachable or taken over): closing the socket so two processes never share the session');
    clearInterval(this.renewTimer);
    this.socket?.end(undefined);
    this.socket = undefined;
    this.status = 'standby';
    this.schedule(() => this.start(), this.options.standbyRetryMs ?? 15_000);
  }

  private async authState(): Promise<Awaited<ReturnType<typeof databaseAuthState>>> {
    try {
      return await databaseAuthState(this.options.store, this.options.session, this.options.logger);
    } catch (err) {
      if (!(err instanceof CorruptSessionError)) throw err;
      this.options.logger.error({ session: this.options.session, err: err.message }, 'WhatsApp: the stored session cannot be read; it is cleared and must be paired again');
      await this.options.store.clear(this.options.session);
      return databaseAuthState(this.options.store, this.options.session, this.options.logger);
    }
  }

  private async open(): Promise<void> {
    if (this.stopping) return;
    this.status = 'connecting';
    const { state, saveCreds } = await this.authState();
    const socket = this.options.socketFactory(state);
    this.socket = socket;
    this.pairingRequested = false;
    socket.ev.on('creds.update', (() => void saveCreds().catch((err: Error) => this.options.logger.error({ err: err.message }, 'WhatsApp credentials could not be saved; the session may need pairing after a restart'))) as (arg: never) => void);
    socket.ev.on('connection.update', ((update: { connection?: string; qr?: string; lastDisconnect?: { error?: Error } }) =>
      void this.onConnectionUpdate(socket, state, update)) as (arg: never) => void);
    socket.ev.on('messages.upsert', ((event: { messages: WAMessage[]; type: string }) => void this.onMessages(socket, event)) as (arg: never) => void);
  }

  private async onConnectionUpdate(socket: WaSocketLike, state: AuthenticationState, update: { connection?: string; qr?: string; lastDisconnect?: { error?: Error } }): Promise<void> {
    if (socket !== this.socket) return;
    const { logger, session } = this.options;
    if (update.qr) {
      this.status = 'waiting_for_qr';
      this.qr = update.qr;
      if (this.options.pairingNumber && !state.creds.registered && !this.pairingRequested) {
        this.pairingRequested = true;
        const code = await socket.requestPairingCode(this.options.pairingNumber).catch((err: Error) => {
          logger.error({ err: err.message }, 'WhatsApp pairing code could not be requested; scan the QR instead');
          return undefined;
        });
        if (code) logger.warn({ session, code }, 'WhatsApp is not paired: on the phone open Linked devices → Link with phone number and enter this code');
      } else {
        logger.warn({ session }, 'WhatsApp is not paired: scan the QR code (terminal or the dashboard) with the phone, Linked devices → Link a device');
        const drawn = await QRCode.toString(update.qr, { type: 'terminal', small: true }).catch(() => undefined);
        if (drawn) (this.options.terminal ?? process.stdout).write(`${drawn}\n`);
      }
    }
    if (update.connection === 'open') {
      this.status = 'open';
      this.qr = undefined;
      this.problem = undefined;
      this.attempt = 0;
      logger.info({ session }, 'WhatsApp connected');
      return;
    }
    if (update.connection !== 'close') return;
    this.socket = undefined;
    if (this.stopping) return;
    const code = (update.lastDisconnect?.error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
    const decision = decideReconnect(code, this.attempt++, this.options.backoff);
    if (decision.action === 'reconnect') {
      this.status = 'connecting';
      logger.warn({ session, code, delayMs: decision.delayMs }, `WhatsApp connection closed (${decision.reason}); reconnecting`);
      this.schedule(() => this.open(), decision.delayMs);
    } else if (decision.action === 're-pair') {
      this.status = 'logged_out';
      this.problem = decision.reason;
      logger.error({ session, code }, `WhatsApp: ${decision.reason}. A new QR code follows: pair the phone again`);
      await this.options.store.clear(session);
      this.schedule(() => this.open(), 0);
    } else {
      this.status = 'halted';
      this.problem = decision.reason;
      logger.error({ session, code }, `WhatsApp stopped: ${decision.reason}`);
    }
  }

  private async onMessages(socket: WaSocketLike, event: { messages: WAMessage[]; type: string }): Promise<void> {
    // "notify" is new mail. "append" is history and the phone's own messages, but also what residents sent while
    // Pintu was offline: those are answered when recent (own messages are skipped by the mapping, repeats by id).
    if (event.type !== 'notify' && event.type !== 'append') return;
    for (const msg of event.messages) {
      try {
        const mapped = toInbound(msg, { allowGroups: this.options.allowGroups });
        if (mapped.kind === 'ignore') {
          this.options.logger.debug({ id: msg.key?.id, reason: mapped.reason }, 'WhatsApp message not handled');
          if (mapped.notice === 'edited' && mapped.address && event.type === 'notify') await socket.sendMessage(mapped.address, { text: this.options.t('whatsapp.edited') });
          continue;
        }
        if (event.type === 'append' && Date.now() - mapped.message.receivedAt.getTime() > OFFLINE_WINDOW_MS) continue;
        if (mapped.message.photo) this.remember(mapped.message.photo.fileId, msg);
        await this.options.engine.handle(mapped.message);
        await socket.readMessages([mapped.key]).catch(() => undefined);
      } catch (err) {
        this.options.logger.error({ id: msg.key?.id, err: (err as Error).message }, 'WhatsApp message could not be handled; the next ones go on');
      }
    }
  }

  private remember(id: string, msg: WAMessage): void {
    this.recent.set(id, msg);
    if (this.recent.size > MEDIA_MEMORY) this.recent.delete(this.recent.keys().next().value!);
  }

  /** The stored message a photo came in (for Baileys' `downloadMediaMessage`), while it is still remembered. */
  photoMessage(fileId: string): WAMessage | undefined {
    return this.recent.get(fileId);
  }

  /** The bytes of a photo a resident sent, downloaded from WhatsApp's media servers. */
  async fetchPhoto(fileId: string): Promise<Buffer> {
    const msg = this.recent.get(fileId);
    if (!msg) throw new Error(`WhatsApp photo ${fileId} is no longer in memory (only the last ${MEDIA_MEMORY} are kept); ask the resident to send it again.`);
    return downloadMediaMessage(msg, 'buffer', {});
  }

  private schedule(run: () => Promise<void>, ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void run().catch((err: Error) => this.options.logger.error({ err: err.message }, 'WhatsApp reconnect failed; trying again later')), ms);
    this.timer.unref();
  }

  /** Closes the socket and gives the lock up. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    clearInterval(this.renewTimer);
    this.socket?.end(undefined);
    this.socket = undefined;
    this.status = 'stopped';
    await this.options.lock.release().catch(() => undefined);
  }
}
