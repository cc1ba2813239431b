/**
 * A local fake of one SPSE 4.5 LPSE (node:http on a random port) for running the real {@link SpseClient} over HTTP.
 *
 * - `GET /{lpse}/`: homepage built from the two real kalbarprov table excerpts (links moved to this LPSE).
 * - `GET /{lpse}/lelang`: sets `SPSE_SESSION` (`sig-___AT=token&___TS=…&___ID=session`, URL-encoded) and puts the
 *   token in the page script (`d.authenticityToken = '…';`) unless `tokenInScript` is false.
 * - `POST /{lpse}/dt/lelang?tahun=YYYY`: checks the session cookie, the token and `X-Requested-With` (403
 *   otherwise), pages the rows with start/length, and answers `recordsTotal: 2147483647` like SPSE.
 * - `GET /{lpse}/lelang/{kode}/pengumumanlelang` and `/jadwal`: one package made from a real ISB record
 *   (Kab. Bandung 10088019000) in the SPSE 4.5 page layouts; unknown codes get the SPSE error page with status 200.
 * - Any path outside the LPSE is redirected to the portal home `/`, as spse.inaproc.id does.
 *
 * The 60 list rows are the two real 16-column Singkawang rows repeated with generated kode values and stage texts;
 * two of them carry the homepage packages' codes so the homepage merge can be checked.
 *
 * Every request is recorded with its start and end time (performance.now) and the highest number of requests in
 * flight at once, so tests can prove the client never overlaps requests and keeps its pause.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { fixtureJson, fixtureText, realTenderRows } from './fixtures.js';

/** How the fake behaves. Counting of list requests starts at 1. */
export interface FakeSpseOptions {
  lpse?: string;
  /** Fiscal year the rows belong to (default 2026). */
  year?: number;
  /** Rows in the list (default 60). */
  rowCount?: number;
  /** Delay before each answer, ms (default 5): makes overlapping requests visible. */
  latencyMs?: number;
  /** Put the token in the /lelang page script (default true); else only the cookie carries it. */
  tokenInScript?: boolean;
  /** After this many answered list pages, the session's token expires once. */
  expireTokenAfter?: number;
  /** How an expired token is answered (default "403"; "error-page" is the SPSE error page with status 200). */
  expiryAnswer?: '403' | 'error-page';
  /** This list request is answered 429 with Retry-After once. */
  rateLimitAt?: number;
  /** Retry-After of that 429, seconds (default 1). */
  retryAfterSeconds?: number;
  /** This list request is answered 503 once. */
  serverErrorAt?: number;
  /** Answer every list request with JSON (default), the SPSE error page, or another HTML page, all with status 200. */
  listAnswer?: 'json' | 'error-page' | 'html';
  /** Column permutation applied to every row sent (new column i = old column order[i]). */
  columnOrder?: number[];
}

/** One request as the fake saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  startedAt: number;
  endedAt: number;
  status: number;
  form?: URLSearchParams;
}

/** A running fake. */
export interface FakeSpse {
  /** e.g. http://127.0.0.1:41234/probolinggokota */
  baseUrl: string;
  origin: string;
  requests: RecordedRequest[];
  /** Most requests in flight at the same time. */
  maxConcurrent: number;
  /** List requests refused for a missing/wrong cookie, token or header. */
  rejected: number;
  /** The rows served (before any column permutation). */
  rows: unknown[][];
  close(): Promise<void>;
}

/** Real SPSE stage texts the generated rows cycle through: finished, offer upload, announcement. */
export const ROW_STAGES = ['Tender Sudah Selesai', 'Upload Dokumen Penawaran', 'Pengumuman Pascakualifikasi'] as const;

/** The homepage packages (real kalbarprov codes) that also appear in the list, with abbreviated HPS. */
const HOMEPAGE_IN_LIST: [string, string][] = [
  ['10166709000', '927,9 Jt'],
  ['10166425000', '1,8 M'],
];

/** The ISB record the detail pages are made from. */
export const DETAIL_KODE = '10088019000';

/** The detail pages, built once per test file (they parse the large ISB files). */
let detailPages: { announcement: string; jadwal: string } | undefined;

/** The generated list rows. */
export function buildRows(count: number, year: number): unknown[][] {
  const templates = realTenderRows();
  return Array.from({ length: count }, (_, i) => {
    const row = [...templates[i % templates.length]!];
    row[0] = String(10_500_000_000 + i * 1000);
    row[3] = ROW_STAGES[i % ROW_STAGES.length];
    row[8] = String(row[8]).replace(/\d{4}$/, String(year));
    const home = HOMEPAGE_IN_LIST[i - 1];
    if (home) {
      row[0] = home[0];
      row[4] = home[1];
      row[3] = 'Pengumuman Pascakualifikasi';
    }
    return row;
  });
}

function rupiah(amount: number): string {
  const [integer, fraction = ''] = amount.toFixed(2).split('.');
  return `Rp. ${integer!.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${fraction}`;
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><title>${title}</title></head><body><div id="main">${body}</div>
<div id="footer"><p><a href="https://inaproc.id/aplikasi#spse45">Aplikasi SPSE v4.5u20250321</a></p></div></body></html>`;
}

const ERROR_PAGE = page(
  'Error',
  '<div class="content"><h1>Maaf, terjadi error pada aplikasi SPSE.</h1><p>Kode Error: 4B1D0C0DE</p></div>',
);

/** The announcement page of the ISB record, in the SPSE 4.5 `th.bgwarning` layout (with a nested RUP table). */
function announcementPage(): string {
  const isb = fixtureJson<Record<string, unknown>[]>('isb_satudata/SPSE-TenderPengumuman_D107_2025.json').find(
    (r) => String(r.kd_tender) === DETAIL_KODE,
  )!;
  const rows: [string, string][] = [
    ['Kode Tender', `<strong>${DETAIL_KODE}</strong>`],
    ['Nama Tender', `<strong>${String(isb.nama_paket)}</strong>`],
    [
      'Rencana Umum Pengadaan',
      `<table class="table table-sm"><tr><th>Kode RUP</th><th>Nama Paket</th><th>Sumber Dana</th></tr><tr><td>${String(isb.kd_rup)}</td><td>Nama RUP berbeda</td><td>APBD</td></tr></table>`,
    ],
    ['Tahap Tender Saat Ini', 'Upload Dokumen Penawaran'],
    ['K/L/PD/Instansi Lainnya', String(isb.nama_klpd)],
    ['Satuan Kerja', String(isb.nama_satker)],
    ['Jenis Pengadaan', String(isb.jenis_pengadaan)],
    ['Metode Pengadaan', String(isb.mtd_pemilihan)],
    ['Tahun Anggaran', `APBD ${String(isb.tahun_anggaran)}&nbsp;&nbsp;`],
    ['Nilai Pagu Paket', rupiah(Number(isb.pagu))],
    ['Nilai HPS Paket', rupiah(Number(isb.hps))],
    ['Kualifikasi Usaha', String(isb.kualifikasi_paket)],
  ];
  const table = rows.map(([label, value]) => `<tr><th class="bgwarning">${label}</th><td colspan="3">${value}</td></tr>`).join('\n');
  return page('LPSE - Informasi Tender', `<div class="content"><table class="table table-sm table-bordered">${table}</table></div>`);
}

/** The jadwal page of the ISB record: real stage names and WIB dates, Indonesian month names. */
function jadwalPage(): string {
  const stages = fixtureJson<Record<string, unknown>[]>('isb_satudata/SPSE-JadwalTahapanTender_D107_2025.json')
    .filter((r) => String(r.kd_tender) === DETAIL_KODE && r.nama_tahapan)
    .sort((a, b) => String(a.tgl_awal).localeCompare(String(b.tgl_awal)));
  const when = (text: unknown) =>
    DateTime.fromFormat(String(text), 'yyyy-MM-dd HH:mm:ss').toFormat('d MMMM yyyy HH:mm', { locale: 'id' });
  const rows = stages
    .map((s, i) => `<tr><td>${i + 1}</td><td>${String(s.nama_tahapan)}</td><td>${when(s.tgl_awal)}</td><td>${when(s.tgl_akhir)}</td><td>-</td></tr>`)
    .join('\n');
  return page(
    'Jadwal',
    `<div class="content"><table class="table"><tr><th>No</th><th>Tahap</th><th>Mulai</th><th>Sampai</th><th>Perubahan</th></tr>${rows}</table></div>`,
  );
}

function homepage(lpse: string): string {
  const tables = [
    fixtureText('spse_homepage/kalbarprov_home_tender_table.fragment.html'),
    fixtureText('spse_homepage/kalbarprov_home_nontender_table.fragment.html'),
  ].map((t) => t.replaceAll('/kalbarprov/', `/${lpse}/`));
  return page('LPSE', `<div class="content">${tables.join('\n')}</div>`);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function sessionIdOf(cookieHeader: string | undefined): string | undefined {
  const raw = /(?:^|;\s*)SPSE_SESSION=([^;]+)/.exec(cookieHeader ?? '')?.[1];
  return raw ? /___ID=([^&]+)/.exec(decodeURIComponent(raw))?.[1] : undefined;
}

/** Start the fake on a random local port. */
export async function startFakeSpse(options: FakeSpseOptions = {}): Promise<FakeSpse> {
  const lpse = options.lpse ?? 'probolinggokota';
  const year = options.year ?? 2026;
  const rows = buildRows(options.rowCount ?? 60, year);
  const sessions = new Map<string, { token: string; expired: boolean }>();
  const state = { inFlight: 0, listRequests: 0, answeredPages: 0, expiredOnce: false, limitedOnce: false, failedOnce: false };
  detailPages ??= { announcement: announcementPage(), jadwal: jadwalPage() };
  const pages = { ...detailPages, home: homepage(lpse) };
  const fake: FakeSpse = {
    baseUrl: '',
    origin: '',
    requests: [],
    maxConcurrent: 0,
    rejected: 0,
    rows,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  type Answer = { status: number; headers?: Record<string, string>; body: string; form?: URLSearchParams };

  async function answerList(req: http.IncomingMessage, url: URL): Promise<Answer> {
    const form = new URLSearchParams(await readBody(req));
    state.listRequests++;
    const n = state.listRequests;
    if (options.rateLimitAt === n && !state.limitedOnce) {
      state.limitedOnce = true;
      return { status: 429, headers: { 'Retry-After': String(options.retryAfterSeconds ?? 1) }, body: 'Too Many Requests', form };
    }
    if (options.serverErrorAt === n && !state.failedOnce) {
      state.failedOnce = true;
      return { status: 503, body: page('Service Unavailable', '<h1>503</h1>'), form };
    }
    const session = sessions.get(sessionIdOf(req.headers.cookie) ?? '');
    if (!session || req.headers['x-requested-with'] !== 'XMLHttpRequest' || form.get('authenticityToken') !== session.token) {
      fake.rejected++;
      return { status: 403, body: page('Terjadi Kesalahan', '<h1>Forbidden</h1>'), form };
    }
    if (session.expired) {
      return options.expiryAnswer === 'error-page'
        ? { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: ERROR_PAGE, form }
        : { status: 403, body: page('Terjadi Kesalahan', '<h1>Forbidden</h1>'), form };
    }
    if (options.listAnswer === 'error-page') return { status: 200, body: ERROR_PAGE, form };
    if (options.listAnswer === 'html') return { status: 200, body: page('Login', '<form action="/login"></form>'), form };
    const start = Number(form.get('start') ?? 0);
    const length = Number(form.get('length') ?? 10);
    const yearRows = url.searchParams.get('tahun') === String(year) ? rows : [];
    const slice = yearRows.slice(start, start + length).map((row) => (options.columnOrder ? options.columnOrder.map((i) => row[i]) : row));
    state.answeredPages++;
    if (options.expireTokenAfter === state.answeredPages && !state.expiredOnce) {
      state.expiredOnce = true;
      session.expired = true;
    }
    const body = JSON.stringify({ draw: form.get('draw'), recordsTotal: 2147483647, recordsFiltered: 2147483647, data: slice });
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body, form };
  }

  function answerLelangPage(req: http.IncomingMessage): Answer {
    const id = sessionIdOf(req.headers.cookie) ?? randomBytes(8).toString('hex');
    const token = randomBytes(20).toString('hex');
    sessions.set(id, { token, expired: false });
    const value = encodeURIComponent(`${randomBytes(20).toString('hex')}-___AT=${token}&___TS=${Date.now() + 3_600_000}&___ID=${id}`);
    const script = options.tokenInScript === false ? '' : `d.authenticityToken = '${token}';`;
    return {
      status: 200,
      headers: { 'Set-Cookie': `SPSE_SESSION=${value}; Path=/; HttpOnly` },
      body: page('SPSE - Tender', `<script>var d = {}; ${script}</script><table id="tbllelang" class="table"><thead><tr><th>Kode</th><th>Nama Paket</th></tr></thead></table>`),
    };
  }

  async function route(req: http.IncomingMessage): Promise<Answer> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const prefix = `/${lpse}`;
    if (url.pathname === '/') return { status: 200, body: page('INAPROC', '<h1>Portal SPSE</h1>') };
    if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return { status: 302, headers: { Location: '/' }, body: '' };
    const path = url.pathname.slice(prefix.length) || '/';
    if (req.method === 'GET' && path === '/') return { status: 200, body: pages.home };
    if (req.method === 'GET' && path === '/lelang') return answerLelangPage(req);
    if (req.method === 'POST' && path === '/dt/lelang') return answerList(req, url);
    const detail = /^\/lelang\/(\d+)\/(pengumumanlelang|jadwal)$/.exec(path);
    if (req.method === 'GET' && detail) {
      if (detail[1] !== DETAIL_KODE) return { status: 200, body: ERROR_PAGE };
      return { status: 200, body: detail[2] === 'jadwal' ? pages.jadwal : pages.announcement };
    }
    return { status: 404, body: page('Not Found', '<h1>Halaman yang dituju tidak ditemukan</h1>') };
  }

  const server = http.createServer((req, res) => {
    const startedAt = performance.now();
    state.inFlight++;
    fake.maxConcurrent = Math.max(fake.maxConcurrent, state.inFlight);
    const record: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', startedAt, endedAt: NaN, status: 0 };
    fake.requests.push(record);
    res.on('close', () => {
      state.inFlight--;
      record.endedAt = performance.now();
    });
    void route(req)
      .then(
        (answer) =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              record.status = answer.status;
              if (answer.form) record.form = answer.form;
              res.writeHead(answer.status, { 'Content-Type': 'text/html; charset=utf-8', ...answer.headers });
              res.end(answer.body, () => resolve());
            }, options.latencyMs ?? 5),
          ),
      )
      .catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.origin = `http://127.0.0.1:${port}`;
  fake.baseUrl = `${fake.origin}/${lpse}`;
  return fake;
}

/** The list requests (POST /dt/lelang) the fake received. */
export function listRequests(fake: FakeSpse): RecordedRequest[] {
  return fake.requests.filter((r) => r.method === 'POST');
}

/** Gaps between the end of each request and the start of the next, ms. */
export function gapsBetweenRequests(fake: FakeSpse): number[] {
  return fake.requests.slice(1).map((r, i) => r.startedAt - fake.requests[i]!.endedAt);
}
