/**
 * {@link SiskiaRepository} over the database, in plain SQL that both dialects take. The health record is stored
 * only encrypted (`record_enc`, {@link FieldCrypto.encryptJson}); everything the queries filter on (status,
 * puskesmas, the reminders' days) is plain and holds no health data.
 */
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { DecryptionError, type FieldCrypto } from '../core/field-crypto.js';
import type { Locale } from '../core/i18n.js';
import type { ChannelName } from '../core/messages.js';
import type { IsoDate } from '../features/siskia/dates.js';
import type { DangerAlert, Erased, HealthRecord, PlannedReminder, ProfileStatus, SiskiaProfile, SiskiaRepository } from '../features/siskia/model.js';
import { Sql } from './sql.js';

/**
 * The lowest user id: where the planner starts paging with {@link SqlSiskiaRepository.activeBatch} (an empty
 * string is taken as this too).
 */
export const FIRST_USER_ID = '00000000-0000-0000-0000-000000000000';

/** Rows per `insert` of {@link SqlSiskiaRepository.recordReminders} (7 parameters each). */
const REMINDER_BATCH = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A `siskia_profiles` row as the drivers return it (SQLite: dates as epoch ms). */
interface ProfileRow {
  user_id: string;
  channel: string;
  address: string;
  locale: string;
  status: string;
  consent_version: string;
  consent_at: unknown;
  registered_by: string;
  puskesmas: string | null;
  posyandu: string | null;
  record_enc: string;
  created_at: unknown;
  updated_at: unknown;
}

/** The columns of a `siskia_reminders` row that make up a {@link PlannedReminder}. */
interface ReminderRow {
  user_id: string;
  day: string;
  code: string;
  child_id: string | null;
  days_before: number | string;
}

/** The columns `save` writes, in order; all but the key are replaced on conflict. */
const PROFILE_COLUMNS = [
  'user_id',
  'channel',
  'address',
  'locale',
  'status',
  'consent_version',
  'consent_at',
  'registered_by',
  'puskesmas',
  'posyandu',
  'record_enc',
  'created_at',
  'updated_at',
] as const;

const SAVE_PROFILE =
  `insert into siskia_profiles (${PROFILE_COLUMNS.join(', ')}) values (${PROFILE_COLUMNS.map(() => '?').join(', ')}) ` +
  `on conflict (user_id) do update set ${PROFILE_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`;

const ACTIVE_BATCH = "select * from siskia_profiles where status = 'active' and user_id > ? order by user_id limit ?";

/** An insert of `rows` reminders that skips a person's day that already has one and returns the stored ones. */
function insertReminders(rows: number): string {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
  return (
    `insert into siskia_reminders (id, user_id, day, code, child_id, days_before, created_at) values ${values} ` +
    'on conflict (user_id, day) do nothing returning user_id, day'
  );
}

/** What identifies a reminder: the person and the day. */
function reminderKey(userId: string, day: string): string {
  return `${userId.toLowerCase()} ${day}`;
}

/** Stores SISKIA's registrations, reminders and alerts; see {@link SiskiaRepository}. */
export class SqlSiskiaRepository implements SiskiaRepository {
  private readonly sql: Sql;

  /** `crypto` encrypts and decrypts the health records; it needs every key that wrote a stored one. */
  constructor(
    orm: MikroORM,
    private readonly crypto: FieldCrypto,
  ) {
    this.sql = new Sql(orm);
  }

  async get(userId: string): Promise<SiskiaProfile | undefined> {
    const [row] = await this.sql.all<ProfileRow>('select * from siskia_profiles where user_id = ?', [userId]);
    return row && this.toProfile(row);
  }

  async save(profile: SiskiaProfile): Promise<void> {
    const { contact } = profile;
    await this.sql.run(SAVE_PROFILE, [
      profile.userId,
      contact.channel,
      contact.address,
      contact.locale,
      profile.status,
      profile.consentVersion,
      this.sql.date(profile.consentAt),
      profile.registeredBy,
      profile.puskesmas ?? null,
      profile.posyandu ?? null,
      this.crypto.encryptJson(profile.record),
      this.sql.date(profile.createdAt),
      this.sql.date(profile.updatedAt),
    ]);
  }

  async erase(userId: string): Promise<Erased> {
    return this.sql.transaction(async (tx) => {
      const alerts = await tx.all('delete from siskia_alerts where user_id = ? returning id', [userId]);
      const reminders = await tx.all('delete from siskia_reminders where user_id = ? returning id', [userId]);
      const profile = await tx.all('delete from siskia_profiles where user_id = ? returning user_id', [userId]);
      return { profile: profile.length > 0, reminders: reminders.length, alerts: alerts.length };
    });
  }

  /**
   * Active registrations with a user id above `afterUserId`, in user id order. Start with {@link FIRST_USER_ID}
   * (or `''`), then pass the last user id of each batch; a batch shorter than `limit` is the last.
   */
  async activeBatch(afterUserId: string, limit: number, onUnreadable?: (userId: string, err: Error) => void): Promise<SiskiaProfile[]> {
    return this.readable(await this.sql.all<ProfileRow>(ACTIVE_BATCH, [afterUserId || FIRST_USER_ID, limit]), onUnreadable);
  }

  /** The rows as profiles; one that cannot be decrypted goes to `onUnreadable` (or throws without it). */
  private readable(rows: ProfileRow[], onUnreadable?: (userId: string, err: Error) => void): SiskiaProfile[] {
    const profiles: SiskiaProfile[] = [];
    for (const row of rows) {
      try {
        profiles.push(this.toProfile(row));
      } catch (err) {
        if (!onUnreadable) throw err;
        onUnreadable(String(row.user_id), err as Error);
      }
    }
    return profiles;
  }

  async atPuskesmas(puskesmas: string, limit: number, onUnreadable?: (userId: string, err: Error) => void): Promise<SiskiaProfile[]> {
    const rows = await this.sql.all<ProfileRow>('select * from siskia_profiles where lower(puskesmas) = lower(?) order by created_at desc limit ?', [puskesmas.trim(), limit]);
    return this.readable(rows, onUnreadable);
  }

  async alertsOf(userIds: string[]): Promise<Map<string, DangerAlert[]>> {
    const out = new Map<string, DangerAlert[]>();
    for (let i = 0; i < userIds.length; i += 500) {
      const part = userIds.slice(i, i + 500);
      if (!part.length) break;
      const rows = await this.sql.all<{ user_id: string; at: unknown; answer: string | null; answered_at: unknown }>(
        `select user_id, at, answer, answered_at from siskia_alerts where user_id in (${part.map(() => '?').join(', ')}) order by at desc`,
        part,
      );
      for (const r of rows) {
        const list = out.get(r.user_id) ?? [];
        list.push({ at: this.sql.readDate(r.at), ...(r.answer && { answer: r.answer }), ...(r.answered_at !== null && r.answered_at !== undefined && { answeredAt: this.sql.readDate(r.answered_at) }) });
        out.set(r.user_id, list);
      }
    }
    return out;
  }

  /**
   * Stores the reminders all or nothing, skipping a person's day that already has one (also one earlier in the
   * same list). Returns the stored ones in the order given. Concurrent callers never store a day twice.
   */
  async recordReminders(reminders: PlannedReminder[]): Promise<PlannedReminder[]> {
    const byKey = new Map<string, PlannedReminder>();
    for (const r of reminders) {
      const key = reminderKey(r.userId, r.day);
      if (!byKey.has(key)) byKey.set(key, r);
    }
    if (byKey.size === 0) return [];
    // Inserted in one order by every caller, so two planners racing on PostgreSQL wait for each other's rows
    // instead of deadlocking.
    const ordered = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
    const createdAt = this.sql.date(new Date());
    const stored = new Set<string>();
    await this.sql.transaction(async (tx) => {
      for (let i = 0; i < ordered.length; i += REMINDER_BATCH) {
        const batch = ordered.slice(i, i + REMINDER_BATCH);
        const params = batch.flatMap((r) => [randomUUID(), r.userId, r.day, r.code, r.childId ?? null, r.daysBefore, createdAt]);
        const rows = await tx.all<{ user_id: string; day: string }>(insertReminders(batch.length), params);
        for (const row of rows) stored.add(reminderKey(row.user_id, row.day));
      }
    });
    return [...byKey].filter(([key]) => stored.has(key)).map(([, r]) => r);
  }

  async lastReminder(userId: string, since: IsoDate): Promise<PlannedReminder | undefined> {
    const [row] = await this.sql.all<ReminderRow>(
      'select user_id, day, code, child_id, days_before from siskia_reminders where user_id = ? and day >= ? order by day desc limit 1',
      [userId, since],
    );
    if (!row) return undefined;
    const reminder: PlannedReminder = { userId: row.user_id, day: row.day, code: row.code, daysBefore: Number(row.days_before) };
    if (row.child_id !== null) reminder.childId = row.child_id;
    return reminder;
  }

  async recordAlert(userId: string, at: Date): Promise<string> {
    const id = randomUUID();
    await this.sql.run('insert into siskia_alerts (id, user_id, at, answer, answered_at) values (?, ?, ?, ?, ?)', [id, userId, this.sql.date(at), null, null]);
    return id;
  }

  /** Stores the answer only while the alert is unanswered and only for the person it belongs to. */
  async answerAlert(alertId: string, userId: string, answer: string, at: Date): Promise<boolean> {
    // PostgreSQL rejects a malformed uuid outright; such an id names no alert.
    if (!UUID.test(alertId) || !UUID.test(userId)) return false;
    const rows = await this.sql.all('update siskia_alerts set answer = ?, answered_at = ? where id = ? and user_id = ? and answered_at is null returning id', [
      answer,
      this.sql.date(at),
      alertId,
      userId,
    ]);
    return rows.length > 0;
  }

  private toProfile(row: ProfileRow): SiskiaProfile {
    const profile: SiskiaProfile = {
      userId: row.user_id,
      contact: { userId: row.user_id, channel: row.channel as ChannelName, address: row.address, locale: row.locale as Locale },
      status: row.status as ProfileStatus,
      consentVersion: row.consent_version,
      consentAt: this.sql.readDate(row.consent_at),
      registeredBy: row.registered_by as SiskiaProfile['registeredBy'],
      record: this.readRecord(row),
      createdAt: this.sql.readDate(row.created_at),
      updatedAt: this.sql.readDate(row.updated_at),
    };
    if (row.puskesmas !== null) profile.puskesmas = row.puskesmas;
    if (row.posyandu !== null) profile.posyandu = row.posyandu;
    return profile;
  }

  /**
   * Decrypts a registration's health record. The error names the registration and the key problem, never the
   * stored value or anything decrypted (a JSON parse error would quote the plain text, so it is not passed on).
   */
  private readRecord(row: ProfileRow): HealthRecord {
    try {
      return this.crypto.decryptJson<HealthRecord>(row.record_enc);
    } catch (err) {
      const reason = err instanceof DecryptionError ? err.message : 'it decrypted to something that is not a health record.';
      throw new Error(`The stored health data of SISKIA registration ${row.user_id} cannot be read with the configured keys: ${reason}`, {
        cause: err instanceof DecryptionError ? err : undefined,
      });
    }
  }
}
