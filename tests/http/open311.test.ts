/** Open311 GeoReport v2 over HTTP with the real app: services, public requests, filing with an api_key. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import type { ComplaintCategory } from '../../src/core/understanding.js';
import type { PrivacyMode } from '../../src/features/complaints/model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';

/** Monday 30 November 2026, 09:15 WIB. */
const NOW = '2026-11-30T02:15:00Z';
const day = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000);
/** Inside kelurahan Sukabumi. */
const PIN = { lat: -7.7436, lon: 113.2156 };

const SPEC_ERROR = [{ code: expect.any(Number), description: expect.any(String) }];

/** Files a complaint through the service from a web user named "Budi Santoso" with a recognisable address. */
async function seed(t: TestApp, s: { category?: ComplaintCategory; privacy?: PrivacyMode; description?: string; at?: Date } = {}) {
  const userId = randomUUID();
  const { complaint } = await t.app.complaints.service.file({
    idempotencyKey: randomUUID(),
    draft: {
      type: 'pengaduan',
      category: s.category ?? 'jalan_selokan',
      description: s.description ?? 'Jalan berlubang, hubungi saya 081234567890',
      location: { text: 'Jl. Mastrip depan masjid', point: PIN, kelurahan: 'Sukabumi', kelurahanCode: '35.74.03.1007', kecamatan: 'Mayangan' },
      photos: [],
      privacy: s.privacy ?? 'publik',
    },
    reporter: { userId, channel: 'web', address: `reporter-${userId}`, locale: 'id' },
    reporterName: 'Budi Santoso',
    reporterEmail: 'budi@example.org',
    source: 'chat',
    at: s.at ?? day(0),
  });
  return complaint;
}

const get = (t: TestApp, path: string) => t.app.http!.inject({ method: 'GET', url: `/open311/v2/${path}` });
const ids = (body: { service_request_id: string }[]) => body.map((r) => r.service_request_id);

describe('Open311 GeoReport v2 (sqlite)', () => {
  let t: TestApp;
  let apiKey: string;
  let coordinatorKey: string;
  let officeKey: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(NOW) });
    const at = day(0);
    apiKey = (await t.app.adminTokens.create({ name: 'Aplikasi Mitra', scope: { kind: 'open311' }, at })).token;
    coordinatorKey = (await t.app.adminTokens.create({ name: 'Koordinator', scope: { kind: 'coordinator' }, at })).token;
    officeKey = (await t.app.adminTokens.create({ name: 'PUPR', scope: { kind: 'office', office: 'dpupr_pkp' }, at })).token;
  });
  afterAll(async () => t?.dispose());

  const post = (body: Record<string, unknown>, form = false) =>
    t.app.http!.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      payload: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
    });

  describe('services', () => {
    it('lists one service per category with its Indonesian name', async () => {
      const res = await get(t, 'services.json');
      expect(res.statusCode).toBe(200);
      const services = res.json();
      expect(services).toHaveLength(16);
      expect(services[0]).toEqual({
        service_code: 'jalan_selokan',
        service_name: 'Jalan & saluran air',
        description: expect.stringContaining('DPUPR PKP'),
        metadata: false,
        type: 'realtime',
        keywords: expect.stringContaining('selokan'),
        group: 'DPUPR PKP',
      });
      expect(new Set(services.map((s: { service_code: string }) => s.service_code)).size).toBe(16);
    });

    it('gives a service definition without attributes, and 404 in the spec format for an unknown code', async () => {
      const res = await get(t, 'services/lampu.json');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ service_code: 'lampu', attributes: [] });
      const missing = await get(t, 'services/kebakaran.json');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual([{ code: 404, description: expect.stringContaining('kebakaran') }]);
    });

    it('answers unknown resources and XML with a 404 in the spec format', async () => {
      for (const path of ['services.xml', 'requests/PBL-2026-000001.xml', 'nothing']) {
        const res = await get(t, path);
        expect(res.statusCode, path).toBe(404);
        expect(res.json()).toEqual([{ code: 404, description: expect.any(String) }]);
      }
    });
  });

  describe('reading requests', () => {
    it('shows a public request without any reporter identity, times in WIB', async () => {
      const c = await seed(t, { description: 'Lubang besar, NIK saya 3574031234567890, WA 0812-3456-7890' });
      const res = await get(t, `requests/${c.ticket}.json`);
      expect(res.statusCode).toBe(200);
      const [r] = res.json();
      expect(r).toEqual({
        service_request_id: c.ticket,
        status: 'open',
        status_notes: null,
        service_name: 'Jalan & saluran air',
        service_code: 'jalan_selokan',
        description: expect.stringContaining('Lubang besar'),
        agency_responsible: expect.stringContaining('DPUPR PKP'),
        service_notice: 'Diterima',
        requested_datetime: '2026-11-30T09:15:00+07:00',
        updated_datetime: '2026-11-30T09:15:00+07:00',
        expected_datetime: expect.stringMatching(/^2026-12-\d\dT\d\d:\d\d:\d\d\+07:00$/),
        address: 'Jl. Mastrip depan masjid, Kel. Sukabumi, Kec. Mayangan',
        address_id: null,
        zipcode: null,
        lat: PIN.lat,
        long: PIN.lon,
        media_url: null,
      });
      expect(res.body).not.toMatch(/Budi|budi@example|reporter-|3574031234567890|0812-3456-7890/);
    });

    it('never shows a rahasia report: 404 like an unknown id, and not listed', async () => {
      const secret = await seed(t, { category: 'pungli', privacy: 'rahasia', description: 'Pungli di loket' });
      const hidden = await get(t, `requests/${secret.ticket}.json`);
      const unknown = await get(t, 'requests/PBL-2026-999999.json');
      expect(hidden.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(hidden.json()).toEqual([{ code: 404, description: `There is no public service request "${secret.ticket}".` }]);
      expect(unknown.json()).toEqual([{ code: 404, description: 'There is no public service request "PBL-2026-999999".' }]);
      expect(ids((await get(t, 'requests.json?page_size=100')).json())).not.toContain(secret.ticket);
      expect(ids((await get(t, `requests.json?service_request_id=${secret.ticket}`)).json())).toEqual([]);
      expect(ids((await get(t, 'requests.json?service_code=pungli')).json())).toEqual([]);
    });

    it('maps states to open and closed, with the public state note', async () => {
      const c = await seed(t, { category: 'lampu', description: 'Lampu mati' });
      const { service } = t.app.complaints;
      const coordinator = { role: 'coordinator' as const, name: 'test' };
      await service.transition(c.ticket, { to: 'didisposisikan', office: 'dishub' }, coordinator, day(0));
      expect((await get(t, `requests/${c.ticket}.json`)).json()[0]).toMatchObject({ status: 'open', service_notice: 'Diteruskan ke instansi' });
      await service.transition(c.ticket, { to: 'selesai', note: 'Lampu sudah diganti' }, coordinator, day(1));
      const [r] = (await get(t, `requests/${c.ticket}.json`)).json();
      expect(r).toMatchObject({ status: 'closed', status_notes: 'Lampu sudah diganti', service_notice: 'Selesai', updated_datetime: '2026-12-01T09:15:00+07:00' });
      expect(ids((await get(t, 'requests.json?status=closed&service_code=lampu')).json())).toEqual([c.ticket]);
      expect(ids((await get(t, 'requests.json?status=open&service_code=lampu')).json())).not.toContain(c.ticket);
    });

    it('answers 503 in the spec format when the database fails', async () => {
      vi.spyOn(t.app.complaints.service.repo, 'list').mockRejectedValueOnce(new Error('connection terminated'));
      const res = await get(t, 'requests.json');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual([{ code: 503, description: expect.stringContaining('try again') }]);
    });

    it.each([
      ['page_size=500', 'page_size'],
      ['page_size=0', 'page_size'],
      ['page=abc', 'page'],
      ['status=pending', 'status'],
      ['service_code=kebakaran', 'service_code'],
      ['start_date=kemarin', 'start_date'],
      ['start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', '90 days'],
      ['start_date=2026-06-01&end_date=2026-05-01', 'before'],
    ])('answers 400 in the spec format for %s', async (query, mention) => {
      const res = await get(t, `requests.json?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(SPEC_ERROR);
      expect(res.json()[0]).toEqual({ code: 400, description: expect.stringContaining(mention) });
    });
  });

  describe('posting requests', () => {
    const report = { service_code: 'jalan_selokan', description: 'Jalan ambles di depan SDN 1', lat: String(PIN.lat), long: String(PIN.lon) };

    it('refuses a missing, unknown or non-Open311 api_key with 403', async () => {
      for (const key of [undefined, 'nope', 'pintu_unknown', officeKey]) {
        const res = await post(key === undefined ? report : { ...report, api_key: key });
        expect(res.statusCode, String(key)).toBe(403);
        expect(res.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
      }
    });

    it('files a report (JSON) that GET requests/{id}.json then returns', async () => {
      const res = await post({ ...report, api_key: apiKey, first_name: 'Siti', last_name: 'Aminah', email: 'siti@example.org' });
      expect(res.statusCode).toBe(201);
      const [created] = res.json();
      expect(created).toEqual({ service_request_id: expect.stringMatching(/^PBL-2026-\d{6}$/), service_notice: expect.stringContaining('Diterima'), account_id: null });
      const read = await get(t, `requests/${created.service_request_id}.json`);
      expect(read.statusCode).toBe(200);
      expect(read.json()[0]).toMatchObject({ service_code: 'jalan_selokan', status: 'open', lat: PIN.lat, long: PIN.lon, address: 'Kel. Sukabumi, Kec. Mayangan', requested_datetime: '2026-11-30T09:15:00+07:00' });
      expect(read.body).not.toMatch(/Siti|Aminah|siti@example/);
      const stored = await t.app.complaints.service.get(created.service_request_id);
      expect(stored).toMatchObject({ source: 'open311', privacy: 'publik', reporterName: 'Siti Aminah', reporterEmail: 'siti@example.org', office: 'dpupr_pkp' });
      expect(stored.location.kelurahanCode).toBe('35.74.03.1007');
    });

    it('takes a form-urlencoded post with a coordinator key; a retry of the same body returns the same ticket', async () => {
      const body = { ...report, description: 'Selokan meluap tiap hujan', address_string: 'Jl. Suroyo gang 3', api_key: coordinatorKey };
      const first = await post(body, true);
      expect(first.statusCode).toBe(201);
      const again = await post(body, true);
      expect(again.statusCode).toBe(200);
      expect(again.json()[0].service_request_id).toBe(first.json()[0].service_request_id);
      const [r] = (await get(t, `requests/${first.json()[0].service_request_id}.json`)).json();
      expect(r.address).toBe('Jl. Suroyo gang 3, Kel. Sukabumi, Kec. Mayangan');
    });

    it('takes an address_string without a pin', async () => {
      const res = await post({ service_code: 'lingkungan', description: 'Sampah menumpuk', address_string: 'Pasar Baru', api_key: apiKey });
      expect(res.statusCode).toBe(201);
      const [r] = (await get(t, `requests/${res.json()[0].service_request_id}.json`)).json();
      expect(r).toMatchObject({ address: 'Pasar Baru', lat: null, long: null });
    });

    it('keeps a report marked rahasia out of every public answer', async () => {
      const res = await post({ ...report, description: 'Pungutan liar di kelurahan', service_code: 'pungli', 'attribute[privacy]': 'rahasia', api_key: apiKey }, true);
      expect(res.statusCode).toBe(201);
      const ticket = res.json()[0].service_request_id;
      expect((await get(t, `requests/${ticket}.json`)).statusCode).toBe(404);
      expect((await t.app.complaints.service.get(ticket)).privacy).toBe('rahasia');
      const json = await post({ ...report, description: 'Pungli parkir', service_code: 'pungli', attribute: { privacy: 'rahasia' }, api_key: apiKey });
      expect((await t.app.complaints.service.get(json.json()[0].service_request_id)).privacy).toBe('rahasia');
    });

    it.each([
      ['a pin in the sea', { lat: '-7.69', long: '113.21' }, 'outside Kota Probolinggo'],
      ['a pin in Surabaya', { lat: '-7.25', long: '112.75' }, 'outside Kota Probolinggo'],
      ['no location', { lat: undefined, long: undefined }, 'address_string'],
      ['lat without long', { long: undefined }, 'lat'],
      ['an unknown service_code', { service_code: 'kebakaran' }, 'service_code'],
      ['no description', { description: '' }, 'description'],
      ['a non-numeric lat', { lat: 'utara' }, 'lat'],
      ['an unknown privacy', { 'attribute[privacy]': 'semi' }, 'privacy'],
    ])('answers 400 in the spec format for %s', async (_name, change, mention) => {
      const body = Object.fromEntries(Object.entries({ ...report, api_key: apiKey, ...change }).filter(([, v]) => v !== undefined));
      const res = await post(body, true);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(SPEC_ERROR);
      expect(res.json().map((e: { description: string }) => e.description).join(' ')).toContain(mention);
    });

    it('reads a form with a charset, and answers 415 in the spec format for other content types', async () => {
      const payload = new URLSearchParams({ ...report, description: 'Drainase tersumbat', api_key: apiKey }).toString();
      const inject = (contentType: string) => t.app.http!.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': contentType }, payload });
      expect((await inject('application/x-www-form-urlencoded; charset=UTF-8')).statusCode).toBe(201);
      const other = await inject('text/csv');
      expect(other.statusCode).toBe(415);
      expect(other.json()).toEqual([{ code: 415, description: expect.any(String) }]);
    });

    it('answers 400 in the spec format for a body that is not JSON', async () => {
      const res = await t.app.http!.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/json' }, payload: '{"api_key": ' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual([{ code: 400, description: 'The body is not valid JSON.' }]);
    });
  });
});

describe.each(DIALECTS)('Open311 requests.json listing (%s)', (dialect) => {
  let t: TestApp;
  const tickets: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ dialect, clock: new FixedClock(NOW) });
    // Five public reports a day apart (oldest first), one rahasia, and one older than the default 90 days.
    const categories: ComplaintCategory[] = ['jalan_selokan', 'lampu', 'jalan_selokan', 'lingkungan', 'lampu'];
    for (const [i, category] of categories.entries()) tickets.push((await seed(t, { category, at: day(i - 5) })).ticket);
    await seed(t, { privacy: 'rahasia', at: day(-2) });
    await seed(t, { at: day(-120) });
    await t.app.complaints.service.transition(tickets[1]!, { to: 'ditolak', note: 'Bukan lampu kota' }, { role: 'coordinator', name: 'test' }, day(0));
  });
  afterAll(async () => t?.dispose());

  const list = async (query = '') => {
    const res = await get(t, `requests.json${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  it('lists the last 90 days newest first and pages with page and page_size (no total: counting is the slow part)', async () => {
    const all = await list();
    expect(ids(all.json())).toEqual([...tickets].reverse());
    expect(all.headers['x-total-count']).toBeUndefined();
    expect(ids((await list('?page_size=2')).json())).toEqual([tickets[4], tickets[3]]);
    expect(ids((await list('?page_size=2&page=3')).json())).toEqual([tickets[0]]);
    expect(ids((await list('?page_size=2&page=4')).json())).toEqual([]);
    expect(all.json().every((r: { requested_datetime: string; updated_datetime: string }) => r.requested_datetime.endsWith('+07:00') && r.updated_datetime.endsWith('+07:00'))).toBe(true);
  });

  it('filters by service_code, status and dates; service_request_id overrides the rest', async () => {
    expect(ids((await list('?service_code=lampu')).json())).toEqual([tickets[4], tickets[1]]);
    expect(ids((await list('?service_code=lampu,lingkungan&status=open')).json())).toEqual([tickets[4], tickets[3]]);
    expect(ids((await list('?status=closed')).json())).toEqual([tickets[1]]);
    expect(ids((await list('?status=open,closed')).json())).toHaveLength(5);
    expect(ids((await list(`?start_date=${encodeURIComponent('2026-11-26T09:15:00+07:00')}&end_date=2026-11-27`)).json())).toEqual([tickets[2], tickets[1]]);
    // An unencoded "+" arrives as a space; it is read back as the offset.
    expect(ids((await list('?start_date=2026-11-28T00:00:00+07:00')).json())).toEqual([tickets[4], tickets[3]]);
    expect(ids((await list(`?service_request_id=${tickets[0]},${tickets[2]},nonsense&service_code=lingkungan`)).json())).toEqual([tickets[2], tickets[0]]);
    expect(ids((await list('?start_date=2026-07-01&end_date=2026-09-01')).json())).toHaveLength(1);
  });
});
