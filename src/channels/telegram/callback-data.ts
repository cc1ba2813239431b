/**
 * Telegram allows 64 bytes of callback data per button. Pintu's choice values are short, but a value that is
 * longer is kept in Redis for 30 days under a short hash and the button carries `#` and the hash.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Most bytes Telegram accepts in `callback_data`. */
export const MAX_CALLBACK_BYTES = 64;
const TTL_SECONDS = 30 * 24 * 3600;

/** Encodes choice values into callback data and back. */
export class CallbackData {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(hash: string): string {
    return `${this.prefix}:tg-callback:${hash}`;
  }

  /** The callback data for a choice value. */
  async encode(value: string): Promise<string> {
    if (Buffer.byteLength(value) <= MAX_CALLBACK_BYTES && !value.startsWith('#')) return value;
    const hash = createHash('sha256').update(value).digest('base64url').slice(0, 22);
    await this.redis.set(this.key(hash), value, 'EX', TTL_SECONDS);
    return `#${hash}`;
  }

  /** The choice value behind callback data; undefined when a long value has expired. */
  async decode(data: string): Promise<string | undefined> {
    if (!data.startsWith('#')) return data;
    return (await this.redis.get(this.key(data.slice(1)))) ?? undefined;
  }
}
