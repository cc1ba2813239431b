/**
 * Plain SQL for the per-message hot path (identities, dedup, conversation state, the turn commit). The ORM's
 * unit of work costs about half a millisecond of CPU per query here, five times the query itself; these few
 * statements run on every message, so they skip it. Both dialects take the same SQL with `?` placeholders; only
 * dates and booleans are stored differently (SQLite: epoch milliseconds and 0/1).
 *
 * On SQLite the statements go straight to the libsql connection the ORM's pool holds (one connection): prepared
 * once and cached, and a transaction keeps the connection for its whole length, so nothing else can slip into it.
 * Transactions start with BEGIN IMMEDIATE, so a second process waits for the write lock instead of failing.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { dialectOf, type Dialect } from './orm.js';

/** The bits of a libsql `Database` used here. */
interface LibSqlDatabase {
  prepare(sql: string): { all(params: unknown[]): unknown[]; run(params: unknown[]): unknown };
  exec(sql: string): void;
}

/** The knex client behind the ORM's connection (its pool hands out the raw driver connection). */
interface KnexClient {
  acquireConnection(): Promise<LibSqlDatabase>;
  releaseConnection(db: LibSqlDatabase): Promise<void>;
}

/** A SQLite transaction in progress: the connection it holds. */
interface SqliteTx {
  db: LibSqlDatabase;
}

const statementCache = new WeakMap<LibSqlDatabase, Map<string, ReturnType<LibSqlDatabase['prepare']>>>();

/** Settings each new SQLite connection needs (the pool replaces connections, and these are per connection). */
function tune(db: LibSqlDatabase): Map<string, ReturnType<LibSqlDatabase['prepare']>> {
  let cache = statementCache.get(db);
  if (!cache) {
    db.exec('PRAGMA busy_timeout = 5000');
    db.exec('PRAGMA synchronous = NORMAL');
    cache = new Map();
    statementCache.set(db, cache);
  }
  return cache;
}

function prepared(db: LibSqlDatabase, sql: string) {
  const cache = tune(db);
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

/** Runs SQL on the ORM's connection, in or out of a transaction. */
export class Sql {
  readonly dialect: Dialect;
  private readonly conn: AbstractSqlConnection;

  constructor(orm: MikroORM) {
    this.conn = orm.em.getConnection() as AbstractSqlConnection;
    this.dialect = dialectOf(orm.config.get('clientUrl') ?? '');
  }

  private get client(): KnexClient {
    return this.conn.getKnex().client as unknown as KnexClient;
  }

  private async withDb<T>(work: (db: LibSqlDatabase) => T): Promise<T> {
    const db = await this.client.acquireConnection();
    try {
      return work(db);
    } finally {
      await this.client.releaseConnection(db);
    }
  }

  private bind(params: unknown[]): unknown[] {
    return this.dialect === 'sqlite' ? params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p instanceof Date ? p.getTime() : p)) : params;
  }

  /** Rows of a query. */
  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.dialect === 'sqlite') return this.withDb((db) => prepared(db, sql).all(this.bind(params)) as T[]);
    return this.conn.execute<T[]>(sql, params, 'all');
  }

  /** Runs a statement. */
  async run(sql: string, params: unknown[] = []): Promise<void> {
    if (this.dialect === 'sqlite') {
      await this.withDb((db) => prepared(db, sql).run(this.bind(params)));
      return;
    }
    await this.conn.execute(sql, params, 'run');
  }

  /** Runs `work` in one SQLite transaction; it commits when `work` resolves and rolls back when it throws. */
  private async sqliteTransaction<T>(work: (tx: SqliteTx) => Promise<T>): Promise<T> {
    const db = await this.client.acquireConnection();
    try {
      tune(db);
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work({ db });
        db.exec('COMMIT');
        return result;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      await this.client.releaseConnection(db);
    }
  }

  /**
   * Runs `work` in one transaction, for changes that depend on what an earlier statement found (an update that
   * may hit no row). Only `tx` may be used inside: on SQLite the transaction holds the one connection. Prefer
   * {@link atomically} when the statements are known up front (one round trip on PostgreSQL).
   */
  async transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgresql') {
      return this.conn.transactional((trx) =>
        work({
          all: (sql, params = []) => this.conn.execute(sql, params, 'all', trx),
          run: async (sql, params = []) => void (await this.conn.execute(sql, params, 'run', trx)),
        }),
      );
    }
    return this.sqliteTransaction(({ db }) =>
      work({
        all: async <R>(sql: string, params: unknown[] = []) => prepared(db, sql).all(this.bind(params)) as R[],
        run: async (sql, params = []) => void prepared(db, sql).run(this.bind(params)),
      }),
    );
  }

  /**
   * Runs data-changing statements all or nothing. On PostgreSQL they go as one statement (the first ones as
   * data-modifying WITH clauses): one round trip, atomic without a transaction. On SQLite, in one transaction.
   */
  async atomically(statements: Statement[]): Promise<void> {
    if (statements.length === 0) return;
    if (this.dialect === 'postgresql') {
      const last = statements.at(-1)!;
      const withs = statements.slice(0, -1).map((st, i) => `s${i} as (${st.sql})`);
      const sql = withs.length ? `with ${withs.join(', ')} ${last.sql}` : last.sql;
      await this.conn.execute(sql, statements.flatMap((st) => st.params), 'run');
      return;
    }
    await this.sqliteTransaction(async (tx) => {
      for (const st of statements) prepared(tx.db, st.sql).run(this.bind(st.params));
    });
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

/** Statements inside {@link Sql.transaction}: the same `all` and `run`, on the transaction's connection. */
export interface SqlTx {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
}

/** One SQL statement with its `?` parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** Whether `err` is a unique-key violation, from either driver. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { name?: string; code?: string; message?: string };
  return (
    e?.name === 'UniqueConstraintViolationException' ||
    e?.code === '23505' ||
    /UNIQUE constraint failed|duplicate key value/i.test(e?.message ?? '') ||
    /SQLITE_CONSTRAINT_UNIQUE/.test(e?.code ?? '')
  );
}
