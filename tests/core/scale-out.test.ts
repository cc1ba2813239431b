/**
 * Two Pintu processes' worth of engines against one Redis and one PostgreSQL: no per-user state in memory, so either
 * may answer any message, and one user's messages are still handled one at a time, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flow } from '../../src/core/flow.js';
import { FlowRegistry } from '../../src/core/flow.js';
import { SqlConversationStore } from '../../src/db/conversation-store.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { uniquePrefix } from '../support/app.js';

/** A counting flow: each turn appends the number it was sent, so lost or reordered updates show in the data. */
const counter: Flow = {
  name: 'counter',
  // Every service has its own flow now: this one takes any message that starts a conversation.
  intents: [],
  claims: (_ctx, inOtherFlow) => !inOtherFlow,
  async start() {
    return { replies: [{ text: 'mulai' }], next: { step: 'count', data: { seen: [] } } };
  },
  async resume(ctx, _step, data) {
    const seen = [...((data.seen as string[]) ?? []), ctx.text];
    // Yield to the event loop so an unserialised twin would interleave here.
    await new Promise((r) => setTimeout(r, 2));
    return { replies: [{ text: `ke-${seen.length}` }], next: { step: 'count', data: { seen } } };
  },
};

let db: TestDatabase;
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('postgresql');
  const prefix = uniquePrefix();
  a = await startTestApp({ db, env: { QUEUE_PREFIX: prefix, USER_RATE_LIMIT: '1000/1000' }, flows: new FlowRegistry().register(counter) });
  b = await startTestApp({ db, env: { QUEUE_PREFIX: prefix, USER_RATE_LIMIT: '1000/1000' }, flows: new FlowRegistry().register(counter) });
});
afterAll(async () => {
  await a?.dispose();
  await b?.dispose();
  await db?.drop();
});

describe('two engines side by side', () => {
  it('continue one conversation across processes without losing a turn', async () => {
    const send = (app: TestApp, text: string, id: string) =>
      app.app.engine.handle({ channel: 'telegram', address: 'scale-1', messageId: id, text, receivedAt: new Date() });
    await send(a, 'ada info lelang konstruksi gak?', 'start');
    // 40 messages split over both engines, all at once.
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => send(i % 2 ? a : b, `n${i}`, `n${i}`)));
    const counts = results.map((r) => Number(r.replies[0]!.text.replace('ke-', ''))).sort((x, y) => x - y);
    expect(counts).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const state = await new SqlConversationStore(b.app.orm).load(results[0]!.userId);
    expect((state?.data.seen as string[]).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `n${i}`).sort());
  });

  it('a message delivered to both processes (platform retry) is handled once', async () => {
    const msg = { channel: 'telegram' as const, address: 'scale-2', messageId: 'twice', text: 'halo', receivedAt: new Date() };
    const [x, y] = await Promise.all([a.app.engine.handle(msg), b.app.engine.handle(msg)]);
    expect([x.duplicate, y.duplicate].sort()).toEqual([false, true]);
  });

  it('one process answers, the other process\' outbox queue is the same queue', async () => {
    await a.app.engine.handle({ channel: 'telegram', address: 'scale-3', messageId: 's3', text: 'halo', receivedAt: new Date() });
    expect((await b.app.outbox.depth()).waiting).toBeGreaterThanOrEqual(1);
    await b.app.outbox.queue.obliterate({ force: true });
  });
});
