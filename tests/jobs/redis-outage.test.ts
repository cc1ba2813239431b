/** Redis going away for a few seconds must not crash Pintu; messages accepted before the outage are delivered after it. */
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { RecordingSender, waitFor } from '../support/senders.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { TEST_REDIS_URL } from '../support/urls.js';

let t: TestApp | undefined;
const target = new URL(TEST_REDIS_URL);
const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 6379) });

afterAll(async () => {
  await t?.app.outbox.queue.obliterate({ force: true }).catch(() => undefined);
  await t?.dispose();
});

describe('Redis outage', () => {
  it('survives a 3-second outage and delivers what was accepted before it', async () => {
    const port = await proxy.start();
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const sender = new RecordingSender('telegram', () => gate);
    t = await startTestApp({
      senders: [sender],
      workers: true,
      // A job fetched as the connection dropped is recovered by the stalled-job check, every OUTBOX_LOCK_MS.
      env: { REDIS_URL: `redis://127.0.0.1:${port}`, OUTBOX_LOCK_MS: '2000' },
    });

    await t.app.engine.notify(Array.from({ length: 20 }, (_, i) => ({ channel: 'telegram' as const, address: String(i), kind: 'alert' as const, reply: { text: `pesan ${i}` } })));
    const crashes: unknown[] = [];
    const onCrash = (err: unknown) => crashes.push(err);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);

    await proxy.cut();
    // A resident writes during the outage: the request waits or fails politely, the process stays up.
    const during = t.app.http!.inject({ method: 'POST', url: '/api/chat', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ userId: 'outage-1', text: 'halo' }) });
    await new Promise((r) => setTimeout(r, 3000));
    await proxy.restore();
    open();

    const res = await during;
    expect([200, 503]).toContain(res.statusCode);
    await waitFor(() => new Set(sender.delivered.map((d) => d.address)).size === 20, '20 deliveries after the outage', 30_000);
    const after = await t.app.http!.inject({ method: 'POST', url: '/api/chat', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ userId: 'outage-2', text: 'halo' }) });
    expect(after.statusCode).toBe(200);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    expect(crashes).toEqual([]);
  }, 60_000);
});
