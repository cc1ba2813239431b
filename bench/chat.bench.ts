/**
 * POST /api/chat end to end (engine, NLU, database writes, outbound log) under load.
 *
 * Starts Pintu as a separate process exactly as `npm start` does (so the load generator does not share its event
 * loop), measures time to ready, drives it with autocannon, then reads the server's RSS.
 * Env: BENCH_DURATION (s, default 60), BENCH_CONNECTIONS (default 50), BENCH_USERS (default 10000),
 * BENCH_DATABASE_URL (default a fresh SQLite file under var/), BENCH_PORT (default 3999).
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

const duration = Number(process.env.BENCH_DURATION ?? 60);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const users = Number(process.env.BENCH_USERS ?? 10_000);
const port = Number(process.env.BENCH_PORT ?? 3999);
const dbUrl = process.env.BENCH_DATABASE_URL ?? `var/bench-${Date.now()}.sqlite`;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D/g, '') ?? 0) / 1024);
}

const started = performance.now();
const server = spawn(process.execPath, ['bin/pintu.js', 'start'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: dbUrl, LOG_LEVEL: 'warn', QUEUE_PREFIX: `bench${Date.now()}` },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let readyMs = 0;
for (;;) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    if (res.ok) {
      readyMs = Math.round(performance.now() - started);
      break;
    }
  } catch {
    // not listening yet
  }
  if (performance.now() - started > 30_000) throw new Error('Pintu did not become ready within 30 s');
  await new Promise((r) => setTimeout(r, 25));
}

let n = 0;
const result = await autocannon({
  url: `http://127.0.0.1:${port}/api/chat`,
  method: 'POST',
  connections,
  duration,
  headers: { 'content-type': 'application/json' },
  requests: [
    {
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ userId: `bench-${n++ % users}`, text: 'halo' }) }),
    },
  ],
});
const rss = rssMb(server.pid!);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
if (!process.env.BENCH_DATABASE_URL) rmSync(dbUrl, { force: true });

const summary = {
  date: new Date().toISOString(),
  durationS: duration,
  connections,
  database: dbUrl.startsWith('postgres') ? 'postgresql' : 'sqlite',
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  reqPerSecAvg: Math.round(result.requests.average),
  latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  readyMs,
  rssMbAfter: rss,
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
