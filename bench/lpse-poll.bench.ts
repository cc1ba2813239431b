/**
 * One LPSE polling round (`TenderWatcher.pollOnce`) over BENCH_TENDERS listed tenders (default 2,000), network
 * excluded: the source holds the DataTables answers in memory as the JSON bodies SPSE sends (pages of 100 rows), and
 * each listing parses them as the real client does (JSON, `readDataTablesPage`, `parseDataTablesRows`). Everything
 * after the source is the real thing: `SqlLpseRepository` on a throwaway SQLite file and a throwaway PostgreSQL
 * database, `AlertSender` with the real texts (`I18n`), a `notify` that only counts the messages, BENCH_SUBS
 * subscriptions (default 5,000; two per vendor) stored with `saveVendor` + `addSubscription`, and follows.
 *
 * Rows: the two real 16-column SPSE 4.5 rows (data/lpse-fixtures, Kota Singkawang) as templates, with unique kode
 * values, names put together from real package names (ISB Kab. Bandung, SPSE captures, city-style names with a
 * Kota Probolinggo kelurahan), realistic stage texts (45 % finished, 3 % cancelled, the rest spread over the
 * running stages), jenis/metode/HPS mixes, and a "Tender Ulang" badge on 5 %.
 *
 * Scenarios, BENCH_RUNS times each (default 5), per dialect:
 * 1. baseline: empty database, every listed tender stored (nobody alerted);
 * 2. steady: the same list again, nothing changed (the round every 15 minutes);
 * 3. busy: 100 stage changes (followers told) and 50 new tenders (5 of them re-tenders of cancelled packages with
 *    followers), matched against every subscription, alerts recorded and queued;
 * 4. busy with details: as 3 with 20 new tenders and announcements on (`fetchDetails`), the in-memory source
 *    answering each announcement with a 12-stage schedule.
 * Rounds 1–3 run with `fetchDetails: false`. Before each busy round the tender, alert and poll tables are emptied and
 * a baseline round (not measured) stores the list again, so every repetition starts from the same state.
 *
 * Measured per round: CPU time of this process (`process.cpuUsage`, user + system; libsql runs inside it, so on
 * SQLite that includes the database; PostgreSQL's own work is in its server processes, reported separately from
 * /proc for the bench database's connections, 10 ms resolution), wall-clock time, and heap in use after a full
 * collection before and after the round (`--expose-gc`). Also the time per step (source, each repository call,
 * alert sending; inclusive, so alert sending includes its repository calls), averaged over the repetitions.
 * Environment: BENCH_TENDERS, BENCH_SUBS, BENCH_RUNS, BENCH_BADGES (share of names with a badge, default 0.05), BENCH_DB
 * (sqlite | postgresql; default both).
 * Run with `npm run bench:lpse-poll`.
 */
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/core';
import { I18n, type Locale } from '../src/core/i18n.js';
import type { ChannelName, OutboundMessage } from '../src/core/messages.js';
import type { Logger } from '../src/core/ports.js';
import { seededRandom } from '../src/core/seeded-random.js';
import { dataPath } from '../src/core/data-path.js';
import { openDatabase, type Dialect } from '../src/db/orm.js';
import { SqlLpseRepository } from '../src/db/lpse-repository.js';
import { Sql } from '../src/db/sql.js';
import { loadCityMap } from '../src/geo/city-map.js';
import { AlertSender } from '../src/features/lpse/alert-sender.js';
import type { JenisCode, KualifikasiCode, SubscriptionCriteria } from '../src/features/lpse/model.js';
import type { LpseRepository } from '../src/features/lpse/repository.js';
import { deadlinesFromSchedule, parseDataTablesRows, type Stage, type Tender, type TenderDetail, type TenderSource } from '../src/features/lpse/source/index.js';
import { readDataTablesPage } from '../src/features/lpse/source/dt-rows.js';
import { TenderWatcher, type RoundResult } from '../src/features/lpse/tender-watcher.js';
import { wordsOf } from '../src/features/lpse/words.js';
import { realTenderRows } from '../tests/lpse/fixtures.js';
import { createTestDatabase } from '../tests/support/databases.js';
import { TEST_PG_URL } from '../tests/support/urls.js';

const tenderCount = Number(process.env.BENCH_TENDERS ?? 2_000);
const subCount = Number(process.env.BENCH_SUBS ?? 5_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
/** Share of rows whose name cell carries a badge (HTML), which the parser hands to cheerio. */
const badgeShare = Number(process.env.BENCH_BADGES ?? 0.05);
const dialects: Dialect[] = process.env.BENCH_DB ? [process.env.BENCH_DB as Dialect] : ['sqlite', 'postgresql'];
const CHANGED = 100;
const NEW = 50;
const NEW_WITH_DETAILS = 20;
const RETENDERS = 5;
const FOLLOWERS_PER_TENDER = 2;
const PAGE_SIZE = 100;
const BASE_URL = 'https://spse.inaproc.id/probolinggokota';
/** Monday 30 November 2026, 10:00 WIB: inside the hours alerts go out; fiscal years 2026 and 2027 are watched. */
const NOW = new Date('2026-11-30T03:00:00Z');
const YEAR = 2026;
const ROUND_MS = 15 * 60_000;

let random = seededRandom(20261130);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const chance = (p: number): boolean => random() < p;

// ---- Names from the captures ----
const fixture = (p: string): unknown => JSON.parse(readFileSync(dataPath('lpse-fixtures', p), 'utf8'));
const realNames = [
  ...(fixture('isb_satudata/SPSE-TenderPengumuman_D107_2025.json') as { nama_paket: string }[]).map((r) => r.nama_paket),
  ...(fixture('isb_satudata/SPSE-NonTenderPengumuman_D107_2025.subset.json') as { nama_paket: string }[]).map((r) => r.nama_paket),
  ...realTenderRows().map((r) => String(r[1]).replace(/<[^>]*>[^<]*<\/[^>]*>/g, '').trim()),
];
/** What a city like Kota Probolinggo tenders most. */
const CITY_NAMES = [
  'Peningkatan Jalan Lingkungan', 'Rehabilitasi Saluran Drainase', 'Pembangunan Gedung Kantor', 'Rehabilitasi Gedung Sekolah Dasar',
  'Pengadaan Komputer dan Laptop', 'Pengadaan Alat Kesehatan Puskesmas', 'Pembangunan Tembok Penahan Tanah', 'Pemeliharaan Lampu Penerangan Jalan Umum',
  'Pengadaan Seragam Sekolah', 'Pembangunan Jembatan', 'Pemasangan Paving Jalan Lingkungan', 'Pengawasan Pembangunan Gedung',
  'Perencanaan Rehabilitasi Pasar', 'Pengadaan Mebel Sekolah', 'Normalisasi Saluran Irigasi', 'Pengadaan Kendaraan Operasional',
  'Pembangunan Ruang Kelas Baru', 'Penataan Taman Kota', 'Pengadaan CCTV', 'Jasa Kebersihan Kantor',
];
function splitName(name: string): { head: string; tail: string } {
  const words = name.split(/\s+/);
  const headLength = /^(belanja|pekerjaan|penyusunan|pengadaan|jasa)$/i.test(words[0] ?? '') ? 2 : 1;
  return { head: words.slice(0, headLength).join(' '), tail: words.slice(headLength).join(' ') };
}
const nameParts = [...new Set([...realNames, ...CITY_NAMES])].map(splitName).filter((p) => p.tail.length > 0);
const kelurahan = loadCityMap().list().map((a) => a.kelurahan);
const usedNames = new Set<string>();
/** A fresh package name: an activity and an object from two real names, often with a kelurahan of the city. */
function makeName(): string {
  for (let attempt = 0; ; attempt++) {
    const own = pick(nameParts);
    const name = `${chance(0.7) ? own.head : pick(nameParts).head} ${own.tail}${chance(0.6) ? ` Kelurahan ${pick(kelurahan)}` : ''}`;
    const unique = attempt < 20 ? name : `${name} Tahap ${attempt}`;
    if (!usedNames.has(unique)) {
      usedNames.add(unique);
      return unique;
    }
  }
}

// ---- Listed rows ----
const FINISHED = 'Tender Sudah Selesai';
const CANCELLED = 'Tender Batal';
/** Running stages in the order a tender passes them. */
const RUNNING = [
  'Pengumuman Pascakualifikasi', 'Download Dokumen Pemilihan', 'Pemberian Penjelasan', 'Upload Dokumen Penawaran', 'Pembukaan Dokumen Penawaran',
  'Evaluasi Administrasi, Kualifikasi, Teknis, dan Harga', 'Pembuktian Kualifikasi', 'Penetapan Pemenang', 'Pengumuman Pemenang', 'Masa Sanggah',
  'Penandatanganan Kontrak',
];
interface JenisMix {
  jenis: string;
  metode: string;
  kualifikasi: string;
  evaluasi: string;
  hps: [number, number];
  share: number;
}
const JENIS_MIX: JenisMix[] = [
  { jenis: 'Pekerjaan Konstruksi', metode: 'Tender', kualifikasi: 'Pascakualifikasi Satu File', evaluasi: 'Harga Terendah Sistem Gugur', hps: [2e8, 2e10], share: 0.5 },
  { jenis: 'Pengadaan Barang', metode: 'Tender', kualifikasi: 'Pascakualifikasi Satu File', evaluasi: 'Harga Terendah Sistem Gugur', hps: [2e8, 5e9], share: 0.25 },
  { jenis: 'Jasa Konsultansi Badan Usaha Konstruksi', metode: 'Seleksi', kualifikasi: 'Prakualifikasi Dua File', evaluasi: 'Kualitas dan Biaya', hps: [1e8, 3e9], share: 0.15 },
  { jenis: 'Jasa Lainnya', metode: 'Tender', kualifikasi: 'Pascakualifikasi Satu File', evaluasi: 'Harga Terendah Sistem Gugur', hps: [2e8, 3e9], share: 0.1 },
];

/** What a generated row says; `rowOf` turns it into the 16 SPSE cells. */
interface RowSpec {
  kode: string;
  name: string;
  retender: boolean;
  stage: string;
  mix: JenisMix;
  hps: number;
  template: number;
}

/** "15,9 M", "927,9 Jt", "3 M" as SPSE abbreviates HPS. */
function abbreviated(rupiah: number): string {
  const [size, unit] = rupiah >= 1e9 ? [1e9, 'M'] : [1e6, 'Jt'];
  return `${(rupiah / size).toFixed(1).replace(/\.0$/, '').replace('.', ',')} ${unit}`;
}
function rupiahText(amount: number): string {
  return `Rp. ${Math.round(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')},00`;
}

const templates = realTenderRows();
function rowOf(spec: RowSpec): unknown[] {
  const row = [...templates[spec.template]!];
  row[0] = spec.kode;
  row[1] = spec.retender ? `${spec.name} <span class='badge  badge-warning'>${spec.mix.metode === 'Seleksi' ? 'Seleksi' : 'Tender'} Ulang</span>` : spec.name;
  row[2] = 'Kota Probolinggo';
  row[3] = spec.stage;
  row[4] = abbreviated(spec.hps);
  row[5] = spec.mix.kualifikasi;
  row[6] = spec.mix.metode;
  row[7] = spec.mix.evaluasi;
  row[8] = `${spec.mix.jenis} - TA ${YEAR}`;
  row[10] = spec.stage === FINISHED ? rupiahText(spec.hps * 0.93) : 'Nilai Kontrak belum dibuat';
  return row;
}

let nextKode = 0;
function makeSpec(stage: string, retender = false, name = makeName()): RowSpec {
  let x = random();
  const mix = JENIS_MIX.find((m) => (x -= m.share) < 0) ?? JENIS_MIX[0]!;
  const [lo, hi] = mix.hps;
  const hps = Math.round((lo * (hi / lo) ** random()) / 1e5) * 1e5;
  return { kode: String(10_600_000_000 + nextKode++ * 1000), name, retender, stage, mix, hps, template: nextKode % templates.length };
}
function baseStage(): string {
  const x = random();
  return x < 0.45 ? FINISHED : x < 0.48 ? CANCELLED : pick(RUNNING);
}
const base: RowSpec[] = Array.from({ length: tenderCount }, () => makeSpec(baseStage(), chance(badgeShare)));

/** The next stage of a running tender; every 20th change a cancellation. */
function nextStage(stage: string, i: number): string {
  if (i % 20 === 0) return CANCELLED;
  const at = RUNNING.indexOf(stage);
  return at === RUNNING.length - 1 ? FINISHED : RUNNING[at + 1]!;
}
const runningIndexes = base.flatMap((s, i) => (RUNNING.includes(s.stage) ? [i] : []));
/** Every fifth running tender changes (closer together when the list is short). */
const stride = Math.max(1, Math.min(5, Math.floor(runningIndexes.length / CHANGED)));
const changedIndexes = runningIndexes.filter((_, k) => k % stride === 0).slice(0, CHANGED);
if (changedIndexes.length < CHANGED) throw new Error(`only ${changedIndexes.length} running tenders to change; raise BENCH_TENDERS`);
const cancelledOld = base.filter((s) => s.stage === CANCELLED).slice(0, RETENDERS);
const newSpecs: RowSpec[] = Array.from({ length: NEW }, (_, i) =>
  i < RETENDERS && cancelledOld[i] ? makeSpec('Pengumuman Pascakualifikasi', true, cancelledOld[i].name) : makeSpec(chance(0.7) ? 'Pengumuman Pascakualifikasi' : 'Download Dokumen Pemilihan'),
);
const changedSpecs = base.map((s, i) => (changedIndexes.includes(i) ? { ...s, stage: nextStage(s.stage, changedIndexes.indexOf(i)) } : s));

/** DataTables answers as SPSE sends them: JSON bodies of PAGE_SIZE rows. */
function pagesOf(specs: RowSpec[]): string[] {
  const rows = specs.map(rowOf);
  const pages: string[] = [];
  for (let start = 0; start <= rows.length; start += PAGE_SIZE) {
    const data = rows.slice(start, start + PAGE_SIZE);
    pages.push(JSON.stringify({ draw: pages.length + 1, recordsTotal: 2147483647, recordsFiltered: 2147483647, data }));
    if (data.length < PAGE_SIZE) break;
  }
  return pages;
}
const LISTS = {
  base: pagesOf(base),
  busy: pagesOf([...changedSpecs, ...newSpecs]),
  busyWithDetails: pagesOf([...changedSpecs, ...newSpecs.slice(0, NEW_WITH_DETAILS)]),
};

// The rows must read back as generated (stage, re-tender badge), or the scenarios measure something else.
{
  const parsed = parseDataTablesRows(LISTS.busy.flatMap((body) => readDataTablesPage(JSON.parse(body), 'check')), { baseUrl: BASE_URL });
  const specs = [...changedSpecs, ...newSpecs];
  const bad = parsed.findIndex((t, i) => t.kode !== specs[i]!.kode || t.tahap !== specs[i]!.stage || t.retender !== specs[i]!.retender || t.name !== specs[i]!.name);
  if (parsed.length !== specs.length || bad >= 0) throw new Error(`generated row ${bad} does not parse back: ${JSON.stringify(parsed[bad])}`);
}

/** A 12-stage schedule starting the day of `first`. */
function scheduleFrom(first: Date): Stage[] {
  const day = 86_400_000;
  return [...RUNNING, 'Sanggah Banding'].slice(0, 12).map((name, i) => ({ name, start: new Date(first.getTime() + i * 2 * day), end: new Date(first.getTime() + (i * 2 + 1) * day + 8 * 3_600_000) }));
}

/** SPSE without the network: the answers are in memory, parsing them is measured. */
class MemorySource implements TenderSource {
  pages: string[] = LISTS.base;

  async listOpen(year: number): Promise<Tender[]> {
    return (await this.listYear(year)).filter((t) => t.tahap !== FINISHED && t.tahap !== CANCELLED);
  }

  async listYear(year: number): Promise<Tender[]> {
    // Next year's list (watched from October) is empty here.
    if (year !== YEAR) return [];
    const seen = new Set<string>();
    const rows: unknown[] = [];
    for (const body of this.pages) {
      for (const row of readDataTablesPage(JSON.parse(body), `memory:${year}`)) {
        const kode = String((row as unknown[])[0]);
        if (!seen.has(kode)) {
          seen.add(kode);
          rows.push(row);
        }
      }
    }
    return parseDataTablesRows(rows, { baseUrl: BASE_URL, list: 'lelang' });
  }

  async detail(kode: string): Promise<TenderDetail> {
    const schedule = scheduleFrom(new Date(NOW.getTime() - 86_400_000));
    return { kode, satker: 'Dinas Pekerjaan Umum dan Penataan Ruang', kualifikasi: 'Kecil', pagu: 1_000_000_000, schedule, ...deadlinesFromSchedule(schedule) };
  }
}

// ---- Subscriptions ----
/** Words vendors subscribe to, popular first; then the words of the generated names, most frequent first. */
const POPULAR = [
  'jalan', 'gedung', 'drainase', 'jembatan', 'pengawasan', 'perencanaan', 'komputer', 'laptop', 'sekolah', 'puskesmas', 'kantor',
  'saluran', 'paving', 'irigasi', 'cctv', 'seragam', 'mebel', 'kendaraan', 'taman', 'pasar', 'lampu', 'kesehatan', 'konsultansi',
  'kebersihan',
];
/** Words no vendor subscribes to alone: connectives, and the activities nearly every name starts with. */
const STOP = new Set([
  'dan', 'di', 'ke', 'dari', 'untuk', 'pada', 'yang', 'kelurahan', 'kab', 'kec', 'tahap', 'belanja', 'pekerjaan', 'jasa', 'pengadaan',
  'pembangunan', 'peningkatan', 'rehabilitasi', 'rehab', 'pemeliharaan', 'penataan', 'revitalisasi', 'penyusunan', 'modal', 'lainnya',
]);
const nameWordCounts = new Map<string, number>();
for (const s of base) for (const w of new Set(wordsOf(s.name))) nameWordCounts.set(w, (nameWordCounts.get(w) ?? 0) + 1);
const VOCABULARY = [
  ...POPULAR,
  ...[...nameWordCounts.entries()]
    .filter(([w]) => w.length >= 4 && !/\d/.test(w) && !STOP.has(w) && !POPULAR.includes(w))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([w]) => w)
    .slice(0, 120),
];
const vocabWeights = VOCABULARY.map((_, i) => 1 / (i + 1));
const vocabTotal = vocabWeights.reduce((s, w) => s + w, 0);
function keyword(): string {
  let x = random() * vocabTotal;
  for (let i = 0; i < VOCABULARY.length; i++) if ((x -= vocabWeights[i]!) < 0) return VOCABULARY[i]!;
  return VOCABULARY.at(-1)!;
}
const JENIS: readonly JenisCode[] = ['konstruksi', 'barang', 'konsultansi', 'jasa_lainnya'];
const KUALIFIKASI: readonly KualifikasiCode[] = ['kecil', 'kecil', 'non_kecil'];
/** 85 % keyword subscriptions (1–2 groups, a third of the groups two words), 15 % jenis with an HPS band. */
function makeCriteria(): SubscriptionCriteria {
  const c: SubscriptionCriteria = { keywords: [], exclude: [] };
  if (chance(0.85)) {
    const groups = chance(0.7) ? 1 : 2;
    for (let g = 0; g < groups; g++) c.keywords.push(chance(0.67) ? [keyword()] : [keyword(), keyword()]);
    if (chance(0.2)) c.jenis = [pick(JENIS)];
    if (chance(0.1)) c.exclude = [pick(['pengawasan', 'perencanaan', 'konsultansi'])];
  } else {
    c.jenis = [pick(JENIS)];
    c.hpsMin = pick([2e8, 1e9, 2.5e9]);
    c.hpsMax = c.hpsMin * 5;
  }
  if (chance(0.2)) c.kualifikasi = pick(KUALIFIKASI);
  return c;
}
/** A UUID-shaped user id for vendor `i` (PostgreSQL keeps user ids as uuid). */
const vendorId = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const vendorCount = Math.max(1, Math.ceil(subCount / 2));

// ---- Measuring ----
interface Step {
  ms: number;
  cpu: number;
  calls: number;
}
/** Time per step of the current round (inclusive). */
let steps = new Map<string, Step>();
function record(name: string, t0: number, c0: NodeJS.CpuUsage): void {
  const used = process.cpuUsage(c0);
  const step = steps.get(name) ?? { ms: 0, cpu: 0, calls: 0 };
  step.ms += performance.now() - t0;
  step.cpu += (used.user + used.system) / 1000;
  step.calls++;
  steps.set(name, step);
}
/** `target` with every method call timed under `prefix.method`. */
function timed<T extends object>(target: T, prefix: string): T {
  return new Proxy(target, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop, obj) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const out = (value as (...a: unknown[]) => unknown).apply(obj, args);
        if (out instanceof Promise) return out.finally(() => record(`${prefix}.${String(prop)}`, t0, c0));
        record(`${prefix}.${String(prop)}`, t0, c0);
        return out;
      };
    },
  });
}

/** Heap in use after a full collection, MB. */
function heapMB(): number {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** CPU ms of PostgreSQL's server processes serving database `name` (from /proc; undefined when not readable). */
async function pgServerCpu(admin: pg.Client | undefined, name: string): Promise<Map<number, number> | undefined> {
  if (!admin) return undefined;
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name]);
  const tick = 1000 / 100;
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * tick);
    } catch {
      return undefined;
    }
  }
  return out;
}
function pgDelta(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | undefined {
  if (!before || !after) return undefined;
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

interface Measured {
  cpu: number;
  wall: number;
  pgCpu?: number;
  heapBefore: number;
  heapAfter: number;
  heapEnd: number;
  result: RoundResult;
  messages: number;
  steps: Map<string, Step>;
}

const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };

async function benchDialect(dialect: Dialect): Promise<{ rows: [string, Measured[]][]; seedMs: number }> {
  const db = await createTestDatabase(dialect);
  let orm: MikroORM | undefined;
  let admin: pg.Client | undefined;
  const dbName = dialect === 'postgresql' ? new URL(db.url).pathname.slice(1) : '';
  try {
    orm = await openDatabase(db.url);
    const sql = new Sql(orm);
    if (dialect === 'postgresql') {
      admin = new pg.Client({ connectionString: TEST_PG_URL });
      await admin.connect();
    }
    const repo: LpseRepository = timed(new SqlLpseRepository(orm), 'repo');
    let messages = 0;
    const alerts = timed(
      new AlertSender({
        repo,
        i18n: new I18n(),
        notify: async (batch: OutboundMessage[]) => {
          messages += batch.length;
        },
      }),
      'alerts',
    );
    const memory = new MemorySource();
    const source = timed(memory, 'source');
    const watcher = new TenderWatcher({ source, sourceName: 'spse', repo, alerts, logger: quiet, settings: { fetchDetails: false } });
    const detailWatcher = new TenderWatcher({ source, sourceName: 'spse', repo, alerts, logger: quiet, settings: { fetchDetails: true } });

    // Vendors, subscriptions and follows (not measured); the same ones for each dialect.
    random = seededRandom(20261201);
    const seed0 = performance.now();
    const CHANNELS: ChannelName[] = ['telegram', 'telegram', 'whatsapp'];
    for (let v = 0; v < vendorCount; v++) {
      const locale: Locale = v % 5 === 0 ? 'en' : 'id';
      await repo.saveVendor({ userId: vendorId(v), channel: CHANNELS[v % CHANNELS.length]!, address: String(6281_200_000_000 + v), locale }, NOW);
    }
    for (let s = 0; s < subCount; s++) await repo.addSubscription(vendorId(s % vendorCount), makeCriteria(), NOW);
    const followed = [...changedIndexes.map((i) => base[i]!.kode), ...cancelledOld.map((s) => s.kode)];
    for (const [k, kode] of followed.entries()) {
      for (let f = 0; f < FOLLOWERS_PER_TENDER; f++) await repo.follow(vendorId((k * 7 + f * 131) % vendorCount), kode, NOW);
    }
    const seedMs = performance.now() - seed0;

    const reset = async () => {
      for (const table of ['lpse_tenders', 'lpse_alerts', 'lpse_polls']) await sql.run(`delete from ${table}`);
    };
    const round = async (w: TenderWatcher, pages: string[], at: Date): Promise<Measured> => {
      memory.pages = pages;
      const heapBefore = heapMB();
      steps = new Map();
      messages = 0;
      const pg0 = await pgServerCpu(admin, dbName);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await w.pollOnce(at);
      const wall = performance.now() - t0;
      const used = process.cpuUsage(c0);
      const heapEnd = process.memoryUsage().heapUsed / 1024 / 1024;
      const pg1 = await pgServerCpu(admin, dbName);
      if (result.error) throw result.error;
      const heapAfter = heapMB();
      return { cpu: (used.user + used.system) / 1000, wall, pgCpu: pgDelta(pg0, pg1), heapBefore, heapAfter, heapEnd, result, messages, steps };
    };

    const out: [string, Measured[]][] = [];
    // A first round warms up the code paths (JIT, statement caches) and is not counted.
    await reset();
    await round(watcher, LISTS.base, NOW);

    const baseline: Measured[] = [];
    for (let r = 0; r < runs; r++) {
      await reset();
      baseline.push(await round(watcher, LISTS.base, NOW));
    }
    out.push(['1 baseline (empty db)', baseline]);

    const steady: Measured[] = [];
    for (let r = 0; r < runs; r++) steady.push(await round(watcher, LISTS.base, new Date(NOW.getTime() + (r + 1) * ROUND_MS)));
    out.push(['2 steady (no change)', steady]);

    const busy: Measured[] = [];
    for (let r = 0; r < runs; r++) {
      await reset();
      await round(watcher, LISTS.base, NOW);
      busy.push(await round(watcher, LISTS.busy, new Date(NOW.getTime() + ROUND_MS)));
    }
    out.push([`3 busy (${CHANGED} changed, ${NEW} new)`, busy]);

    const detailed: Measured[] = [];
    for (let r = 0; r < runs; r++) {
      await reset();
      await round(watcher, LISTS.base, NOW);
      // Every stored announcement read at NOW: only the new tenders' announcements are due.
      await sql.run('update lpse_tenders set detail_at = ?, detail_tries = 1', [new Date(NOW.getTime() + ROUND_MS)]);
      detailed.push(await round(detailWatcher, LISTS.busyWithDetails, new Date(NOW.getTime() + ROUND_MS)));
    }
    out.push([`4 busy + details (${CHANGED} changed, ${NEW_WITH_DETAILS} new)`, detailed]);
    return { rows: out, seedMs };
  } finally {
    await admin?.end();
    await orm?.close(true);
    await db.drop();
    if (dialect === 'sqlite') for (const suffix of ['-wal', '-shm']) rmSync(`${db.url}${suffix}`, { force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const worst = (xs: number[]): number => Math.max(...xs);
const ms = (x: number | undefined): string => (x === undefined ? '—' : `${Math.round(x)} ms`);

console.log(`LPSE polling round: ${tenderCount.toLocaleString('en')} listed tenders (${Math.round(badgeShare * 100)} % with a badge), ${subCount.toLocaleString('en')} subscriptions of ${vendorCount.toLocaleString('en')} vendors, ${runs} runs each`);
console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const dialect of dialects) {
  const { rows, seedMs } = await benchDialect(dialect);
  console.log(`\n## ${dialect} (seeding vendors, subscriptions and follows: ${(seedMs / 1000).toFixed(1)} s)`);
  console.log('| scenario | CPU median | CPU worst | wall median | wall worst | PostgreSQL server CPU median | heap before → after (end, before gc) | listed / new / changes / details read / matched / messages |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, list] of rows) {
    const m = list[Math.floor(list.length / 2)]!;
    const pgCpus = list.map((x) => x.pgCpu).filter((x): x is number => x !== undefined);
    console.log(
      `| ${name} | **${ms(median(list.map((x) => x.cpu)))}** | ${ms(worst(list.map((x) => x.cpu)))} | ${ms(median(list.map((x) => x.wall)))} | ${ms(worst(list.map((x) => x.wall)))} | ` +
        `${dialect === 'postgresql' ? ms(pgCpus.length ? median(pgCpus) : undefined) : 'in process'} | ` +
        `${median(list.map((x) => x.heapBefore)).toFixed(1)} → ${median(list.map((x) => x.heapAfter)).toFixed(1)} MB (${median(list.map((x) => x.heapEnd)).toFixed(1)}) | ` +
        `${m.result.listed} / ${m.result.created.length} / ${m.result.changes.length} / ${m.result.details.read} / ${m.result.matched} / ${m.messages} |`,
    );
  }
  for (const [name, list] of rows) {
    const total = new Map<string, Step>();
    for (const x of list) {
      for (const [k, s] of x.steps) {
        const t = total.get(k) ?? { ms: 0, cpu: 0, calls: 0 };
        t.ms += s.ms / list.length;
        t.cpu += s.cpu / list.length;
        t.calls += s.calls / list.length;
        total.set(k, t);
      }
    }
    const top = [...total.entries()].sort((a, b) => b[1].cpu - a[1].cpu).filter(([, s]) => s.cpu >= 1 || s.ms >= 2).slice(0, 8);
    console.log(`  ${name}, mean per step (CPU / wall, calls): ${top.map(([k, s]) => `${k} ${Math.round(s.cpu)}/${Math.round(s.ms)} ms${s.calls > 1 ? ` ×${Math.round(s.calls)}` : ''}`).join('; ')}`);
  }
}
console.log(`\nRSS at the end: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
