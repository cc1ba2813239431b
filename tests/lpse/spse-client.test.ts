/**
 * The real SpseClient over HTTP against the local fake SPSE (tests/lpse/fake-spse-server.ts): session cookie and
 * token, DataTables paging until a short page, token expiry mid-paging, 429 with Retry-After, 503, error pages with
 * status 200, HTML instead of JSON, a changed column order, the portal redirect, detail pages; and that requests
 * never overlap and keep the pause.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { parseDataTablesRows } from '../../src/features/lpse/source/dt-rows.js';
import { SourceFormatError, SourceUnavailableError } from '../../src/features/lpse/source/errors.js';
import { SpseClient, type SpseClientOptions } from '../../src/features/lpse/source/spse-client.js';
import {
  DETAIL_KODE,
  gapsBetweenRequests,
  listRequests,
  startFakeSpse,
  type FakeSpse,
  type FakeSpseOptions,
} from './fake-spse-server.js';

const PAUSE_MS = 20;
let fake: FakeSpse | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(fakeOptions: FakeSpseOptions = {}, clientOptions: Partial<SpseClientOptions> = {}) {
  fake = await startFakeSpse(fakeOptions);
  const client = new SpseClient({
    baseUrl: fake.baseUrl,
    instansi: 'Kota Probolinggo',
    pageSize: 25,
    pauseMs: PAUSE_MS,
    backoffBaseMs: 20,
    maxRetries: 2,
    timeoutMs: 5000,
    clock: new FixedClock('2026-09-10T03:00:00Z'),
    ...clientOptions,
  });
  return { fake, client };
}

/** `METHOD path status` of every request, the LPSE prefix removed. */
function trace(f: FakeSpse): string[] {
  return f.requests.map((r) => {
    const path = r.path.replace('/probolinggokota', '').replace(/\?tahun=\d+/, '');
    const start = r.form?.get('start');
    return `${r.method} ${path}${start === null || start === undefined ? '' : ` start=${start}`} ${r.status}`;
  });
}

/** Requests never overlapped, and each started at least the pause after the previous one ended. */
function expectPolite(f: FakeSpse): void {
  expect(f.maxConcurrent).toBe(1);
  for (const gap of gapsBetweenRequests(f)) expect(gap).toBeGreaterThanOrEqual(PAUSE_MS - 1);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

describe('SpseClient.listOpen', () => {
  it('pages 60 rows 25 at a time (3 requests, the last short) with cookie and token, merged with the homepage', async () => {
    const { fake, client } = await setup();
    const open = await client.listOpen(2026);

    expect(trace(fake)).toEqual([
      'GET / 200',
      'GET /lelang 200',
      'POST /dt/lelang start=0 200',
      'POST /dt/lelang start=25 200',
      'POST /dt/lelang start=50 200',
    ]);
    expect(listRequests(fake).map((r) => r.form!.get('length'))).toEqual(['25', '25', '25']);
    expect(fake.rejected).toBe(0);
    expectPolite(fake);

    // 60 rows, a third finished; plus the homepage's non-tender, which the tender list does not have.
    expect(open).toHaveLength(41);
    expect(open.some((t) => t.tahap === 'Tender Sudah Selesai')).toBe(false);
    expect(open.find((t) => t.kode === '10166709000')).toMatchObject({
      tahap: 'Pengumuman Pascakualifikasi',
      hps: 927_897_900,
      hpsExact: true,
      hpsText: 'Rp. 927.897.900,00',
      registrationDeadline: new Date('2026-09-18T05:00:00Z'),
      tahunAnggaran: 2026,
      instansi: 'Kota Singkawang',
    });
    expect(open.find((t) => t.kode === '10500004000')).toMatchObject({
      retender: true,
      hps: 15_900_000_000,
      hpsExact: false,
      tahap: 'Upload Dokumen Penawaran',
      url: `${fake.baseUrl}/lelang/10500004000/pengumumanlelang`,
    });
    expect(open.at(-1)).toMatchObject({ kode: '11040489000', kind: 'nontender', instansi: 'Kota Probolinggo', hps: 9_999_000 });
  });

  it('leaves homepage-only packages out for another year', async () => {
    const { client } = await setup({ year: 2025 });
    const open = await client.listOpen(2025);
    expect(open).toHaveLength(40);
    expect(open.every((t) => t.kind === 'tender' && t.tahunAnggaran === 2025)).toBe(true);
  });

  it('reads the token from the SPSE_SESSION cookie when the page script has none', async () => {
    const { fake, client } = await setup({ tokenInScript: false }, { useHomepage: false });
    expect(await client.listAll(2026)).toHaveLength(60);
    expect(fake.rejected).toBe(0);
  });

  it.each(['403', 'error-page'] as const)('fetches the token again once when it expires mid-paging (%s)', async (expiryAnswer) => {
    const { fake, client } = await setup({ expireTokenAfter: 1, expiryAnswer }, { useHomepage: false });
    const all = await client.listAll(2026);
    expect(all.map((t) => t.kode)).toEqual(fake.rows.map((r) => r[0]));
    expect(trace(fake)).toEqual([
      'GET /lelang 200',
      'POST /dt/lelang start=0 200',
      `POST /dt/lelang start=25 ${expiryAnswer === '403' ? 403 : 200}`,
      'GET /lelang 200',
      'POST /dt/lelang start=25 200',
      'POST /dt/lelang start=50 200',
    ]);
    const tokens = listRequests(fake).map((r) => r.form!.get('authenticityToken'));
    // Same token until it expired on the second page; the fresh one is used for the retry and after.
    expect(tokens[1]).toBe(tokens[0]);
    expect(tokens[2]).not.toBe(tokens[1]);
    expect(tokens[3]).toBe(tokens[2]);
    expectPolite(fake);
  });

  it('waits as long as Retry-After says after a 429, then goes on', async () => {
    const { fake, client } = await setup({ rateLimitAt: 2, retryAfterSeconds: 1 }, { useHomepage: false });
    expect(await client.listAll(2026)).toHaveLength(60);
    expect(trace(fake)).toEqual([
      'GET /lelang 200',
      'POST /dt/lelang start=0 200',
      'POST /dt/lelang start=25 429',
      'POST /dt/lelang start=25 200',
      'POST /dt/lelang start=50 200',
    ]);
    const limited = fake.requests[2]!;
    expect(fake.requests[3]!.startedAt - limited.endedAt).toBeGreaterThanOrEqual(1000 - 1);
    expectPolite(fake);
  });

  it('backs off and retries after a 503', async () => {
    const { fake, client } = await setup({ serverErrorAt: 1 }, { useHomepage: false });
    expect(await client.listAll(2026)).toHaveLength(60);
    expect(trace(fake).slice(0, 3)).toEqual(['GET /lelang 200', 'POST /dt/lelang start=0 503', 'POST /dt/lelang start=0 200']);
  });

  it('gives up with SourceUnavailableError when SPSE keeps answering its error page with status 200', async () => {
    const { fake, client } = await setup({ listAnswer: 'error-page' }, { useHomepage: false });
    const error = await failure(client.listAll(2026));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error.message).toContain('Kode Error 4B1D0C0DE');
    expect(trace(fake)).toEqual(['GET /lelang 200', 'POST /dt/lelang start=0 200', 'GET /lelang 200', 'POST /dt/lelang start=0 200']);
  });

  it('reports HTML where JSON was expected as SourceFormatError with a hint', async () => {
    const { client } = await setup({ listAnswer: 'html' }, { useHomepage: false });
    const error = await failure(client.listAll(2026));
    expect(error).toBeInstanceOf(SourceFormatError);
    expect((error as SourceFormatError).field).toBe('dt/lelang response');
    expect(error.message).toMatch(/expected DataTables JSON but got an HTML page/);
    expect((error as SourceFormatError).hint).toMatch(/\/lelang in a browser/);
  });

  it('still reads every row when SPSE changes the column order', async () => {
    const order = [0, 1, 2, 8, 4, 9, 7, 3, 6, 10, 5, 11, 12, 13, 14, 15];
    const { fake, client } = await setup({ columnOrder: order }, { useHomepage: false });
    const all = await client.listAll(2026);
    expect(all).toEqual(parseDataTablesRows(fake.rows, { baseUrl: fake.baseUrl }));
    expect(all[4]).toMatchObject({ jenis: 'Pekerjaan Konstruksi', tahunAnggaran: 2026, hps: 15_900_000_000, tahap: 'Upload Dokumen Penawaran' });
  });

  it('refuses a redirect to the portal (unknown LPSE path)', async () => {
    const { fake } = await setup();
    const client = new SpseClient({ baseUrl: `${fake.origin}/tidakada`, pauseMs: PAUSE_MS, clock: new FixedClock('2026-09-10T03:00:00Z') });
    const error = await failure(client.listOpen(2026));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error.message).toMatch(/portal/);
    expect(trace(fake)).toEqual(['GET /tidakada/ 302', 'GET / 200']);
  });
});

describe('SpseClient.detail', () => {
  it('reads the announcement and the schedule, with deadlines', async () => {
    const { fake, client } = await setup();
    const detail = await client.detail(DETAIL_KODE);
    expect(detail).toMatchObject({
      kode: DETAIL_KODE,
      name: 'Rehab Kantor Wakil Bupati',
      instansi: 'Kab. Bandung',
      satker: 'DINAS PEKERJAAN UMUM DAN TATA RUANG',
      tahap: 'Upload Dokumen Penawaran',
      hps: 899_369_196.4,
      pagu: 900_000_000,
      tahunAnggaran: 2025,
      kualifikasi: 'Kecil',
      url: `${fake.baseUrl}/lelang/${DETAIL_KODE}/pengumumanlelang`,
      source: 'spse',
      registrationDeadline: new Date('2025-10-09T05:00:00Z'),
      uploadDeadline: new Date('2025-10-09T05:00:00Z'),
    });
    expect(detail.schedule).toHaveLength(11);
    expect(detail.schedule[0]).toEqual({
      name: 'Pengumuman pascakualifikasi',
      start: new Date('2025-10-03T01:00:00Z'),
      end: new Date('2025-10-09T05:00:00Z'),
    });
    expect(trace(fake)).toEqual([`GET /lelang/${DETAIL_KODE}/pengumumanlelang 200`, `GET /lelang/${DETAIL_KODE}/jadwal 200`]);
  });

  it('turns the error page served for an unknown code into SourceUnavailableError', async () => {
    const { client } = await setup();
    const error = await failure(client.detail('10000000000'));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as SourceUnavailableError).status).toBe(200);
  });
});

describe('politeness across calls', () => {
  it('never has two requests in flight, even when callers ask at the same time', async () => {
    const { fake, client } = await setup();
    const [open, detail, homepage] = await Promise.all([client.listOpen(2026), client.detail(DETAIL_KODE), client.listHomepage()]);
    expect(open).toHaveLength(41);
    expect(detail.schedule.length).toBeGreaterThan(0);
    expect(homepage).toHaveLength(3);
    expect(fake.requests).toHaveLength(8);
    expectPolite(fake);
  });
});
