/** Graceful shutdown: a message being handled when shutdown starts is finished, not cut off mid-write. */
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../src/core/flow.js';
import { FlowRegistry } from '../../src/core/flow.js';
import { openDatabase } from '../../src/db/orm.js';
import { OutboundLog } from '../../src/db/entities.js';
import { startTestApp } from '../support/app.js';

const slow: Flow = {
  name: 'slow',
  // Every service has its own flow now: this one takes any message that starts a conversation.
  intents: [],
  claims: (_ctx, inOtherFlow) => !inOtherFlow,
  async start() {
    await new Promise((r) => setTimeout(r, 300));
    return { replies: [{ text: 'selesai' }], next: null };
  },
  async resume() {
    return { replies: [], next: null };
  },
};

describe('shutdown', () => {
  it('finishes the message in hand before closing the database and Redis', async () => {
    const t = await startTestApp({ flows: new FlowRegistry().register(slow) });
    const handling = t.app.engine.handle({ channel: 'web', address: 'shut-1', text: 'ada info lelang konstruksi gak?', receivedAt: new Date() });
    await new Promise((r) => setTimeout(r, 50));
    await t.app.close();
    const result = await handling;
    expect(result.replies.map((r) => r.text)).toEqual(['selesai']);
    // The turn was committed before the database closed.
    const orm = await openDatabase(t.db.url);
    expect(await orm.em.fork().count(OutboundLog, { userId: result.userId })).toBe(1);
    await orm.close(true);
    await t.db.drop();
  });
});
