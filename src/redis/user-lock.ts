/** {@link UserLock} with Redis: a per-user lease, so two Pintu processes never handle one user's messages at once. */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { UserLock } from '../core/ports.js';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Thrown when a user's lock is still held after the wait limit (a stuck process); the message is retried later. */
export class LockTimeoutError extends Error {
  constructor(userId: string, waitedMs: number) {
    super(`Another process held the lock of user ${userId} for ${waitedMs} ms; check for a stuck Pintu process.`);
    this.name = 'LockTimeoutError';
  }
}

/** A lease per user in Redis (SET NX PX), released only by its owner. */
export class RedisUserLock implements UserLock {
  constructor(
    private readonly redis: Redis,
    private readonly opts: { prefix: string; leaseMs?: number; waitMs?: number },
  ) {}

  async run<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const key = `${this.opts.prefix}:lock:user:${userId}`;
    const token = randomUUID();
    const leaseMs = this.opts.leaseMs ?? 30_000;
    const waitMs = this.opts.waitMs ?? 15_000;
    const started = Date.now();
    let pause = 2;
    while ((await this.redis.set(key, token, 'PX', leaseMs, 'NX')) !== 'OK') {
      if (Date.now() - started > waitMs) throw new LockTimeoutError(userId, Date.now() - started);
      await sleep(pause);
      pause = Math.min(pause * 2, 50);
    }
    try {
      return await work();
    } finally {
      // Not awaited: commands on one connection run in order, so this process's next lock attempt comes after it,
      // and the caller's reply need not wait for the round trip. A lost release expires with the lease.
      this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}
