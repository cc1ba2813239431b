/** {@link AdminTokenStore} over the database: tokens are random, and only their SHA-256 is stored. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { AdminScope, AdminTokenInfo, AdminTokenStore, Officer } from '../features/complaints/officer-auth.js';
import { Sql } from './sql.js';

/** What every token starts with, so a leaked one is easy to recognise (and to scan for). */
const TOKEN_PREFIX = 'pintu_';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TokenRow {
  id: string;
  name: string;
  scope: string;
  office: string | null;
  created_at: unknown;
  revoked_at: unknown;
}

/** The stored form of a token: its SHA-256 in hex. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A stored scope back as an {@link AdminScope}; unknown or incomplete scopes grant nothing. */
function readScope(row: TokenRow): AdminScope | undefined {
  if (row.scope === 'coordinator') return { kind: 'coordinator' };
  if (row.scope === 'open311') return { kind: 'open311' };
  if (row.scope === 'office' && row.office) return { kind: 'office', office: row.office };
  return undefined;
}

/** Issues, checks, lists and revokes the officers' and Open311 clients' bearer tokens. */
export class SqlAdminTokens implements AdminTokenStore {
  private readonly sql: Sql;

  constructor(orm: MikroORM) {
    this.sql = new Sql(orm);
  }

  async create(input: { name: string; scope: AdminScope; at: Date }): Promise<{ id: string; token: string }> {
    const id = randomUUID();
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const office = input.scope.kind === 'office' ? input.scope.office : null;
    await this.sql.run('insert into admin_tokens (id, name, token_hash, scope, office, created_at, revoked_at) values (?, ?, ?, ?, ?, ?, ?)', [
      id,
      input.name,
      hashToken(token),
      input.scope.kind,
      office,
      this.sql.date(input.at),
      null,
    ]);
    return { id, token };
  }

  async verify(token: string): Promise<Officer | undefined> {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const [row] = await this.sql.all<TokenRow>('select * from admin_tokens where token_hash = ? and revoked_at is null', [hashToken(token)]);
    const scope = row && readScope(row);
    return row && scope ? { id: row.id, name: row.name, scope } : undefined;
  }

  async list(): Promise<AdminTokenInfo[]> {
    const rows = await this.sql.all<TokenRow>('select * from admin_tokens order by created_at desc, id');
    return rows.flatMap((row) => {
      const scope = readScope(row);
      if (!scope) return [];
      const info: AdminTokenInfo = { id: row.id, name: row.name, scope, createdAt: this.sql.readDate(row.created_at) };
      if (row.revoked_at !== null && row.revoked_at !== undefined) info.revokedAt = this.sql.readDate(row.revoked_at);
      return [info];
    });
  }

  async revoke(id: string, at: Date = new Date()): Promise<boolean> {
    // PostgreSQL rejects a malformed uuid outright; such an id names no token.
    if (!UUID.test(id)) return false;
    const rows = await this.sql.all('update admin_tokens set revoked_at = ? where id = ? and revoked_at is null returning id', [this.sql.date(at), id]);
    return rows.length > 0;
  }
}
