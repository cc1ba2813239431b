/** SISKIA's storage against real SQLite and PostgreSQL databases: encryption at rest, erasure, paging, reminders, alerts. */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { FieldCrypto } from '../../src/core/field-crypto.js';
import { openDatabase } from '../../src/db/orm.js';
import { FIRST_USER_ID, SqlSiskiaRepository } from '../../src/db/siskia-repository.js';
import { Sql } from '../../src/db/sql.js';
import type { HealthRecord, PlannedReminder, ProfileStatus, SiskiaProfile } from '../../src/features/siskia/model.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';

const newCrypto = () => new FieldCrypto([['k1', randomBytes(32)]]);

const FULL_RECORD: HealthRecord = {
  hpht: '2026-01-10',
  hpl: '2026-10-17',
  hplSource: 'midwife',
  motherAge: 27,
  children: [
    { childId: 'c1', born: '2026-10-15' },
    { childId: 'c2', born: '2026-10-15' },
  ],
  done: [
    { code: 'anc-k1', on: '2026-02-01' },
    { code: 'imunisasi-bcg', childId: 'c1', on: '2026-10-20' },
  ],
  moved: [{ code: 'kunjungan-neonatal-1', childId: 'c2', to: '2026-10-22' }],
};

/** A registration with a fresh user id and an empty record unless overridden. */
function profile(overrides: Partial<SiskiaProfile> = {}): SiskiaProfile {
  const userId = overrides.userId ?? randomUUID();
  const at = new Date('2026-01-15T02:03:04.567Z');
  return {
    userId,
    contact: { userId, channel: 'whatsapp', address: `62812${randomUUID().slice(0, 8)}@s.whatsapp.net`, locale: 'id' },
    status: 'active',
    consentVersion: 'v1',
    consentAt: at,
    registeredBy: 'self',
    record: { children: [], done: [], moved: [] },
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** A reminder for `userId` on `day`. */
function reminder(userId: string, day: string, code = 'anc-k2'): PlannedReminder {
  return { userId, day, code, daysBefore: 7 };
}

/** Reminders as `user day` keys, sorted, to compare sets. */
const keys = (list: PlannedReminder[]) => list.map((r) => `${r.userId} ${r.day}`).sort();

describe.each(DIALECTS)('SISKIA repository on %s', (dialect) => {
  let db: TestDatabase;
  let orm: MikroORM;
  let sql: Sql;
  let crypto: FieldCrypto;
  let repo: SqlSiskiaRepository;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    orm = await openDatabase(db.url);
    sql = new Sql(orm);
    crypto = newCrypto();
    repo = new SqlSiskiaRepository(orm, crypto);
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  /** How many rows of `table` belong to `userId`. */
  async function count(table: string, userId: string): Promise<number> {
    const [row] = await sql.all<{ n: number | string }>(`select count(*) as n from ${table} where user_id = ?`, [userId]);
    return Number(row!.n);
  }

  it('round-trips a full registration, and save replaces it', async () => {
    const userId = randomUUID();
    const contact = { userId, channel: 'telegram', address: '123456789', locale: 'en' } as const;
    const p = profile({ userId, contact, registeredBy: 'midwife', puskesmas: 'Puskesmas Kanigaran', posyandu: 'Melati 3', record: FULL_RECORD });
    await repo.save(p);
    expect(await repo.get(p.userId)).toEqual(p);

    const later = new Date('2026-11-01T00:00:00Z');
    const changed: SiskiaProfile = { ...p, status: 'stopped', posyandu: undefined, record: { ...FULL_RECORD, moved: [] }, updatedAt: later };
    await repo.save(changed);
    const stored = await repo.get(p.userId);
    expect(stored).toEqual({ ...changed, posyandu: undefined });
    expect('posyandu' in stored!).toBe(false);
    expect(await repo.get(randomUUID())).toBeUndefined();
  });

  it('keeps the health record encrypted at rest', async () => {
    const p = profile({ record: FULL_RECORD });
    await repo.save(p);
    const [row] = await sql.all<{ record_enc: string }>('select record_enc from siskia_profiles where user_id = ?', [p.userId]);
    expect(row!.record_enc.startsWith('enc:v1:')).toBe(true);
    // Long or quoted fragments only: a short one like `c1` turns up in random base64 now and then.
    for (const plain of ['2026-', 'imunisasi-bcg', 'midwife', '"hpht"', '"children"']) expect(row!.record_enc).not.toContain(plain);
  });

  it('a record written with another key cannot be read, and the error shows no stored or plain data', async () => {
    const p = profile({ record: FULL_RECORD });
    await repo.save(p);
    const [row] = await sql.all<{ record_enc: string }>('select record_enc from siskia_profiles where user_id = ?', [p.userId]);
    const error = await new SqlSiskiaRepository(orm, newCrypto()).get(p.userId).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(/stored health data .* cannot be read with the configured keys/);
    for (const secret of [row!.record_enc, row!.record_enc.split(':').at(-1)!, '2026-', 'enc:v1:']) expect(error!.message).not.toContain(secret);
  });

  it('activeBatch skips an unreadable record when asked, so one bad row does not stop everyone', async () => {
    const foreign = profile({ record: FULL_RECORD });
    await new SqlSiskiaRepository(orm, newCrypto()).save(foreign);
    await expect(repo.activeBatch('', 100_000)).rejects.toThrow(/cannot be read with the configured keys/);
    const unreadable: string[] = [];
    const readable = await repo.activeBatch('', 100_000, (userId) => unreadable.push(userId));
    expect(unreadable).toContain(foreign.userId);
    expect(readable.map((p) => p.userId)).not.toContain(foreign.userId);
    expect(readable.length).toBeGreaterThan(0);
    await repo.erase(foreign.userId);
  });

  it('erase removes the registration, its reminders and alerts, and returns the counts; others stay', async () => {
    const [mine, theirs] = [profile(), profile()];
    for (const p of [mine, theirs]) {
      await repo.save(p);
      await repo.recordReminders([reminder(p.userId, '2026-03-01'), reminder(p.userId, '2026-03-08')]);
      await repo.recordAlert(p.userId, new Date());
    }
    await repo.recordAlert(mine.userId, new Date());

    expect(await repo.erase(mine.userId)).toEqual({ profile: true, reminders: 2, alerts: 2 });
    for (const table of ['siskia_profiles', 'siskia_reminders', 'siskia_alerts']) expect(await count(table, mine.userId), table).toBe(0);
    expect(await repo.get(mine.userId)).toBeUndefined();
    expect(await repo.erase(mine.userId)).toEqual({ profile: false, reminders: 0, alerts: 0 });

    expect(await repo.get(theirs.userId)).toEqual(theirs);
    expect([await count('siskia_reminders', theirs.userId), await count('siskia_alerts', theirs.userId)]).toEqual([2, 1]);
  });

  it('activeBatch pages through every active registration exactly once, in user id order, skipping stopped and loss', async () => {
    const statuses: ProfileStatus[] = ['active', 'active', 'stopped', 'active', 'loss'];
    const profiles = Array.from({ length: 1200 }, (_, i) => profile({ status: statuses[i % statuses.length]!, record: FULL_RECORD }));
    for (let i = 0; i < profiles.length; i += 100) await Promise.all(profiles.slice(i, i + 100).map((p) => repo.save(p)));

    const byId = new Map(profiles.map((p) => [p.userId, p]));
    const seen: string[] = [];
    let after = FIRST_USER_ID;
    let pages = 0;
    for (;;) {
      const batch = await repo.activeBatch(after, 100);
      pages++;
      for (const p of batch) {
        expect(p.status).toBe('active');
        // Decrypted and complete (other tests' registrations are in the table too).
        if (byId.has(p.userId)) expect(p).toEqual(byId.get(p.userId));
      }
      seen.push(...batch.map((p) => p.userId));
      if (batch.length < 100) break;
      after = batch.at(-1)!.userId;
    }
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    const active = profiles.filter((p) => p.status === 'active');
    expect(active).toHaveLength(720);
    const seenSet = new Set(seen);
    expect(active.every((p) => seenSet.has(p.userId))).toBe(true);
    expect(profiles.filter((p) => p.status !== 'active').some((p) => seenSet.has(p.userId))).toBe(false);

    // The first page is the same from '' as from the nil uuid.
    const first = await repo.activeBatch('', 5);
    expect(first).toEqual(await repo.activeBatch(FIRST_USER_ID, 5));
    expect(first.map((p) => p.userId)).toEqual(seen.slice(0, 5));
  });

  it('recordReminders stores a person’s day once: a second planning run stores and returns nothing', async () => {
    const users = Array.from({ length: 600 }, () => randomUUID());
    // 1,200 reminders: more than two statements' worth.
    const planned = users.flatMap((u) => [reminder(u, '2026-04-01'), reminder(u, '2026-04-02', 'imunisasi-dpt-1')]);
    expect(keys(await repo.recordReminders(planned))).toEqual(keys(planned));
    expect(await repo.recordReminders(planned)).toEqual([]);
    expect(await count('siskia_reminders', users[0]!)).toBe(2);

    // A mixed run stores only the new days, in the order given.
    const fresh = [reminder(users[1]!, '2026-04-03'), reminder(users[0]!, '2026-04-03')];
    expect(await repo.recordReminders([planned[0]!, ...fresh, planned[3]!])).toEqual(fresh);

    // Two different reminders for one person and day: the first is stored, the second skipped.
    const u = randomUUID();
    const twin = { ...reminder(u, '2026-05-01', 'kunjungan-neonatal-1'), childId: 'c1', daysBefore: 1 };
    const other = { ...reminder(u, '2026-05-01', 'kunjungan-neonatal-1'), childId: 'c2', daysBefore: 1 };
    expect(await repo.recordReminders([twin, other])).toEqual([twin]);
    expect(await repo.recordReminders([other])).toEqual([]);
    expect(await count('siskia_reminders', u)).toBe(1);
    expect(await repo.lastReminder(u, '2026-01-01')).toEqual(twin);
    expect(await repo.recordReminders([])).toEqual([]);
  });

  it('two planners recording overlapping lists concurrently store each person’s day once in total', async () => {
    const users = Array.from({ length: 1500 }, () => randomUUID());
    const all = users.map((u) => reminder(u, '2026-06-01'));
    // Overlapping lists, one in reverse order (several statements each): no deadlock, no day stored twice.
    const a = all.slice(0, 1200);
    const b = all.slice(300).reverse();
    const [ra, rb] = await Promise.all([repo.recordReminders(a), repo.recordReminders(b)]);
    expect(keys([...ra, ...rb])).toEqual(keys(all));
    const [row] = await sql.all<{ n: number | string }>("select count(*) as n from siskia_reminders where day = '2026-06-01'");
    expect(Number(row!.n)).toBe(1500);

    // The same list from two callers at once.
    const same = users.map((u) => reminder(u, '2026-06-02'));
    const [sa, sb] = await Promise.all([repo.recordReminders(same), repo.recordReminders(same)]);
    expect(keys([...sa, ...sb])).toEqual(keys(same));
  });

  it('lastReminder is the latest day on or after `since`', async () => {
    const u = randomUUID();
    await repo.recordReminders([reminder(u, '2026-07-01', 'a'), reminder(u, '2026-07-20', 'c'), reminder(u, '2026-07-10', 'b')]);
    await repo.recordReminders([reminder(randomUUID(), '2026-08-01')]);
    expect(await repo.lastReminder(u, '2026-07-01')).toEqual(reminder(u, '2026-07-20', 'c'));
    expect(await repo.lastReminder(u, '2026-07-20')).toEqual(reminder(u, '2026-07-20', 'c'));
    expect(await repo.lastReminder(u, '2026-07-21')).toBeUndefined();
    expect(await repo.lastReminder(randomUUID(), '2000-01-01')).toBeUndefined();
  });

  it('an alert is answered once, and only by the person it belongs to', async () => {
    const [owner, stranger] = [randomUUID(), randomUUID()];
    const at = new Date('2026-09-01T10:00:00Z');
    const id = await repo.recordAlert(owner, at);
    const answeredAt = new Date(at.getTime() + 20 * 60_000);
    expect(await repo.answerAlert(id, stranger, 'sudah', answeredAt)).toBe(false);
    expect(await repo.answerAlert(randomUUID(), owner, 'sudah', answeredAt)).toBe(false);
    expect(await repo.answerAlert('not-a-uuid', owner, 'sudah', answeredAt)).toBe(false);
    expect(await repo.answerAlert(id, owner, 'sudah', answeredAt)).toBe(true);
    expect(await repo.answerAlert(id, owner, 'belum', answeredAt)).toBe(false);

    const [row] = await sql.all<{ user_id: string; at: unknown; answer: string; answered_at: unknown }>(
      'select user_id, at, answer, answered_at from siskia_alerts where id = ?',
      [id],
    );
    expect({ ...row, at: sql.readDate(row!.at), answered_at: sql.readDate(row!.answered_at) }).toEqual({ user_id: owner, at, answer: 'sudah', answered_at: answeredAt });
  });
});
