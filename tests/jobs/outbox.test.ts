/** The outbox on a real Redis (BullMQ runs Lua; no mocks): delivery, retries, failures kept, channel answers, rate limits. */
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryRetryLater, Undeliverable } from '../../src/core/errors.js';
import type { OutboundMessage } from '../../src/core/messages.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { RecordingSender, waitFor } from '../support/senders.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.outbox.queue.obliterate({ force: true }).catch(() => undefined);
  await t?.dispose();
  t = undefined;
});

function msg(address: string, text: string): OutboundMessage {
  return { channel: 'telegram', address, kind: 'alert', reply: { text } };
}

describe('outbox', () => {
  it('delivers every message through its channel sender and logs it as sent', async () => {
    const sender = new RecordingSender('telegram');
    t = await startTestApp({ senders: [sender], workers: true });
    const ids = await t.app.engine.notify([msg('1', 'satu'), msg('2', 'dua'), msg('3', 'tiga')]);
    await waitFor(() => sender.delivered.length === 3, '3 deliveries');
    expect(sender.delivered.map((d) => d.reply.text).sort()).toEqual(['dua', 'satu', 'tiga']);
    await waitFor(async () => (await t!.app.messageLog.countOutbound()).sent === 3, 'log says sent');
    expect(ids).toHaveLength(3);
  });

  it('retries a failing send with exponential backoff, then succeeds', async () => {
    const sender = new RecordingSender('telegram', (call) => {
      if (call <= 2) throw new Error('ECONNRESET');
    });
    t = await startTestApp({ senders: [sender], workers: true, env: { OUTBOX_BACKOFF_MS: '100', OUTBOX_ATTEMPTS: '5' } });
    const started = Date.now();
    await t.app.engine.notify([msg('9', 'coba lagi')]);
    await waitFor(() => sender.delivered.length === 1, 'delivery after retries');
    expect(sender.calls).toBe(3);
    // Two backoffs: ~100 ms and ~200 ms (±20 % jitter).
    expect(Date.now() - started).toBeGreaterThanOrEqual(220);
  });

  it('keeps a message that failed every attempt: failed set, log status and error', async () => {
    const sender = new RecordingSender('telegram', () => {
      throw new Error('Bad Gateway');
    });
    t = await startTestApp({ senders: [sender], workers: true, env: { OUTBOX_BACKOFF_MS: '20', OUTBOX_ATTEMPTS: '3' } });
    const [id] = await t.app.engine.notify([msg('5', 'gagal')]);
    await waitFor(async () => (await t!.app.outbox.depth()).failed === 1, 'job in the failed set');
    await waitFor(async () => (await t!.app.messageLog.listOutbound('failed')).some((r) => r.id === id), 'log says failed');
    const row = (await t.app.messageLog.listOutbound('failed')).find((r) => r.id === id);
    expect(row).toMatchObject({ lastError: 'Bad Gateway' });
    expect(sender.calls).toBe(3);
    const metrics = await t.app.metrics.registry.metrics();
    expect(metrics).toMatch(/pintu_outbox_failed_total\{channel="telegram"\} 1/);
  });

  it('waits when the channel says so (429 retry_after) without using up attempts', async () => {
    const sender = new RecordingSender('telegram', (call) => {
      if (call === 1) throw new DeliveryRetryLater(300);
    });
    t = await startTestApp({ senders: [sender], workers: true, env: { OUTBOX_ATTEMPTS: '1' } });
    const started = Date.now();
    await t.app.engine.notify([msg('7', 'tunggu')]);
    await waitFor(() => sender.delivered.length === 1, 'delivery after the pause');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('marks an address that cannot be reached and does not retry', async () => {
    const sender = new RecordingSender('telegram', () => {
      throw new Undeliverable('Forbidden: bot was blocked by the user');
    });
    t = await startTestApp({ senders: [sender], workers: true });
    await t.app.users.resolve('telegram', '4004', { locale: 'id' });
    const [id] = await t.app.engine.notify([msg('4004', 'halo')]);
    await waitFor(async () => (await t!.app.messageLog.listOutbound('undeliverable')).some((r) => r.id === id), 'undeliverable');
    expect(sender.calls).toBe(1);
    expect(await t.app.users.isUnreachable('telegram', '4004')).toBe(true);
  });

  it('spreads a burst over time by the channel rate limit', async () => {
    const sender = new RecordingSender('telegram');
    t = await startTestApp({ senders: [sender], workers: true, env: { OUTBOX_RATE_TELEGRAM: '5/500' } });
    await t.app.engine.notify(Array.from({ length: 15 }, (_, i) => msg(String(i), `pesan ${i}`)));
    await waitFor(() => sender.delivered.length === 15, '15 deliveries', 20_000);
    const perWindow = new Map<number, number>();
    for (const d of sender.delivered) perWindow.set(Math.floor(d.at / 500), (perWindow.get(Math.floor(d.at / 500)) ?? 0) + 1);
    // 15 messages at 5 per 500 ms, evenly paced (one every 100 ms): at least three windows, and no 500 ms span
    // holds more than 5 (+1 for timer jitter at the edges).
    expect(perWindow.size).toBeGreaterThanOrEqual(3);
    const times = sender.delivered.map((d) => d.at).sort((x, y) => x - y);
    const busiest = Math.max(...times.map((at) => times.filter((x) => x >= at && x < at + 500).length));
    expect(busiest).toBeLessThanOrEqual(6);
  });

  it('keeps one chat to its own pace (one a second) while other chats go on', async () => {
    const sender = new RecordingSender('telegram');
    t = await startTestApp({ senders: [sender], workers: true, env: { OUTBOX_RATE_TELEGRAM: '30/1000', OUTBOX_RATE_TELEGRAM_CHAT: '1/400' } });
    await t.app.engine.notify([msg('77', 'a1'), msg('77', 'a2'), msg('77', 'a3'), msg('88', 'b1'), msg('99', 'c1')]);
    await waitFor(() => sender.delivered.length === 5, '5 deliveries', 10_000);
    const to77 = sender.delivered.filter((d) => d.address === '77').map((d) => d.at);
    expect(to77).toHaveLength(3);
    for (let i = 1; i < to77.length; i++) expect(to77[i]! - to77[i - 1]!).toBeGreaterThanOrEqual(380);
    const others = sender.delivered.filter((d) => d.address !== '77').map((d) => d.at);
    expect(Math.max(...others) - Math.min(...to77)).toBeLessThan(300);
  });

  it('a 429 pauses the whole channel, not just the message that got it, and nothing is lost', async () => {
    const sender = new RecordingSender('telegram', (call) => {
      if (call === 1) throw new DeliveryRetryLater(600);
    });
    t = await startTestApp({ senders: [sender], workers: true, env: { OUTBOX_CONCURRENCY: '1' } });
    const started = Date.now();
    await t.app.engine.notify([msg('1', 'satu'), msg('2', 'dua'), msg('3', 'tiga')]);
    await waitFor(() => sender.delivered.length === 3, 'all three after the pause', 10_000);
    expect(Math.min(...sender.delivered.map((d) => d.at)) - started).toBeGreaterThanOrEqual(580);
    expect(sender.calls).toBe(4);
  });

  it('does not send to an address already known to be unreachable', async () => {
    const sender = new RecordingSender('telegram');
    t = await startTestApp({ senders: [sender], workers: true });
    await t.app.users.resolve('telegram', '5005', { locale: 'id' });
    await t.app.users.markUnreachable('telegram', '5005');
    const [id] = await t.app.engine.notify([msg('5005', 'halo')]);
    await waitFor(async () => (await t!.app.messageLog.listOutbound('undeliverable')).some((r) => r.id === id), 'skipped as undeliverable');
    expect(sender.calls).toBe(0);
  });

  it('fails for good, clearly, when no sender for the channel runs in the process', async () => {
    t = await startTestApp({ workers: true });
    const [id] = await t.app.engine.notify([msg('8', 'tanpa pengirim')]);
    await waitFor(async () => (await t!.app.messageLog.listOutbound('failed')).some((r) => r.id === id), 'failed without sender');
    const row = (await t.app.messageLog.listOutbound('failed')).find((r) => r.id === id);
    expect(row?.lastError).toContain('No sender for channel "telegram"');
  });
});
