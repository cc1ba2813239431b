/**
 * The officers' dashboard accounts, login sessions and audit log: the types the dashboard works with and the
 * storage port `src/db/officer-store.ts` implements.
 */

/**
 * Who may use the dashboard: `coordinator` (Diskominfo: sees and routes everything), `office` (one office's
 * tickets), `midwife` (one puskesmas's mothers) and `operator` (queues and system health).
 */
export const OFFICER_ROLES = ['coordinator', 'office', 'midwife', 'operator'] as const;

/** One of {@link OFFICER_ROLES}. */
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Whether `value` is one of {@link OFFICER_ROLES}. */
export function isOfficerRole(value: string): value is OfficerRole {
  return (OFFICER_ROLES as readonly string[]).includes(value);
}

/** A dashboard account, without its password hash. */
export interface OfficerAccount {
  id: string;
  /** Lower-case login name, unique. */
  username: string;
  /** The name shown on pages and in the audit log ("Budi Santoso, DPUPR"). */
  displayName: string;
  role: OfficerRole;
  /** The office code (routing table) of an `office` account. */
  office?: string;
  /** The puskesmas name of a `midwife` account. */
  puskesmas?: string;
  /** True until the officer replaces the one-time password; the dashboard allows nothing else until then. */
  mustChangePassword: boolean;
  createdAt: Date;
  passwordChangedAt?: Date;
  disabledAt?: Date;
}

/** What {@link OfficerStore.createAccount} needs; the password is already hashed. */
export interface NewOfficerAccount {
  username: string;
  displayName: string;
  role: OfficerRole;
  office?: string;
  puskesmas?: string;
  passwordHash: string;
  mustChangePassword: boolean;
  at: Date;
}

/** A login session. `id` is the SHA-256 (hex) of the cookie's token; the token itself is never stored. */
export interface OfficerSession {
  id: string;
  accountId: string;
  /** The per-session CSRF token every dashboard form carries. */
  csrfToken: string;
  createdAt: Date;
  /** The effective expiry: the idle deadline, never later than the absolute one. */
  expiresAt: Date;
  lastSeenAt: Date;
}

/** One line of the audit log. */
export interface AuditEntry {
  /** Increases with every line: the log's order. */
  id: number;
  at: Date;
  /** The officer who acted; absent for failed logins under an unknown name. */
  accountId?: string;
  /** What happened, e.g. `login`, `login_failed`, `logout`, `password_changed`, or a page's own action. */
  action: string;
  /** What it happened to (a username, a ticket id). */
  target?: string;
  /** Any JSON-serialisable detail. Never passwords, tokens or residents' data. */
  detail?: unknown;
  ip?: string;
}

/** Thrown by {@link OfficerStore.createAccount} when the username is taken. */
export class DuplicateUsernameError extends Error {
  constructor(readonly username: string) {
    super(`There is already an account "${username}"; choose another username (or disable the old account first).`);
    this.name = 'DuplicateUsernameError';
  }
}

/** Storage for the dashboard's accounts, sessions and audit log. */
export interface OfficerStore {
  /** Creates an account; throws {@link DuplicateUsernameError} when the username is taken. */
  createAccount(input: NewOfficerAccount): Promise<OfficerAccount>;
  /** The account and its password hash for a login attempt, or `undefined` (disabled accounts included). */
  accountForLogin(username: string): Promise<{ account: OfficerAccount; passwordHash: string } | undefined>;
  /** An account by id (disabled ones too), or `undefined`. */
  accountById(id: string): Promise<OfficerAccount | undefined>;
  /** The password hash of an active account, for re-checking the current password before a change. */
  passwordHashOf(accountId: string): Promise<string | undefined>;
  /** Every account, by username. */
  listAccounts(): Promise<OfficerAccount[]>;
  /** Replaces an account's password hash and sets whether it must be changed at the next login. */
  setPassword(accountId: string, passwordHash: string, opts: { mustChange: boolean; at: Date }): Promise<void>;
  /** Disables an account and ends its sessions; false when there was no such active account. */
  disableAccount(accountId: string, at: Date): Promise<boolean>;
  /** Stores a new session. */
  createSession(session: OfficerSession): Promise<void>;
  /** The session with this id (token hash) and its account, when it has not expired at `now` and the account is active. */
  findSession(id: string, now: Date): Promise<{ session: OfficerSession; account: OfficerAccount } | undefined>;
  /** Records activity on a session and moves its expiry. */
  touchSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  /** Ends one session; false when there was none. */
  deleteSession(id: string): Promise<boolean>;
  /** Ends every session of an account (password change, disabling); returns how many there were. */
  deleteAccountSessions(accountId: string): Promise<number>;
  /** Deletes sessions that expired before `now`; returns how many. */
  deleteExpiredSessions(now: Date): Promise<number>;
  /** Appends a line to the audit log. */
  appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** A page of the audit log, newest first, optionally of one account or one action, and the total matching. */
  listAudit(query?: { accountId?: string; action?: string; limit?: number; offset?: number }): Promise<{ items: AuditEntry[]; total: number }>;
}
