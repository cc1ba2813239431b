/** The complaint store and the admin tokens against real SQLite and PostgreSQL databases. */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { SqlAdminTokens } from '../../src/db/admin-tokens.js';
import { SqlComplaintRepository } from '../../src/db/complaint-repository.js';
import { openDatabase } from '../../src/db/orm.js';
import { Sql } from '../../src/db/sql.js';
import type { Complaint, ComplaintDraft, ComplaintRepository, ComplaintState, ContactRef } from '../../src/features/complaints/model.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';

type FileInput = Parameters<ComplaintRepository['file']>[0];

const DAY = 86_400_000;

function draft(overrides: Partial<ComplaintDraft> = {}): ComplaintDraft {
  return { type: 'pengaduan', category: 'jalan_selokan', description: 'Jalan berlubang', location: {}, photos: [], privacy: 'publik', ...overrides };
}

function resident(name: string = randomUUID()): ContactRef {
  return { userId: randomUUID(), channel: 'telegram', address: name, locale: 'id' };
}

/** A filing at `at` with a fresh idempotency key; deadlines 3 and 8 days later. */
function filing(at: Date, overrides: Partial<FileInput> = {}): FileInput {
  return {
    idempotencyKey: randomUUID(),
    draft: draft(),
    reporter: resident(),
    source: 'chat',
    office: 'dinas-pupr',
    at,
    verifyDueAt: new Date(at.getTime() + 3 * DAY),
    responseDueAt: new Date(at.getTime() + 8 * DAY),
    ...overrides,
  };
}

const transition = (at: Date, toState: ComplaintState) => ({ at, actor: 'coordinator', kind: 'transition' as const, toState, visibleToReporter: true });

describe.each(DIALECTS)('complaint repository on %s', (dialect) => {
  let db: TestDatabase;
  let orm: MikroORM;
  let repo: SqlComplaintRepository;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    orm = await openDatabase(db.url);
    repo = new SqlComplaintRepository(orm);
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  /** Files a complaint and moves it to `state` with `patch` (no state machine here: this is storage). */
  async function fileIn(state: ComplaintState, input: FileInput, patch: Partial<Complaint> = {}): Promise<Complaint> {
    const { complaint } = await repo.file(input);
    if (state !== 'diterima' || Object.keys(patch).length) {
      expect(await repo.update(complaint.id, 'diterima', { ...patch, state }, transition(input.at, state))).toBe(true);
    }
    return (await repo.byTicket(complaint.ticket))!;
  }

  const tickets = (cs: Complaint[]) => cs.map((c) => c.ticket);

  it('numbers tickets per WIB year: 000001, 000002, and again 000001 once the year turns in Jakarta', async () => {
    const first = await repo.file(filing(new Date('2026-03-01T02:00:00Z')));
    const second = await repo.file(filing(new Date('2026-03-01T02:00:01Z')));
    // 23:59:59 WIB on 31 December is still 2026...
    const lastOfYear = await repo.file(filing(new Date('2026-12-31T16:59:59Z')));
    // ...and 00:30 WIB on 1 January is 2027, though it is still 31 December in UTC.
    const newYear = await repo.file(filing(new Date('2026-12-31T17:30:00Z')));
    expect([first, second, lastOfYear, newYear].map((r) => r.complaint.ticket)).toEqual(['PBL-2026-000001', 'PBL-2026-000002', 'PBL-2026-000003', 'PBL-2027-000001']);
    expect(first.created).toBe(true);
    expect(first.complaint).toMatchObject({ state: 'diterima', overdue: false, reopenCount: 0, supporterCount: 0 });
    expect(await repo.events(first.complaint.id)).toEqual([
      { id: expect.any(String), complaintId: first.complaint.id, at: new Date('2026-03-01T02:00:00Z'), actor: 'resident', kind: 'filed', toState: 'diterima', visibleToReporter: true },
    ]);
  });

  it('the same idempotency key files once, also when five retries race', async () => {
    const at = new Date('2028-05-01T03:00:00Z');
    const input = filing(at);
    const [a, b] = [await repo.file(input), await repo.file({ ...input, draft: draft({ description: 'changed on retry' }) })];
    expect(a.created).toBe(true);
    expect(b).toEqual({ complaint: a.complaint, created: false });

    const racing = filing(at);
    const results = await Promise.all(Array.from({ length: 5 }, () => repo.file(racing)));
    const winner = results.find((r) => r.created)!;
    expect(new Set(results.map((r) => r.complaint.ticket))).toEqual(new Set([winner.complaint.ticket]));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const sql = new Sql(orm);
    const [row] = await sql.all<{ n: number | string }>('select count(*) as n from complaints where idempotency_key = ?', [racing.idempotencyKey]);
    expect(Number(row!.n)).toBe(1);
    // Racing retries may each have taken a number (gaps, as in LAPOR!), but numbers only go up.
    expect((await repo.file(filing(at))).complaint.ticket > winner.complaint.ticket).toBe(true);
  });

  it('20 concurrent filings get 20 distinct, consecutive numbers', async () => {
    const at = new Date('2029-05-01T03:00:00Z');
    const results = await Promise.all(Array.from({ length: 20 }, () => repo.file(filing(at))));
    expect(tickets(results.map((r) => r.complaint)).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `PBL-2029-${String(i + 1).padStart(6, '0')}`));
  });

  it('round-trips every field, and leaves absent optional fields absent', async () => {
    const at = new Date('2030-02-03T04:05:06.789Z');
    const reporter: ContactRef = { userId: randomUUID(), channel: 'whatsapp', address: '6281234567890@s.whatsapp.net', locale: 'en' };
    const full = draft({
      type: 'aspirasi',
      category: 'lampu',
      description: 'Lampu jalan mati sejak seminggu',
      location: { text: 'jl mastrip depan masjid', point: { lat: -7.7543, lon: 113.2159 }, kelurahan: 'Sukabumi', kelurahanCode: '35.74.03.1003', kecamatan: 'Mayangan' },
      photos: [{ fileId: 'file-1', caption: 'dari utara' }, { fileId: 'file-2' }],
      incidentDate: '2030-02-01',
      privacy: 'anonim',
    });
    const filed = await repo.file(filing(at, { draft: full, reporter, reporterName: 'Siti', reporterEmail: 'siti@example.org', office: 'dinas-perkim' }));
    const stored = await repo.byTicket(filed.complaint.ticket);
    expect(stored).toEqual(filed.complaint);
    expect(stored).toEqual({
      ...full,
      id: expect.any(String),
      ticket: 'PBL-2030-000001',
      reporter,
      reporterName: 'Siti',
      reporterEmail: 'siti@example.org',
      source: 'chat',
      office: 'dinas-perkim',
      state: 'diterima',
      createdAt: at,
      updatedAt: at,
      verifyDueAt: new Date(at.getTime() + 3 * DAY),
      responseDueAt: new Date(at.getTime() + 8 * DAY),
      overdue: false,
      reopenCount: 0,
      supporterCount: 0,
    });

    const later = new Date(at.getTime() + DAY);
    const patch: Partial<Complaint> = {
      state: 'selesai',
      stateNote: 'Sudah diganti',
      duplicateOf: 'PBL-2030-000009',
      referredTo: 'PLN UP3 Probolinggo',
      respondedAt: later,
      resolvedAt: later,
      closedAt: later,
      escalatedAt: later,
      overdue: true,
      rating: 4,
      reopenCount: 2,
      office: 'dinas-pupr',
    };
    expect(await repo.update(stored!.id, 'diterima', patch, transition(later, 'selesai'))).toBe(true);
    expect(await repo.byTicket(stored!.ticket)).toEqual({ ...stored, ...patch, updatedAt: later });

    // A present optional field set to undefined clears it; a required one is left alone.
    await repo.addEvent(stored!.id, { at: later, actor: 'system', kind: 'reopen', visibleToReporter: false }, { resolvedAt: undefined, rating: undefined, state: undefined });
    const cleared = (await repo.byTicket(stored!.ticket))!;
    expect(cleared.state).toBe('selesai');
    expect('resolvedAt' in cleared || 'rating' in cleared).toBe(false);

    // An Open311 report without a chat identity, without pin, photos or incident date.
    const bare = await repo.file(filing(at, { reporter: undefined, source: 'open311', draft: draft({ location: { text: 'Pasar Baru' } }) }));
    const bareStored = (await repo.byTicket(bare.complaint.ticket))!;
    expect(bareStored).toEqual(bare.complaint);
    expect(bareStored.location).toEqual({ text: 'Pasar Baru' });
    for (const key of ['reporter', 'reporterName', 'reporterEmail', 'incidentDate', 'stateNote', 'respondedAt', 'rating']) expect(key in bareStored, key).toBe(false);
    expect((await repo.events(bare.complaint.id))[0]?.actor).toBe('open311');
    expect(await repo.byTicket('PBL-2030-999999')).toBeUndefined();
  });

  describe('listing', () => {
    const A = `list-a-${randomUUID().slice(0, 8)}`;
    const B = `list-b-${randomUUID().slice(0, 8)}`;
    const day = (d: number) => new Date(Date.UTC(2031, 0, d, 3));
    let c1: Complaint, c2: Complaint, c3: Complaint, c4: Complaint;

    beforeAll(async () => {
      c1 = await fileIn('diterima', filing(day(1), { office: A, draft: draft({ description: 'Jalan berlubang di depan MASJID', location: { text: 'Jl. Mastrip', kelurahanCode: 'K1' } }) }));
      c2 = await fileIn('diproses', filing(day(2), { office: A, draft: draft({ category: 'lampu', description: 'Lampu mati 100% total', location: { kelurahanCode: 'K2' }, privacy: 'rahasia' }) }), {
        overdue: true,
      });
      c3 = await fileIn('diterima', filing(day(3), { office: B, draft: draft({ category: 'lingkungan', description: 'Sampah menumpuk', location: { text: 'Pasar Baru', kelurahanCode: 'K1' }, privacy: 'anonim' }) }));
      c4 = await fileIn('selesai', filing(day(4), { office: B, draft: draft({ description: 'Selokan mampet' }) }));
      // c1 was touched last.
      await repo.addEvent(c1.id, { at: day(10), actor: 'office:' + A, kind: 'reply', note: 'Segera', visibleToReporter: true });
    });

    const both = () => ({ offices: [A, B], limit: 10, offset: 0 });
    const list = async (q: Partial<Parameters<ComplaintRepository['list']>[0]>) => {
      const { items, total } = await repo.list({ ...both(), ...q });
      return { tickets: tickets(items), total };
    };
    const of = (...cs: Complaint[]) => ({ tickets: tickets(cs), total: cs.length });

    it('filters by office, state, category, kelurahan, overdue and tickets', async () => {
      expect(await list({})).toEqual(of(c4, c3, c2, c1));
      expect(await list({ offices: [A] })).toEqual(of(c2, c1));
      expect(await list({ states: ['diterima', 'selesai'] })).toEqual(of(c4, c3, c1));
      expect(await list({ categories: ['jalan_selokan'] })).toEqual(of(c4, c1));
      expect(await list({ kelurahanCode: 'K1' })).toEqual(of(c3, c1));
      expect(await list({ overdue: true })).toEqual(of(c2));
      expect(await list({ overdue: false })).toEqual(of(c4, c3, c1));
      expect(await list({ tickets: [c1.ticket, c3.ticket, 'PBL-1999-000001'] })).toEqual(of(c3, c1));
      expect(await list({ offices: [] })).toEqual(of());
    });

    it('filters by date range (both ends inclusive)', async () => {
      expect(await list({ from: day(2), to: day(3) })).toEqual(of(c3, c2));
      expect(await list({ from: day(4) })).toEqual(of(c4));
    });

    it('searches description, location and ticket, ignoring case and treating % and _ literally', async () => {
      expect(await list({ search: 'masjid' })).toEqual(of(c1));
      expect(await list({ search: 'pasar BARU' })).toEqual(of(c3));
      expect(await list({ search: '100%' })).toEqual(of(c2));
      expect(await list({ search: '1_0' })).toEqual(of());
      expect(await list({ search: c4.ticket.toLowerCase() })).toEqual(of(c4));
    });

    it('publicOnly hides rahasia reports', async () => {
      expect(await list({ publicOnly: true })).toEqual(of(c4, c3, c1));
    });

    it('orders and pages, with the total of all matches', async () => {
      expect(await list({ limit: 2, offset: 0 })).toEqual({ tickets: tickets([c4, c3]), total: 4 });
      expect(await list({ limit: 2, offset: 2 })).toEqual({ tickets: tickets([c2, c1]), total: 4 });
      expect(await list({ limit: 2, offset: 4 })).toEqual({ tickets: [], total: 4 });
      expect(await list({ order: 'oldest', limit: 3 })).toEqual({ tickets: tickets([c1, c2, c3]), total: 4 });
      expect((await list({ order: 'updated', limit: 1 })).tickets).toEqual([c1.ticket]);
    });
  });

  it('update with a stale expected state changes nothing and writes no event', async () => {
    const at = new Date('2032-01-01T00:00:00Z');
    const { complaint } = await repo.file(filing(at));
    expect(await repo.update(complaint.id, 'diproses', { state: 'selesai', stateNote: 'x' }, transition(at, 'selesai'))).toBe(false);
    expect(await repo.byTicket(complaint.ticket)).toEqual(complaint);
    expect((await repo.events(complaint.id)).map((e) => e.kind)).toEqual(['filed']);
    // Two officers race on the same ticket: exactly one wins.
    const moves = await Promise.all(
      (['didisposisikan', 'ditolak'] as const).map((to) => repo.update(complaint.id, 'diterima', { state: to }, { ...transition(at, to), fromState: 'diterima' })),
    );
    expect(moves.filter(Boolean)).toHaveLength(1);
    expect(await repo.events(complaint.id)).toHaveLength(2);
    await expect(repo.addEvent(randomUUID(), { at, actor: 'system', kind: 'escalation', visibleToReporter: false })).rejects.toThrow(/No complaint/);
  });

  it('keeps events in the order they were written, also within one millisecond', async () => {
    const at = new Date('2032-02-01T00:00:00Z');
    const { complaint } = await repo.file(filing(at));
    const id = complaint.id;
    expect(await repo.update(id, 'diterima', { state: 'didisposisikan', office: 'dinas-dlh' }, { ...transition(at, 'didisposisikan'), fromState: 'diterima', note: 'ke DLH' })).toBe(true);
    for (const note of ['satu', 'dua', 'tiga']) await repo.addEvent(id, { at, actor: 'office:dinas-dlh', kind: 'reply', note, visibleToReporter: true });
    await repo.addEvent(id, { at, actor: 'system', kind: 'escalation', visibleToReporter: false }, { overdue: true, escalatedAt: at });
    const events = await repo.events(id);
    expect(events.map((e) => [e.kind, e.note])).toEqual([
      ['filed', undefined],
      ['transition', 'ke DLH'],
      ['reply', 'satu'],
      ['reply', 'dua'],
      ['reply', 'tiga'],
      ['escalation', undefined],
    ]);
    expect(events[1]).toMatchObject({ fromState: 'diterima', toState: 'didisposisikan', actor: 'coordinator', visibleToReporter: true });
    expect(events[5]).toMatchObject({ visibleToReporter: false });
    expect(await repo.byTicket(complaint.ticket)).toMatchObject({ overdue: true, escalatedAt: at, office: 'dinas-dlh' });

    // Concurrent writers on one ticket each get their own place in the trail.
    await Promise.all(Array.from({ length: 10 }, (_, i) => repo.addEvent(id, { at, actor: 'system', kind: 'reply', note: `r${i}`, visibleToReporter: false })));
    expect(await repo.events(id)).toHaveLength(16);
  });

  it('supporters: once each, counted on the complaint, and listed for the supporter (not their own tickets)', async () => {
    const at = new Date('2032-03-01T00:00:00Z');
    const owner = resident('owner');
    const fan = resident('fan');
    const { complaint } = await repo.file(filing(at, { reporter: owner }));
    const { complaint: own } = await repo.file(filing(at, { reporter: fan }));
    expect(await repo.addSupporter(complaint.id, fan, at)).toBe(true);
    expect(await repo.addSupporter(complaint.id, { ...fan, channel: 'web' }, at)).toBe(false);
    expect(await repo.addSupporter(own.id, fan, at)).toBe(true);
    expect((await repo.byTicket(complaint.ticket))!.supporterCount).toBe(1);
    expect(await repo.supporters(complaint.id)).toEqual([{ ...fan, at }]);
    expect(tickets(await repo.supportedBy(fan.userId, 10))).toEqual([complaint.ticket]);
    expect(tickets(await repo.byReporter(fan.userId, 10))).toEqual([own.ticket]);
    expect(await repo.supportedBy(owner.userId, 10)).toEqual([]);
  });

  it('lists a reporter’s complaints newest first', async () => {
    const me = resident();
    const older = await repo.file(filing(new Date('2032-04-01T00:00:00Z'), { reporter: me }));
    const newer = await repo.file(filing(new Date('2032-04-02T00:00:00Z'), { reporter: me }));
    expect(tickets(await repo.byReporter(me.userId, 10))).toEqual([newer.complaint.ticket, older.complaint.ticket]);
    expect(tickets(await repo.byReporter(me.userId, 1))).toEqual([newer.complaint.ticket]);
  });

  it('openNear finds open, non-rahasia complaints of the category with a pin in the box', async () => {
    const at = new Date('2032-05-01T00:00:00Z');
    const near = { text: 'dekat', point: { lat: -40.5, lon: 150.5 } };
    const hit = await fileIn('diproses', filing(at, { draft: draft({ category: 'air_bersih', location: near }) }));
    await fileIn('selesai', filing(at, { draft: draft({ category: 'air_bersih', location: near }) }));
    await fileIn('diterima', filing(at, { draft: draft({ category: 'air_bersih', location: near, privacy: 'rahasia' }) }));
    await fileIn('diterima', filing(at, { draft: draft({ category: 'lampu', location: near }) }));
    await fileIn('diterima', filing(at, { draft: draft({ category: 'air_bersih', location: { point: { lat: -41.5, lon: 150.5 } } }) }));
    await fileIn('diterima', filing(at, { draft: draft({ category: 'air_bersih', location: { text: 'no pin' } }) }));
    const box = { minLat: -41, maxLat: -40, minLon: 150, maxLon: 151 };
    expect(tickets(await repo.openNear('air_bersih', box, 10))).toEqual([hit.ticket]);
  });

  it('dueForEscalation and resolvedBefore pick exactly the right tickets', async () => {
    const t = (d: number) => new Date(Date.UTC(2000, 0, d));
    const now = t(32);
    const due = (verify: number, response: number) => filing(t(1), { verifyDueAt: t(verify), responseDueAt: t(response) });
    const a = await fileIn('diterima', due(10, 60));
    await fileIn('diterima', due(60, 60));
    const c = await fileIn('terverifikasi', due(11, 60));
    await fileIn('diterima', due(10, 60), { overdue: true });
    const e = await fileIn('didisposisikan', due(10, 12));
    await fileIn('diproses', due(10, 12), { respondedAt: t(11) });
    await fileIn('didisposisikan', due(10, 60));
    await fileIn('selesai', due(10, 12));
    await fileIn('ditolak', due(10, 12));
    expect(tickets(await repo.dueForEscalation(now, 10)).sort()).toEqual(tickets([a, c, e]).sort());
    expect(await repo.dueForEscalation(now, 2)).toHaveLength(2);
    expect(await repo.dueForEscalation(t(5), 10)).toEqual([]);

    const r1 = await fileIn('selesai', due(10, 12), { resolvedAt: t(15) });
    await fileIn('selesai', due(10, 12), { resolvedAt: t(15), closedAt: t(20) });
    await fileIn('selesai', due(10, 12), { resolvedAt: t(40) });
    await fileIn('diproses', due(60, 60), { resolvedAt: t(10), respondedAt: t(5) });
    expect(tickets(await repo.resolvedBefore(now, 10))).toEqual([r1.ticket]);
  });

  describe('admin tokens', () => {
    it('verify accepts a live token, not a wrong or revoked one; only the hash is stored', async () => {
      const tokens = new SqlAdminTokens(orm);
      const at = new Date('2032-06-01T00:00:00Z');
      const coord = await tokens.create({ name: 'Koordinator', scope: { kind: 'coordinator' }, at });
      const office = await tokens.create({ name: 'PUPR – Budi', scope: { kind: 'office', office: 'dinas-pupr' }, at });
      expect(coord.token).toMatch(/^pintu_[A-Za-z0-9_-]{43}$/);
      expect(await tokens.verify(coord.token)).toEqual({ id: coord.id, name: 'Koordinator', scope: { kind: 'coordinator' } });
      expect(await tokens.verify(office.token)).toEqual({ id: office.id, name: 'PUPR – Budi', scope: { kind: 'office', office: 'dinas-pupr' } });
      expect(await tokens.verify(coord.token.slice(0, -1) + (coord.token.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
      expect(await tokens.verify('')).toBeUndefined();

      expect(await tokens.revoke(office.id, at)).toBe(true);
      expect(await tokens.revoke(office.id, at)).toBe(false);
      expect(await tokens.revoke('not-a-uuid')).toBe(false);
      expect(await tokens.verify(office.token)).toBeUndefined();
      expect(await tokens.list()).toEqual(
        expect.arrayContaining([
          { id: coord.id, name: 'Koordinator', scope: { kind: 'coordinator' }, createdAt: at },
          { id: office.id, name: 'PUPR – Budi', scope: { kind: 'office', office: 'dinas-pupr' }, createdAt: at, revokedAt: at },
        ]),
      );

      const rows = await new Sql(orm).all<Record<string, unknown>>('select * from admin_tokens');
      const dump = JSON.stringify(rows);
      for (const { token } of [coord, office]) {
        expect(dump).not.toContain(token.slice('pintu_'.length));
        expect(rows.some((r) => r.token_hash === createHash('sha256').update(token).digest('hex'))).toBe(true);
      }
    });
  });
});
