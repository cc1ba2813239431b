/** `npm start` on a fresh machine: a Redis is started when none answers, or the error says how to get one. */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { redisAnswers } from '../../src/redis/connection.js';
import { ensureRedis, RedisUnavailableError } from '../../src/redis/autostart.js';

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('Redis autostart', () => {
  it('starts redis-server as a child when nothing answers, and stops it', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    expect(await redisAnswers(url)).toBe(false);
    const owned = await ensureRedis(url, { autostart: true, dataDir: 'var/test-autostart', logger: quiet });
    expect(owned).not.toBeNull();
    expect(await redisAnswers(url)).toBe(true);
    await owned!.stop();
    expect(await redisAnswers(url)).toBe(false);
  });

  it('uses a Redis that already answers', async () => {
    expect(await ensureRedis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { autostart: true, logger: quiet })).toBeNull();
  });

  it('says how to get Redis when it cannot start one', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const off = ensureRedis(url, { autostart: false, logger: quiet });
    await expect(off).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(off).rejects.toThrow(/apt-get install redis-server.*docker compose up -d redis/);
    const remote = ensureRedis('redis://10.255.255.1:6379', { autostart: true, logger: quiet });
    await expect(remote).rejects.toThrow(/not on this machine/);
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(ensureRedis(url, { autostart: true, logger: quiet })).rejects.toThrow(/redis-server is not installed/);
    } finally {
      process.env.PATH = path;
    }
  });
});
