/**
 * Planning a day's SISKIA reminders: `ReminderPlanner.planDay` over BENCH_PROFILES registrations (default 50,000),
 * with the Redis memory the queued reminders take. Runs the real app in-process (no workers, no HTTP) on a
 * throwaway database with a pinned clock at 05:00 WIB, seeds the registrations through the repository (encrypted as
 * in production; the seeding time is reported but is not part of the target), then plans the day twice: the first
 * run plans and queues, the second must plan nothing (it fails loudly otherwise). Per phase: reading and decrypting
 * the registrations, computing the plans and texts, storing the reminder rows, logging the outbound messages and
 * adding them to the queue.
 * Env: BENCH_PROFILES (default 50000), BENCH_DB (`sqlite`, the default, or `postgresql`: a throwaway database on
 * BENCH_PG_URL's server, default the local one), BENCH_SEED_CONCURRENCY (saves in flight, default 200).
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { FixedClock } from '../src/core/clock.js';
import { loadConfig } from '../src/config.js';
import type { ChildRecord, HealthRecord, ProfileStatus, SiskiaProfile } from '../src/features/siskia/model.js';
import { fullSchedule, type FullSchedule } from '../src/features/siskia/schedule.js';
import { CONSENT_VERSION } from '../src/features/siskia/siskia-service.js';
import { seededRandom } from '../src/core/seeded-random.js';

const profiles = Number(process.env.BENCH_PROFILES ?? 50_000);
const seedConcurrency = Number(process.env.BENCH_SEED_CONCURRENCY ?? 200);
const pgServer = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const onPostgres = process.env.BENCH_DB === 'postgresql';
const pgName = `pintu_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
/** 05:00 WIB on Tuesday 8 December 2026: the planner's morning run, two hours before the 07:00 send. */
const clock = new FixedClock('2026-12-07T22:00:00Z');
const TODAY = '2026-12-08';
const HEALTH_DATA_KEY = Buffer.alloc(32, 0x5a).toString('base64');

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgServer });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const prng = seededRandom;
const random = prng(20261208);
const pick = (n: number) => Math.floor(random() * n);

/** `date` moved by `days` (plain UTC calendar arithmetic: the app's luxon helpers would make seeding slow). */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Schedules to pick visits to mark done or moved from, memoised by input. fullSchedule and not carePlan, whose
 * cache would otherwise be warm for the planner. Only records whose schedule is shared by many (one HPHT, or one
 * child called c1) get done or moved visits, to keep seeding fast.
 */
const seedSchedules = new Map<string, FullSchedule>();
function seedSchedule(record: HealthRecord): FullSchedule {
  const births = record.children.map((c) => ({ childId: c.childId, date: c.born }));
  const key = JSON.stringify([record.hpht, births]);
  let s = seedSchedules.get(key);
  if (!s) seedSchedules.set(key, (s = fullSchedule({ hpht: record.hpht, births, today: TODAY })));
  return s;
}

/**
 * One registration of the mix: ~60 % pregnant (HPHT over the last 40 weeks), ~35 % with a child born in the last
 * 24 months (3 % of them twins; half registered while pregnant, so the HPHT is kept), ~5 % stopped or loss. Of the
 * pregnant and the single-child records without an HPHT, a fifth have marked their past visits done and one in
 * twenty has moved the next one.
 */
function makeProfile(i: number): SiskiaProfile {
  const userId = randomUUID();
  const roll = random();
  let status: ProfileStatus = 'active';
  let record: HealthRecord;
  if (roll < 0.6) {
    record = { hpht: addDays(TODAY, -pick(281)), hplSource: 'hpht', motherAge: 18 + pick(25), children: [], done: [], moved: [] };
  } else if (roll < 0.95) {
    const born = addDays(TODAY, -pick(731));
    // Children registered in the conversation are c1, c2; births reported later get a random short id.
    const ids = random() < 0.5 ? ['c1', 'c2'] : [randomUUID().slice(0, 8), randomUUID().slice(0, 8)];
    const children: ChildRecord[] = (random() < 0.03 ? ids : ids.slice(0, 1)).map((childId) => ({ childId, born }));
    const hpht = random() < 0.5 ? addDays(born, -(259 + pick(28))) : undefined;
    record = { ...(hpht ? { hpht, hplSource: 'hpht' as const } : {}), motherAge: 18 + pick(25), children, done: [], moved: [] };
  } else {
    status = random() < 0.6 ? 'stopped' : 'loss';
    record = { hpht: addDays(TODAY, -pick(281)), hplSource: 'hpht', children: [], done: [], moved: [] };
  }
  const extra = random();
  const shared = record.children.length === 0 || (record.hpht === undefined && record.children.length === 1 && record.children[0]!.childId === 'c1');
  if (status === 'active' && shared && extra < 0.25) {
    const visits = seedSchedule(record).visits;
    if (extra < 0.2) {
      for (const v of visits.filter((x) => x.due < TODAY)) record.done.push({ code: v.code, ...(v.childId ? { childId: v.childId } : {}), on: v.due });
    } else {
      const next = visits.find((x) => x.due >= TODAY);
      if (next) record.moved.push({ code: next.code, ...(next.childId ? { childId: next.childId } : {}), to: addDays(next.due, 1 + pick(6)) });
    }
  }
  const registered = new Date(clock.now().getTime() - pick(300) * 86_400_000);
  return {
    userId,
    contact: { userId, channel: 'telegram', address: String(100_000_000 + i), locale: 'id' },
    status,
    consentVersion: CONSENT_VERSION,
    consentAt: registered,
    registeredBy: random() < 0.8 ? 'self' : 'midwife',
    ...(random() < 0.7 ? { puskesmas: `Puskesmas ${['Kanigaran', 'Jati', 'Wonoasih', 'Ketapang', 'Sukabumi', 'Kedopok'][pick(6)]}` } : {}),
    record,
    createdAt: registered,
    updatedAt: registered,
  };
}

let dbUrl = `var/bench-siskia-${Date.now()}.sqlite`;
if (onPostgres) {
  await adminQuery(`create database ${pgName}`);
  const u = new URL(pgServer);
  u.pathname = `/${pgName}`;
  dbUrl = u.toString();
}

const queuePrefix = `benchs${Date.now()}`;
const app = await createApp({
  config: loadConfig({ ...process.env, DATABASE_URL: dbUrl, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'silent', HEALTH_DATA_KEY }),
  logger: pino({ level: 'silent' }),
  clock,
  http: false,
  workers: false,
});

/** Redis `used_memory` in bytes. */
async function redisUsedMemory(): Promise<number> {
  const info = await app.redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1]);
}

/** Time spent in each wrapped call (ms), summed; reset before each run. The planner awaits them one at a time. */
const phases: Record<string, number> = {};
function timed<T extends object, K extends keyof T>(target: T, key: K, phase: string): void {
  const original = (target[key] as (...args: unknown[]) => unknown).bind(target);
  (target as Record<K, unknown>)[key] = (...args: unknown[]) => {
    const t0 = performance.now();
    const out = original(...args);
    if (out instanceof Promise) return out.finally(() => (phases[phase] = (phases[phase] ?? 0) + performance.now() - t0));
    phases[phase] = (phases[phase] ?? 0) + performance.now() - t0;
    return out;
  };
}
const repo = app.siskia.service.repo; // the same repository object the planner was built with
// The repository's field crypto is private; reached here only to time decryption apart from the query.
timed((repo as unknown as { crypto: object }).crypto, 'decryptJson' as never, 'decrypt');
timed(repo, 'activeBatch', 'read (query + decrypt)');
timed(repo, 'recordReminders', 'store reminder rows');
timed(app.messageLog, 'recordOutbound', 'log outbound messages');
timed(app.outbox, 'enqueue', 'add to queue (BullMQ)');

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const s = (ms: number) => Math.round(ms / 10) / 100;

let failed = false;
try {
  // Seed.
  const seedStart = performance.now();
  const counts: Record<string, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: seedConcurrency }, async () => {
      while (next < profiles) {
        const p = makeProfile(next++);
        const kind = p.status !== 'active' ? p.status : p.record.children.length ? (p.record.children.length > 1 ? 'twins' : 'child') : 'pregnant';
        counts[kind] = (counts[kind] ?? 0) + 1;
        await repo.save(p);
      }
    }),
  );
  const seedMs = performance.now() - seedStart;
  if (onPostgres) await app.orm.em.getConnection().execute('analyze siskia_profiles');
  console.log(JSON.stringify({ database: onPostgres ? 'postgresql' : 'sqlite', profiles, mix: counts, seedSeconds: s(seedMs) }));

  // Plan: first run.
  await app.outbox.queue.waitUntilReady();
  const memBefore = await redisUsedMemory();
  const delayedBefore = await app.outbox.queue.getDelayedCount();
  for (const k of Object.keys(phases)) delete phases[k];
  const t1 = performance.now();
  const first = await app.siskia.planner.planDay(clock.now());
  const firstMs = performance.now() - t1;
  const firstPhases = { ...phases };
  const load = loadavg().map((x) => Math.round(x * 100) / 100);
  const memAfter = await redisUsedMemory();
  const delayedAfter = await app.outbox.queue.getDelayedCount();

  // Second run: idempotent.
  for (const k of Object.keys(phases)) delete phases[k];
  const t2 = performance.now();
  const second = await app.siskia.planner.planDay(clock.now());
  const secondMs = performance.now() - t2;
  const secondPhases = { ...phases };
  const delayedAfterSecond = await app.outbox.queue.getDelayedCount();

  const phaseReport = (p: Record<string, number>, total: number) => {
    const io = (p['read (query + decrypt)'] ?? 0) + (p['store reminder rows'] ?? 0) + (p['log outbound messages'] ?? 0) + (p['add to queue (BullMQ)'] ?? 0);
    return { ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, s(v)])), 'plan + texts (the rest)': s(total - io) };
  };
  console.log(
    JSON.stringify({
      day: first.day,
      considered: first.considered,
      unplannable: first.unplannable,
      planned: first.planned,
      planSeconds: s(firstMs),
      phasesSeconds: phaseReport(firstPhases, firstMs),
      delayedJobs: { before: delayedBefore, after: delayedAfter, afterSecondRun: delayedAfterSecond },
      redisUsedMemoryMb: { before: mb(memBefore), after: mb(memAfter), delta: mb(memAfter - memBefore) },
      redisBytesPerReminder: first.planned ? Math.round((memAfter - memBefore) / first.planned) : null,
      secondRun: { planned: second.planned, considered: second.considered, seconds: s(secondMs), phasesSeconds: phaseReport(secondPhases, secondMs) },
      rssMb: mb(process.memoryUsage().rss),
      heapUsedMb: mb(process.memoryUsage().heapUsed),
      loadAverage: load,
    }),
  );
  if (first.planned === 0) throw new Error('The first run planned no reminders: the seeded mix or the clock is wrong.');
  if (delayedAfter - delayedBefore !== first.planned) throw new Error(`The first run planned ${first.planned} but the queue gained ${delayedAfter - delayedBefore} delayed jobs.`);
  if (second.planned !== 0 || delayedAfterSecond !== delayedAfter) {
    throw new Error(`NOT IDEMPOTENT: the second run planned ${second.planned} reminders (queue ${delayedAfter} → ${delayedAfterSecond} delayed jobs); it must plan 0.`);
  }
  const target = firstMs < 30_000 && memAfter - memBefore < 100 * 1048576;
  console.log(`target (planning < 30 s, Redis for queued reminders < 100 MB): ${target ? 'met' : 'NOT met'}`);
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await app.outbox.queue.obliterate({ force: true }).catch((err: Error) => console.error(`obliterating the queue failed: ${err.message}`));
  // The app's other queues (complaint deadlines, reminder scheduler) leave their meta keys under this run's prefix.
  for await (const keys of app.redis.scanStream({ match: `${queuePrefix}:*`, count: 500 }) as AsyncIterable<string[]>) if (keys.length) await app.redis.del(...keys);
  await app.close();
  if (onPostgres) await adminQuery(`drop database ${pgName} with (force)`);
  else for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbUrl}${suffix}`, { force: true });
}
if (failed) process.exit(1);
