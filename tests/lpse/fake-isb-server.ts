/**
 * A local fake of the ISB / INAPROC JSON API (node:http, random port) serving the real Kab. Bandung datasets:
 * `/isb/tender/{year}`, `/isb/jadwal/{year}`, `/isb/nontender/{year}` (empty arrays for other years than 2025).
 * It can wrap answers in the gateway's `{ success, data, meta: { has_more, cursor } }` envelope (cursor pages),
 * answer an HTML page, or refuse with `success: false`. Requests are recorded for concurrency and header checks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fixtureJson } from './fixtures.js';

/** How the fake answers. */
export interface FakeIsbOptions {
  /** "array" (legacy ISB, default), "envelope" (cursor pages of `pageSize`), "html", or "refuse". */
  mode?: 'array' | 'envelope' | 'html' | 'refuse';
  pageSize?: number;
}

/** A running fake. */
export interface FakeIsb {
  origin: string;
  requests: { path: string; headers: http.IncomingHttpHeaders; startedAt: number; endedAt: number }[];
  maxConcurrent: number;
  close(): Promise<void>;
}

const DATASETS: Record<string, string> = {
  tender: 'isb_satudata/SPSE-TenderPengumuman_D107_2025.json',
  jadwal: 'isb_satudata/SPSE-JadwalTahapanTender_D107_2025.json',
  nontender: 'isb_satudata/SPSE-NonTenderPengumuman_D107_2025.subset.json',
};

/** Start the fake on a random local port. */
export async function startFakeIsb(options: FakeIsbOptions = {}): Promise<FakeIsb> {
  const data = Object.fromEntries(Object.entries(DATASETS).map(([name, file]) => [name, fixtureJson<unknown[]>(file)]));
  let inFlight = 0;
  const fake: FakeIsb = {
    origin: '',
    requests: [],
    maxConcurrent: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  function answer(url: URL): { status: number; type: string; body: string } {
    const match = /^\/isb\/(tender|jadwal|nontender)\/(\d{4})$/.exec(url.pathname);
    if (options.mode === 'html' || !match) {
      return { status: 200, type: 'text/html', body: '<!DOCTYPE html><html><body><h1>Dataset tidak ditemukan</h1></body></html>' };
    }
    if (options.mode === 'refuse') {
      const body = { success: false, error: { code: 'Service Unavailable', message: 'Service unavailable', details: 'The data source is temporarily unavailable' } };
      return { status: 200, type: 'application/json', body: JSON.stringify(body) };
    }
    const rows = match[2] === '2025' ? data[match[1]!]! : [];
    if (options.mode !== 'envelope') return { status: 200, type: 'application/json', body: JSON.stringify(rows) };
    const size = options.pageSize ?? 500;
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const page = rows.slice(from, from + size);
    const hasMore = from + size < rows.length;
    const body = { success: true, data: page, meta: { limit: size, has_more: hasMore, cursor: hasMore ? String(from + size) : '' } };
    return { status: 200, type: 'application/json', body: JSON.stringify(body) };
  }

  const server = http.createServer((req, res) => {
    const record = { path: req.url ?? '', headers: req.headers, startedAt: performance.now(), endedAt: NaN };
    fake.requests.push(record);
    inFlight++;
    fake.maxConcurrent = Math.max(fake.maxConcurrent, inFlight);
    res.on('close', () => {
      inFlight--;
      record.endedAt = performance.now();
    });
    const { status, type, body } = answer(new URL(req.url ?? '/', 'http://fake'));
    setTimeout(() => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    }, 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
