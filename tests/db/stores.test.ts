/** The database layer against both SQLite and PostgreSQL: migrations, identities, conversation state, message logs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { SqlConversationStore } from '../../src/db/conversation-store.js';
import { ChannelIdentity, OutboundLog, User } from '../../src/db/entities.js';
import { SqlMessageLog } from '../../src/db/message-log.js';
import { migrate, openDatabase } from '../../src/db/orm.js';
import { SqlUserDirectory } from '../../src/db/user-directory.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';

describe.each(DIALECTS)('database layer on %s', (dialect) => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    orm = await openDatabase(db.url);
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('migrations ran, and running them again applies nothing', async () => {
    expect(await migrate(orm)).toEqual([]);
    const executed = await orm.getMigrator().getExecutedMigrations();
    expect(executed.map((m) => m.name)).toEqual(['Migration20261128032951', 'Migration20261129182119', 'Migration20261129184646', 'Migration20261129191023', 'Migration20261129211648', 'Migration20261129213911', 'Migration20261129215156', 'Migration20261129222121']);
  });

  it('one person, several channels: identities are unique per channel and address', async () => {
    const users = new SqlUserDirectory(orm);
    const a = await users.resolve('telegram', '1001', { locale: 'id', displayName: 'Siti' });
    const again = await users.resolve('telegram', '1001', { locale: 'en' });
    const wa = await users.resolve('whatsapp', '6281234567890@s.whatsapp.net', { locale: 'id' });
    expect(a.isNew).toBe(true);
    expect(again).toMatchObject({ userId: a.userId, identityId: a.identityId, isNew: false, locale: 'id' });
    expect(wa.userId).not.toBe(a.userId);
    // Linking a second identity to the same person is a row pointing at the same user.
    const em = orm.em.fork();
    await em.nativeUpdate(ChannelIdentity, { id: wa.identityId }, { user: a.userId });
    expect((await users.resolve('whatsapp', '6281234567890@s.whatsapp.net', { locale: 'id' })).userId).toBe(a.userId);
  });

  it('concurrent first messages from one address create one user', async () => {
    const users = new SqlUserDirectory(orm);
    const results = await Promise.all(Array.from({ length: 8 }, () => users.resolve('web', 'race-1', { locale: 'id' })));
    expect(new Set(results.map((r) => r.userId)).size).toBe(1);
    expect(await orm.em.fork().count(ChannelIdentity, { channel: 'web', address: 'race-1' })).toBe(1);
  });

  it('unreachable identities are marked, and clear when the resident writes again', async () => {
    const users = new SqlUserDirectory(orm);
    await users.resolve('telegram', '2002', { locale: 'id' });
    await users.markUnreachable('telegram', '2002');
    expect(await users.isUnreachable('telegram', '2002')).toBe(true);
    await users.resolve('telegram', '2002', { locale: 'id' });
    expect(await users.isUnreachable('telegram', '2002')).toBe(false);
  });

  it('locale changes persist', async () => {
    const users = new SqlUserDirectory(orm);
    const u = await users.resolve('web', 'loc-1', { locale: 'id' });
    await users.setLocale(u.userId, 'en');
    expect((await orm.em.fork().findOneOrFail(User, { id: u.userId })).locale).toBe('en');
    expect((await users.resolve('web', 'loc-1', { locale: 'id' })).locale).toBe('en');
  });

  it('conversation state round-trips (JSON data, choices, expiry) and is deleted with null', async () => {
    const users = new SqlUserDirectory(orm);
    const store = new SqlConversationStore(orm);
    const u = await users.resolve('web', 'conv-1', { locale: 'id' });
    const expiresAt = new Date('2026-11-28T03:30:00.000Z');
    const state = { flow: 'complaint', step: 'location', data: { category: 'lampu', photos: ['a', 'b'], n: 2 }, choices: [{ label: 'Ya', value: 'yes' }], expiresAt };
    await store.save(u.userId, state);
    expect(await store.load(u.userId)).toEqual(state);
    await store.save(u.userId, { ...state, step: 'confirm', choices: undefined });
    expect(await store.load(u.userId)).toMatchObject({ step: 'confirm', choices: undefined });
    await store.save(u.userId, null);
    expect(await store.load(u.userId)).toBeNull();
  });

  it('a turn commits inbound, state and outbound together; a platform message id counts once per channel', async () => {
    const log = new SqlMessageLog(orm);
    const store = new SqlConversationStore(orm);
    const userId = (await new SqlUserDirectory(orm).resolve('web', 'log-1', { locale: 'id' })).userId;
    const at = new Date('2026-11-28T03:00:00.000Z');
    const state = { flow: null, step: '', data: {}, choices: [{ label: 'A', value: 'a' }], expiresAt: new Date('2026-11-28T03:30:00.000Z') };
    const turn = (channel: 'telegram' | 'whatsapp' | 'web', messageId: string | undefined, text: string) => ({
      inbound: { channel, messageId, userId, receivedAt: at },
      state,
      outbound: [{ channel, address: 'log-1', userId, kind: 'reply' as const, reply: { text } }],
      outboundStatus: 'queued' as const,
      at,
    });
    const first = await log.commitTurn(turn('telegram', 'u-77', 'satu'));
    expect(first).toEqual({ duplicate: false, outboundIds: [expect.any(String)] });
    expect(await log.isProcessed('telegram', 'u-77')).toBe(true);
    expect(await log.isProcessed('whatsapp', 'u-77')).toBe(false);
    expect(await store.load(userId)).toEqual(state);

    // The same id again: nothing of the second turn is written.
    const dup = await log.commitTurn({ ...turn('telegram', 'u-77', 'dua'), state: null });
    expect(dup).toEqual({ duplicate: true, outboundIds: [] });
    expect(await store.load(userId)).toEqual(state);
    expect(await orm.em.fork().count(OutboundLog, { userId })).toBe(1);

    expect((await log.commitTurn(turn('whatsapp', 'u-77', 'tiga'))).duplicate).toBe(false);
    expect((await log.commitTurn(turn('web', undefined, 'empat'))).duplicate).toBe(false);
    expect((await log.commitTurn({ ...turn('web', undefined, 'lima'), state: null })).duplicate).toBe(false);
    expect(await store.load(userId)).toBeNull();
    expect(await orm.em.fork().count(OutboundLog, { userId })).toBe(4);
  });

  it('the outbound log keeps status, attempts and the last error', async () => {
    const log = new SqlMessageLog(orm);
    const at = new Date();
    const [id] = await log.recordOutbound([{ channel: 'telegram', address: '3003', kind: 'reply', reply: { text: 'halo', choices: [{ label: 'A', value: 'a' }] } }], 'queued', at);
    await log.markOutbound(id!, 'failed', at, 'Bad Gateway');
    const failed = await log.listOutbound('failed');
    expect(failed.find((r) => r.id === id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'Bad Gateway', payload: { text: 'halo' } });
    expect((await log.countOutbound()).failed).toBeGreaterThanOrEqual(1);
  });
});
