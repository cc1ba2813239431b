/**
 * The officers' dashboard's two heavy pages on PostgreSQL with 100,000 complaints: the inbox (`repo.list`, pages of
 * 50 newest first, with the total the admin API shows) and the statistics (`SqlComplaintStats.stats`).
 *
 * Seeds a throwaway database with {@link generateComplaints}: complaints spread over the last 12 months, every
 * category (so every office, routed by the real routing table, with national roads for BBPJN), the 29 kelurahan,
 * and a lifecycle per complaint that follows the service's rules (verification, disposition, office replies,
 * processing, resolution, reopening, ratings or automatic closing, rejections, duplicates, cancellations, referrals
 * and re-routes, escalations when a deadline passes, supporters), with deadlines from the real working-day calendar.
 * Then times each query one at a time after a warm-up.
 * Env: BENCH_ROWS (default 100000), BENCH_LIST_RUNS (default 200), BENCH_STATS_RUNS (default 20), BENCH_SEED,
 * BENCH_PG_URL (default the local `test` database server; a throwaway database is created and dropped),
 * BENCH_KEEP=1 keeps the database for EXPLAIN ANALYZE.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { dataPath } from '../src/core/data-path.js';
import { seededRandom } from '../src/core/seeded-random.js';
import type { ComplaintCategory } from '../src/core/understanding.js';
import { WorkingCalendar } from '../src/core/working-days.js';
import { SqlComplaintRepository } from '../src/db/complaint-repository.js';
import { SqlComplaintStats } from '../src/db/complaint-stats-store.js';
import { openDatabase } from '../src/db/orm.js';
import { DEFAULT_RULES } from '../src/features/complaints/complaint-service.js';
import type { StatsQuery } from '../src/features/complaints/complaint-stats.js';
import type { ComplaintQuery, ComplaintState, EventKind, PrivacyMode, ReportType } from '../src/features/complaints/model.js';
import { Router } from '../src/features/complaints/routing.js';
import { createTestDatabase } from '../tests/support/databases.js';
import { TEST_PG_URL } from '../tests/support/urls.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const WIB_OFFSET = 7 * HOUR;

/** A generated `complaints` row (dates as epoch ms). */
export interface GeneratedComplaint {
  id: string;
  ticket: string;
  source: 'chat' | 'open311';
  reporterUserId: string | null;
  type: ReportType;
  category: ComplaintCategory;
  description: string;
  locationText: string;
  lat: number;
  lon: number;
  kelurahan: string;
  kelurahanCode: string;
  kecamatan: string;
  privacy: PrivacyMode;
  office: string;
  state: ComplaintState;
  stateNote: string | null;
  referredTo: string | null;
  duplicateOf: string | null;
  createdAt: number;
  updatedAt: number;
  verifyDueAt: number;
  responseDueAt: number;
  respondedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  escalatedAt: number | null;
  overdue: boolean;
  rating: number | null;
  reopenCount: number;
  supporterCount: number;
}

/** A generated `complaint_events` row. */
export interface GeneratedEvent {
  complaintId: string;
  seq: number;
  at: number;
  actor: string;
  kind: EventKind;
  fromState: ComplaintState | null;
  toState: ComplaintState | null;
  note: string | null;
  visibleToReporter: boolean;
}

/** A kelurahan of the city, from `data/geo/wilayah.csv`. */
interface Kelurahan {
  code: string;
  name: string;
  kecamatan: string;
  lat: number;
  lon: number;
}

/** The city's kelurahan. */
function loadKelurahan(): Kelurahan[] {
  const rows = parse(readFileSync(dataPath('geo', 'wilayah.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  return rows
    .filter((r) => r.level === 'kelurahan')
    .map((r) => ({ code: r.kode!, name: r.nama!, kecamatan: r.kecamatan!, lat: Number(r.label_lat || r.centroid_lat), lon: Number(r.label_lng || r.centroid_lng) }));
}

/** Categories with rough shares of a city's complaints (roads, rubbish and street lights lead). */
const CATEGORY_WEIGHTS: [ComplaintCategory, number][] = [
  ['jalan_selokan', 20],
  ['lingkungan', 15],
  ['lampu', 12],
  ['air_bersih', 8],
  ['ketertiban', 6],
  ['kependudukan', 6],
  ['parkir', 5],
  ['bansos', 5],
  ['kesehatan', 5],
  ['angkutan', 4],
  ['pendidikan', 4],
  ['warga_miskin', 3],
  ['perizinan', 2],
  ['pajak_retribusi', 2],
  ['lainnya', 2],
  ['pungli', 1],
];

const STREETS = ['jl mastrip', 'jl pahlawan', 'jl dr sutomo', 'jl brantas', 'jl ikan tongkol', 'jl kh hasyim asyari', 'jl cokroaminoto', 'gang 3'];
const NATIONAL_STREETS = ['jl soekarno hatta', 'jl panglima sudirman', 'jl suroyo'];
const AGENCIES = ['pln', 'kabupaten', 'polres'];

/**
 * `count` complaints filed over the 365 days before `now`, with their audit trails, deterministic for a `seed`.
 * Each complaint's life follows the service: a coordinator verifies (half of them) and disposes it, the office may
 * reply, processes and resolves it; some are cancelled by the reporter, rejected, marked duplicate, referred to an
 * outside agency, re-routed to another office, or stuck; resolved ones are rated (55 %) or closed automatically
 * 10 working days later, and 8 % are reopened once; a deadline that passes while the ticket waits adds the sweep's
 * escalation and sets `overdue`. Nothing happens after `now`, so recent complaints are still open.
 */
export function generateComplaints(opts: { count: number; now: Date; seed?: number; router?: Router; calendar?: WorkingCalendar }): {
  complaints: GeneratedComplaint[];
  events: GeneratedEvent[];
} {
  const rng = seededRandom(opts.seed ?? 20261201);
  const router = opts.router ?? Router.load();
  const calendar = opts.calendar ?? WorkingCalendar.load();
  const kelurahan = loadKelurahan();
  const now = opts.now.getTime();
  const cityOffices = router.table.offices.filter((o) => !o.external && o.code !== router.coordinator).map((o) => o.code);
  const totalWeight = CATEGORY_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const between = (a: number, b: number) => a + rng() * (b - a);
  const chance = (p: number) => rng() < p;
  const pickCategory = (): ComplaintCategory => {
    let x = rng() * totalWeight;
    for (const [c, w] of CATEGORY_WEIGHTS) if ((x -= w) < 0) return c;
    return 'lainnya';
  };
  // Deadlines depend only on the WIB day and the number of working days: cache them (luxon is slow per call).
  const dues = new Map<number, number>();
  const due = (from: number, n: number) => {
    const key = Math.floor((from + WIB_OFFSET) / DAY) * 64 + n;
    let d = dues.get(key);
    if (d === undefined) dues.set(key, (d = calendar.addWorkingDays(new Date(from), n).getTime()));
    return d;
  };

  const complaints: GeneratedComplaint[] = [];
  const events: GeneratedEvent[] = [];
  const duplicates = new Map<GeneratedComplaint, GeneratedComplaint>();
  for (let i = 0; i < opts.count; i++) {
    const createdAt = Math.round(now - rng() * 365 * DAY);
    const category = pickCategory();
    const kel = kelurahan[Math.floor(rng() * kelurahan.length)]!;
    const onNationalRoad = category === 'jalan_selokan' && chance(0.05);
    const street = onNationalRoad ? NATIONAL_STREETS[Math.floor(rng() * NATIONAL_STREETS.length)]! : STREETS[Math.floor(rng() * STREETS.length)]!;
    const locationText = `${street} dekat ${kel.name.toLowerCase()}`;
    const source = chance(0.1) ? 'open311' : 'chat';
    const c: GeneratedComplaint = {
      id: randomUUID(),
      ticket: '',
      source,
      reporterUserId: source === 'chat' ? randomUUID() : null,
      type: chance(0.85) ? 'pengaduan' : chance(0.67) ? 'aspirasi' : 'informasi',
      category,
      description: `laporan ${category.replace('_', ' ')} di ${locationText}, mohon segera ditangani (nomor ${i})`,
      locationText,
      lat: kel.lat + between(-0.004, 0.004),
      lon: kel.lon + between(-0.004, 0.004),
      kelurahan: kel.name,
      kelurahanCode: kel.code,
      kecamatan: kel.kecamatan,
      privacy: chance(0.7) ? 'publik' : chance(0.67) ? 'anonim' : 'rahasia',
      office: router.route({ category, kelurahanCode: kel.code, locationText }).office,
      state: 'diterima',
      stateNote: null,
      referredTo: null,
      duplicateOf: null,
      createdAt,
      updatedAt: createdAt,
      verifyDueAt: due(createdAt, DEFAULT_RULES.verifyWorkingDays),
      responseDueAt: due(createdAt, DEFAULT_RULES.verifyWorkingDays + DEFAULT_RULES.responseWorkingDays),
      respondedAt: null,
      resolvedAt: null,
      closedAt: null,
      escalatedAt: null,
      overdue: false,
      rating: null,
      reopenCount: 0,
      supporterCount: 0,
    };
    const trail: Omit<GeneratedEvent, 'complaintId' | 'seq'>[] = [
      { at: createdAt, actor: source === 'open311' ? 'open311' : 'resident', kind: 'filed', fromState: null, toState: 'diterima', note: null, visibleToReporter: true },
    ];
    const log = (at: number, actor: string, kind: EventKind, note: string | null = null, toState: ComplaintState | null = null, visible = true) => {
      trail.push({ at, actor, kind, fromState: toState ? c.state : null, toState, note, visibleToReporter: visible });
      if (toState) c.state = toState;
      c.updatedAt = Math.max(c.updatedAt, at);
    };
    let t = createdAt;
    /** The sweep's escalation, when a deadline passes before `until` while the ticket waits in a stage it covers. */
    const escalateBefore = (until: number) => {
      if (c.overdue) return;
      const verifying = c.state === 'diterima' || c.state === 'terverifikasi';
      const answering = (c.state === 'didisposisikan' || c.state === 'diproses') && c.respondedAt === null;
      const deadline = verifying ? c.verifyDueAt : answering ? c.responseDueAt : undefined;
      const at = deadline === undefined ? undefined : deadline + 10 * 60_000;
      if (at === undefined || at >= until) return;
      log(at, 'system', 'escalation', `${verifying ? 'verify' : 'response'} deadline passed; escalated to ${router.coordinator}`, null, false);
      c.overdue = true;
      c.escalatedAt = at;
    };
    /** Waits `gap` ms for the next step; false when that is after `now` (the complaint stays where it is). */
    const wait = (gap: number) => {
      // Whole milliseconds, as every Date the service stores.
      const next = t + Math.round(gap);
      escalateBefore(Math.min(next, now));
      if (next > now) return false;
      t = next;
      return true;
    };
    const officeActor = () => `office:${c.office} (petugas ${c.office})`;
    const coordinator = 'coordinator (koordinator)';
    const close = (to: ComplaintState, actor: string, note: string) => {
      log(t, actor, 'transition', note, to);
      c.stateNote = note;
      c.closedAt = t;
    };

    (() => {
      const fate = rng();
      if (fate < 0.03) return wait(between(HOUR, 2 * DAY)) && close('dibatalkan', 'resident', 'sudah diperbaiki sendiri');
      if (fate < 0.08) return wait(between(4 * HOUR, 3 * DAY)) && close('ditolak', coordinator, 'laporan tidak lengkap, mohon lapor ulang dengan lokasi');
      if (fate < 0.12) {
        if (!wait(between(4 * HOUR, 2 * DAY))) return;
        // An earlier complaint of the same category; its ticket is known once all are numbered.
        const original = complaints.findLast((o) => o.category === c.category && o.createdAt < c.createdAt);
        if (original) duplicates.set(c, original);
        return close('duplikat', coordinator, 'laporan sama');
      }
      const stuck = rng();
      if (stuck < 0.02) return wait(Infinity);
      if (chance(0.5)) {
        if (!wait(between(HOUR, 2 * DAY))) return;
        log(t, coordinator, 'transition', null, 'terverifikasi');
      }
      if (!wait(between(HOUR, 2 * DAY))) return;
      log(t, coordinator, 'transition', null, 'didisposisikan');
      c.responseDueAt = due(t, DEFAULT_RULES.responseWorkingDays);
      c.overdue = false;
      if (stuck < 0.07) return wait(Infinity);
      if (chance(0.35)) {
        if (!wait(between(2 * HOUR, 3 * DAY))) return;
        log(t, officeActor(), 'reply', 'petugas sudah menjadwalkan pengecekan ke lokasi');
        c.respondedAt ??= t;
      }
      const turn = rng();
      if (turn < 0.03) {
        if (!wait(between(DAY, 4 * DAY))) return;
        c.referredTo = AGENCIES[Math.floor(rng() * AGENCIES.length)]!;
        return close('bukan_kewenangan', officeActor(), `kewenangan ${c.referredTo}`);
      }
      if (turn < 0.07) {
        if (!wait(between(DAY, 4 * DAY))) return;
        const others = cityOffices.filter((o) => o !== c.office);
        const to = others[Math.floor(rng() * others.length)]!;
        log(t, officeActor(), 'reroute', `bukan tugas kami, diteruskan ke ${to}`, 'didisposisikan');
        c.office = to;
        c.responseDueAt = due(t, DEFAULT_RULES.responseWorkingDays);
        c.overdue = false;
      }
      if (!wait(between(4 * HOUR, 6 * DAY))) return;
      log(t, officeActor(), 'transition', null, 'diproses');
      c.respondedAt ??= t;
      if (stuck < 0.12) return wait(Infinity);
      const resolve = () => {
        log(t, officeActor(), 'transition', 'sudah diperbaiki petugas', 'selesai');
        c.stateNote = 'sudah diperbaiki petugas';
        c.resolvedAt = t;
      };
      // Most are done within days, some take weeks.
      if (!wait(12 * HOUR + rng() ** 2 * 25 * DAY)) return;
      resolve();
      if (chance(0.08)) {
        if (!wait(between(DAY, 10 * DAY))) return;
        log(t, 'resident', 'reopen', 'belum beres (pelapor)', 'diproses');
        c.reopenCount++;
        c.resolvedAt = null;
        c.stateNote = 'belum beres (pelapor)';
        if (!wait(between(DAY, 10 * DAY))) return;
        resolve();
      }
      if (chance(0.55)) {
        if (!wait(between(HOUR, 5 * DAY))) return;
        const x = rng();
        c.rating = x < 0.35 ? 5 : x < 0.65 ? 4 : x < 0.8 ? 3 : x < 0.9 ? 2 : 1;
        c.closedAt = t;
        log(t, 'resident', 'feedback', `rating ${c.rating}`);
        return;
      }
      const autoClose = due(c.resolvedAt!, DEFAULT_RULES.autoCloseWorkingDays) + 10 * 60_000;
      if (autoClose > now) return;
      t = autoClose;
      c.closedAt = t;
      log(t, 'system', 'feedback', 'ditutup otomatis: tidak ada tanggapan pelapor');
    })();

    // Supporters ("dukung"): hidden entries, some time after filing.
    if (chance(0.1)) {
      const n = 1 + Math.floor(rng() * 3);
      for (let k = 0; k < n; k++) {
        const at = Math.round(createdAt + rng() * Math.min(10 * DAY, now - createdAt));
        trail.push({ at, actor: 'resident', kind: 'support', fromState: null, toState: null, note: null, visibleToReporter: false });
      }
      c.supporterCount = n;
    }
    trail.sort((a, b) => a.at - b.at);
    trail.forEach((e, k) => events.push({ ...e, complaintId: c.id, seq: k + 1 }));
    complaints.push(c);
  }
  // In filing order, and the events in time order, as a live table is written (the physical order matters to
  // index scans); ticket numbers per WIB year in that order.
  complaints.sort((a, b) => a.createdAt - b.createdAt);
  events.sort((a, b) => a.at - b.at);
  const counters = new Map<number, number>();
  for (const c of complaints) {
    const year = new Date(c.createdAt + WIB_OFFSET).getUTCFullYear();
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    c.ticket = `PBL-${year}-${String(n).padStart(6, '0')}`;
  }
  for (const [c, original] of duplicates) c.duplicateOf = original.ticket;
  return { complaints, events };
}

/** Inserts generated rows in batches (one `unnest` statement per batch and table). */
export async function insertGenerated(client: pg.Client, data: ReturnType<typeof generateComplaints>, batch = 5000): Promise<void> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  for (let i = 0; i < data.complaints.length; i += batch) {
    const rows = data.complaints.slice(i, i + batch);
    const col = <T>(f: (c: GeneratedComplaint) => T) => rows.map(f);
    await client.query(
      `insert into complaints (id, ticket, idempotency_key, source, reporter_user_id, reporter_channel, reporter_address, reporter_locale, type, category,
         description, location_text, lat, lon, kelurahan, kelurahan_code, kecamatan, photos, privacy, office, state, state_note, referred_to, duplicate_of,
         created_at, updated_at, verify_due_at, response_due_at, responded_at, resolved_at, closed_at, escalated_at, overdue, rating, reopen_count, supporter_count)
       select id, ticket, 'bench-' || ticket, source, reporter, case when reporter is null then null else 'telegram' end,
         case when reporter is null then null else 'tg-' || ticket end, case when reporter is null then null else 'id' end, type, category,
         description, location_text, lat, lon, kelurahan, kelurahan_code, kecamatan, '[]'::jsonb, privacy, office, state, state_note, referred_to, duplicate_of,
         created_at, updated_at, verify_due_at, response_due_at, responded_at, resolved_at, closed_at, escalated_at, overdue, rating, reopen_count, supporter_count
       from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::float8[], $10::float8[], $11::text[],
         $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::timestamptz[], $21::timestamptz[],
         $22::timestamptz[], $23::timestamptz[], $24::timestamptz[], $25::timestamptz[], $26::timestamptz[], $27::timestamptz[], $28::boolean[], $29::int[],
         $30::int[], $31::int[])
         as t(id, ticket, source, reporter, type, category, description, location_text, lat, lon, kelurahan, kelurahan_code, kecamatan, privacy, office, state,
           state_note, referred_to, duplicate_of, created_at, updated_at, verify_due_at, response_due_at, responded_at, resolved_at, closed_at, escalated_at,
           overdue, rating, reopen_count, supporter_count)`,
      [
        col((c) => c.id),
        col((c) => c.ticket),
        col((c) => c.source),
        col((c) => c.reporterUserId),
        col((c) => c.type),
        col((c) => c.category),
        col((c) => c.description),
        col((c) => c.locationText),
        col((c) => c.lat),
        col((c) => c.lon),
        col((c) => c.kelurahan),
        col((c) => c.kelurahanCode),
        col((c) => c.kecamatan),
        col((c) => c.privacy),
        col((c) => c.office),
        col((c) => c.state),
        col((c) => c.stateNote),
        col((c) => c.referredTo),
        col((c) => c.duplicateOf),
        col((c) => iso(c.createdAt)),
        col((c) => iso(c.updatedAt)),
        col((c) => iso(c.verifyDueAt)),
        col((c) => iso(c.responseDueAt)),
        col((c) => iso(c.respondedAt)),
        col((c) => iso(c.resolvedAt)),
        col((c) => iso(c.closedAt)),
        col((c) => iso(c.escalatedAt)),
        col((c) => c.overdue),
        col((c) => c.rating),
        col((c) => c.reopenCount),
        col((c) => c.supporterCount),
      ],
    );
  }
  for (let i = 0; i < data.events.length; i += batch * 4) {
    const rows = data.events.slice(i, i + batch * 4);
    const col = <T>(f: (e: GeneratedEvent) => T) => rows.map(f);
    await client.query(
      `insert into complaint_events (id, complaint_id, seq, at, actor, kind, from_state, to_state, note, visible_to_reporter)
       select gen_random_uuid(), * from unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[])`,
      [
        col((e) => e.complaintId),
        col((e) => e.seq),
        col((e) => iso(e.at)),
        col((e) => e.actor),
        col((e) => e.kind),
        col((e) => e.fromState),
        col((e) => e.toState),
        col((e) => e.note),
        col((e) => e.visibleToReporter),
      ],
    );
  }
  // first_response_at as the service keeps it: filled from the trail the way the migration that added it does.
  await client.query(
    `update complaints c set first_response_at = fr.at from (select e.complaint_id, min(e.at) as at from complaint_events e
       where e.visible_to_reporter and (e.actor like 'office:%' or e.actor = 'coordinator' or e.actor like 'coordinator (%')
         and (e.kind = 'reply' or (e.kind in ('transition', 'reroute', 'reopen') and e.to_state is not null and e.to_state <> 'diterima'))
       group by e.complaint_id) fr where fr.complaint_id = c.id`,
  );
}

/** The p-th percentile (nearest rank) of `xs`, in ms with one decimal. */
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
}

/** Runs `work` `warmup` times untimed, then `runs` times; returns the milliseconds of each timed run. */
async function timed(runs: number, warmup: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    ms.push(performance.now() - t0);
  }
  return ms;
}

async function main(): Promise<void> {
  const rows = Number(process.env.BENCH_ROWS ?? 100_000);
  const listRuns = Number(process.env.BENCH_LIST_RUNS ?? 200);
  const statsRuns = Number(process.env.BENCH_STATS_RUNS ?? 20);
  const seed = Number(process.env.BENCH_SEED ?? 20261201);
  const database = await createTestDatabase('postgresql', process.env.BENCH_PG_URL ?? TEST_PG_URL);
  const url = new URL(database.url);

  const orm = await openDatabase(url.toString());
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  try {
    const now = new Date();
    const t0 = performance.now();
    const data = generateComplaints({ count: rows, now, seed });
    const generated = performance.now();
    await insertGenerated(db, data);
    await db.query('vacuum analyze complaints');
    await db.query('vacuum analyze complaint_events');
    const seeded = performance.now();
    const states: Record<string, number> = {};
    for (const c of data.complaints) states[c.state] = (states[c.state] ?? 0) + 1;
    const offices = new Set(data.complaints.map((c) => c.office));
    console.log(
      JSON.stringify({
        complaints: rows,
        events: data.events.length,
        offices: offices.size,
        overdue: data.complaints.filter((c) => c.overdue).length,
        states,
        generateSeconds: Math.round(generated - t0) / 1000,
        insertSeconds: Math.round(seeded - generated) / 1000,
      }),
    );

    const repo = new SqlComplaintRepository(orm);
    const stats = new SqlComplaintStats(orm);
    const busiest = [...offices].map((o) => [o, data.complaints.filter((c) => c.office === o).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
    const kelurahan = data.complaints[0]!.kelurahanCode;
    const inbox: [string, ComplaintQuery][] = [
      [`office ${busiest}, state didisposisikan/diproses, overdue`, { offices: [busiest], states: ['didisposisikan', 'diproses'], overdue: true, limit: 50, offset: 0 }],
      [`kelurahan ${kelurahan}, filed 90 to 30 days ago`, { kelurahanCode: kelurahan, from: new Date(now.getTime() - 90 * DAY), to: new Date(now.getTime() - 30 * DAY), limit: 50, offset: 0 }],
      ['all offices, page 200', { limit: 50, offset: 199 * 50 }],
      [`office ${busiest}, page 200`, { offices: [busiest], limit: 50, offset: 199 * 50 }],
    ];
    const results: Record<string, unknown>[] = [];
    for (const [label, query] of inbox) {
      for (const withTotal of [true, false]) {
        let total: number | undefined;
        let items = 0;
        const ms = await timed(listRuns, 10, async () => {
          const page = await repo.list({ ...query, order: 'newest', withTotal });
          total = page.total;
          items = page.items.length;
        });
        if (items === 0 && query.offset === 0) throw new Error(`${label}: the first page is empty`);
        results.push({ page: 'inbox', query: label, withTotal, items, total, runs: listRuns, p50: pct(ms, 50), p95: pct(ms, 95), max: pct(ms, 100) });
      }
    }
    const statsQueries: [string, StatsQuery][] = [
      ['all offices, all months', {}],
      [`office ${busiest}, all months`, { office: [busiest] }],
    ];
    for (const [label, query] of statsQueries) {
      let n = 0;
      const ms = await timed(statsRuns, 2, async () => {
        n = (await stats.stats(query)).length;
      });
      results.push({ page: 'statistics', query: label, rows: n, runs: statsRuns, p50: pct(ms, 50), p95: pct(ms, 95), max: pct(ms, 100) });
    }
    for (const r of results) console.log(JSON.stringify(r));
  } finally {
    await db.end();
    await orm.close(true);
    if (process.env.BENCH_KEEP) console.log(`kept ${url}`);
    else await database.drop();
  }
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) await main();
