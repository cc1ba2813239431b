/**
 * Sends Pintu's replies on WhatsApp through the open socket. Unofficial clients get numbers banned when they blast,
 * so besides the outbox's pacing each send waits a random moment first (`jitterMs`). A number that is not on
 * WhatsApp is undeliverable (checked once a day per number); while the socket is down, or when it closes
 * mid-send, the message waits and is sent later.
 */
import type { Translate } from '../../core/i18n.js';
import type { Reply } from '../../core/messages.js';
import type { ChannelSender } from '../../core/ports.js';
import { DeliveryRetryLater, Undeliverable } from '../../core/errors.js';
import type { WaSocketLike } from './whatsapp-connection.js';
import { jidFor, toWhatsAppContents } from './whatsapp-outbound.js';

const KNOWN_FOR_MS = 24 * 3600_000;

/** Baileys errors (Boom) that mean the connection went away, not that the message is bad. */
function isConnectionError(err: unknown): boolean {
  const e = err as { output?: { statusCode?: number }; message?: string };
  const code = e?.output?.statusCode;
  return code === 428 || code === 408 || code === 440 || /connection (closed|lost|terminated)|socket closed|timed out/i.test(e?.message ?? '');
}

/** The WhatsApp {@link ChannelSender}. */
export class WhatsAppSender implements ChannelSender {
  readonly channel = 'whatsapp' as const;
  private readonly registered = new Map<string, { exists: boolean; at: number }>();

  constructor(
    private readonly socket: () => WaSocketLike | undefined,
    private readonly t: Translate,
    private readonly options: { jitterMs: number; random?: () => number; sleep?: (ms: number) => Promise<void> } = { jitterMs: 0 },
  ) {}

  private async onWhatsApp(socket: WaSocketLike, jid: string): Promise<boolean> {
    // Group and LID addresses are only ever ones we were written from.
    if (!jid.endsWith('@s.whatsapp.net')) return true;
    const known = this.registered.get(jid);
    if (known && Date.now() - known.at < KNOWN_FOR_MS) return known.exists;
    const [result] = (await socket.onWhatsApp(jid)) ?? [];
    const exists = Boolean(result?.exists);
    this.registered.set(jid, { exists, at: Date.now() });
    return exists;
  }

  async send(address: string, reply: Reply): Promise<void> {
    const socket = this.socket();
    if (!socket) throw new DeliveryRetryLater(15_000, 'WhatsApp is not connected here; the message waits for the session.');
    const jid = jidFor(address);
    try {
      if (!(await this.onWhatsApp(socket, jid))) throw new Undeliverable('the number is not on WhatsApp');
      const jitter = Math.floor((this.options.random ?? Math.random)() * this.options.jitterMs);
      if (jitter > 0) await (this.options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(jitter);
      for (const content of toWhatsAppContents(reply, this.t)) await socket.sendMessage(jid, content);
    } catch (err) {
      if (err instanceof Undeliverable) throw err;
      if (isConnectionError(err)) throw new DeliveryRetryLater(10_000, 'The WhatsApp connection closed while sending; the message is sent again later.');
      throw err;
    }
  }
}
