/**
 * `GET /open311/v2/requests.json` pages of 100 over 100,000 stored requests on PostgreSQL: the newest page, deep
 * pages, and filtered pages (status, service_code, date range), over HTTP against the running server.
 * Seeds a fresh database with generate_series (fast; one request a minute going back from now, so all fall in the
 * spec's default window), then measures each request's latency one at a time.
 * Env: BENCH_ROWS (default 100000), BENCH_REQUESTS (default 600), BENCH_PG_URL (default the local `test` database
 * server; a throwaway database is created and dropped).
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { COMPLAINT_CATEGORIES } from '../src/core/understanding.js';
import { createTestDatabase } from '../tests/support/databases.js';
import { TEST_PG_URL } from '../tests/support/urls.js';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 600);
const database = await createTestDatabase('postgresql', process.env.BENCH_PG_URL ?? TEST_PG_URL);
const url = new URL(database.url);

const app = await createApp({
  config: loadConfig({ ...process.env, DATABASE_URL: url.toString(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', QUEUE_PREFIX: `bencho${Date.now()}` }),
  logger: pino({ level: 'silent' }),
  workers: false,
});
const db = new pg.Client({ connectionString: url.toString() });
await db.connect();
const seedStart = performance.now();
const categories = `array[${COMPLAINT_CATEGORIES.map((c) => `'${c}'`).join(',')}]`;
await db.query(`
  insert into complaints (id, ticket, idempotency_key, source, type, category, description, location_text, lat, lon, kelurahan, kelurahan_code, kecamatan,
    photos, privacy, office, state, created_at, updated_at, verify_due_at, response_due_at)
  select gen_random_uuid(), 'PBL-2026-' || lpad(g::text, 6, '0'), 'bench-' || g, 'chat', 'pengaduan',
    (${categories})[1 + g % 16], 'laporan nomor ' || g || ' tentang jalan berlubang dan lampu mati', 'Jalan Mastrip ' || g,
    -7.78 + (g % 1000) * 0.00006, 113.18 + (g % 997) * 0.00007, 'Mayangan', '35.74.03.1001', 'Mayangan', '[]'::jsonb,
    (array['publik','publik','anonim','rahasia'])[1 + g % 4], 'dishub',
    (array['diterima','terverifikasi','didisposisikan','diproses','selesai','ditolak'])[1 + g % 6],
    now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval,
    timestamptz '2026-01-05 00:00+07', timestamptz '2026-01-10 00:00+07'
  from generate_series(1, ${rows}) g`);
await db.query('analyze complaints');
const seedMs = performance.now() - seedStart;
const address = await app.listen();

const queries = [
  'page_size=100',
  'page_size=100&page=50',
  'page_size=100&page=500',
  'page_size=100&status=open',
  'page_size=100&service_code=lampu',
  'page_size=100&status=closed&service_code=jalan_selokan',
  `page_size=100&start_date=${encodeURIComponent(new Date(Date.now() - 20 * 86_400_000).toISOString())}&end_date=${encodeURIComponent(new Date(Date.now() - 10 * 86_400_000).toISOString())}`,
];
const timings: Record<string, number[]> = Object.fromEntries(queries.map((q) => [q, []]));
const all: number[] = [];
for (let i = 0; i < 20; i++) await fetch(`${address}/open311/v2/requests.json?page_size=100`).then((r) => r.arrayBuffer());
for (let i = 0; i < requests; i++) {
  const q = queries[i % queries.length]!;
  const t0 = performance.now();
  const res = await fetch(`${address}/open311/v2/requests.json?${q}`);
  const body = (await res.json()) as unknown[];
  const ms = performance.now() - t0;
  if (res.status !== 200 || !Array.isArray(body) || body.length === 0) throw new Error(`${q}: HTTP ${res.status}, ${JSON.stringify(body).slice(0, 200)}`);
  timings[q]!.push(ms);
  all.push(ms);
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
}
console.log(JSON.stringify({ rows, seedSeconds: Math.round(seedMs / 100) / 10, requests, p50: pct(all, 50), p99: pct(all, 99), max: pct(all, 100) }));
for (const q of queries) console.log(JSON.stringify({ query: q, p50: pct(timings[q]!, 50), p99: pct(timings[q]!, 99) }));

await db.end();
await app.close();
if (process.env.BENCH_KEEP) console.log(`kept ${url}`);
else await database.drop();
