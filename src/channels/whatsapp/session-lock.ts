/**
 * One WhatsApp session may be open in one place only: two sockets on one session kick each other off ("connection
 * replaced") without end. A Redis lock with a random owner token decides which process holds it; the holder renews
 * it while it runs, and a holder that loses it (Redis partition, a long pause) closes its socket.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** A lock on one key. */
export class SessionLock {
  /** This process's token (who holds the lock). */
  readonly owner = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly ttlMs = 30_000,
  ) {}

  /** Takes the lock if nobody holds it; true when this process now holds it. */
  async acquire(): Promise<boolean> {
    return (await this.redis.set(this.key, this.owner, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  /** Extends the lock; false when this process no longer holds it. */
  async renew(): Promise<boolean> {
    return Number(await this.redis.eval(RENEW, 1, this.key, this.owner, this.ttlMs)) === 1;
  }

  /** Gives the lock up (only if held). */
  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.owner);
  }
}
