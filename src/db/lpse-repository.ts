/**
 * {@link LpseRepository} over the database, in plain SQL both dialects take. Tender rows keep the list record and
 * the announcement as one JSON document (`data`); the columns are what queries filter and sort on.
 */
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { ContactRef } from '../core/contact.js';
import type { Locale } from '../core/i18n.js';
import type { ChannelName } from '../core/messages.js';
import type { StoredTender, Subscription, SubscriptionCriteria, SubscriptionWithContact } from '../features/lpse/model.js';
import type { AlertRecord, FollowDue, LpseRepository, PollRecord, TenderBrief, TenderWrite, Vendor, Watcher } from '../features/lpse/repository.js';
import type { Tender, TenderDetail } from '../features/lpse/source/index.js';
import { effectiveTender } from '../features/lpse/tender-record.js';
import { Sql } from './sql.js';

/** Rows per multi-row statement (PostgreSQL allows 65,535 parameters; SQLite 32,766). */
const CHUNK = 200;

/** Announcement reads tried per tender before giving up on it. */
const MAX_DETAIL_TRIES = 5;

/** Fields of the stored JSON that are dates. */
const DATE_FIELDS = new Set(['registrationDeadline', 'uploadDeadline', 'start', 'end']);

const TENDER_COLUMNS = ['kode', 'source', 'name', 'open', 'hash', 'schedule_hash', 'upload_deadline', 'data', 'first_seen', 'last_changed', 'detail_at', 'detail_tries', 'matched_at'] as const;

interface TenderRow {
  kode: string;
  open: unknown;
  hash: string;
  schedule_hash: string | null;
  data: string;
  first_seen: unknown;
  last_changed: unknown;
  detail_at: unknown;
  detail_tries: number | string;
  matched_at: unknown;
}

interface ContactRow {
  user_id: string;
  channel: string;
  address: string;
  locale: string;
  digest: unknown;
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function placeholders(rows: number, columns: number): string {
  const one = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => one).join(', ');
}

function list(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

function revive(_key: string, value: unknown): unknown {
  return DATE_FIELDS.has(_key) && typeof value === 'string' ? new Date(value) : value;
}

function contactOfRow(row: ContactRow): ContactRef {
  return { userId: row.user_id, channel: row.channel as ChannelName, address: row.address, locale: row.locale as Locale };
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 't';
}

/** Stores LPSE's data; see {@link LpseRepository}. */
export class SqlLpseRepository implements LpseRepository {
  private readonly sql: Sql;

  constructor(orm: MikroORM) {
    this.sql = new Sql(orm);
  }

  private optDate(v: unknown): Date | undefined {
    return v === null || v === undefined ? undefined : this.sql.readDate(v);
  }

  private toStored(row: TenderRow): StoredTender {
    const data = JSON.parse(row.data, revive) as { listed: Tender; detail?: TenderDetail };
    return {
      tender: effectiveTender(data.listed, data.detail),
      listed: data.listed,
      ...(data.detail && { detail: data.detail }),
      schedule: data.detail?.schedule ?? [],
      hash: row.hash,
      open: truthy(row.open),
      firstSeen: this.sql.readDate(row.first_seen),
      lastChanged: this.sql.readDate(row.last_changed),
      detailAt: this.optDate(row.detail_at),
      detailTries: Number(row.detail_tries),
      matchedAt: this.optDate(row.matched_at),
      ...(row.schedule_hash && { scheduleHash: row.schedule_hash }),
    };
  }

  async tenderBriefs(): Promise<TenderBrief[]> {
    const rows = await this.sql.all<{ kode: string; hash: string; open: unknown }>('select kode, hash, open from lpse_tenders');
    return rows.map((r) => ({ kode: r.kode, hash: r.hash, open: truthy(r.open) }));
  }

  async tenders(kodes: string[]): Promise<StoredTender[]> {
    const out: StoredTender[] = [];
    for (const part of chunks([...new Set(kodes)])) {
      const rows = await this.sql.all<TenderRow>(`select * from lpse_tenders where kode in (${list(part.length)})`, part);
      out.push(...rows.map((r) => this.toStored(r)));
    }
    return out;
  }

  async tender(kode: string): Promise<StoredTender | undefined> {
    return (await this.tenders([kode]))[0];
  }

  async saveTenders(rows: TenderWrite[]): Promise<void> {
    const d = (v: Date | undefined) => (v ? this.sql.date(v) : null);
    const updates = TENDER_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ');
    for (const part of chunks(rows)) {
      const params = part.flatMap((w) => {
        const tender = effectiveTender(w.listed, w.detail);
        return [
          w.listed.kode,
          w.listed.source,
          w.listed.name,
          w.open,
          w.hash,
          w.scheduleHash ?? null,
          d(tender.uploadDeadline),
          JSON.stringify({ listed: w.listed, ...(w.detail && { detail: w.detail }) }),
          d(w.firstSeen),
          d(w.lastChanged),
          d(w.detailAt),
          w.detailTries,
          d(w.matchedAt),
        ];
      });
      await this.sql.run(
        `insert into lpse_tenders (${TENDER_COLUMNS.join(', ')}) values ${placeholders(part.length, TENDER_COLUMNS.length)} on conflict (kode) do update set ${updates}`,
        params,
      );
    }
  }

  async markClosed(kodes: string[], at: Date): Promise<void> {
    for (const part of chunks(kodes)) await this.sql.run(`update lpse_tenders set open = ?, last_changed = ? where kode in (${list(part.length)})`, [false, this.sql.date(at), ...part]);
  }

  async withoutDetail(limit: number): Promise<StoredTender[]> {
    // New tenders wait for their announcement before vendors hear of them, so they go before the backlog a first
    // round leaves; a page that keeps failing sinks and is given up after a few tries.
    const rows = await this.sql.all<TenderRow>(
      'select * from lpse_tenders where open = ? and detail_at is null and detail_tries < ? ' +
        'order by case when matched_at is null then 0 else 1 end, detail_tries, first_seen desc, kode limit ?',
      [true, MAX_DETAIL_TRIES, limit],
    );
    return rows.map((r) => this.toStored(r));
  }

  async followedStale(before: Date, limit: number): Promise<StoredTender[]> {
    const rows = await this.sql.all<TenderRow>(
      'select * from lpse_tenders t where t.open = ? and t.detail_at < ? and exists (select 1 from lpse_follows f where f.kode = t.kode) order by t.detail_at, t.kode limit ?',
      [true, this.sql.date(before), limit],
    );
    return rows.map((r) => this.toStored(r));
  }

  async unmatched(minTries: number): Promise<StoredTender[]> {
    const rows = await this.sql.all<TenderRow>(
      'select * from lpse_tenders where matched_at is null and open = ? and (detail_at is not null or detail_tries >= ?) order by first_seen, kode',
      [true, minTries],
    );
    return rows.map((r) => this.toStored(r));
  }

  async markMatched(kodes: string[], at: Date): Promise<void> {
    for (const part of chunks(kodes)) await this.sql.run(`update lpse_tenders set matched_at = ? where kode in (${list(part.length)})`, [this.sql.date(at), ...part]);
  }

  async openTenders(offset: number, limit: number): Promise<StoredTender[]> {
    const rows = await this.sql.all<TenderRow>('select * from lpse_tenders where open = ? order by first_seen desc, kode desc limit ? offset ?', [true, limit, offset]);
    return rows.map((r) => this.toStored(r));
  }

  async sameName(name: string, kode: string): Promise<StoredTender[]> {
    const rows = await this.sql.all<TenderRow>('select * from lpse_tenders where lower(name) = lower(?) and kode <> ?', [name, kode]);
    return rows.map((r) => this.toStored(r));
  }

  async saveVendor(contact: ContactRef, now: Date): Promise<void> {
    await this.sql.run(
      'insert into lpse_vendors (user_id, channel, address, locale, digest, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?) ' +
        'on conflict (user_id) do update set channel = excluded.channel, address = excluded.address, locale = excluded.locale, updated_at = excluded.updated_at',
      [contact.userId, contact.channel, contact.address, contact.locale, false, this.sql.date(now), this.sql.date(now)],
    );
  }

  async setDigest(userId: string, digest: boolean, now: Date): Promise<void> {
    await this.sql.run('update lpse_vendors set digest = ?, updated_at = ? where user_id = ?', [digest, this.sql.date(now), userId]);
  }

  async vendor(userId: string): Promise<Vendor | undefined> {
    const [row] = await this.sql.all<ContactRow>('select user_id, channel, address, locale, digest from lpse_vendors where user_id = ?', [userId]);
    return row && { contact: contactOfRow(row), digest: truthy(row.digest) };
  }

  async addSubscription(userId: string, criteria: SubscriptionCriteria, now: Date): Promise<Subscription> {
    // Subscriptions are numbered by creation time; two in the same millisecond (or under a pinned clock) must keep
    // the order they were made in.
    const [last] = await this.sql.all<{ at: unknown }>('select max(created_at) as at from lpse_subscriptions where user_id = ?', [userId]);
    const after = last?.at === null || last?.at === undefined ? 0 : this.sql.readDate(last.at).getTime() + 1;
    const sub: Subscription = { id: randomUUID(), userId, criteria, createdAt: new Date(Math.max(now.getTime(), after)) };
    await this.sql.run('insert into lpse_subscriptions (id, user_id, criteria, created_at) values (?, ?, ?, ?)', [sub.id, userId, JSON.stringify(criteria), this.sql.date(sub.createdAt)]);
    return sub;
  }

  async subscriptions(userId: string): Promise<Subscription[]> {
    const rows = await this.sql.all<{ id: string; user_id: string; criteria: string; created_at: unknown }>(
      'select id, user_id, criteria, created_at from lpse_subscriptions where user_id = ? order by created_at, id',
      [userId],
    );
    return rows.map((r) => ({ id: r.id, userId: r.user_id, criteria: JSON.parse(r.criteria) as SubscriptionCriteria, createdAt: this.sql.readDate(r.created_at) }));
  }

  async removeSubscription(userId: string, id: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
    const rows = await this.sql.all('delete from lpse_subscriptions where id = ? and user_id = ? returning id', [id, userId]);
    return rows.length > 0;
  }

  async allSubscriptions(): Promise<SubscriptionWithContact[]> {
    const rows = await this.sql.all<ContactRow & { id: string; criteria: string; created_at: unknown }>(
      'select s.id, s.user_id, s.criteria, s.created_at, v.channel, v.address, v.locale, v.digest from lpse_subscriptions s join lpse_vendors v on v.user_id = s.user_id order by s.id',
    );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      criteria: JSON.parse(r.criteria) as SubscriptionCriteria,
      createdAt: this.sql.readDate(r.created_at),
      contact: contactOfRow(r),
      digest: truthy(r.digest),
    }));
  }

  async follow(userId: string, kode: string, now: Date): Promise<boolean> {
    const rows = await this.sql.all('insert into lpse_follows (id, user_id, kode, created_at) values (?, ?, ?, ?) on conflict (user_id, kode) do nothing returning id', [randomUUID(), userId, kode, this.sql.date(now)]);
    return rows.length > 0;
  }

  async unfollow(userId: string, kode: string): Promise<boolean> {
    const rows = await this.sql.all('delete from lpse_follows where user_id = ? and kode = ? returning id', [userId, kode]);
    return rows.length > 0;
  }

  async followed(userId: string): Promise<StoredTender[]> {
    const rows = await this.sql.all<TenderRow>('select t.* from lpse_follows f join lpse_tenders t on t.kode = f.kode where f.user_id = ? order by f.created_at, f.kode', [userId]);
    return rows.map((r) => this.toStored(r));
  }

  async watchers(kodes: string[]): Promise<Map<string, Watcher[]>> {
    const out = new Map<string, Watcher[]>();
    for (const part of chunks([...new Set(kodes)])) {
      const rows = await this.sql.all<ContactRow & { kode: string; following: number | string }>(
        `select w.kode, max(w.following) as following, v.user_id, v.channel, v.address, v.locale, v.digest from (` +
          `select kode, user_id, 1 as following from lpse_follows where kode in (${list(part.length)}) ` +
          `union all select kode, user_id, 0 as following from lpse_alerts where kind = 'new' and status in ('sent', 'digested') and kode in (${list(part.length)})` +
          `) w join lpse_vendors v on v.user_id = w.user_id group by w.kode, v.user_id, v.channel, v.address, v.locale, v.digest order by w.kode, v.user_id`,
        [...part, ...part],
      );
      for (const r of rows) {
        const list = out.get(r.kode) ?? [];
        list.push({ contact: contactOfRow(r), following: Number(r.following) === 1 });
        out.set(r.kode, list);
      }
    }
    return out;
  }

  async followsDue(from: Date, to: Date): Promise<FollowDue[]> {
    const rows = await this.sql.all<TenderRow & ContactRow & { followed_at: unknown }>(
      'select t.*, f.created_at as followed_at, v.user_id, v.channel, v.address, v.locale, v.digest from lpse_follows f ' +
        'join lpse_tenders t on t.kode = f.kode join lpse_vendors v on v.user_id = f.user_id ' +
        'where t.open = ? and t.upload_deadline > ? and t.upload_deadline <= ? order by t.upload_deadline, f.user_id',
      [true, this.sql.date(from), this.sql.date(to)],
    );
    return rows.map((r) => ({ contact: contactOfRow(r), tender: this.toStored(r), followedAt: this.sql.readDate(r.followed_at) }));
  }

  async recordAlerts(rows: AlertRecord[], at: Date): Promise<AlertRecord[]> {
    const stored: AlertRecord[] = [];
    for (const part of chunks(rows)) {
      const params = part.flatMap((r) => [randomUUID(), r.userId, r.kode, r.kind, r.key, r.day, r.status, this.sql.date(at)]);
      const inserted = await this.sql.all<{ user_id: string; kode: string; kind: string; key: string }>(
        `insert into lpse_alerts (id, user_id, kode, kind, key, day, status, created_at) values ${placeholders(part.length, 8)} ` +
          'on conflict (user_id, kode, kind, key) do nothing returning user_id, kode, kind, key',
        params,
      );
      const fresh = new Set(inserted.map((r) => `${r.user_id} ${r.kode} ${r.kind} ${r.key}`));
      stored.push(...part.filter((r) => fresh.has(`${r.userId} ${r.kode} ${r.kind} ${r.key}`)));
    }
    return stored;
  }

  async forgetAlerts(rows: AlertRecord[]): Promise<void> {
    if (!rows.length) return;
    await this.sql.transaction(async (tx) => {
      for (const r of rows) await tx.run('delete from lpse_alerts where user_id = ? and kode = ? and kind = ? and key = ?', [r.userId, r.kode, r.kind, r.key]);
    });
  }

  async sentCounts(userIds: string[], day: string): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks([...new Set(userIds)])) {
      const rows = await this.sql.all<{ user_id: string; n: number | string }>(
        `select user_id, count(*) as n from lpse_alerts where kind = 'new' and status = 'sent' and day = ? and user_id in (${list(part.length)}) group by user_id`,
        [day, ...part],
      );
      for (const r of rows) out.set(r.user_id, Number(r.n));
    }
    return out;
  }

  async heldAlerts(): Promise<Map<string, { vendor: Vendor; kodes: string[] }>> {
    const rows = await this.sql.all<ContactRow & { kode: string }>(
      "select a.kode, v.user_id, v.channel, v.address, v.locale, v.digest from lpse_alerts a join lpse_vendors v on v.user_id = a.user_id where a.status = 'held' order by v.user_id, a.created_at, a.kode",
    );
    const out = new Map<string, { vendor: Vendor; kodes: string[] }>();
    for (const r of rows) {
      const entry = out.get(r.user_id) ?? { vendor: { contact: contactOfRow(r), digest: truthy(r.digest) }, kodes: [] };
      entry.kodes.push(r.kode);
      out.set(r.user_id, entry);
    }
    return out;
  }

  async markDigested(userId: string, kodes: string[]): Promise<void> {
    for (const part of chunks(kodes)) {
      await this.sql.run(`update lpse_alerts set status = 'digested' where user_id = ? and status = 'held' and kind = 'new' and kode in (${list(part.length)})`, [userId, ...part]);
    }
  }

  async recordPoll(poll: PollRecord): Promise<void> {
    await this.sql.run(
      'insert into lpse_polls (id, source, started_at, finished_at, ok, error, listed, created, changed, alerts) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [randomUUID(), poll.source, this.sql.date(poll.startedAt), this.sql.date(poll.finishedAt), poll.ok, poll.error?.slice(0, 2000) ?? null, poll.listed, poll.created, poll.changed, poll.alerts],
    );
  }

  async recentPolls(limit: number): Promise<PollRecord[]> {
    const rows = await this.sql.all<{ source: string; started_at: unknown; finished_at: unknown; ok: unknown; error: string | null; listed: number; created: number; changed: number; alerts: number }>(
      'select * from lpse_polls order by started_at desc limit ?',
      [limit],
    );
    return rows.map((r) => ({
      source: r.source,
      startedAt: this.sql.readDate(r.started_at),
      finishedAt: this.sql.readDate(r.finished_at),
      ok: truthy(r.ok),
      ...(r.error && { error: r.error }),
      listed: Number(r.listed),
      created: Number(r.created),
      changed: Number(r.changed),
      alerts: Number(r.alerts),
    }));
  }

  async eraseVendor(userId: string): Promise<{ subscriptions: number; follows: number }> {
    return this.sql.transaction(async (tx) => {
      const subscriptions = await tx.all('delete from lpse_subscriptions where user_id = ? returning id', [userId]);
      const follows = await tx.all('delete from lpse_follows where user_id = ? returning id', [userId]);
      await tx.run('delete from lpse_alerts where user_id = ?', [userId]);
      await tx.run('delete from lpse_vendors where user_id = ?', [userId]);
      return { subscriptions: subscriptions.length, follows: follows.length };
    });
  }
}
