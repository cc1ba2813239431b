/**
 * {@link ComplaintRepository} over the database, in plain SQL that both dialects take: ticket numbering per WIB
 * year, idempotent filing, filtered listing, optimistic state changes with their audit trail, and supporters.
 */
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { DateTime } from 'luxon';
import type { ChannelName, PhotoRef } from '../core/messages.js';
import type { Locale } from '../core/i18n.js';
import type { ComplaintCategory } from '../core/understanding.js';
import type {
  Complaint,
  ComplaintEvent,
  ComplaintLocation,
  ComplaintQuery,
  ComplaintRepository,
  ComplaintState,
  ContactRef,
  EventKind,
  PrivacyMode,
  ReportType,
  Supporter,
} from '../features/complaints/model.js';
import { OPEN_STATES } from '../features/complaints/states.js';
import { formatTicket } from '../features/complaints/ticket-id.js';
import { isUniqueViolation, Sql, type SqlTx, type Statement } from './sql.js';

/** A `complaints` row as the drivers return it (SQLite: dates as epoch ms, booleans as 0/1, JSON as text). */
interface ComplaintRow {
  id: string;
  ticket: string;
  source: string;
  reporter_user_id: string | null;
  reporter_channel: string | null;
  reporter_address: string | null;
  reporter_locale: string | null;
  reporter_name: string | null;
  reporter_email: string | null;
  type: string;
  category: string;
  description: string;
  location_text: string | null;
  lat: number | null;
  lon: number | null;
  kelurahan: string | null;
  kelurahan_code: string | null;
  kecamatan: string | null;
  photos: unknown;
  incident_date: string | null;
  privacy: string;
  office: string;
  state: string;
  state_note: string | null;
  duplicate_of: string | null;
  referred_to: string | null;
  created_at: unknown;
  updated_at: unknown;
  verify_due_at: unknown;
  response_due_at: unknown;
  responded_at: unknown;
  first_response_at: unknown;
  resolved_at: unknown;
  closed_at: unknown;
  escalated_at: unknown;
  overdue: boolean | number;
  rating: number | null;
  reopen_count: number;
  supporter_count: number;
}

interface EventRow {
  id: string;
  complaint_id: string;
  at: unknown;
  actor: string;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  visible_to_reporter: boolean | number;
}

interface SupporterRow {
  user_id: string;
  channel: string;
  address: string;
  locale: string;
  created_at: unknown;
}

/** What {@link ComplaintRepository.file} takes. */
type FileInput = Parameters<ComplaintRepository['file']>[0];

/** An event as callers hand it in. */
type NewEvent = Omit<ComplaintEvent, 'id' | 'complaintId'>;

/** Column values keyed by column name. */
type Columns = Record<string, unknown>;

/** Turns one field of a complaint into its columns; `undefined` (an absent optional field) becomes NULL. */
type Encoder<K extends keyof Complaint> = (value: Complaint[K] | undefined, sql: Sql) => Columns;

const orNull = (v: unknown) => v ?? null;
const dateOrNull = (v: Date | undefined, sql: Sql) => (v ? sql.date(v) : null);

/**
 * How each changeable field is stored. `id`, `ticket`, `createdAt` and `updatedAt` are missing on purpose: they
 * are written once at filing (and `updated_at` with every change), never through a patch.
 */
const ENCODERS: { [K in keyof Complaint]?: Encoder<K> } = {
  type: (v) => ({ type: v }),
  category: (v) => ({ category: v }),
  description: (v) => ({ description: v }),
  location: (v) => ({
    location_text: orNull(v?.text),
    lat: orNull(v?.point?.lat),
    lon: orNull(v?.point?.lon),
    kelurahan: orNull(v?.kelurahan),
    kelurahan_code: orNull(v?.kelurahanCode),
    kecamatan: orNull(v?.kecamatan),
  }),
  photos: (v, sql) => ({ photos: sql.json(v ?? []) }),
  incidentDate: (v) => ({ incident_date: orNull(v) }),
  privacy: (v) => ({ privacy: v }),
  reporter: (v) => ({ reporter_user_id: orNull(v?.userId), reporter_channel: orNull(v?.channel), reporter_address: orNull(v?.address), reporter_locale: orNull(v?.locale) }),
  reporterName: (v) => ({ reporter_name: orNull(v) }),
  reporterEmail: (v) => ({ reporter_email: orNull(v) }),
  source: (v) => ({ source: v }),
  office: (v) => ({ office: v }),
  state: (v) => ({ state: v }),
  stateNote: (v) => ({ state_note: orNull(v) }),
  duplicateOf: (v) => ({ duplicate_of: orNull(v) }),
  referredTo: (v) => ({ referred_to: orNull(v) }),
  verifyDueAt: (v, sql) => ({ verify_due_at: dateOrNull(v, sql) }),
  responseDueAt: (v, sql) => ({ response_due_at: dateOrNull(v, sql) }),
  respondedAt: (v, sql) => ({ responded_at: dateOrNull(v, sql) }),
  firstResponseAt: (v, sql) => ({ first_response_at: dateOrNull(v, sql) }),
  resolvedAt: (v, sql) => ({ resolved_at: dateOrNull(v, sql) }),
  closedAt: (v, sql) => ({ closed_at: dateOrNull(v, sql) }),
  escalatedAt: (v, sql) => ({ escalated_at: dateOrNull(v, sql) }),
  overdue: (v) => ({ overdue: v ?? false }),
  rating: (v) => ({ rating: orNull(v) }),
  reopenCount: (v) => ({ reopen_count: v ?? 0 }),
  supporterCount: (v) => ({ supporter_count: v ?? 0 }),
};

/** Fields whose columns are NOT NULL: in a patch, `undefined` leaves them alone instead of clearing them. */
const REQUIRED: ReadonlySet<keyof Complaint> = new Set<keyof Complaint>([
  'type',
  'category',
  'description',
  'location',
  'photos',
  'privacy',
  'source',
  'office',
  'state',
  'verifyDueAt',
  'responseDueAt',
  'overdue',
  'reopenCount',
  'supporterCount',
]);

/**
 * The columns for the fields present in `fields`. A present optional field set to `undefined` clears its column
 * (a reopened ticket loses its `resolvedAt`).
 */
function encode(fields: Partial<Complaint>, sql: Sql): Columns {
  const out: Columns = {};
  for (const [key, value] of Object.entries(fields) as [keyof Complaint, unknown][]) {
    const encoder = ENCODERS[key] as Encoder<typeof key> | undefined;
    if (!encoder || (value === undefined && REQUIRED.has(key))) continue;
    Object.assign(out, encoder(value as never, sql));
  }
  return out;
}

/** A copy of `obj` without its `undefined` properties, so absent optional fields are absent. */
function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** `?, ?, ?` for `values`. */
function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/** `%text%` for LIKE, with the wildcards in `text` matched literally (escape character `!`). */
function likePattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** The next ticket number of a year; the counter row is locked until the filing's transaction ends. */
const NEXT_NUMBER =
  'insert into ticket_counters (year, last) values (?, 1) on conflict (year) do update set last = ticket_counters.last + 1 returning last';

const ORDERS: Record<NonNullable<ComplaintQuery['order']>, string> = {
  newest: 'created_at desc, id desc',
  oldest: 'created_at asc, id asc',
  updated: 'updated_at desc, id desc',
};

/** Stores complaints, their audit trail and supporters; see {@link ComplaintRepository}. */
export class SqlComplaintRepository implements ComplaintRepository {
  private readonly sql: Sql;

  constructor(orm: MikroORM) {
    this.sql = new Sql(orm);
  }

  async file(input: FileInput): Promise<{ complaint: Complaint; created: boolean }> {
    const stored = await this.byIdempotencyKey(input.idempotencyKey);
    if (stored) return { complaint: stored, created: false };
    const year = DateTime.fromJSDate(input.at, { zone: 'Asia/Jakarta' }).year;
    try {
      // The number is taken in its own statement, so the year's counter row is locked only for that instant and
      // filings don't queue behind each other's inserts. A filing that fails afterwards leaves a gap in the
      // numbering (as LAPOR! tickets have); the complaint and its first event are written all or nothing.
      const [counter] = await this.sql.all<{ last: number | string }>(NEXT_NUMBER, [year]);
      const complaint = await (async () => {
        const { type, category, description, location, photos, incidentDate, privacy } = input.draft;
        const complaint = compact<Complaint>({
          type,
          category,
          description,
          location: compact(location),
          photos,
          incidentDate,
          privacy,
          id: randomUUID(),
          ticket: formatTicket(year, Number(counter!.last)),
          reporter: input.reporter,
          reporterName: input.reporterName,
          reporterEmail: input.reporterEmail,
          source: input.source,
          office: input.office,
          state: 'diterima',
          createdAt: input.at,
          updatedAt: input.at,
          verifyDueAt: input.verifyDueAt,
          responseDueAt: input.responseDueAt,
          overdue: false,
          reopenCount: 0,
          supporterCount: 0,
        });
        const columns: Columns = {
          id: complaint.id,
          ticket: complaint.ticket,
          idempotency_key: input.idempotencyKey,
          created_at: this.sql.date(input.at),
          updated_at: this.sql.date(input.at),
          ...encode(complaint, this.sql),
        };
        const names = Object.keys(columns);
        await this.sql.atomically([
          { sql: `insert into complaints (${names.join(', ')}) values (${placeholders(names)})`, params: Object.values(columns) },
          {
            sql: 'insert into complaint_events (id, complaint_id, seq, at, actor, kind, from_state, to_state, note, visible_to_reporter) values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?)',
            params: [randomUUID(), complaint.id, this.sql.date(input.at), input.source === 'open311' ? 'open311' : 'resident', 'filed', null, 'diterima', null, true],
          },
        ]);
        return complaint;
      })();
      return { complaint, created: true };
    } catch (err) {
      // A concurrent retry with the same key won: return its complaint.
      if (isUniqueViolation(err)) {
        const theirs = await this.byIdempotencyKey(input.idempotencyKey);
        if (theirs) return { complaint: theirs, created: false };
      }
      throw err;
    }
  }

  async byTicket(ticket: string): Promise<Complaint | undefined> {
    return (await this.select('where ticket = ?', [ticket]))[0];
  }

  async byReporter(userId: string, limit: number): Promise<Complaint[]> {
    return this.select(`where reporter_user_id = ? order by ${ORDERS.newest} limit ?`, [userId, limit]);
  }

  async supportedBy(userId: string, limit: number): Promise<Complaint[]> {
    const rows = await this.sql.all<ComplaintRow>(
      'select c.* from complaints c join complaint_supporters s on s.complaint_id = c.id ' +
        'where s.user_id = ? and (c.reporter_user_id is null or c.reporter_user_id <> s.user_id) ' +
        'order by s.created_at desc, c.id desc limit ?',
      [userId, limit],
    );
    return rows.map((r) => this.toComplaint(r));
  }

  async list(query: ComplaintQuery): Promise<{ items: Complaint[]; total?: number }> {
    const { where, params } = listFilter(query, this.sql);
    const page = this.select(`${where} order by ${ORDERS[query.order ?? 'newest']} limit ? offset ?`, [...params, query.limit, query.offset]);
    if (query.withTotal === false) return { items: await page };
    const [items, [count]] = await Promise.all([page, this.sql.all<{ n: number | string }>(`select count(*) as n from complaints ${where}`, params)]);
    return { items, total: Number(count?.n ?? 0) };
  }

  async openNear(category: ComplaintCategory, box: { minLat: number; maxLat: number; minLon: number; maxLon: number }, limit: number): Promise<Complaint[]> {
    return this.select(
      `where category = ? and state in (${placeholders(OPEN_STATES)}) and privacy <> 'rahasia' ` +
        `and lat between ? and ? and lon between ? and ? order by ${ORDERS.newest} limit ?`,
      [category, ...OPEN_STATES, box.minLat, box.maxLat, box.minLon, box.maxLon, limit],
    );
  }

  async events(complaintId: string): Promise<ComplaintEvent[]> {
    const rows = await this.sql.all<EventRow>('select * from complaint_events where complaint_id = ? order by at, seq', [complaintId]);
    return rows.map((r) =>
      compact<ComplaintEvent>({
        id: r.id,
        complaintId: r.complaint_id,
        at: this.sql.readDate(r.at),
        actor: r.actor,
        kind: r.kind as EventKind,
        fromState: (r.from_state ?? undefined) as ComplaintState | undefined,
        toState: (r.to_state ?? undefined) as ComplaintState | undefined,
        note: r.note ?? undefined,
        visibleToReporter: Boolean(r.visible_to_reporter),
      }),
    );
  }

  async supporters(complaintId: string): Promise<Supporter[]> {
    const rows = await this.sql.all<SupporterRow>(
      'select user_id, channel, address, locale, created_at from complaint_supporters where complaint_id = ? order by created_at, id',
      [complaintId],
    );
    return rows.map((r) => ({ ...contact(r.user_id, r.channel, r.address, r.locale), at: this.sql.readDate(r.created_at) }));
  }

  async addSupporter(complaintId: string, supporter: ContactRef, at: Date): Promise<boolean> {
    try {
      await this.sql.atomically([
        {
          sql: 'insert into complaint_supporters (id, complaint_id, user_id, channel, address, locale, created_at) values (?, ?, ?, ?, ?, ?, ?)',
          params: [randomUUID(), complaintId, supporter.userId, supporter.channel, supporter.address, supporter.locale, this.sql.date(at)],
        },
        { sql: 'update complaints set supporter_count = supporter_count + 1 where id = ?', params: [complaintId] },
      ]);
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async update(complaintId: string, expectState: ComplaintState, patch: Partial<Complaint>, event: NewEvent): Promise<boolean> {
    return this.change(complaintId, expectState, patch, event);
  }

  async addEvent(complaintId: string, event: NewEvent, patch: Partial<Complaint> = {}): Promise<void> {
    if (!(await this.change(complaintId, undefined, patch, event))) throw new Error(`No complaint with id ${complaintId} to add an event to.`);
  }

  async dueForEscalation(now: Date, limit: number): Promise<Complaint[]> {
    const at = this.sql.date(now);
    return this.select(
      'where overdue = ? and (' +
        "(state in ('diterima', 'terverifikasi') and verify_due_at < ?) or " +
        "(state in ('didisposisikan', 'diproses') and responded_at is null and response_due_at < ?)" +
        `) order by ${ORDERS.oldest} limit ?`,
      [false, at, at, limit],
    );
  }

  async resolvedBefore(before: Date, limit: number): Promise<Complaint[]> {
    return this.select("where state = 'selesai' and closed_at is null and resolved_at < ? order by resolved_at, id limit ?", [this.sql.date(before), limit]);
  }

  private async byIdempotencyKey(key: string): Promise<Complaint | undefined> {
    return (await this.select('where idempotency_key = ?', [key]))[0];
  }

  private async select(rest: string, params: unknown[]): Promise<Complaint[]> {
    const rows = await this.sql.all<ComplaintRow>(`select * from complaints ${rest}`, params);
    return rows.map((r) => this.toComplaint(r));
  }

  /**
   * Applies `patch` (and `updated_at = event.at`) and appends `event`, in one transaction; with `expectState`,
   * only while the complaint is still in that state. False when no row matched.
   */
  private async change(complaintId: string, expectState: ComplaintState | undefined, patch: Partial<Complaint>, event: NewEvent): Promise<boolean> {
    const columns: Columns = { ...encode(patch, this.sql), updated_at: this.sql.date(event.at) };
    const sets = Object.keys(columns).map((c) => `${c} = ?`);
    const params = [...Object.values(columns), complaintId];
    let where = 'id = ?';
    if (expectState !== undefined) {
      where += ' and state = ?';
      params.push(expectState);
    }
    return this.sql.transaction(async (tx) => {
      const hit = await tx.all(`update complaints set ${sets.join(', ')} where ${where} returning id`, params);
      if (hit.length === 0) return false;
      await this.insertEvent(tx, complaintId, event);
      return true;
    });
  }

  /**
   * Appends an event, numbered after the complaint's last one. Callers hold the complaint's row (they inserted or
   * updated it in the same transaction), so two events of one complaint never get the same number.
   */
  private async insertEvent(tx: SqlTx, complaintId: string, event: NewEvent): Promise<void> {
    const st: Statement = {
      sql:
        'insert into complaint_events (id, complaint_id, seq, at, actor, kind, from_state, to_state, note, visible_to_reporter) ' +
        'values (?, ?, (select coalesce(max(seq), 0) + 1 from complaint_events where complaint_id = ?), ?, ?, ?, ?, ?, ?, ?)',
      params: [
        randomUUID(),
        complaintId,
        complaintId,
        this.sql.date(event.at),
        event.actor,
        event.kind,
        event.fromState ?? null,
        event.toState ?? null,
        event.note ?? null,
        event.visibleToReporter,
      ],
    };
    await tx.run(st.sql, st.params);
  }

  private toComplaint(r: ComplaintRow): Complaint {
    const date = (v: unknown) => (v === null || v === undefined ? undefined : this.sql.readDate(v));
    const location = compact<ComplaintLocation>({
      text: r.location_text ?? undefined,
      point: r.lat !== null && r.lon !== null ? { lat: Number(r.lat), lon: Number(r.lon) } : undefined,
      kelurahan: r.kelurahan ?? undefined,
      kelurahanCode: r.kelurahan_code ?? undefined,
      kecamatan: r.kecamatan ?? undefined,
    });
    return compact<Complaint>({
      id: r.id,
      ticket: r.ticket,
      type: r.type as ReportType,
      category: r.category as ComplaintCategory,
      description: r.description,
      location,
      photos: this.sql.readJson<PhotoRef[]>(r.photos) ?? [],
      incidentDate: r.incident_date ?? undefined,
      privacy: r.privacy as PrivacyMode,
      reporter: r.reporter_user_id ? contact(r.reporter_user_id, r.reporter_channel ?? '', r.reporter_address ?? '', r.reporter_locale ?? '') : undefined,
      reporterName: r.reporter_name ?? undefined,
      reporterEmail: r.reporter_email ?? undefined,
      source: r.source as Complaint['source'],
      office: r.office,
      state: r.state as ComplaintState,
      stateNote: r.state_note ?? undefined,
      duplicateOf: r.duplicate_of ?? undefined,
      referredTo: r.referred_to ?? undefined,
      createdAt: this.sql.readDate(r.created_at),
      updatedAt: this.sql.readDate(r.updated_at),
      verifyDueAt: this.sql.readDate(r.verify_due_at),
      responseDueAt: this.sql.readDate(r.response_due_at),
      respondedAt: date(r.responded_at),
      firstResponseAt: date(r.first_response_at),
      resolvedAt: date(r.resolved_at),
      closedAt: date(r.closed_at),
      overdue: Boolean(r.overdue),
      escalatedAt: date(r.escalated_at),
      rating: r.rating ?? undefined,
      reopenCount: Number(r.reopen_count),
      supporterCount: Number(r.supporter_count),
    });
  }
}

/** A stored channel identity back as a {@link ContactRef}. */
function contact(userId: string, channel: string, address: string, locale: string): ContactRef {
  return { userId, channel: channel as ChannelName, address, locale: (locale === 'en' ? 'en' : 'id') satisfies Locale };
}

/** The WHERE clause (with its parameters) for a {@link ComplaintQuery}. An empty list filter matches nothing. */
function listFilter(query: ComplaintQuery, sql: Sql): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    conditions.push(condition);
    params.push(...values);
  };
  const oneOf = (column: string, values: readonly unknown[] | undefined) => {
    if (values) add(values.length ? `${column} in (${placeholders(values)})` : '1 = 0', ...values);
  };
  oneOf('office', query.offices);
  oneOf('state', query.states);
  oneOf('category', query.categories);
  oneOf('ticket', query.tickets);
  if (query.kelurahanCode !== undefined) add('kelurahan_code = ?', query.kelurahanCode);
  if (query.overdue !== undefined) add('overdue = ?', query.overdue);
  if (query.from) add('created_at >= ?', sql.date(query.from));
  if (query.to) add('created_at <= ?', sql.date(query.to));
  if (query.search?.trim()) {
    const pattern = likePattern(query.search.trim());
    add(
      "(lower(description) like lower(?) escape '!' or lower(location_text) like lower(?) escape '!' or lower(ticket) like lower(?) escape '!')",
      pattern,
      pattern,
      pattern,
    );
  }
  if (query.publicOnly) add("privacy <> 'rahasia'");
  return { where: conditions.length ? `where ${conditions.join(' and ')}` : '', params };
}
