/**
 * Complaint statistics per office and WIB month, computed in the database (definitions in
 * `src/features/complaints/complaint-stats.ts`). PostgreSQL does everything in one statement (`date_trunc` in
 * Asia/Jakarta, `percentile_cont` for the medians). SQLite has no percentile function: it sums in SQL and hands
 * over each complaint's durations, and the medians are picked here; both end in {@link statsRowFrom}, so the two
 * databases give the same rows to the last bit.
 */
import type { MikroORM } from '@mikro-orm/core';
import { compareStatsRows, median, statsPeriod, statsRowFrom, type StatsAggregate, type StatsQuery, type StatsRow } from '../features/complaints/complaint-stats.js';
import { Sql } from './sql.js';

/** A complaint that is resolved now. */
const RESOLVED = "c.state = 'selesai' and c.resolved_at is not null";

/** The WIB month of `created_at` on SQLite (epoch ms). Asia/Jakarta has been UTC+7 without daylight saving since 1964. */
const SQLITE_MONTH = "strftime('%Y-%m', c.created_at / 1000 + 25200, 'unixepoch')";

/** The WIB month of `created_at` on PostgreSQL, as the first instant of the month (for grouping). */
const PG_MONTH_START = "date_trunc('month', c.created_at, 'Asia/Jakarta')";

/** Sums of one office and month as PostgreSQL returns them (counts and sums of integers come back as text). */
interface PgAggregateRow {
  office: string;
  month: string;
  received: string | number;
  resolved: string | number;
  on_time: string | number;
  first_response_ms: number | null;
  resolution_ms: number | null;
  rating_sum: string | number | null;
  ratings: string | number;
}

/** One complaint's durations on SQLite, in milliseconds. */
interface SqliteDurationRow {
  office: string;
  month: string;
  first_response_ms: number | null;
  resolution_ms: number | null;
}

/** Reads complaint statistics per office and month; see `complaint-stats.ts` for what each figure means. */
export class SqlComplaintStats {
  private readonly sql: Sql;

  /** Uses the ORM's connection (either dialect). */
  constructor(orm: MikroORM) {
    this.sql = new Sql(orm);
  }

  /**
   * One row per office and WIB month with at least one complaint filed, ordered by office code and month.
   * Throws a RangeError when a month in `q` is not written `YYYY-MM`.
   */
  async stats(q: StatsQuery = {}): Promise<StatsRow[]> {
    const aggregates = this.sql.dialect === 'postgresql' ? await this.postgresql(q) : await this.sqlite(q);
    return aggregates.map(statsRowFrom).sort(compareStatsRows);
  }

  /**
   * The same rows for the public page. Each is rebuilt field by field, so nothing added to a row later slips out
   * unnoticed. None of the fields can carry a name or free text: an office code, a month, counts, shares, days and
   * a mean rating.
   */
  async publicSummary(q: StatsQuery = {}): Promise<StatsRow[]> {
    return (await this.stats(q)).map((r) => ({
      office: r.office,
      month: r.month,
      received: r.received,
      resolved: r.resolved,
      onTimeShare: r.onTimeShare,
      medianDaysToFirstResponse: r.medianDaysToFirstResponse,
      medianDaysToResolution: r.medianDaysToResolution,
      averageRating: r.averageRating,
      ratings: r.ratings,
    }));
  }

  /** The WHERE clause for the query's months (on `created_at`, so the index can serve it) and offices. */
  private filter(q: StatsQuery): { where: string; params: unknown[] } {
    const { from, until } = statsPeriod(q);
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (from) {
      conditions.push('c.created_at >= ?');
      params.push(this.sql.date(from));
    }
    if (until) {
      conditions.push('c.created_at < ?');
      params.push(this.sql.date(until));
    }
    if (q.office) {
      conditions.push(q.office.length ? `c.office in (${q.office.map(() => '?').join(', ')})` : '1 = 0');
      params.push(...q.office);
    }
    return { where: conditions.length ? `where ${conditions.join(' and ')}` : '', params };
  }

  /**
   * Everything in one statement over the complaints alone (the first response is a column the service keeps, so
   * the events are not read); durations as float8 milliseconds, whole numbers, so the medians are exact.
   */
  private async postgresql(q: StatsQuery): Promise<StatsAggregate[]> {
    const { where, params } = this.filter(q);
    const ms = (later: string) => `(extract(epoch from ${later} - c.created_at) * 1000)::float8`;
    const rows = await this.sql.all<PgAggregateRow>(
      `select c.office, to_char(${PG_MONTH_START} at time zone 'Asia/Jakarta', 'YYYY-MM') as month,
         count(*) as received,
         count(*) filter (where ${RESOLVED}) as resolved,
         count(*) filter (where ${RESOLVED} and c.resolved_at <= c.response_due_at) as on_time,
         percentile_cont(0.5) within group (order by ${ms('c.first_response_at')}) filter (where c.first_response_at is not null) as first_response_ms,
         percentile_cont(0.5) within group (order by ${ms('c.resolved_at')}) filter (where ${RESOLVED}) as resolution_ms,
         sum(c.rating) as rating_sum, count(c.rating) as ratings
       from complaints c
       ${where}
       group by c.office, ${PG_MONTH_START}`,
      params,
    );
    return rows.map((r) => ({
      office: r.office,
      month: r.month,
      received: Number(r.received),
      resolved: Number(r.resolved),
      onTime: Number(r.on_time),
      firstResponseMs: r.first_response_ms === null ? null : Number(r.first_response_ms),
      resolutionMs: r.resolution_ms === null ? null : Number(r.resolution_ms),
      ratingSum: Number(r.rating_sum ?? 0),
      ratings: Number(r.ratings),
    }));
  }

  /**
   * Counts and sums in SQL, then each complaint's durations, grouped and sorted here to pick the medians. Two reads: a complaint filed in between can show in the counts of the current month and
   * not yet in its medians (or the other way round) until the next request.
   */
  private async sqlite(q: StatsQuery): Promise<StatsAggregate[]> {
    const { where, params } = this.filter(q);
    const sums = await this.sql.all<{ office: string; month: string; received: number; resolved: number; on_time: number; rating_sum: number | null; ratings: number }>(
      `select c.office, ${SQLITE_MONTH} as month, count(*) as received,
         sum(case when ${RESOLVED} then 1 else 0 end) as resolved,
         sum(case when ${RESOLVED} and c.resolved_at <= c.response_due_at then 1 else 0 end) as on_time,
         sum(c.rating) as rating_sum, count(c.rating) as ratings
       from complaints c ${where}
       group by c.office, month`,
      params,
    );
    const durations = await this.sql.all<SqliteDurationRow>(
      `select c.office, ${SQLITE_MONTH} as month,
         c.first_response_at - c.created_at as first_response_ms,
         case when ${RESOLVED} then c.resolved_at - c.created_at end as resolution_ms
       from complaints c ${where}`,
      params,
    );
    const lists = new Map<string, { firstResponse: number[]; resolution: number[] }>();
    for (const d of durations) {
      const key = `${d.office}\u0000${d.month}`;
      let list = lists.get(key);
      if (!list) lists.set(key, (list = { firstResponse: [], resolution: [] }));
      if (d.first_response_ms !== null) list.firstResponse.push(Number(d.first_response_ms));
      if (d.resolution_ms !== null) list.resolution.push(Number(d.resolution_ms));
    }
    const ascending = (a: number, b: number) => a - b;
    return sums.map((s) => {
      const list = lists.get(`${s.office}\u0000${s.month}`);
      return {
        office: s.office,
        month: s.month,
        received: Number(s.received),
        resolved: Number(s.resolved),
        onTime: Number(s.on_time),
        firstResponseMs: median(list?.firstResponse.sort(ascending) ?? []),
        resolutionMs: median(list?.resolution.sort(ascending) ?? []),
        ratingSum: Number(s.rating_sum ?? 0),
        ratings: Number(s.ratings),
      };
    });
  }
}
