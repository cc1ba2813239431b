/** {@link RateCounter} with Redis: fixed windows, shared by every Pintu process. */
import type { Redis } from 'ioredis';
import type { RateCounter } from '../core/ports.js';

/** Counts events per key in fixed windows of `windowMs` (INCR + PEXPIRE in one round trip). */
export class RedisRateCounter implements RateCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(key: string, windowMs: number, now: Date): Promise<number> {
    const window = Math.floor(now.getTime() / windowMs);
    const k = `${this.prefix}:rate:${key}:${window}`;
    const result = await this.redis.multi().incr(k).pexpire(k, windowMs * 2).exec();
    const count = result?.[0]?.[1];
    return typeof count === 'number' ? count : 0;
  }
}
