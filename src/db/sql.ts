/**
 * Plain SQL for the per-message hot path (identities, dedup, conversation state, the turn commit). The ORM's
 * unit of work costs about half a millisecond of CPU per query here, five times the query itself; these few
 * statements run on every message, so they skip it. Both dialects take the same SQL with `?` placeholders;
 * only date values differ (SQLite keeps epoch milliseconds, PostgreSQL timestamptz).
 */
import type { MikroORM, Transaction } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { dialectOf, type Dialect } from './orm.js';

/** Runs SQL on the ORM's connection, in or out of a transaction. */
export class Sql {
  readonly dialect: Dialect;
  private readonly conn: AbstractSqlConnection;

  constructor(orm: MikroORM) {
    this.conn = orm.em.getConnection() as AbstractSqlConnection;
    const url = orm.config.get('clientUrl') ?? '';
    this.dialect = dialectOf(url);
  }

  /** Rows of a query. */
  all<T>(sql: string, params: unknown[] = [], trx?: Transaction): Promise<T[]> {
    return this.conn.execute<T[]>(sql, params, 'all', trx);
  }

  /** Runs a statement. */
  async run(sql: string, params: unknown[] = [], trx?: Transaction): Promise<void> {
    await this.conn.execute(sql, params, 'run', trx);
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (trx: Transaction) => Promise<T>): Promise<T> {
    return this.conn.transactional(work);
  }

  /** A date as this dialect stores it. */
  date(d: Date): number | Date {
    return this.dialect === 'sqlite' ? d.getTime() : d;
  }

  /** A stored date back as a Date. */
  readDate(v: unknown): Date {
    return v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number));
  }

  /** A JSON value as this dialect stores it (text for both; PostgreSQL casts it to jsonb). */
  json(v: unknown): string | null {
    return v === null || v === undefined ? null : JSON.stringify(v);
  }

  /** A stored JSON value back (SQLite returns text, PostgreSQL parsed jsonb). */
  readJson<T>(v: unknown): T | null {
    if (v === null || v === undefined) return null;
    return (typeof v === 'string' ? JSON.parse(v) : v) as T;
  }
}

/** Whether `err` is a unique-key violation, from either driver. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { name?: string; code?: string; message?: string };
  return (
    e?.name === 'UniqueConstraintViolationException' ||
    e?.code === '23505' ||
    /UNIQUE constraint failed|duplicate key value/i.test(e?.message ?? '')
  );
}
