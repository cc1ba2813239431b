/**
 * The complaint feature's tables: complaints, their audit trail and supporters, the per-year ticket counter, and
 * the officers' API tokens. Read and written with plain SQL (`complaint-repository.ts`, `admin-tokens.ts`); the
 * entities exist for the schema and its migrations.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A partial index on `complaints`, in SQL both dialects take. */
function partialIndex(name: string, columns: string, where: string) {
  return { name, expression: `create index ${name} on complaints (${columns}) where ${where}` };
}

/** A complaint (or aspiration, or information request) and where it stands. */
export const ComplaintEntity = defineEntity({
  name: 'ComplaintEntity',
  tableName: 'complaints',
  properties: {
    id: p.uuid().primary(),
    ticket: p.string().length(20).unique(),
    idempotencyKey: p.string().length(200).unique(),
    source: p.string().length(16),
    reporterUserId: p.uuid().nullable().index(),
    reporterChannel: p.string().length(16).nullable(),
    reporterAddress: p.string().length(200).nullable(),
    reporterLocale: p.string().length(8).nullable(),
    reporterName: p.string().length(200).nullable(),
    reporterEmail: p.string().length(254).nullable(),
    type: p.string().length(16),
    category: p.string().length(32),
    description: p.text(),
    locationText: p.text().nullable(),
    lat: p.double().nullable(),
    lon: p.double().nullable(),
    kelurahan: p.string().length(100).nullable(),
    kelurahanCode: p.string().length(20).nullable(),
    kecamatan: p.string().length(100).nullable(),
    photos: p.json<{ fileId: string; caption?: string }[]>(),
    incidentDate: p.string().length(10).nullable(),
    privacy: p.string().length(16),
    office: p.string().length(64),
    state: p.string().length(32),
    stateNote: p.text().nullable(),
    duplicateOf: p.string().length(64).nullable(),
    referredTo: p.string().length(200).nullable(),
    createdAt: p.datetime().index(),
    updatedAt: p.datetime().index(),
    verifyDueAt: p.datetime(),
    responseDueAt: p.datetime(),
    respondedAt: p.datetime().nullable(),
    firstResponseAt: p.datetime().nullable(),
    resolvedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    escalatedAt: p.datetime().nullable(),
    overdue: p.boolean().default(false),
    rating: p.integer().nullable(),
    reopenCount: p.integer().default(0),
    supporterCount: p.integer().default(0),
  },
  indexes: [
    { properties: ['category', 'state'] },
    { properties: ['office', 'state'] },
    { properties: ['state', 'createdAt'] },
    { properties: ['kelurahanCode'] },
    // The public listing (Open311, the public map) and its count, also by state, read only this index.
    partialIndex('complaints_public_created_at_index', 'created_at, state', "privacy <> 'rahasia'"),
    partialIndex('complaints_overdue_created_at_index', 'created_at', 'overdue'),
  ],
});
/** A row of {@link ComplaintEntity}. */
export type ComplaintEntityRow = InferEntity<typeof ComplaintEntity>;

/**
 * One entry of a complaint's audit trail. `seq` numbers a complaint's events 1, 2, 3… so entries written in the
 * same millisecond keep their order.
 */
export const ComplaintEventEntity = defineEntity({
  name: 'ComplaintEventEntity',
  tableName: 'complaint_events',
  properties: {
    id: p.uuid().primary(),
    complaint: p.manyToOne(ComplaintEntity).deleteRule('cascade'),
    seq: p.integer(),
    at: p.datetime(),
    actor: p.string().length(200),
    kind: p.string().length(16),
    fromState: p.string().length(32).nullable(),
    toState: p.string().length(32).nullable(),
    note: p.text().nullable(),
    visibleToReporter: p.boolean(),
  },
  // Also the index for a complaint's events (its first column).
  uniques: [{ properties: ['complaint', 'seq'] }],
});
/** A row of {@link ComplaintEventEntity}. */
export type ComplaintEventEntityRow = InferEntity<typeof ComplaintEventEntity>;

/** A resident who supports ("+1") a ticket and hears about its progress. */
export const ComplaintSupporterEntity = defineEntity({
  name: 'ComplaintSupporterEntity',
  tableName: 'complaint_supporters',
  properties: {
    id: p.uuid().primary(),
    complaint: p.manyToOne(ComplaintEntity).deleteRule('cascade'),
    userId: p.uuid().index(),
    channel: p.string().length(16),
    address: p.string().length(200),
    locale: p.string().length(8),
    createdAt: p.datetime(),
  },
  uniques: [{ properties: ['complaint', 'userId'] }],
});
/** A row of {@link ComplaintSupporterEntity}. */
export type ComplaintSupporterEntityRow = InferEntity<typeof ComplaintSupporterEntity>;

/** The last ticket number handed out in a (WIB) year. */
export const TicketCounterEntity = defineEntity({
  name: 'TicketCounterEntity',
  tableName: 'ticket_counters',
  properties: {
    year: p.integer().primary().autoincrement(false),
    last: p.integer(),
  },
});
/** A row of {@link TicketCounterEntity}. */
export type TicketCounterEntityRow = InferEntity<typeof TicketCounterEntity>;

/** An API token for officers or Open311 clients; only its SHA-256 is kept. */
export const AdminTokenEntity = defineEntity({
  name: 'AdminTokenEntity',
  tableName: 'admin_tokens',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    tokenHash: p.string().length(64).unique(),
    scope: p.string().length(16),
    office: p.string().length(64).nullable(),
    createdAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
  },
});
/** A row of {@link AdminTokenEntity}. */
export type AdminTokenEntityRow = InferEntity<typeof AdminTokenEntity>;

/** Every entity of the complaint feature, for the ORM's discovery. */
export const complaintEntities = [ComplaintEntity, ComplaintEventEntity, ComplaintSupporterEntity, TicketCounterEntity, AdminTokenEntity];
