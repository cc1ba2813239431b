/**
 * The officers' dashboard tables: accounts (with their role and scope), login sessions and the audit log. Read
 * and written with plain SQL (`officer-store.ts`); the entities exist for the schema and its migrations.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * An officer's dashboard account. `role` is one of `OFFICER_ROLES` (`officer-store.ts`); `office` is set for the
 * `office` role (a code from the routing table), `puskesmas` for the `midwife` role. Accounts are disabled, never
 * deleted, so the audit log keeps pointing at them.
 */
export const OfficerAccountEntity = defineEntity({
  name: 'OfficerAccountEntity',
  tableName: 'officer_accounts',
  properties: {
    id: p.uuid().primary(),
    username: p.string().length(64).unique(),
    displayName: p.string().length(200),
    role: p.string().length(16),
    office: p.string().length(64).nullable(),
    puskesmas: p.string().length(100).nullable(),
    /** `scrypt$N$r$p$salt$hash` (`features/officers/passwords.ts`). */
    passwordHash: p.string().length(255),
    mustChangePassword: p.boolean(),
    createdAt: p.datetime(),
    passwordChangedAt: p.datetime().nullable(),
    disabledAt: p.datetime().nullable(),
  },
});
/** A row of {@link OfficerAccountEntity}. */
export type OfficerAccountEntityRow = InferEntity<typeof OfficerAccountEntity>;

/**
 * A login session. `id` is the SHA-256 (hex) of the random token in the officer's cookie, so a database leak
 * does not leak live sessions. `expiresAt` is the effective expiry: the idle deadline, capped at the absolute one.
 */
export const OfficerSessionEntity = defineEntity({
  name: 'OfficerSessionEntity',
  tableName: 'officer_sessions',
  properties: {
    id: p.string().length(64).primary(),
    account: p.manyToOne(OfficerAccountEntity).deleteRule('cascade').index(),
    csrfToken: p.string().length(64),
    createdAt: p.datetime(),
    expiresAt: p.datetime().index(),
    lastSeenAt: p.datetime(),
  },
});
/** A row of {@link OfficerSessionEntity}. */
export type OfficerSessionEntityRow = InferEntity<typeof OfficerSessionEntity>;

/**
 * One line of the dashboard's audit log: who (`accountId`, null for failed logins of unknown names) did what
 * (`action`, e.g. `login`) to what (`target`), from where (`ip`). `detail` is JSON text. The id increases with
 * every row, so it orders the log. No foreign key: the log outlives anything it names.
 */
export const OfficerAuditEntity = defineEntity({
  name: 'OfficerAuditEntity',
  tableName: 'officer_audit',
  properties: {
    id: p.integer().primary().autoincrement(),
    at: p.datetime().index(),
    accountId: p.uuid().nullable().index(),
    action: p.string().length(64),
    target: p.string().length(200).nullable(),
    detail: p.text().nullable(),
    ip: p.string().length(64).nullable(),
  },
});
/** A row of {@link OfficerAuditEntity}. */
export type OfficerAuditEntityRow = InferEntity<typeof OfficerAuditEntity>;

/** Every entity of the officers' dashboard, for the ORM's discovery. */
export const officerEntities = [OfficerAccountEntity, OfficerSessionEntity, OfficerAuditEntity];
