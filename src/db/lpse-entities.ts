/**
 * LPSE's tables: the tenders Pintu watches, vendors with their subscriptions and followed tenders, the alerts and
 * reminders sent (one row each, so nothing goes twice) and a history of polling rounds (the source's health).
 * Read and written with plain SQL (`lpse-repository.ts`); the entities exist for the schema and its migrations.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A tender as last seen at the source. `data` holds the whole normalised record and its schedule as JSON. */
export const LpseTenderEntity = defineEntity({
  name: 'LpseTenderEntity',
  tableName: 'lpse_tenders',
  properties: {
    kode: p.string().length(32).primary(),
    source: p.string().length(8),
    name: p.text(),
    open: p.boolean(),
    hash: p.string().length(64),
    scheduleHash: p.string().length(64).nullable(),
    uploadDeadline: p.datetime().nullable().index(),
    data: p.text(),
    firstSeen: p.datetime(),
    lastChanged: p.datetime(),
    detailAt: p.datetime().nullable(),
    detailTries: p.integer(),
    matchedAt: p.datetime().nullable(),
  },
  // "tender terbaru" lists open tenders newest first.
  indexes: [{ properties: ['open', 'firstSeen'] }],
});
/** A row of {@link LpseTenderEntity}. */
export type LpseTenderEntityRow = InferEntity<typeof LpseTenderEntity>;

/** Someone who subscribed or followed: where to reach them and how they like their alerts. */
export const LpseVendorEntity = defineEntity({
  name: 'LpseVendorEntity',
  tableName: 'lpse_vendors',
  properties: {
    userId: p.uuid().primary(),
    channel: p.string().length(16),
    address: p.string().length(200),
    locale: p.string().length(8),
    digest: p.boolean(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
/** A row of {@link LpseVendorEntity}. */
export type LpseVendorEntityRow = InferEntity<typeof LpseVendorEntity>;

/** One subscription; `criteria` is `SubscriptionCriteria` as JSON. */
export const LpseSubscriptionEntity = defineEntity({
  name: 'LpseSubscriptionEntity',
  tableName: 'lpse_subscriptions',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    criteria: p.text(),
    createdAt: p.datetime(),
  },
});
/** A row of {@link LpseSubscriptionEntity}. */
export type LpseSubscriptionEntityRow = InferEntity<typeof LpseSubscriptionEntity>;

/** A tender a vendor follows ("ikuti"): they get its changes and deadline reminders. */
export const LpseFollowEntity = defineEntity({
  name: 'LpseFollowEntity',
  tableName: 'lpse_follows',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    kode: p.string().length(32).index(),
    createdAt: p.datetime(),
  },
  uniques: [{ properties: ['userId', 'kode'] }],
});
/** A row of {@link LpseFollowEntity}. */
export type LpseFollowEntityRow = InferEntity<typeof LpseFollowEntity>;

/**
 * An alert or reminder for one person about one tender. `kind` is the change or reminder kind, `key` what makes it
 * unique within the kind (the new stage, the deadline); `status`: sent, held (over the daily cap or digest mode:
 * waiting for the 07:00 digest), digested, skipped (a reminder already past when the tender was followed).
 */
export const LpseAlertEntity = defineEntity({
  name: 'LpseAlertEntity',
  tableName: 'lpse_alerts',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    kode: p.string().length(32),
    kind: p.string().length(16),
    key: p.string().length(100),
    day: p.string().length(10),
    status: p.string().length(12),
    createdAt: p.datetime(),
  },
  uniques: [{ properties: ['userId', 'kode', 'kind', 'key'] }],
  indexes: [{ properties: ['status', 'userId'] }, { properties: ['userId', 'day'] }],
});
/** A row of {@link LpseAlertEntity}. */
export type LpseAlertEntityRow = InferEntity<typeof LpseAlertEntity>;

/** One polling round: when, whether it worked, and what it found. */
export const LpsePollEntity = defineEntity({
  name: 'LpsePollEntity',
  tableName: 'lpse_polls',
  properties: {
    id: p.uuid().primary(),
    source: p.string().length(16),
    startedAt: p.datetime().index(),
    finishedAt: p.datetime(),
    ok: p.boolean(),
    error: p.text().nullable(),
    listed: p.integer(),
    created: p.integer(),
    changed: p.integer(),
    alerts: p.integer(),
  },
});
/** A row of {@link LpsePollEntity}. */
export type LpsePollEntityRow = InferEntity<typeof LpsePollEntity>;

/** Every entity of LPSE, for the ORM's discovery. */
export const lpseEntities = [LpseTenderEntity, LpseVendorEntity, LpseSubscriptionEntity, LpseFollowEntity, LpseAlertEntity, LpsePollEntity];
