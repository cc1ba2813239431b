/**
 * Complaint statistics for the officers' dashboard and the public summary: one row per office and month, as data
 * and as CSV. This module holds the vocabulary and the pure arithmetic; `src/db/complaint-stats-store.ts` computes
 * the rows in SQL.
 *
 * What a row counts (every definition reads columns of the complaint):
 *
 * - **Row.** The complaints *filed* in one month (the WIB calendar month of `created_at`, so 2026-11-30T18:00Z,
 *   01:00 WIB on 1 December, is December) that belong to one office *now* (the `office` column: the office the
 *   ticket was last routed, disposed or re-routed to). Every figure of a row describes that same set of
 *   complaints, with their whole history, so `resolved ≤ received` always holds. The rows of recent months keep
 *   changing while their complaints are handled. Months and offices without a complaint have no row.
 * - **Received.** Every complaint in the row, whatever its type (pengaduan, aspirasi, informasi), privacy or state.
 * - **Resolved.** The complaint is in state `selesai` now (with its `resolved_at`). A ticket reopened by its
 *   reporter counts only once it is `selesai` again; closed without a resolution (`ditolak`, `duplikat`,
 *   `dibatalkan`, `bukan_kewenangan`) is not resolved.
 * - **On time.** A resolved complaint whose `resolved_at` is at or before its `response_due_at`. That column is the
 *   only handling deadline stored: 8 working days after filing, replaced by 5 working days after the last
 *   disposition or re-route (working days of `WorkingCalendar`, each deadline the end of a WIB day). So it is
 *   measured against the deadline of the office that holds the ticket now; the earlier deadline of a ticket
 *   disposed again is not kept. There is no separate resolution deadline in the data.
 * - **First response.** `first_response_at`: the first step the reporter saw from an officer (the coordinator
 *   or an office): a reply, or a move to any state other than `diterima` (a transition, re-route or reopen). The
 *   service sets it; the migration that added it filled it from the audit trail. The resident's own moves
 *   (cancelling, reopening), system entries (escalations, automatic closing) and hidden entries do not count. This
 *   is not `responded_at`, which records only the office's first `diproses`/`selesai` or reply and is what the
 *   response deadline is about.
 * - **Days.** Calendar days as elapsed time (24 hours = 1 day, fractions kept), from `created_at` to the first
 *   response, or to `resolved_at` (the last move to `selesai`, so a reopened ticket counts its whole time).
 * - **Median.** The interpolated median (PostgreSQL's `percentile_cont(0.5)`: the mean of the two middle values
 *   when their number is even) of the complaints that have the value; null when none has.
 * - **Rating.** The reporter's 1–5 answer after resolution (`rating`), over the complaints of the row that have
 *   one; null when none has.
 *
 * None of the fields can carry a name or free text: an office code (always a code from the routing table: the
 * service routes and disposes only to codes it knows), a month, counts and numbers.
 */
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { WIB } from '../../core/clock.js';

/** A calendar month in WIB, written `YYYY-MM`. */
export type StatsMonth = string;

/** One office's figures for the complaints filed in one month (see the module comment for each definition). */
export interface StatsRow {
  /** Office code from the routing table (`dlh`, `dpupr_pkp`). */
  office: string;
  /** The WIB month the complaints were filed in, `YYYY-MM`. */
  month: StatsMonth;
  /** Complaints filed. */
  received: number;
  /** Of those, how many are `selesai` now. */
  resolved: number;
  /** Of the resolved ones, the share (0–1) resolved by their response deadline; null when none is resolved. */
  onTimeShare: number | null;
  /** Median calendar days from filing to the first officer action the reporter sees; null when none had one. */
  medianDaysToFirstResponse: number | null;
  /** Median calendar days from filing to `selesai`, over the resolved ones; null when none is resolved. */
  medianDaysToResolution: number | null;
  /** Mean rating (1–5) over the rated complaints; null when none is rated. */
  averageRating: number | null;
  /** How many complaints were rated. */
  ratings: number;
}

/** Which rows to compute. Months are inclusive; an empty `office` list matches nothing. */
export interface StatsQuery {
  /** First month, `YYYY-MM` (WIB). */
  from?: StatsMonth;
  /** Last month, `YYYY-MM` (WIB). */
  to?: StatsMonth;
  /** Office codes; all offices when absent. */
  office?: string[];
}

/**
 * The sums a store gathers for one office and month, before the divisions. Durations are in milliseconds so both
 * databases hand over exact whole numbers and {@link statsRowFrom} does the same arithmetic on each.
 */
export interface StatsAggregate {
  office: string;
  month: StatsMonth;
  received: number;
  resolved: number;
  /** Resolved complaints resolved by their response deadline. */
  onTime: number;
  /** Median milliseconds from filing to the first response, null when none. */
  firstResponseMs: number | null;
  /** Median milliseconds from filing to resolution, null when none. */
  resolutionMs: number | null;
  /** Sum of the ratings given. */
  ratingSum: number;
  ratings: number;
}

/** Milliseconds in a calendar day. */
export const DAY_MS = 86_400_000;

/** The CSV header, in Indonesian for the city's officers. */
export const STATS_CSV_HEADER = [
  'Instansi',
  'Kode',
  'Bulan',
  'Diterima',
  'Selesai',
  'Tepat waktu (%)',
  'Median hari ke tanggapan pertama',
  'Median hari ke selesai',
  'Rata-rata nilai',
  'Jumlah penilaian',
] as const;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Throws a RangeError unless `month` is written `YYYY-MM`. */
function checkMonth(month: string, field: string): { year: number; month: number } {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`StatsQuery.${field} must be a month written YYYY-MM, got "${month}"`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/**
 * The instants a {@link StatsQuery}'s months span: `from` is the first instant of its WIB month, `until` the first
 * instant after the `to` month (exclusive). Absent months give absent bounds. Throws a RangeError on a month not
 * written `YYYY-MM`.
 */
export function statsPeriod(q: StatsQuery): { from?: Date; until?: Date } {
  const start = (ym: { year: number; month: number }) => DateTime.fromObject({ year: ym.year, month: ym.month, day: 1 }, { zone: WIB });
  const out: { from?: Date; until?: Date } = {};
  if (q.from !== undefined) out.from = start(checkMonth(q.from, 'from')).toJSDate();
  if (q.to !== undefined) out.until = start(checkMonth(q.to, 'to')).plus({ months: 1 }).toJSDate();
  return out;
}

/** The WIB month (`YYYY-MM`) an instant falls in. */
export function wibMonth(at: Date): StatsMonth {
  return DateTime.fromJSDate(at, { zone: WIB }).toFormat('yyyy-MM');
}

/**
 * The interpolated median of `sorted` (ascending), as PostgreSQL's `percentile_cont(0.5)` computes it; null for
 * an empty list.
 */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) / 2;
  const lo = sorted[Math.floor(pos)]!;
  const hi = sorted[Math.ceil(pos)]!;
  return lo + (hi - lo) * (pos - Math.floor(pos));
}

/** A {@link StatsRow} from its sums: the shares, days and mean worked out the same way for every database. */
export function statsRowFrom(a: StatsAggregate): StatsRow {
  return {
    office: a.office,
    month: a.month,
    received: a.received,
    resolved: a.resolved,
    onTimeShare: a.resolved > 0 ? a.onTime / a.resolved : null,
    medianDaysToFirstResponse: a.firstResponseMs === null ? null : a.firstResponseMs / DAY_MS,
    medianDaysToResolution: a.resolutionMs === null ? null : a.resolutionMs / DAY_MS,
    averageRating: a.ratings > 0 ? a.ratingSum / a.ratings : null,
    ratings: a.ratings,
  };
}

/** Rows in dashboard order: by office code, then month (plain code-unit order, the same on every database). */
export function compareStatsRows(a: StatsRow, b: StatsRow): number {
  if (a.office !== b.office) return a.office < b.office ? -1 : 1;
  return a.month < b.month ? -1 : a.month > b.month ? 1 : 0;
}

/**
 * `x` with one decimal and a dot ("66.7"), rounded half up; empty for null. Binary noise is removed first, so a
 * value meant as 0.25 or 1.45 rounds as it reads.
 */
function oneDecimal(x: number | null): string {
  if (x === null) return '';
  const clean = Number(x.toPrecision(12));
  return (Math.round(clean * 10) / 10).toFixed(1);
}

/**
 * The rows as CSV: the Indonesian {@link STATS_CSV_HEADER}, one line per row (`\n`), comma-separated, fields quoted
 * when they need it. `officeName` gives each office code its display name. The share is a percentage; shares,
 * medians and the mean rating have one decimal with a dot; empty cells for null. Cells that a spreadsheet would
 * read as a formula are prefixed with `'`.
 */
export function statsToCsv(rows: readonly StatsRow[], officeName: (code: string) => string): string {
  const records = rows.map((r) => [
    officeName(r.office),
    r.office,
    r.month,
    String(r.received),
    String(r.resolved),
    oneDecimal(r.onTimeShare === null ? null : r.onTimeShare * 100),
    oneDecimal(r.medianDaysToFirstResponse),
    oneDecimal(r.medianDaysToResolution),
    oneDecimal(r.averageRating),
    String(r.ratings),
  ]);
  return stringify([[...STATS_CSV_HEADER], ...records], { escape_formulas: true, record_delimiter: 'unix' });
}
