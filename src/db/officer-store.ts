/**
 * The officers' dashboard accounts, login sessions and audit log over the database (SQLite or PostgreSQL), with
 * plain SQL. The types here are what the dashboard works with; password hashes leave this module only through
 * {@link OfficerStore.accountForLogin}.
 */
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { isUniqueViolation, Sql } from './sql.js';
import {
  DuplicateUsernameError,
  isOfficerRole,
  OFFICER_ROLES,
  type AuditEntry,
  type NewOfficerAccount,
  type OfficerAccount,
  type OfficerRole,
  type OfficerSession,
  type OfficerStore,
} from '../features/officers/model.js';

export { DuplicateUsernameError, isOfficerRole, OFFICER_ROLES } from '../features/officers/model.js';
export type { AuditEntry, NewOfficerAccount, OfficerAccount, OfficerRole, OfficerSession, OfficerStore } from '../features/officers/model.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  office: string | null;
  puskesmas: string | null;
  password_hash: string;
  must_change_password: unknown;
  created_at: unknown;
  password_changed_at: unknown;
  disabled_at: unknown;
}

interface SessionRow {
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: unknown;
  expires_at: unknown;
  last_seen_at: unknown;
}

interface AuditRow {
  id: number | string;
  at: unknown;
  account_id: string | null;
  action: string;
  target: string | null;
  detail: unknown;
  ip: string | null;
}

const ACCOUNT_COLUMNS = 'a.id, a.username, a.display_name, a.role, a.office, a.puskesmas, a.password_hash, a.must_change_password, a.created_at, a.password_changed_at, a.disabled_at';

const present = (v: unknown) => v !== null && v !== undefined;


/** {@link OfficerStore} over the ORM's connection. */
export class SqlOfficerStore implements OfficerStore {
  private readonly sql: Sql;

  constructor(orm: MikroORM) {
    this.sql = new Sql(orm);
  }

  private account(row: AccountRow): OfficerAccount {
    if (!isOfficerRole(row.role)) {
      throw new Error(`Account "${row.username}" has the unknown role "${row.role}" in officer_accounts; set it to one of ${OFFICER_ROLES.join(', ')}.`);
    }
    const a: OfficerAccount = {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      mustChangePassword: row.must_change_password === true || Number(row.must_change_password) === 1,
      createdAt: this.sql.readDate(row.created_at),
    };
    if (row.office) a.office = row.office;
    if (row.puskesmas) a.puskesmas = row.puskesmas;
    if (present(row.password_changed_at)) a.passwordChangedAt = this.sql.readDate(row.password_changed_at);
    if (present(row.disabled_at)) a.disabledAt = this.sql.readDate(row.disabled_at);
    return a;
  }

  private session(row: SessionRow): OfficerSession {
    return {
      id: row.id,
      accountId: row.account_id,
      csrfToken: row.csrf_token,
      createdAt: this.sql.readDate(row.created_at),
      expiresAt: this.sql.readDate(row.expires_at),
      lastSeenAt: this.sql.readDate(row.last_seen_at),
    };
  }

  async createAccount(input: NewOfficerAccount): Promise<OfficerAccount> {
    const id = randomUUID();
    const username = input.username.trim().toLowerCase();
    try {
      await this.sql.run(
        'insert into officer_accounts (id, username, display_name, role, office, puskesmas, password_hash, must_change_password, created_at, password_changed_at, disabled_at) ' +
          'values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [id, username, input.displayName, input.role, input.office ?? null, input.puskesmas ?? null, input.passwordHash, input.mustChangePassword, this.sql.date(input.at), null, null],
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateUsernameError(username);
      throw err;
    }
    const a: OfficerAccount = { id, username, displayName: input.displayName, role: input.role, mustChangePassword: input.mustChangePassword, createdAt: input.at };
    if (input.office) a.office = input.office;
    if (input.puskesmas) a.puskesmas = input.puskesmas;
    return a;
  }

  async accountForLogin(username: string): Promise<{ account: OfficerAccount; passwordHash: string } | undefined> {
    const [row] = await this.sql.all<AccountRow>(`select ${ACCOUNT_COLUMNS} from officer_accounts a where a.username = ?`, [username.trim().toLowerCase()]);
    return row ? { account: this.account(row), passwordHash: row.password_hash } : undefined;
  }

  async accountById(id: string): Promise<OfficerAccount | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.sql.all<AccountRow>(`select ${ACCOUNT_COLUMNS} from officer_accounts a where a.id = ?`, [id]);
    return row && this.account(row);
  }

  async passwordHashOf(accountId: string): Promise<string | undefined> {
    if (!UUID.test(accountId)) return undefined;
    const [row] = await this.sql.all<{ password_hash: string }>('select password_hash from officer_accounts where id = ? and disabled_at is null', [accountId]);
    return row?.password_hash;
  }

  async listAccounts(): Promise<OfficerAccount[]> {
    const rows = await this.sql.all<AccountRow>(`select ${ACCOUNT_COLUMNS} from officer_accounts a order by a.username`);
    return rows.map((r) => this.account(r));
  }

  async setPassword(accountId: string, passwordHash: string, opts: { mustChange: boolean; at: Date }): Promise<void> {
    await this.sql.run('update officer_accounts set password_hash = ?, must_change_password = ?, password_changed_at = ? where id = ?', [
      passwordHash,
      opts.mustChange,
      this.sql.date(opts.at),
      accountId,
    ]);
  }

  async disableAccount(accountId: string, at: Date): Promise<boolean> {
    if (!UUID.test(accountId)) return false;
    return this.sql.transaction(async (tx) => {
      const hit = await tx.all('update officer_accounts set disabled_at = ? where id = ? and disabled_at is null returning id', [this.sql.date(at), accountId]);
      await tx.run('delete from officer_sessions where account_id = ?', [accountId]);
      return hit.length > 0;
    });
  }

  async createSession(s: OfficerSession): Promise<void> {
    await this.sql.run('insert into officer_sessions (id, account_id, csrf_token, created_at, expires_at, last_seen_at) values (?, ?, ?, ?, ?, ?)', [
      s.id,
      s.accountId,
      s.csrfToken,
      this.sql.date(s.createdAt),
      this.sql.date(s.expiresAt),
      this.sql.date(s.lastSeenAt),
    ]);
  }

  async findSession(id: string, now: Date): Promise<{ session: OfficerSession; account: OfficerAccount } | undefined> {
    const [row] = await this.sql.all<AccountRow & { s_id: string; s_account_id: string; s_csrf_token: string; s_created_at: unknown; s_expires_at: unknown; s_last_seen_at: unknown }>(
      `select ${ACCOUNT_COLUMNS}, s.id as s_id, s.account_id as s_account_id, s.csrf_token as s_csrf_token, s.created_at as s_created_at, ` +
        's.expires_at as s_expires_at, s.last_seen_at as s_last_seen_at ' +
        'from officer_sessions s join officer_accounts a on a.id = s.account_id where s.id = ? and s.expires_at > ? and a.disabled_at is null',
      [id, this.sql.date(now)],
    );
    if (!row) return undefined;
    const session = this.session({
      id: row.s_id,
      account_id: row.s_account_id,
      csrf_token: row.s_csrf_token,
      created_at: row.s_created_at,
      expires_at: row.s_expires_at,
      last_seen_at: row.s_last_seen_at,
    });
    return { session, account: this.account(row) };
  }

  async touchSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.sql.run('update officer_sessions set last_seen_at = ?, expires_at = ? where id = ?', [this.sql.date(lastSeenAt), this.sql.date(expiresAt), id]);
  }

  async deleteSession(id: string): Promise<boolean> {
    const rows = await this.sql.all('delete from officer_sessions where id = ? returning id', [id]);
    return rows.length > 0;
  }

  async deleteAccountSessions(accountId: string): Promise<number> {
    if (!UUID.test(accountId)) return 0;
    const rows = await this.sql.all('delete from officer_sessions where account_id = ? returning id', [accountId]);
    return rows.length;
  }

  async deleteExpiredSessions(now: Date): Promise<number> {
    const rows = await this.sql.all('delete from officer_sessions where expires_at <= ? returning id', [this.sql.date(now)]);
    return rows.length;
  }

  async appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    await this.sql.run('insert into officer_audit (at, account_id, action, target, detail, ip) values (?, ?, ?, ?, ?, ?)', [
      this.sql.date(entry.at),
      entry.accountId ?? null,
      entry.action,
      entry.target === undefined ? null : entry.target.slice(0, 200),
      this.sql.json(entry.detail),
      entry.ip ?? null,
    ]);
  }

  async listAudit(query: { accountId?: string; action?: string; limit?: number; offset?: number } = {}): Promise<{ items: AuditEntry[]; total: number }> {
    if (query.accountId !== undefined && !UUID.test(query.accountId)) return { items: [], total: 0 };
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.accountId !== undefined) {
      where.push('account_id = ?');
      params.push(query.accountId);
    }
    if (query.action !== undefined) {
      where.push('action = ?');
      params.push(query.action);
    }
    const clause = where.length ? ` where ${where.join(' and ')}` : '';
    const limit = Math.max(1, Math.min(Math.trunc(query.limit ?? 50), 500));
    const offset = Math.max(0, Math.trunc(query.offset ?? 0));
    const [rows, [count]] = await Promise.all([
      this.sql.all<AuditRow>(`select id, at, account_id, action, target, detail, ip from officer_audit${clause} order by id desc limit ${limit} offset ${offset}`, params),
      this.sql.all<{ n: number | string }>(`select count(*) as n from officer_audit${clause}`, params),
    ]);
    const items = rows.map((r) => {
      const e: AuditEntry = { id: Number(r.id), at: this.sql.readDate(r.at), action: r.action };
      if (r.account_id) e.accountId = r.account_id;
      if (r.target !== null) e.target = r.target;
      const detail = this.sql.readJson<unknown>(r.detail);
      if (detail !== null) e.detail = detail;
      if (r.ip !== null) e.ip = r.ip;
      return e;
    });
    return { items, total: Number(count?.n ?? 0) };
  }
}
