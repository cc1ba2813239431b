/**
 * Delivers outbox messages (reminders, alerts, officers' replies) to web chat users: they wait in a short
 * per-user inbox in Redis until the page fetches them.
 */
import type { Redis } from 'ioredis';
import type { Reply } from '../../core/messages.js';
import type { ChannelSender } from '../../core/ports.js';

const INBOX_CAP = 100;
const INBOX_TTL_S = 7 * 24 * 3600;

/** The web channel's {@link ChannelSender} and its inbox reader. */
export class WebInbox implements ChannelSender {
  readonly channel = 'web' as const;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(address: string): string {
    return `${this.prefix}:web-inbox:${address}`;
  }

  async send(address: string, reply: Reply): Promise<void> {
    const key = this.key(address);
    await this.redis.multi().rpush(key, JSON.stringify(reply)).ltrim(key, -INBOX_CAP, -1).expire(key, INBOX_TTL_S).exec();
  }

  /** Takes every waiting message for `address`, oldest first. */
  async take(address: string): Promise<Reply[]> {
    const key = this.key(address);
    const res = await this.redis.multi().lrange(key, 0, -1).del(key).exec();
    const items = (res?.[0]?.[1] as string[] | undefined) ?? [];
    return items.map((s) => JSON.parse(s) as Reply);
  }
}
