/**
 * Filing a complaint end to end: the latency of the last turn ("kirim"), which routes the draft, allocates the
 * ticket number, stores the complaint and its first event and commits the turn, plus the whole five-turn
 * conversation for context. Runs the real app in-process (engine, NLU, Redis lock, database) on the web channel,
 * BENCH_CONCURRENCY residents at a time.
 * Env: BENCH_COMPLAINTS (default 2000), BENCH_CONCURRENCY (default 10), BENCH_DB (`sqlite`, the default, or
 * `postgresql`: a throwaway database on BENCH_PG_URL's server, default the local one).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const total = Number(process.env.BENCH_COMPLAINTS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
const pgServer = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const pgName = `pintu_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const onPostgres = process.env.BENCH_DB === 'postgresql';

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgServer });
  await c.connect();
  await c.query(sql);
  await c.end();
}

let dbUrl = `var/bench-complaints-${Date.now()}.sqlite`;
if (onPostgres) {
  await adminQuery(`create database ${pgName}`);
  const u = new URL(pgServer);
  u.pathname = `/${pgName}`;
  dbUrl = u.toString();
}

const app = await createApp({
  config: loadConfig({ ...process.env, DATABASE_URL: dbUrl, QUEUE_PREFIX: `benchc${Date.now()}`, LOG_LEVEL: 'silent', USER_RATE_LIMIT: '1000/1000' }),
  logger: pino({ level: 'silent' }),
  http: false,
  workers: false,
});

const places = ['jl mastrip depan masjid', 'jl pahlawan dekat sekolah', 'jl suroyo depan kantor pos', 'gang 3 kebonsari kulon'];
const confirm: number[] = [];
const whole: number[] = [];
let next = 0;

async function oneResident(i: number): Promise<void> {
  const address = `bench-${i}`;
  const say = (text: string) => app.engine.handle({ channel: 'web', address, messageId: `${i}-${text}`, text, receivedAt: new Date() });
  const start = performance.now();
  await say(`lampu jalan di ${places[i % places.length]} mati ${1 + (i % 9)} hari`);
  await say('lewati');
  await say('publik');
  const t0 = performance.now();
  const last = await say('kirim');
  confirm.push(performance.now() - t0);
  whole.push(performance.now() - start);
  if (!last.replies[0]?.text.includes('PBL-')) throw new Error(`resident ${i} got no ticket: ${last.replies[0]?.text}`);
}

const wall = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) await oneResident(next++);
  }),
);
const seconds = (performance.now() - wall) / 1000;

function pct(xs: number[], p: number): string {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(1);
}
console.log(
  JSON.stringify({
    database: dbUrl.startsWith('postgres') ? 'postgresql' : 'sqlite',
    complaints: total,
    concurrency,
    complaintsPerSecond: Math.round(total / seconds),
    confirmTurnMs: { p50: pct(confirm, 50), p90: pct(confirm, 90), p99: pct(confirm, 99), max: pct(confirm, 100) },
    wholeConversationMs: { p50: pct(whole, 50), p99: pct(whole, 99) },
    rssMb: Math.round(process.memoryUsage().rss / 1048576),
  }),
);
await app.close();
if (onPostgres) await adminQuery(`drop database ${pgName} with (force)`);
