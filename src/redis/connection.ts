/** Redis connections: one for commands, and separate ones for BullMQ workers (which block). */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../core/ports.js';

/** Which job a connection does; workers need `maxRetriesPerRequest: null` (BullMQ requires it). */
export type RedisRole = 'commands' | 'worker';

/**
 * A Redis connection that survives outages: it reconnects with capped backoff and never throws unhandled
 * "error" events (they are logged, rate-limited, instead).
 */
export function createRedis(url: string, role: RedisRole, logger: Logger): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 20,
    enableReadyCheck: true,
    connectTimeout: 5000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 3000),
    lazyConnect: false,
  };
  const redis = new Redis(url, options);
  let lastLogged = 0;
  redis.on('error', (err: Error) => {
    const now = Date.now();
    if (now - lastLogged > 5000) {
      lastLogged = now;
      logger.warn({ err: err.message, role }, 'Redis connection problem; retrying');
    }
  });
  return redis;
}

/** Whether a Redis server answers PING at `url` within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
