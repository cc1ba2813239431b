/**
 * A complaint confirmed just before the process is killed (SIGKILL, before any delivery) is still there after a
 * restart, its confirmation is delivered by the next worker, and the platform redelivering the same "kirim" does
 * not file it twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { waitFor } from '../support/senders.js';
import { TEST_REDIS_URL } from '../support/urls.js';

let db: TestDatabase;
let observer: TestApp;
let redis: Redis;
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase('postgresql');
  observer = await startTestApp({ db, workers: false });
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await observer.app.outbox.queue.obliterate({ force: true }).catch(() => undefined);
  await redis.quit();
  await observer.dispose();
  await db.drop();
});

function env() {
  return { ...process.env, DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: observer.app.config.QUEUE_PREFIX, LOG_LEVEL: 'silent', OUTBOX_RATE_TELEGRAM: '1000/1000' };
}

/** Starts a chat process and returns a function that sends one message and waits until its turn is committed. */
async function startChat(): Promise<{ child: ChildProcess; send(id: string, text: string): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/chat-process.ts'], { env: env(), stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const seen: string[] = [];
  lines.on('line', (l) => seen.push(l));
  await waitFor(async () => seen.includes('ready'), 'chat process ready', 60_000);
  return {
    child,
    async send(id, text) {
      child.stdin!.write(`${JSON.stringify({ channel: 'telegram', address: '777001', messageId: id, text })}\n`);
      await waitFor(async () => seen.includes(`handled ${id}`), `turn ${id} committed`, 30_000);
    },
  };
}

describe('complaint durability across a crash', () => {
  it('keeps the ticket and delivers its confirmation after a restart, once', async () => {
    const chat = await startChat();
    await chat.send('u1', 'lampu jalan di jl mastrip depan masjid mati 3 hari');
    await chat.send('u2', 'lewati');
    await chat.send('u3', 'publik');
    await chat.send('u4', 'kirim');
    chat.child.kill('SIGKILL');
    await once(chat.child, 'exit');

    const filed = await observer.app.complaints.repo.list({ limit: 10, offset: 0 });
    expect(filed.total).toBe(1);
    const ticket = filed.items[0]!.ticket;
    const queued = await observer.app.messageLog.listOutbound('queued', 50);
    expect(queued.some((m) => String((m.payload as { text: string }).text).includes(ticket))).toBe(true);

    // Telegram redelivers the unacknowledged update to the restarted process: it is recognised, nothing is filed twice.
    const again = await startChat();
    await again.send('u4', 'kirim');
    again.child.kill('SIGTERM');
    expect((await observer.app.complaints.repo.list({ limit: 10, offset: 0 })).total).toBe(1);

    const sinkKey = `${observer.app.config.QUEUE_PREFIX}:sink`;
    const worker = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/outbox-worker-process.ts'], { env: env(), stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(worker);
    await waitFor(async () => (await redis.lrange(sinkKey, 0, -1)).some((l) => l.startsWith('777001|') && l.includes(ticket)), 'confirmation delivered', 60_000);
    const confirmations = (await redis.lrange(sinkKey, 0, -1)).filter((l) => l.includes(`diterima dengan nomor ${ticket}`));
    expect(confirmations).toHaveLength(1);
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }, 180_000);
});
