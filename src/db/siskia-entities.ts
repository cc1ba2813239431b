/**
 * SISKIA's tables: registrations (the health data encrypted in one column), the routine reminders sent and the
 * danger-sign alerts. Read and written with plain SQL (`siskia-repository.ts`); the entities exist for the schema
 * and its migrations.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A mother's (or parent's) registration. The contact, status, consent and the puskesmas/posyandu are plain (the
 * planner pages by status, the midwives' view filters by puskesmas); the health record (`HealthRecord` in
 * `features/siskia/model.ts`) is only in `record_enc`, encrypted with `FieldCrypto.encryptJson`.
 */
export const SiskiaProfileEntity = defineEntity({
  name: 'SiskiaProfileEntity',
  tableName: 'siskia_profiles',
  properties: {
    userId: p.uuid().primary(),
    channel: p.string().length(16),
    address: p.string().length(200),
    locale: p.string().length(8),
    status: p.string().length(16),
    consentVersion: p.string().length(32),
    consentAt: p.datetime(),
    registeredBy: p.string().length(16),
    puskesmas: p.string().length(100).nullable().index(),
    posyandu: p.string().length(100).nullable(),
    recordEnc: p.text(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  // The planner's keyset paging (`status = 'active' and user_id > ? order by user_id`) reads only this index; it
  // is also the index for status alone (its first column).
  indexes: [{ properties: ['status', 'userId'] }],
});
/** A row of {@link SiskiaProfileEntity}. */
export type SiskiaProfileEntityRow = InferEntity<typeof SiskiaProfileEntity>;

/** A routine reminder sent to a person: at most one per person and WIB day. */
export const SiskiaReminderEntity = defineEntity({
  name: 'SiskiaReminderEntity',
  tableName: 'siskia_reminders',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    day: p.string().length(10),
    code: p.string().length(32),
    childId: p.string().length(64).nullable(),
    daysBefore: p.integer(),
    createdAt: p.datetime(),
  },
  // Also the index for a person's reminders (its first column), latest day first.
  uniques: [{ properties: ['userId', 'day'] }],
});
/** A row of {@link SiskiaReminderEntity}. */
export type SiskiaReminderEntityRow = InferEntity<typeof SiskiaReminderEntity>;

/** A danger-sign alert and the answer to its follow-up. No message text: it may describe symptoms. */
export const SiskiaAlertEntity = defineEntity({
  name: 'SiskiaAlertEntity',
  tableName: 'siskia_alerts',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    at: p.datetime(),
    answer: p.string().length(64).nullable(),
    answeredAt: p.datetime().nullable(),
  },
});
/** A row of {@link SiskiaAlertEntity}. */
export type SiskiaAlertEntityRow = InferEntity<typeof SiskiaAlertEntity>;

/** Every entity of SISKIA, for the ORM's discovery. */
export const siskiaEntities = [SiskiaProfileEntity, SiskiaReminderEntity, SiskiaAlertEntity];
