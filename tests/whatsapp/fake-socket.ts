/**
 * A stand-in for a Baileys socket: the same event names and payload shapes (`connection.update`, `creds.update`,
 * `messages.upsert`), recorded sends and read receipts, numbers that are or are not on WhatsApp, and closes with
 * Baileys' disconnect status codes (a Boom-like error with `output.statusCode`). No network.
 */
import type { AnyMessageContent, AuthenticationState, WAMessageKey } from '@whiskeysockets/baileys';
import type { SocketFactory, WaSocketLike } from '../../src/channels/whatsapp/whatsapp-connection.js';

/** One socket the connection opened. */
export class FakeSocket implements WaSocketLike {
  private readonly listeners = new Map<string, ((arg: never) => void)[]>();
  readonly sent: { jid: string; content: AnyMessageContent }[] = [];
  readonly read: WAMessageKey[] = [];
  readonly pairingRequests: string[] = [];
  ended = false;
  /** Make the next `sendMessage` fail like a socket closing mid-send. */
  failNextSend?: Error;

  constructor(
    readonly auth: AuthenticationState,
    private readonly notOnWhatsApp: Set<string>,
  ) {}

  readonly ev = {
    on: (event: string, listener: (arg: never) => void) => {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    },
  };

  /** Emits an event to the connection, the way Baileys' event buffer does. */
  emit(event: string, payload: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(payload as never);
  }

  /** Opens the connection. */
  open(): void {
    this.emit('connection.update', { connection: 'open' });
  }

  /** Shows a QR to scan. */
  showQr(qr = `2@${Math.random().toString(36).slice(2)},abc,def,ghi`): void {
    this.emit('connection.update', { connection: 'connecting', qr });
  }

  /** Closes with a Baileys disconnect status code (undefined: a bare network error). */
  close(statusCode?: number): void {
    const error = Object.assign(new Error(statusCode ? `Stream Errored (${statusCode})` : 'socket hang up'), statusCode ? { output: { statusCode } } : {});
    this.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date() } });
  }

  async sendMessage(jid: string, content: AnyMessageContent): Promise<unknown> {
    if (this.failNextSend) {
      const err = this.failNextSend;
      this.failNextSend = undefined;
      throw err;
    }
    this.sent.push({ jid, content });
    return { key: { remoteJid: jid, fromMe: true, id: `OUT${this.sent.length}` } };
  }

  async readMessages(keys: WAMessageKey[]): Promise<void> {
    this.read.push(...keys);
  }

  async onWhatsApp(...jids: string[]): Promise<{ exists: boolean; jid: string }[]> {
    return jids.map((jid) => ({ jid, exists: !this.notOnWhatsApp.has(jid) }));
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    this.pairingRequests.push(phoneNumber);
    return 'ABCD-1234';
  }

  end(): void {
    this.ended = true;
  }
}

/** A factory that records every socket it opens. */
export class FakeSockets {
  readonly opened: FakeSocket[] = [];
  readonly notOnWhatsApp = new Set<string>();
  readonly factory: SocketFactory = (auth) => {
    const socket = new FakeSocket(auth, this.notOnWhatsApp);
    this.opened.push(socket);
    return socket;
  };

  /** The socket opened last. */
  get current(): FakeSocket {
    const s = this.opened.at(-1);
    if (!s) throw new Error('no socket was opened yet');
    return s;
  }
}

/** The Boom-like error Baileys throws when the connection closes under a send. */
export function connectionClosedError(): Error {
  return Object.assign(new Error('Connection Closed'), { output: { statusCode: 428 } });
}
