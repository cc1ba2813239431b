/**
 * GOVIS recommendations over BENCH_PLACES generated places (default 100,000) inside Kota Probolinggo: builds the
 * `PlaceIndex` (time and heap), then answers BENCH_QUERIES recommendation queries (default 10,000) one at a time
 * and reports the latency per query. Each query is what the chat sends: a point in the city (a kelurahan label
 * point moved up to about 900 m), a category most of the time, 0–2 tags, sometimes "buka sekarang", "murah",
 * a word to match or a second page ("lagi"), limit 3, with the default opening-hours check (OSM `opening_hours`
 * through `opening-hours.ts`) and the city map telling whether the point is in the city.
 * Places sit on kelurahan label points moved up to about 450 m, with random categories, tags, prices and hours.
 * Run with `npm run bench:govis` (node --expose-gc, so heap figures are after a full collection).
 */
import { performance } from 'node:perf_hooks';
import { loadCityMap } from '../src/geo/city-map.js';
import type { CoordPrecision, Place, PlaceCategory } from '../src/features/govis/place.js';
import { PlaceIndex } from '../src/features/govis/place-index.js';
import { recommend, type RecommendQuery } from '../src/features/govis/recommender.js';
import { seededRandom } from '../src/core/seeded-random.js';

const placeCount = Number(process.env.BENCH_PLACES ?? 100_000);
const queryCount = Number(process.env.BENCH_QUERIES ?? 10_000);
const WARM_UP = 1_000;

const prng = seededRandom;
const random = prng(20261129);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const map = loadCityMap();
const labels = map.list().map((a) => map.kelurahan(a.kelurahanCode)!);
const CATEGORIES: readonly PlaceCategory[] = ['wisata', 'penginapan', 'kuliner', 'oleh_oleh'];
const TAGS = ['keluarga', 'sejarah', 'religi', 'alam', 'murah', 'halal', 'anak', 'heritage', 'kuliner_malam', 'seafood', 'bakso', 'pantai', 'edukasi', 'legendaris'];
/** Hours as the import stores them; a third of the places have none. */
const HOURS = ['Mo-Su 08:00-21:00', 'Tu-Su 08:00-14:00', '24/7', 'Mo-Sa 10:00-22:00', 'Mo-Su 17:00-23:00', 'Mo-Fr 08:00-16:00; Sa 08:00-12:00', 'Mo-Su 06:00-10:00', 'Mo-Su 22:00-02:00'];
const PRECISIONS: readonly CoordPrecision[] = ['published', 'kelurahan', 'kelurahan', 'kelurahan', 'kecamatan'];
const NAME_WORDS = ['Warung', 'Depot', 'Rumah Makan', 'Hotel', 'Taman', 'Kampung', 'Sentra', 'Bakso', 'Sate', 'Rawon', 'Museum', 'Pantai', 'Toko'];

/** A point near a random kelurahan label point, moved up to `maxDeg` degrees each way. */
function pointInCity(maxDeg: number): { lat: number; lon: number } {
  const { label } = pick(labels);
  return { lat: label.lat + (random() * 2 - 1) * maxDeg, lon: label.lon + (random() * 2 - 1) * maxDeg };
}

/** Place i of the generated list: 2 % of unknown position, the rest on a kelurahan label point moved ≤ 450 m. */
function makePlace(i: number): Place {
  const unknownPosition = random() < 0.02;
  const at = pointInCity(0.004);
  return {
    id: `bench-${i}`,
    name: `${pick(NAME_WORDS)} ${i.toString(36)}`,
    aliases: [],
    category: pick(CATEGORIES),
    tags: TAGS.filter(() => random() < 0.15),
    lat: at.lat,
    lon: at.lon,
    coordPrecision: unknownPosition ? 'unknown' : pick(PRECISIONS),
    subcategory: null,
    address: null,
    kelurahan: null,
    kecamatan: null,
    kelurahanCode: null,
    openingHours: random() < 0.67 ? pick(HOURS) : null,
    hoursText: null,
    priceLevel: random() < 0.6 ? Math.floor(random() * 4) : null,
    priceText: null,
    sources: 'bench',
    notes: null,
  };
}

/** One chat query: see the module comment. */
function makeQuery(): RecommendQuery {
  const at = pointInCity(0.008);
  return {
    near: { ...at, label: 'bench', precise: random() < 0.5 },
    ...(random() < 0.8 ? { category: pick(CATEGORIES) } : {}),
    tags: TAGS.filter(() => random() < 0.07).slice(0, 2),
    openNow: random() < 0.3,
    cheap: random() < 0.15,
    ...(random() < 0.05 ? { text: pick(NAME_WORDS) } : {}),
    offset: random() < 0.1 ? 3 : 0,
    limit: 3,
  };
}

/** Heap in use after a full collection (`--expose-gc`), in MB. */
function heapMB(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** The q-quantile (0..1) of sorted numbers (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const heap0 = heapMB();
const places = Array.from({ length: placeCount }, (_, i) => makePlace(i));
const heapPlaces = heapMB();
const t0 = performance.now();
const index = new PlaceIndex(places);
const buildMs = performance.now() - t0;
const heapIndex = heapMB();

const queries = Array.from({ length: WARM_UP + queryCount }, makeQuery);
/** Times spread over a day and a week, so opening hours vary: from Sunday 29 November 2026 00:00 WIB. */
const nows = queries.map(() => new Date(Date.parse('2026-11-28T17:00:00Z') + Math.floor(random() * 7 * 24 * 60) * 60_000));
/** Wall-clock and CPU milliseconds of each measured query (CPU time: the process's, so other load does not count). */
const wall: number[] = [];
const cpu: number[] = [];
let slowest = { ms: 0, query: queries[0]! };
let exactTotals = 0;
let items = 0;
const run0 = performance.now();
for (let i = 0; i < queries.length; i++) {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const r = recommend(queries[i]!, index, { now: nows[i]!, cityMap: map });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu0);
  if (i < WARM_UP) continue;
  wall.push(ms);
  cpu.push((used.user + used.system) / 1000);
  items += r.items.length;
  if (r.totalExact) exactTotals++;
  if (ms > slowest.ms) slowest = { ms, query: queries[i]! };
}
const runMs = performance.now() - run0;

const f = (ms: number) => `${ms.toFixed(3)} ms`;
/** p50, p90, p99, max and mean of a list of milliseconds. */
function summary(list: number[]): string {
  const sorted = [...list].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return `p50 ${f(quantile(sorted, 0.5))}, p90 ${f(quantile(sorted, 0.9))}, p99 ${f(quantile(sorted, 0.99))}, max ${f(sorted.at(-1)!)}, mean ${f(mean)}`;
}
console.log(`places: ${placeCount.toLocaleString('en')}, queries: ${queryCount.toLocaleString('en')} (after ${WARM_UP} warm-up)`);
console.log(`index build: ${buildMs.toFixed(0)} ms; heap: places ${(heapPlaces - heap0).toFixed(1)} MB, index ${(heapIndex - heapPlaces).toFixed(1)} MB`);
console.log(`latency per query (wall clock): ${summary(wall)}`);
console.log(`CPU time per query:             ${summary(cpu)}`);
console.log(`throughput: ${Math.round((queries.length / runMs) * 1000).toLocaleString('en')} queries/s (one core, including warm-up)`);
console.log(`items per answer: ${(items / queryCount).toFixed(2)}; searches that looked at every match: ${((exactTotals / queryCount) * 100).toFixed(1)} %`);
console.log(`slowest query: ${JSON.stringify({ ...slowest.query, near: undefined })}`);
console.log(`RSS: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
