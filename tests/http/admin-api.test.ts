/** The officers' admin API over HTTP with the real app: auth and scope, listing, the workflow and its audit trail. */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/observability/logger.js';
import type { ComplaintCategory } from '../../src/core/understanding.js';
import type { Complaint, ComplaintLocation, PrivacyMode } from '../../src/features/complaints/model.js';
import type { AdminScope } from '../../src/features/complaints/officer-auth.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';

const ADMIN = 'test-admin-token-0123456789';
/** Monday 30 November 2026, 09:15 WIB. */
const NOW = '2026-11-30T02:15:00Z';
const SUKABUMI: ComplaintLocation = { text: 'Jl. Mastrip depan masjid', point: { lat: -7.7436, lon: 113.2156 }, kelurahan: 'Sukabumi', kelurahanCode: '35.74.03.1007', kecamatan: 'Mayangan' };

interface Seed {
  category?: ComplaintCategory;
  privacy?: PrivacyMode;
  description?: string;
  location?: ComplaintLocation;
  at?: Date;
}

/** Files a complaint through the service, as the chat would, from a fresh web user. */
async function seed(t: TestApp, s: Seed = {}): Promise<Complaint> {
  const userId = randomUUID();
  const { complaint } = await t.app.complaints.service.file({
    idempotencyKey: randomUUID(),
    draft: { type: 'pengaduan', category: s.category ?? 'jalan_selokan', description: s.description ?? 'Jalan berlubang besar', location: s.location ?? SUKABUMI, photos: [], privacy: s.privacy ?? 'publik' },
    reporter: { userId, channel: 'web', address: `warga-${userId.slice(0, 8)}`, locale: 'id' },
    source: 'chat',
    at: s.at ?? new Date(NOW),
  });
  return complaint;
}

/** An HTTP client for the admin API with one bearer token. */
function client(t: TestApp, token: string | undefined) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  return {
    get: (path: string) => t.app.http!.inject({ method: 'GET', url: `/admin/api${path}`, headers }),
    post: (path: string, body?: unknown) =>
      t.app.http!.inject({ method: 'POST', url: `/admin/api${path}`, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body ?? {}) }),
  };
}

type Client = ReturnType<typeof client>;

describe('admin API (sqlite)', () => {
  let t: TestApp;
  let coordinator: Client;
  let pupr: Client;
  let dishub: Client;
  let open311Token: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { ADMIN_TOKEN: ADMIN }, clock: new FixedClock(NOW) });
    const at = new Date(NOW);
    const issue = async (name: string, scope: AdminScope) => (await t.app.adminTokens.create({ name, scope, at })).token;
    coordinator = client(t, await issue('Koordinator Kota', { kind: 'coordinator' }));
    pupr = client(t, await issue('PUPR Budi', { kind: 'office', office: 'dpupr_pkp' }));
    dishub = client(t, await issue('Dishub Sari', { kind: 'office', office: 'dishub' }));
    open311Token = await issue('Aplikasi Mitra', { kind: 'open311' });
  });
  afterAll(async () => t?.dispose());

  describe('authentication', () => {
    it('answers 401 with WWW-Authenticate without a token or with a wrong one', async () => {
      for (const token of [undefined, 'wrong-token', `${ADMIN}x`, 'pintu_notarealtoken']) {
        const res = await client(t, token).get('/complaints');
        expect(res.statusCode, String(token)).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="pintu-admin"/);
        expect(res.json()).toEqual({ error: 'unauthorized', message: expect.stringMatching(/token/i) });
      }
      const basic = await t.app.http!.inject({ method: 'GET', url: '/admin/api/complaints', headers: { authorization: `Basic ${ADMIN}` } });
      expect(basic.statusCode).toBe(401);
    });

    it('refuses Open311 client tokens with 403', async () => {
      const res = await client(t, open311Token).get('/complaints');
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(/Open311/);
    });

    it('takes the environment ADMIN_TOKEN as the coordinator, named so in the audit trail', async () => {
      const c = await seed(t);
      const env = client(t, ADMIN);
      expect((await env.get('/complaints')).statusCode).toBe(200);
      expect((await env.post(`/complaints/${c.ticket}/verify`)).statusCode).toBe(200);
      const events = (await env.get(`/complaints/${c.ticket}`)).json().events;
      expect(events.at(-1)).toMatchObject({ actor: 'coordinator (ADMIN_TOKEN)', toState: 'terverifikasi' });
    });
  });

  describe('office scope', () => {
    let puprTicket: Complaint;
    let dishubTicket: Complaint;
    beforeAll(async () => {
      puprTicket = await seed(t, { category: 'jalan_selokan', description: 'Selokan mampet' });
      dishubTicket = await seed(t, { category: 'lampu', description: 'Lampu jalan mati' });
      expect([puprTicket.office, dishubTicket.office]).toEqual(['dpupr_pkp', 'dishub']);
    });

    it("cannot read another office's ticket: 404 exactly like a missing one", async () => {
      const other = await dishub.get(`/complaints/${puprTicket.ticket}`);
      const missing = await dishub.get('/complaints/PBL-2026-999999');
      expect(other.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      expect(other.json()).toEqual({ error: 'not_found', message: expect.stringContaining(puprTicket.ticket) });
      expect(other.json().message.replace(puprTicket.ticket, 'X')).toBe(missing.json().message.replace('PBL-2026-999999', 'X'));
      expect((await dishub.get(`/complaints/${dishubTicket.ticket}`)).statusCode).toBe(200);
    });

    it("cannot change another office's ticket (404), and nothing changes", async () => {
      for (const [path, body] of [
        ['state', { state: 'diproses' }],
        ['reply', { text: 'Kami cek besok' }],
        ['duplicate', { of: dishubTicket.ticket }],
        ['verify', {}],
      ] as const) {
        const res = await dishub.post(`/complaints/${puprTicket.ticket}/${path}`, body);
        expect(res.statusCode, path).toBe(404);
      }
      const trail = (await coordinator.get(`/complaints/${puprTicket.ticket}`)).json().events;
      expect(trail.map((e: { kind: string }) => e.kind)).toEqual(['filed']);
    });

    it('lists only its own office, whatever office it asks for', async () => {
      const res = await dishub.get('/complaints?office=dpupr_pkp&pageSize=100');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBeGreaterThan(0);
      expect(body.items.every((i: { office: string }) => i.office === 'dishub')).toBe(true);
      expect(body.items.map((i: { ticket: string }) => i.ticket)).toContain(dishubTicket.ticket);
    });

    it('shows the reporter contact only to the coordinator, and hides rahasia reporters from offices', async () => {
      const secret = await seed(t, { category: 'jalan_selokan', privacy: 'rahasia' });
      const full = (await coordinator.get(`/complaints/${secret.ticket}`)).json().complaint.reporter;
      expect(full).toEqual({ visibility: 'full', userId: secret.reporter!.userId, channel: 'web', address: secret.reporter!.address, locale: 'id' });
      expect((await pupr.get(`/complaints/${secret.ticket}`)).json().complaint.reporter).toEqual({ visibility: 'hidden', note: 'reporter hidden' });
      expect((await pupr.get(`/complaints/${puprTicket.ticket}`)).json().complaint.reporter).toEqual({ visibility: 'limited', channel: 'web' });
      const listed = (await pupr.get('/complaints?pageSize=100')).body;
      expect(listed).not.toContain(secret.reporter!.address);
      expect(listed).not.toContain(puprTicket.reporter!.address);
      expect((await coordinator.get('/complaints?pageSize=100')).body).toContain(secret.reporter!.address);
    });

    it('an office cannot name another office ticket as the original of a duplicate', async () => {
      const res = await pupr.post(`/complaints/${puprTicket.ticket}/state`, { state: 'duplikat', duplicateOf: dishubTicket.ticket });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/your office/);
    });
  });

  describe('the workflow', () => {
    it('verify → dispose → diproses → selesai (note required), with each step in the audit trail', async () => {
      const c = await seed(t, { category: 'jalan_selokan' });
      const verify = await coordinator.post(`/complaints/${c.ticket}/verify`, { note: 'Foto dan lokasi jelas' });
      expect(verify.statusCode).toBe(200);
      expect(verify.json().complaint).toMatchObject({ ticket: c.ticket, state: 'terverifikasi' });

      const dispose = await coordinator.post(`/complaints/${c.ticket}/dispose`, { office: 'dpupr_pkp', note: 'Mohon ditindaklanjuti' });
      expect(dispose.statusCode).toBe(200);
      expect(dispose.json().complaint).toMatchObject({ state: 'didisposisikan', office: 'dpupr_pkp', officeName: expect.stringContaining('DPUPR') });

      expect((await pupr.post(`/complaints/${c.ticket}/state`, { state: 'diproses', note: 'Tim berangkat besok' })).statusCode).toBe(200);

      const noNote = await pupr.post(`/complaints/${c.ticket}/state`, { state: 'selesai' });
      expect(noNote.statusCode).toBe(422);
      expect(noNote.json()).toMatchObject({ error: 'note_required', message: expect.stringContaining('note') });

      const done = await pupr.post(`/complaints/${c.ticket}/state`, { state: 'selesai', note: 'Lubang sudah ditambal' });
      expect(done.statusCode).toBe(200);
      expect(done.json().complaint).toMatchObject({ state: 'selesai', stateNote: 'Lubang sudah ditambal', resolvedAt: expect.stringMatching(/\+07:00$/) });

      const detail = (await coordinator.get(`/complaints/${c.ticket}`)).json();
      expect(detail.events.map((e: Record<string, unknown>) => [e.kind, e.actor, e.fromState, e.toState, e.note])).toEqual([
        ['filed', 'resident', undefined, 'diterima', undefined],
        ['transition', 'coordinator (Koordinator Kota)', 'diterima', 'terverifikasi', 'Foto dan lokasi jelas'],
        ['transition', 'coordinator (Koordinator Kota)', 'terverifikasi', 'didisposisikan', 'Mohon ditindaklanjuti'],
        ['transition', 'office:dpupr_pkp (PUPR Budi)', 'didisposisikan', 'diproses', 'Tim berangkat besok'],
        ['transition', 'office:dpupr_pkp (PUPR Budi)', 'diproses', 'selesai', 'Lubang sudah ditambal'],
      ]);
      expect(detail.events.every((e: { at: string }) => e.at.endsWith('+07:00'))).toBe(true);
    });

    it('an illegal move answers 409 with the allowed states', async () => {
      const c = await seed(t);
      const res = await coordinator.post(`/complaints/${c.ticket}/state`, { state: 'diproses' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({
        error: 'illegal',
        message: expect.stringContaining('"diterima" to "diproses"'),
        allowed: ['terverifikasi', 'didisposisikan', 'ditolak', 'duplikat', 'dibatalkan', 'bukan_kewenangan'],
      });
      // An office may not verify at all.
      const office = await pupr.post(`/complaints/${c.ticket}/verify`);
      expect(office.statusCode).toBe(409);
      expect(office.json().allowed).toEqual([]);
    });

    it('stores a reply in the trail and queues a notification for the reporter', async () => {
      const c = await seed(t);
      const res = await pupr.post(`/complaints/${c.ticket}/reply`, { text: 'Terima kasih, tim kami cek besok pagi.' });
      expect(res.statusCode).toBe(200);
      const events = (await pupr.get(`/complaints/${c.ticket}`)).json().events;
      expect(events.at(-1)).toMatchObject({ kind: 'reply', actor: 'office:dpupr_pkp (PUPR Budi)', note: 'Terima kasih, tim kami cek besok pagi.' });
      const queued = await t.app.messageLog.listOutbound('queued', 500);
      const mine = queued.filter((m) => m.address === c.reporter!.address);
      expect(mine).toHaveLength(1);
      expect(String(mine[0]!.payload.text)).toContain('Terima kasih, tim kami cek besok pagi.');
      expect(String(mine[0]!.payload.text)).toContain(c.ticket);
    });

    it('marks a duplicate, and its reporter becomes a supporter of the original', async () => {
      const original = await seed(t, { description: 'Jalan rusak di Mastrip' });
      const copy = await seed(t, { description: 'Jalan Mastrip rusak parah' });
      const res = await coordinator.post(`/complaints/${copy.ticket}/duplicate`, { of: original.ticket.toLowerCase() });
      expect(res.statusCode).toBe(200);
      expect(res.json().complaint).toMatchObject({ state: 'duplikat', duplicateOf: original.ticket, stateNote: original.ticket });
      const detail = (await coordinator.get(`/complaints/${original.ticket}`)).json();
      expect(detail.supporters.count).toBe(1);
      expect(detail.supporters.list).toEqual([{ userId: copy.reporter!.userId, channel: 'web', address: copy.reporter!.address, locale: 'id', at: '2026-11-30T09:15:00+07:00' }]);
      // Offices see the count, not who.
      expect((await pupr.get(`/complaints/${original.ticket}`)).json().supporters).toEqual({ count: 1 });
    });

    it('bukan_kewenangan names an outside agency, or re-routes to another office, which the old office then cannot see', async () => {
      const outside = await seed(t);
      await coordinator.post(`/complaints/${outside.ticket}/dispose`, { office: 'dpupr_pkp' });
      const referred = await pupr.post(`/complaints/${outside.ticket}/state`, { state: 'bukan_kewenangan', note: 'Jalan kabupaten', referTo: 'kabupaten' });
      expect(referred.statusCode).toBe(200);
      expect(referred.json().complaint).toMatchObject({ state: 'bukan_kewenangan', referredTo: expect.stringContaining('Kabupaten Probolinggo') });

      const moved = await seed(t);
      await coordinator.post(`/complaints/${moved.ticket}/dispose`, { office: 'dpupr_pkp' });
      const rerouted = await pupr.post(`/complaints/${moved.ticket}/state`, { state: 'bukan_kewenangan', note: 'Urusan lampu', referTo: 'dishub' });
      expect(rerouted.statusCode).toBe(200);
      expect(rerouted.json().complaint).toMatchObject({ state: 'didisposisikan', office: 'dishub' });
      expect((await pupr.get(`/complaints/${moved.ticket}`)).statusCode).toBe(404);
      expect((await dishub.get(`/complaints/${moved.ticket}`)).json().events.at(-1)).toMatchObject({ kind: 'reroute', actor: 'office:dpupr_pkp (PUPR Budi)' });
    });

    it('takes an action without any body', async () => {
      const c = await seed(t);
      const res = await t.app.http!.inject({ method: 'POST', url: `/admin/api/complaints/${c.ticket}/verify`, headers: { authorization: `Bearer ${ADMIN}` } });
      expect(res.statusCode).toBe(200);
      expect(res.json().complaint.state).toBe('terverifikasi');
    });

    it('answers 404 for an unknown ticket and 400 for a malformed one', async () => {
      const missing = await coordinator.get('/complaints/PBL-2026-999999');
      expect(missing.statusCode).toBe(404);
      const bad = await coordinator.get('/complaints/not-a-ticket');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toMatch(/PBL-2026-000123/);
      expect((await coordinator.post('/complaints/PBL-2026-999999/verify')).statusCode).toBe(404);
    });
  });

  describe('validation', () => {
    it.each([
      ['an empty reply', 'reply', { text: '   ' }, 'text'],
      ['a reply over 2000 characters', 'reply', { text: 'a'.repeat(2001) }, 'text'],
      ['an unknown state', 'state', { state: 'beres' }, 'state'],
      ['a malformed original', 'duplicate', { of: 'nomor 12' }, 'of'],
      ['dispose without office', 'dispose', {}, 'office'],
      ['an unknown field', 'verify', { nota: 'x' }, '(body)'],
    ])('answers 400 naming the field for %s', async (_name, path, body, field) => {
      const c = await seed(t);
      const res = await coordinator.post(`/complaints/${c.ticket}/${path}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'bad_request', details: [expect.objectContaining({ field })] });
    });

    it('answers 400 for a body that is not JSON', async () => {
      const c = await seed(t);
      const res = await t.app.http!.inject({
        method: 'POST',
        url: `/admin/api/complaints/${c.ticket}/reply`,
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        payload: '{"text": ',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'bad_request', message: 'The body is not valid JSON.' });
    });

    it('disposing to an office that is not in the routing table is 400', async () => {
      const c = await seed(t);
      const res = await coordinator.post(`/complaints/${c.ticket}/dispose`, { office: 'dinas_fiktif' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('invalid');
    });

    it.each([
      ['state=beres', 'state'],
      ['pageSize=500', 'pageSize'],
      ['sort=random', 'sort'],
      ['from=kemarin', 'from'],
      ['status=open', '(query)'],
    ])('answers 400 for the query %s', async (query, field) => {
      const res = await coordinator.get(`/complaints?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().details[0].field).toBe(field);
    });

    it('answers 503 in the same format when the database fails', async () => {
      vi.spyOn(t.app.complaints.service.repo, 'list').mockRejectedValueOnce(new Error('connection terminated'));
      const res = await coordinator.get('/complaints');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: 'unavailable', message: expect.stringContaining('try again') });
    });

    it('names the known offices and kelurahan forms when a filter names none', async () => {
      expect((await coordinator.get('/complaints?office=dinas_fiktif')).json().message).toMatch(/dpupr_pkp/);
      expect((await coordinator.get('/complaints?kelurahan=Atlantis')).json().message).toMatch(/Sukabumi/);
    });
  });
});

describe('admin API logs', () => {
  it('log who acted on which ticket, never the reporter, their number or their words', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const t = await startTestApp({ env: { ADMIN_TOKEN: ADMIN }, clock: new FixedClock(NOW), logger: createLogger('info', sink) });
    try {
      const { complaint } = await t.app.complaints.service.file({
        idempotencyKey: randomUUID(),
        draft: { type: 'pengaduan', category: 'jalan_selokan', description: 'NIK saya 3574031234567890', location: SUKABUMI, photos: [], privacy: 'publik' },
        reporter: { userId: randomUUID(), channel: 'whatsapp', address: '6281234567890', locale: 'id' },
        source: 'chat',
        at: new Date(NOW),
      });
      const api = client(t, ADMIN);
      expect((await api.post(`/complaints/${complaint.ticket}/reply`, { text: 'Hubungi kami di 081299887766' })).statusCode).toBe(200);
      expect((await api.get(`/complaints?q=${encodeURIComponent('3574031234567890')}`)).statusCode).toBe(200);
    } finally {
      await t.dispose();
    }
    const log = lines.join('');
    expect(log).toContain(`"ticket":"PBL-2026-`);
    expect(log).toContain('"tokenId":"env:ADMIN_TOKEN"');
    expect(log).not.toMatch(/6281234567890|3574031234567890|081299887766|Hubungi kami/);
    expect(log).not.toContain(ADMIN);
  });
});

describe.each(DIALECTS)('admin API listing and filters (%s)', (dialect) => {
  let t: TestApp;
  let api: Client;
  const tickets: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ dialect, env: { ADMIN_TOKEN: ADMIN }, clock: new FixedClock(NOW) });
    api = client(t, ADMIN);
    const day = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000);
    const elsewhere: ComplaintLocation = { text: 'Jl. Bromo', kelurahan: 'Ketapang', kelurahanCode: '35.74.01.1001', kecamatan: 'Kademangan' };
    tickets.oldRoad = (await seed(t, { category: 'jalan_selokan', description: 'Aspal mengelupas', at: day(-20) })).ticket;
    tickets.lamp = (await seed(t, { category: 'lampu', description: 'Lampu PJU mati 100%', at: day(-10), location: elsewhere })).ticket;
    tickets.drain = (await seed(t, { category: 'jalan_selokan', description: 'Selokan mampet', at: day(-5) })).ticket;
    tickets.trash = (await seed(t, { category: 'lingkungan', description: 'Sampah menumpuk', at: day(-1), location: elsewhere })).ticket;
    await t.app.complaints.service.transition(tickets.drain, { to: 'terverifikasi' }, { role: 'coordinator', name: 'test' }, day(0));
  });
  afterAll(async () => t?.dispose());

  const ticketsOf = async (query: string) => {
    const res = await api.get(`/complaints?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { ticket: string }[]).map((i) => i.ticket);
  };

  it('lists newest first with total and paging', async () => {
    const first = (await api.get('/complaints?pageSize=3')).json();
    expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(first.items.map((i: { ticket: string }) => i.ticket)).toEqual([tickets.trash, tickets.drain, tickets.lamp]);
    expect(await ticketsOf('pageSize=3&page=2')).toEqual([tickets.oldRoad]);
    expect(await ticketsOf('sort=oldest&pageSize=2')).toEqual([tickets.oldRoad, tickets.lamp]);
    expect((await ticketsOf('sort=updated'))[0]).toBe(tickets.drain);
  });

  it('filters by state, category, office, kelurahan, dates and text', async () => {
    expect(await ticketsOf('state=terverifikasi')).toEqual([tickets.drain]);
    expect(await ticketsOf('category=lampu,lingkungan')).toEqual([tickets.trash, tickets.lamp]);
    expect(await ticketsOf('office=dpupr_pkp')).toEqual([tickets.drain, tickets.oldRoad]);
    expect(await ticketsOf('kelurahan=ketapang')).toEqual([tickets.trash, tickets.lamp]);
    expect(await ticketsOf('kelurahan=35.74.03.1007')).toEqual([tickets.drain, tickets.oldRoad]);
    expect(await ticketsOf('from=2026-11-20&to=2026-11-25')).toEqual([tickets.drain, tickets.lamp]);
    expect(await ticketsOf('q=selokan')).toEqual([tickets.drain]);
    expect(await ticketsOf('q=100%25')).toEqual([tickets.lamp]);
    expect(await ticketsOf('overdue=true')).toEqual([]);
    expect(await ticketsOf('overdue=false&category=lampu')).toEqual([tickets.lamp]);
  });
});
