/**
 * LPSE new-tender matching: BENCH_SUBS generated subscriptions (default 100,000) against BENCH_TENDERS generated new
 * tenders (default 1,000) with `SubscriptionIndex`, against a loop over every subscription.
 *
 * Vocabulary and names come from the real captures in data/lpse-fixtures (ISB Kab. Bandung TA 2025, SPSE list rows,
 * the Kalimantan Barat homepage) plus common procurement words. Subscriptions: 70 % keyword subscriptions (1–3
 * groups of 1–2 words, a popular word far more often than a rare one; 30 % of them also name jenis), 30 % without
 * keywords: nearly all with 1–2 jenis, 5 % of them only a satker ("every package of Dinas X"); HPS bounds,
 * exclusions, kualifikasi and a satker on some of each. Tenders: the
 * activity of one real name with the object of another, sometimes a Kota Probolinggo kelurahan, a satker of the city,
 * jenis, HPS and kualifikasi drawn from realistic mixes (a few unknown).
 *
 * Reports the index build time and memory (heap plus array buffers, after a full collection), the time to match all tenders (median and worst
 * of BENCH_RUNS runs, default 5), the matches found, and the every-subscription loop on BENCH_BRUTE tenders (default
 * 100) extrapolated to all of them, both as `matchesCriteria` on each pair and on criteria compiled once.
 * Environment: BENCH_SUBS, BENCH_TENDERS, BENCH_RUNS, BENCH_BRUTE. Run with `npm run bench:lpse-match` (node
 * --expose-gc, so memory figures are after a full collection).
 */
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { seededRandom } from '../src/core/seeded-random.js';
import { dataPath } from '../src/core/data-path.js';
import { loadCityMap } from '../src/geo/city-map.js';
import type { JenisCode, KualifikasiCode, Subscription, SubscriptionCriteria } from '../src/features/lpse/model.js';
import { parseDataTablesRows } from '../src/features/lpse/source/dt-rows.js';
import { parseHomepage } from '../src/features/lpse/source/homepage.js';
import {
  checkIsbRows,
  isbNonTenderRowSchema,
  isbNonTenderToTender,
  isbTenderRowSchema,
  isbTenderToTender,
} from '../src/features/lpse/source/isb-records.js';
import type { Tender } from '../src/features/lpse/source/tender.js';
import { SubscriptionIndex } from '../src/features/lpse/subscription-index.js';
import { CriteriaTable, matchesCriteria } from '../src/features/lpse/tender-facets.js';
import { wordsOf } from '../src/features/lpse/words.js';

const subCount = Number(process.env.BENCH_SUBS ?? 100_000);
const tenderCount = Number(process.env.BENCH_TENDERS ?? 1_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const bruteCount = Math.min(tenderCount, Number(process.env.BENCH_BRUTE ?? 100));

const random = seededRandom(20261130);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const chance = (p: number): boolean => random() < p;
/** A rank in [0, n) drawn with the weights whose running sums are `cumulative` (binary search). */
function weighted(cumulative: Float64Array): number {
  const x = random() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---- Real names from the captures ----
const fixture = (p: string): string => readFileSync(dataPath('lpse-fixtures', p), 'utf8');
const json = (p: string): unknown => JSON.parse(fixture(p));
const baseUrl = 'https://spse.inaproc.id/probolinggokota';
const realTenders: Tender[] = [
  ...checkIsbRows(
    json('isb_satudata/SPSE-TenderPengumuman_D107_2025.json') as unknown[],
    isbTenderRowSchema,
    'tender',
  ).map((r) => isbTenderToTender(r)),
  ...checkIsbRows(
    json('isb_satudata/SPSE-NonTenderPengumuman_D107_2025.subset.json') as unknown[],
    isbNonTenderRowSchema,
    'nontender',
  ).map((r) => isbNonTenderToTender(r)),
  ...parseDataTablesRows(json('spse_list/dt_lelang_singkawangkota_2026.rows.json') as unknown[], { baseUrl }),
  ...parseDataTablesRows((json('spse_list/dt_nonspk_nasional_2026.pyproc.json') as { data: unknown[] }).data, {
    baseUrl,
    list: 'nonspk',
  }),
  ...parseDataTablesRows((json('spse_list/dt_darurat-list_2026.pyproc.json') as { data: unknown[] }).data, {
    baseUrl,
    list: 'darurat',
  }),
  ...parseHomepage(
    fixture('spse_homepage/kalbarprov_home_tender_table.fragment.html') +
      fixture('spse_homepage/kalbarprov_home_nontender_table.fragment.html'),
    { baseUrl },
  ),
];
const realNames = [...new Set(realTenders.map((t) => t.name))];

/** Words that say nothing a vendor would subscribe to. */
const STOP = new Set([
  'dan',
  'di',
  'ke',
  'dari',
  'untuk',
  'pada',
  'yang',
  'atau',
  'dengan',
  'kab',
  'kec',
  'ds',
  'kp',
  'rt',
  'rw',
  'jl',
  'tahun',
  'anggaran',
  'kegiatan',
  'lokasi',
  'lainnya',
]);
/** What vendors subscribe to most, before the words of real names (so they draw the most subscriptions). */
const POPULAR = [
  'jalan',
  'gedung',
  'drainase',
  'jembatan',
  'rehabilitasi',
  'pengawasan',
  'perencanaan',
  'komputer',
  'laptop',
  'atk',
  'konsultansi',
  'puskesmas',
  'sekolah',
  'kantor',
  'saluran',
  'paving',
  'aspal',
  'irigasi',
  'sumur',
  'cctv',
  'seragam',
  'mebel',
  'printer',
  'obat',
  'makan',
  'minum',
  'catering',
  'sewa',
  'kendaraan',
  'ambulans',
  'genset',
  'pemeliharaan',
  'peningkatan',
  'pembangunan',
  'interior',
  'taman',
  'pasar',
  'lampu',
  'pju',
  'tpt',
  'talud',
  'box',
  'culvert',
  'ded',
  'kajian',
  'survey',
  'pakaian',
  'alat',
  'kesehatan',
  'rumah',
  'dinas',
];
const nameWordCounts = new Map<string, number>();
for (const n of realNames) for (const w of new Set(wordsOf(n))) nameWordCounts.set(w, (nameWordCounts.get(w) ?? 0) + 1);
const fromNames = [...nameWordCounts.entries()]
  .filter(([w]) => w.length >= 3 && !/^\d+$/.test(w) && !STOP.has(w) && !POPULAR.includes(w))
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  .map(([w]) => w);
const VOCABULARY = [...POPULAR, ...fromNames];
const vocabCumulative = new Float64Array(VOCABULARY.length);
// Zipf-like: the word of rank r drawn with weight 1 / r^0.9, so "jalan" is far more popular than a word of one real name.
for (let i = 0, sum = 0; i < VOCABULARY.length; i++) vocabCumulative[i] = sum += 1 / (i + 1) ** 0.9;
const keyword = (): string => VOCABULARY[weighted(vocabCumulative)]!;

// ---- Subscriptions ----
const JENIS: readonly JenisCode[] = ['konstruksi', 'barang', 'konsultansi', 'jasa_lainnya'];
const KUALIFIKASI: readonly KualifikasiCode[] = ['kecil', 'kecil', 'kecil', 'non_kecil'];
const EXCLUDE = ['pengawasan', 'perencanaan', 'konsultan', 'ded', 'sewa', 'tiket', 'makan', 'rehab', 'kajian'];
/** Satker of Kota Probolinggo and the words a subscription to each would hold (abbreviations spelled out). */
const SATKER = [
  { name: 'Dinas Pekerjaan Umum dan Penataan Ruang', words: ['pekerjaan', 'umum'] },
  { name: 'Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana', words: ['kesehatan'] },
  { name: 'Dinas Pendidikan dan Kebudayaan', words: ['pendidikan'] },
  { name: 'RSUD dr. Mohamad Saleh', words: ['rsud'] },
  { name: 'Dinas Lingkungan Hidup', words: ['lingkungan', 'hidup'] },
  { name: 'Dinas Perumahan, Kawasan Permukiman dan Pertanahan', words: ['perumahan'] },
  { name: 'Dinas Perhubungan', words: ['perhubungan'] },
  { name: 'Sekretariat Daerah', words: ['sekretariat', 'daerah'] },
  { name: 'Badan Penanggulangan Bencana Daerah', words: ['bencana'] },
  { name: 'Dinas Komunikasi dan Informatika', words: ['komunikasi', 'informatika'] },
];
/** HPS bands vendors name: up to 200 Jt (pengadaan langsung), 200 Jt – 2.5 M, 1 M – 15 M, from 2.5 M. */
const HPS_BANDS: readonly [number | undefined, number | undefined][] = [
  [undefined, 200e6],
  [200e6, 2.5e9],
  [1e9, 15e9],
  [2.5e9, undefined],
  [50e6, 1e9],
];

function makeSubscription(i: number): Subscription {
  const c: SubscriptionCriteria = { keywords: [], exclude: [] };
  if (chance(0.7)) {
    const groups = 1 + Math.floor(random() * 3);
    for (let g = 0; g < groups; g++) c.keywords.push(chance(0.6) ? [keyword()] : [keyword(), keyword()]);
    if (chance(0.3)) c.jenis = [pick(JENIS)];
  } else if (chance(0.95)) {
    c.jenis = chance(0.7) ? [pick(JENIS)] : [pick(JENIS), pick(JENIS)];
  } else {
    // "Every package of Dinas X": no keywords, no jenis; these are checked for every tender.
    const s = pick(SATKER);
    c.instansi = { label: s.name, words: s.words };
  }
  if (chance(0.3)) {
    const [min, max] = pick(HPS_BANDS);
    if (min !== undefined) c.hpsMin = min;
    if (max !== undefined) c.hpsMax = max;
  }
  if (chance(0.15)) c.exclude = [pick(EXCLUDE)];
  if (chance(0.25)) c.kualifikasi = pick(KUALIFIKASI);
  if (!c.instansi && chance(0.1)) {
    const s = pick(SATKER);
    c.instansi = { label: s.name, words: s.words };
  }
  return {
    id: `sub-${String(i).padStart(6, '0')}`,
    userId: `user-${i % 40_000}`,
    criteria: c,
    createdAt: new Date(1_796_000_000_000 + i * 1000),
  };
}

// ---- Tenders ----
/** A real name split into its activity ("Pembangunan", "Belanja Modal", "Pengadaan Jasa Lainnya") and its object. */
function splitName(name: string): { head: string; tail: string } {
  const words = name.split(/\s+/);
  const headLength = /^(belanja|pekerjaan|penyusunan|pengadaan)$/i.test(words[0] ?? '') ? 2 : 1;
  return { head: words.slice(0, headLength).join(' '), tail: words.slice(headLength).join(' ') };
}
const parts = realNames.map(splitName).filter((p) => p.tail.length > 0);
const heads = parts.map((p) => p.head);
const tails = parts.map((p) => p.tail);
const HAND_NAMES = [
  'Pengadaan Komputer dan Laptop',
  'Belanja Alat Tulis Kantor',
  'Pengadaan CCTV',
  'Pemasangan Paving',
  'Pengaspalan Jalan Lingkungan',
  'Pengadaan Seragam Sekolah',
  'Pengadaan Mebel Sekolah',
  'Belanja Makan dan Minum Rapat',
  'Sewa Kendaraan Operasional',
  'Pemeliharaan Lampu PJU',
  'Normalisasi Saluran Drainase',
  'Pengadaan Obat dan Bahan Medis Habis Pakai',
  'Pembangunan TPT Sungai',
];
const kelurahan = loadCityMap()
  .list()
  .map((a) => `Kelurahan ${a.kelurahan} Kecamatan ${a.kecamatan}`);
const JENIS_TEXT: readonly (string | undefined)[] = [
  ...Array<string>(9).fill('Pekerjaan Konstruksi'),
  ...Array<string>(3).fill('Jasa Konsultansi Badan Usaha Konstruksi'),
  'Jasa Konsultansi Badan Usaha Non Konstruksi',
  'Jasa Konsultansi Perorangan Non Konstruksi',
  ...Array<string>(4).fill('Pengadaan Barang'),
  ...Array<string>(2).fill('Jasa Lainnya'),
  'Pekerjaan Konstruksi Terintegrasi',
  undefined,
];
const KUALIFIKASI_TEXT: readonly (string | undefined)[] = [
  'Kecil',
  'Kecil',
  'Kecil',
  'Kecil',
  'Kecil',
  'Kecil',
  'Menengah',
  'Non Kecil',
  'Besar',
  'Perorangan',
  undefined,
  undefined,
];

function makeTender(i: number): Tender {
  let name = chance(0.1) ? pick(HAND_NAMES) : `${pick(heads)} ${pick(tails)}`;
  if (chance(0.4)) name += ` ${pick(kelurahan)}`;
  if (chance(0.1)) name = name.toUpperCase();
  const satker = pick(SATKER);
  const t: Tender = {
    kode: String(11_000_000_000 + i * 1000),
    name,
    retender: false,
    badges: [],
    kind: chance(0.3) ? 'nontender' : 'tender',
    instansi: 'Kota Probolinggo',
    satker: satker.name,
    tahap: '',
    url: `${baseUrl}/lelang/${11_000_000_000 + i * 1000}/pengumumanlelang`,
    source: 'spse',
  };
  const jenis = pick(JENIS_TEXT);
  if (jenis) t.jenis = jenis;
  // HPS log-uniform from 5 Jt to 20 M; 5 % unknown.
  if (!chance(0.05)) t.hps = Math.round(5e6 * 4000 ** random());
  const k = pick(KUALIFIKASI_TEXT);
  if (k) t.kualifikasi = k;
  return t;
}

// ---- Measure ----
/** Heap in use plus array buffers (the index's typed arrays live there), after a full collection, in MB. */
function heapMB(): number {
  global.gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1024 / 1024;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const subs = Array.from({ length: subCount }, (_, i) => makeSubscription(i));
const tenders = Array.from({ length: tenderCount }, (_, i) => makeTender(i));

const heapBefore = heapMB();
const t0 = performance.now();
const index = new SubscriptionIndex(subs);
const buildMs = performance.now() - t0;
const heapAfter = heapMB();
const stats = index.stats;

const matchMs: number[] = [];
let result = new Map<string, Subscription[]>();
for (let r = 0; r < runs; r++) {
  const start = performance.now();
  result = index.matchMany(tenders);
  matchMs.push(performance.now() - start);
}
let matchesFound = 0;
let maxPerTender = 0;
for (const list of result.values()) {
  matchesFound += list.length;
  maxPerTender = Math.max(maxPerTender, list.length);
}
let candidates = 0;
for (const t of tenders) candidates += index.candidateCount(t);

// Every subscription for every tender, as `matchesCriteria` on each pair (name words folded once per tender).
const bruteTenders = tenders.slice(0, bruteCount);
const b0 = performance.now();
const bruteResults = bruteTenders.map((t) => {
  const words = new Set(wordsOf(t.name));
  return subs.filter((s) => matchesCriteria(s.criteria, t, words));
});
const bruteMs = performance.now() - b0;
// The same loop on criteria compiled once into a CriteriaTable (compiling not timed): what is left once folding is paid for.
const table = new CriteriaTable(subs.map((s) => s.criteria));
const p0 = performance.now();
let preparedMatches = 0;
for (const t of bruteTenders) {
  const facets = table.facets(t);
  for (let row = 0; row < table.length; row++) if (table.matches(row, facets)) preparedMatches++;
}
const preparedMs = performance.now() - p0;

const byId = (a: Subscription, b: Subscription): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const agree = bruteTenders.every((t, i) => {
  const got = result.get(t.kode)!;
  const want = [...bruteResults[i]!].sort(byId);
  return got.length === want.length && got.every((s, j) => s === want[j]);
});
const bruteMatches = bruteResults.reduce((s, l) => s + l.length, 0);
if (!agree || preparedMatches !== bruteMatches) throw new Error('index and every-subscription loop disagree');

const scale = tenderCount / bruteCount;
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const n = (x: number): string => Math.round(x).toLocaleString('en');
const rows: [string, string][] = [
  [
    'subscriptions / tenders',
    `${n(subCount)} / ${n(tenderCount)} (vocabulary ${n(VOCABULARY.length)} words, ${n(realNames.length)} real names)`,
  ],
  ['index build', ms(buildMs)],
  ['index memory: heap + array buffers (gc before/after)', `${(heapAfter - heapBefore).toFixed(1)} MB`],
  [`match ${n(tenderCount)} tenders, median of ${runs}`, ms(median(matchMs))],
  [`match ${n(tenderCount)} tenders, worst of ${runs}`, ms(Math.max(...matchMs))],
  [
    'matches found',
    `${n(matchesFound)} (${(matchesFound / tenderCount).toFixed(0)} per tender, max ${n(maxPerTender)})`,
  ],
  [
    'candidates checked per tender',
    `${n(candidates / tenderCount)} of ${n(subCount)} (${((candidates / tenderCount / subCount) * 100).toFixed(1)} %)`,
  ],
  [
    'buckets',
    `${n(stats.keywordBuckets)} words, ${n(stats.keywordEntries)} entries, largest ${n(stats.largestKeywordBucket)}; jenis ${n(stats.jenisEntries)}; any jenis ${n(stats.anyJenis)}; never matching ${n(stats.neverMatching)}`,
  ],
  [
    `every subscription, matchesCriteria (${bruteCount} tenders → ×${scale})`,
    `${ms(bruteMs)} → ${ms(bruteMs * scale)}`,
  ],
  [
    `every subscription, compiled once (${bruteCount} tenders → ×${scale})`,
    `${ms(preparedMs)} → ${ms(preparedMs * scale)}`,
  ],
  ['index agrees with the loop', `yes, on ${bruteCount} tenders (the bench stops otherwise)`],
  [
    'target: 1,000 tenders × 100,000 subscriptions < 1 s',
    median(matchMs) * (1000 / tenderCount) < 1000 ? 'met' : 'not met',
  ],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(
  `node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, load ${os.loadavg()[0]!.toFixed(2)}`,
);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
console.log(
  `match runs: ${matchMs.map((x) => x.toFixed(1)).join(', ')} ms; RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
);
