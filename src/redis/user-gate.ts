/**
 * {@link UserGate} with Redis: a per-user lease (SET NX PX, released only by its owner) and the user's message
 * counter for the current window, taken together by one script so each message costs two commands, not six.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { UserGate } from '../core/ports.js';

// KEYS: lock, counter. ARGV: token, lease ms, window ms. Returns the count, or -1 when another holds the lock.
const ENTER = `
if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  local n = redis.call('incr', KEYS[2])
  if n == 1 then redis.call('pexpire', KEYS[2], ARGV[3] * 2) end
  return n
end
return -1`;
const LEAVE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

type GateRedis = Redis & {
  pintuEnter(lock: string, counter: string, token: string, leaseMs: number, windowMs: number): Promise<number>;
  pintuLeave(lock: string, token: string): Promise<number>;
};

/** Thrown when a user's lock is still held after the wait limit (a stuck process); the message is retried later. */
export class LockTimeoutError extends Error {
  constructor(userId: string, waitedMs: number) {
    super(`Another process held the lock of user ${userId} for ${waitedMs} ms; check for a stuck Pintu process.`);
    this.name = 'LockTimeoutError';
  }
}

/** The Redis-backed gate; scripts are loaded once and called by hash (ioredis falls back to EVAL when needed). */
export class RedisUserGate implements UserGate {
  private readonly redis: GateRedis;

  constructor(
    redis: Redis,
    private readonly opts: { prefix: string; leaseMs?: number; waitMs?: number },
  ) {
    if (!('pintuEnter' in redis)) {
      redis.defineCommand('pintuEnter', { numberOfKeys: 2, lua: ENTER });
      redis.defineCommand('pintuLeave', { numberOfKeys: 1, lua: LEAVE });
    }
    this.redis = redis as GateRedis;
  }

  async run<T>(userId: string, rate: { windowMs: number; now: Date }, work: (hits: number) => Promise<T>): Promise<T> {
    const lock = `${this.opts.prefix}:lock:user:${userId}`;
    const counter = `${this.opts.prefix}:rate:user:${userId}:${Math.floor(rate.now.getTime() / rate.windowMs)}`;
    const token = randomUUID();
    const leaseMs = this.opts.leaseMs ?? 30_000;
    const waitMs = this.opts.waitMs ?? 15_000;
    const started = Date.now();
    let pause = 2;
    let hits: number;
    while ((hits = await this.redis.pintuEnter(lock, counter, token, leaseMs, rate.windowMs)) < 0) {
      if (Date.now() - started > waitMs) throw new LockTimeoutError(userId, Date.now() - started);
      await sleep(pause);
      pause = Math.min(pause * 2, 50);
    }
    try {
      return await work(hits);
    } finally {
      // Not awaited: commands on one connection run in order, so this process's next attempt comes after it, and
      // the reply need not wait for the round trip. A lost release expires with the lease.
      this.redis.pintuLeave(lock, token).catch(() => undefined);
    }
  }
}
