/** The dashboard's accounts, sessions and audit log on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { DuplicateUsernameError, SqlOfficerStore, type OfficerSession } from '../../src/db/officer-store.js';
import { openDatabase } from '../../src/db/orm.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';

const AT = new Date('2026-11-30T02:00:00.000Z');
const minutes = (n: number) => new Date(AT.getTime() + n * 60_000);

describe.each(DIALECTS)('officer store on %s', (dialect) => {
  let db: TestDatabase;
  let orm: MikroORM;
  let store: SqlOfficerStore;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    orm = await openDatabase(db.url);
    store = new SqlOfficerStore(orm);
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('creates accounts, finds them by (case-folded) username and id, and refuses a taken username', async () => {
    const a = await store.createAccount({ username: 'Budi.PUPR', displayName: 'Budi Santoso', role: 'office', office: 'dpupr_pkp', passwordHash: 'scrypt$h1', mustChangePassword: true, at: AT });
    expect(a).toMatchObject({ username: 'budi.pupr', role: 'office', office: 'dpupr_pkp', mustChangePassword: true });
    const found = await store.accountForLogin(' BUDI.pupr ');
    expect(found?.passwordHash).toBe('scrypt$h1');
    expect(found?.account).toEqual({ id: a.id, username: 'budi.pupr', displayName: 'Budi Santoso', role: 'office', office: 'dpupr_pkp', mustChangePassword: true, createdAt: AT });
    expect(await store.accountById(a.id)).toEqual(found?.account);
    expect(await store.accountById('not-a-uuid')).toBeUndefined();
    await expect(store.createAccount({ username: 'budi.pupr', displayName: 'Lain', role: 'operator', passwordHash: 'x', mustChangePassword: true, at: AT })).rejects.toThrow(DuplicateUsernameError);
    const midwife = await store.createAccount({ username: 'bidan.sri', displayName: 'Sri', role: 'midwife', puskesmas: 'Puskesmas Kanigaran', passwordHash: 'x', mustChangePassword: false, at: AT });
    expect((await store.listAccounts()).map((x) => x.username)).toEqual(['bidan.sri', 'budi.pupr']);
    expect((await store.accountById(midwife.id))?.puskesmas).toBe('Puskesmas Kanigaran');
  });

  it('changes passwords and clears the must-change flag', async () => {
    const a = await store.createAccount({ username: 'ganti', displayName: 'Ganti', role: 'operator', passwordHash: 'old', mustChangePassword: true, at: AT });
    await store.setPassword(a.id, 'new', { mustChange: false, at: minutes(5) });
    expect(await store.passwordHashOf(a.id)).toBe('new');
    expect(await store.accountById(a.id)).toMatchObject({ mustChangePassword: false, passwordChangedAt: minutes(5) });
  });

  it('sessions: found only before they expire, touched, deleted one by one or per account', async () => {
    const a = await store.createAccount({ username: 'sesi', displayName: 'Sesi', role: 'coordinator', passwordHash: 'x', mustChangePassword: false, at: AT });
    const session = (id: string, expiresIn: number): OfficerSession => ({ id, accountId: a.id, csrfToken: `csrf-${id.slice(0, 8)}`, createdAt: AT, expiresAt: minutes(expiresIn), lastSeenAt: AT });
    await store.createSession(session('a'.repeat(64), 60));
    await store.createSession(session('b'.repeat(64), 60));
    await store.createSession(session('c'.repeat(64), 10));

    const found = await store.findSession('a'.repeat(64), minutes(1));
    expect(found?.session).toEqual(session('a'.repeat(64), 60));
    expect(found?.account.username).toBe('sesi');
    expect(await store.findSession('c'.repeat(64), minutes(10))).toBeUndefined();
    expect(await store.findSession('d'.repeat(64), minutes(1))).toBeUndefined();

    await store.touchSession('a'.repeat(64), minutes(30), minutes(90));
    expect((await store.findSession('a'.repeat(64), minutes(80)))?.session).toMatchObject({ lastSeenAt: minutes(30), expiresAt: minutes(90) });

    expect(await store.deleteExpiredSessions(minutes(11))).toBe(1);
    expect(await store.deleteSession('a'.repeat(64))).toBe(true);
    expect(await store.deleteSession('a'.repeat(64))).toBe(false);
    await store.createSession(session('e'.repeat(64), 60));
    expect(await store.deleteAccountSessions(a.id)).toBe(2);
    expect(await store.findSession('b'.repeat(64), minutes(1))).toBeUndefined();
  });

  it('a disabled account has no sessions and cannot be found through one', async () => {
    const a = await store.createAccount({ username: 'pensiun', displayName: 'Pensiun', role: 'operator', passwordHash: 'x', mustChangePassword: false, at: AT });
    await store.createSession({ id: 'f'.repeat(64), accountId: a.id, csrfToken: 'c', createdAt: AT, expiresAt: minutes(60), lastSeenAt: AT });
    expect(await store.disableAccount(a.id, minutes(1))).toBe(true);
    expect(await store.disableAccount(a.id, minutes(2))).toBe(false);
    expect(await store.findSession('f'.repeat(64), minutes(2))).toBeUndefined();
    expect((await store.accountForLogin('pensiun'))?.account.disabledAt).toEqual(minutes(1));
    expect(await store.passwordHashOf(a.id)).toBeUndefined();
  });

  it('audit log: appended with JSON detail, listed newest first, paged and filtered', async () => {
    const a = await store.createAccount({ username: 'audit', displayName: 'Audit', role: 'coordinator', passwordHash: 'x', mustChangePassword: false, at: AT });
    // Same instant for all: the order is the order of appending.
    for (let i = 0; i < 5; i++) await store.appendAudit({ at: AT, accountId: a.id, action: i % 2 ? 'logout' : 'login', target: `t${i}`, detail: { i, nested: { ok: true } }, ip: '10.0.0.1' });
    await store.appendAudit({ at: minutes(1), action: 'login_failed', detail: { reason: 'unknown_user' }, ip: '::1' });

    const all = await store.listAudit({ limit: 3 });
    expect(all.total).toBe(6);
    expect(all.items.map((e) => e.action)).toEqual(['login_failed', 'login', 'logout']);
    expect(all.items[0]).toEqual({ id: expect.any(Number), at: minutes(1), action: 'login_failed', detail: { reason: 'unknown_user' }, ip: '::1' });
    expect(all.items[1]).toMatchObject({ accountId: a.id, target: 't4', detail: { i: 4, nested: { ok: true } }, ip: '10.0.0.1', at: AT });

    const page2 = await store.listAudit({ limit: 3, offset: 3 });
    expect(page2.items.map((e) => e.target)).toEqual(['t2', 't1', 't0']);
    const mine = await store.listAudit({ accountId: a.id, action: 'logout' });
    expect(mine).toMatchObject({ total: 2, items: [{ target: 't3' }, { target: 't1' }] });
    expect(await store.listAudit({ accountId: 'nope' })).toEqual({ items: [], total: 0 });
  });
});
