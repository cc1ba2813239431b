/**
 * Killing the worker process with SIGKILL while 1,000 outbound messages are queued loses none of them:
 * after a restart every message is delivered (at least once).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { waitFor } from '../support/senders.js';
import { TEST_REDIS_URL } from '../support/urls.js';

let db: TestDatabase;
let producer: TestApp;
let redis: Redis;
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase('postgresql');
  producer = await startTestApp({ db, workers: false, env: { OUTBOX_LOCK_MS: '2000' } });
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await producer.app.outbox.queue.obliterate({ force: true }).catch(() => undefined);
  await redis.quit();
  await producer.dispose();
  await db.drop();
});

async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/outbox-worker-process.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: producer.app.config.QUEUE_PREFIX,
      OUTBOX_LOCK_MS: '2000',
      OUTBOX_CONCURRENCY: '10',
      OUTBOX_RATE_TELEGRAM: '100000/1000',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await once(child.stdout!, 'data');
  return child;
}

describe('outbox durability', () => {
  it('loses nothing when the worker is killed with SIGKILL mid-way', async () => {
    const sinkKey = `${producer.app.config.QUEUE_PREFIX}:sink`;
    const messages = Array.from({ length: 1000 }, (_, i) => ({ channel: 'telegram' as const, address: String(i), kind: 'alert' as const, reply: { text: `tender ${i}` } }));
    await producer.app.engine.notify(messages);
    expect((await producer.app.outbox.depth()).waiting).toBe(1000);

    const first = await startWorker();
    await waitFor(async () => (await redis.llen(sinkKey)) >= 150, '150 deliveries before the crash', 60_000);
    first.kill('SIGKILL');
    await once(first, 'exit');
    const beforeRestart = new Set(await redis.lrange(sinkKey, 0, -1)).size;
    expect(beforeRestart).toBeLessThan(1000);

    const second = await startWorker();
    await waitFor(async () => new Set(await redis.lrange(sinkKey, 0, -1)).size === 1000, 'all 1,000 delivered after restart', 90_000);
    const delivered = new Set(await redis.lrange(sinkKey, 0, -1));
    for (let i = 0; i < 1000; i++) expect(delivered.has(`${i}|tender ${i}`)).toBe(true);
    await waitFor(async () => (await producer.app.messageLog.countOutbound()).sent === 1000, 'log shows 1,000 sent', 30_000);
    second.kill('SIGTERM');
    await once(second, 'exit');
  }, 180_000);

  it('finishes in-flight jobs on SIGTERM and leaves none stuck as active', async () => {
    const sinkKey = `${producer.app.config.QUEUE_PREFIX}:sink`;
    await redis.del(sinkKey);
    await producer.app.outbox.queue.obliterate({ force: true });
    await producer.app.engine.notify(Array.from({ length: 300 }, (_, i) => ({ channel: 'telegram' as const, address: `g${i}`, kind: 'alert' as const, reply: { text: `x${i}` } })));
    const worker = await startWorker();
    await waitFor(async () => (await redis.llen(sinkKey)) >= 20, 'some deliveries', 30_000);
    worker.kill('SIGTERM');
    const [code] = (await once(worker, 'exit')) as [number];
    expect(code).toBe(0);
    const depth = await producer.app.outbox.depth();
    expect(depth.active).toBe(0);
    expect(depth.completed).toBe(await redis.llen(sinkKey));
    expect((depth.completed ?? 0) + (depth.waiting ?? 0) + (depth.delayed ?? 0)).toBe(300);
  }, 60_000);
});
