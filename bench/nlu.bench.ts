/**
 * NLU benchmark (plain tsx script, not part of the test run): start-up training time, classifications per
 * second on one core (wall clock and per CPU-second) over realistic messages of at most 30 words, p50/p99 latency of `understand()` (full:
 * normalise, classify, rules, entities), and the heap the NLU holds.
 *
 *   tsx bench/nlu.bench.ts [--seconds 5]
 *   node --expose-gc --import tsx bench/nlu.bench.ts   (more exact heap figure)
 */
import os from 'node:os';
import path from 'node:path';
import { INTENTS, COMPLAINT_CATEGORIES } from '../src/core/understanding.js';
import { createNlu } from '../src/nlu/index.js';
import { DEFAULT_INTENTS_DIR } from '../src/nlu/data-paths.js';
import { loadUtterances } from '../src/nlu/training-data.js';

const HAND_MADE = [
  'lampu pju di gg 3 jl. mastrip mati udh seminggu min',
  'jalan depan sdn jrebeng kidul 2 rusak parah bgt bnyk yg jatuh',
  'bu bidan sy hamil 3 bln mau daftar pengingat',
  'ada info lelang konstruksi gak?',
  'piye carane ngurus ktp sing ilang',
  'mbak, hotel murah deket stasiun ada?',
  'cek PBL-2026-000123',
  'bayi saya tidak mau menyusu dan badannya kuning',
  'tolong ada kebakaran di kebonsari wetan',
  'assalamualaikum',
  'makasih banyak min',
  'batal',
  'sampah numpuk di pinggir jalan dekat pasar baru sudah 3 hari gak diangkut, baunya parahhhh',
  'air pdam mati dari kemarin sore di kel. jati, tolong dicek',
  'ada pungli di kantor kelurahan buat ngurus surat pindah, diminta rp 200rb',
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function main(): void {
  const secondsArg = process.argv.indexOf('--seconds');
  const seconds = secondsArg >= 0 ? Number(process.argv[secondsArg + 1]) : 5;

  const heapBefore = heapMb();
  const t0 = performance.now();
  const nlu = createNlu();
  const trainMs = performance.now() - t0;
  const heapAfter = heapMb();

  // Realistic messages: the hand-made ones plus every training line of at most 30 words.
  const lines = [
    ...loadUtterances(path.join(DEFAULT_INTENTS_DIR, 'intent'), INTENTS).utterances,
    ...loadUtterances(path.join(DEFAULT_INTENTS_DIR, 'category'), COMPLAINT_CATEGORIES).utterances,
  ].map((u) => u.text);
  const messages = [...HAND_MADE, ...lines].filter((m) => m.split(/\s+/).length <= 30);
  const now = new Date('2026-11-28T03:00:00Z');

  // Warm-up: fills the stem and word caches the way a running bot has them.
  for (const m of messages) nlu.understand(m, now);

  let count = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < messages.length; i++) nlu.understand(messages[i]!, now);
    count += messages.length;
  }
  const throughput = count / ((performance.now() - started) / 1000);
  const cpu = process.cpuUsage(cpuStart);
  // Per CPU-second as well: on a shared machine wall-clock figures drop with other processes' load.
  const perCpuSecond = count / ((cpu.user + cpu.system) / 1e6);

  const latencies: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const m of messages) {
      const a = performance.now();
      nlu.understand(m, now);
      latencies.push(performance.now() - a);
    }
  }
  latencies.sort((a, b) => a - b);
  const heapRunning = heapMb();

  const rows: [string, string][] = [
    ['machine', `${os.cpus()[0]?.model ?? '?'} (${os.cpus().length} cores), node ${process.version}`],
    ['training at start-up', `${trainMs.toFixed(0)} ms (${nlu.stats.intentUtterances} intent + ${nlu.stats.categoryUtterances} category lines)`],
    ['messages', `${messages.length} distinct, ≤ 30 words`],
    ['load average (1 min)', `${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`],
    ['classifications/s (1 core)', `${throughput.toFixed(0)} wall clock, ${perCpuSecond.toFixed(0)} per CPU-second`],
    ['latency p50', `${(percentile(latencies, 50) * 1000).toFixed(0)} µs`],
    ['latency p99', `${(percentile(latencies, 99) * 1000).toFixed(0)} µs`],
    ['latency max', `${(latencies[latencies.length - 1]! * 1000).toFixed(0)} µs`],
    ['heap held by the NLU', `${(heapAfter - heapBefore).toFixed(1)} MB${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for an exact figure)'}`],
    ['heap after the run', `${heapRunning.toFixed(1)} MB total`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('NLU benchmark');
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

main();
