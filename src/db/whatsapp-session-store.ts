/**
 * {@link WhatsAppSessionStore} over the database (`whatsapp_creds`, `whatsapp_keys`), in plain SQL that both
 * dialects take. Every value is stored encrypted ({@link FieldCrypto.encrypt}); the session, key type and key id
 * stay plain because the queries look them up.
 */
import type { MikroORM } from '@mikro-orm/core';
import { CorruptSessionError, type SignalKeyWrite, type WhatsAppSessionStore } from '../channels/whatsapp/session-store.js';
import { DecryptionError, type FieldCrypto } from '../core/field-crypto.js';
import { Sql, type SqlTx } from './sql.js';

/** Rows per upsert (5 parameters each) and ids per `in (…)` list. */
const BATCH = 500;

const READ_CREDS = 'select data from whatsapp_creds where session = ?';

const WRITE_CREDS =
  'insert into whatsapp_creds (session, data, updated_at) values (?, ?, ?) ' +
  'on conflict (session) do update set data = excluded.data, updated_at = excluded.updated_at';

/**
 * A select of the keys of one type among `n` ids. `n` is a power of two (the id list is padded by repeating its
 * last id), so SQLite's statement cache holds a handful of these, not one per list length.
 */
function selectKeys(n: number): string {
  return `select key_id, data from whatsapp_keys where session = ? and type = ? and key_id in (${Array.from({ length: n }, () => '?').join(', ')})`;
}

/** An upsert of `rows` keys. */
function upsertKeys(rows: number): string {
  return (
    `insert into whatsapp_keys (session, type, key_id, data, updated_at) values ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?)').join(', ')} ` +
    'on conflict (session, type, key_id) do update set data = excluded.data, updated_at = excluded.updated_at'
  );
}

/** A delete of `n` keys of one type. */
function deleteKeys(n: number): string {
  return `delete from whatsapp_keys where session = ? and type = ? and key_id in (${Array.from({ length: n }, () => '?').join(', ')})`;
}

/** The smallest power of two ≥ `n`. */
function bucket(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

/** Splits `items` into chunks of at most `size`. */
function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Stores the Baileys auth state of WhatsApp sessions, encrypted; see {@link WhatsAppSessionStore}. */
export class SqlWhatsAppSessionStore implements WhatsAppSessionStore {
  private readonly sql: Sql;

  /** `crypto` encrypts and decrypts the stored values; it needs every key that wrote a stored one. */
  constructor(
    orm: MikroORM,
    private readonly crypto: FieldCrypto,
  ) {
    this.sql = new Sql(orm);
  }

  async readCreds(session: string): Promise<string | undefined> {
    const [row] = await this.sql.all<{ data: string }>(READ_CREDS, [session]);
    return row && this.decrypt(session, 'its creds', row.data);
  }

  async writeCreds(session: string, json: string): Promise<void> {
    await this.sql.run(WRITE_CREDS, [session, this.crypto.encrypt(json), this.sql.date(new Date())]);
  }

  async readKeys(session: string, type: string, ids: string[], onUnreadable?: (id: string, err: CorruptSessionError) => void): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const batch of chunks([...new Set(ids)], BATCH)) {
      const size = bucket(batch.length);
      const padded = [...batch, ...Array.from({ length: size - batch.length }, () => batch.at(-1)!)];
      const rows = await this.sql.all<{ key_id: string; data: string }>(selectKeys(size), [session, type, ...padded]);
      for (const row of rows) {
        try {
          found.set(row.key_id, this.decrypt(session, `a "${type}" key`, row.data));
        } catch (err) {
          if (!onUnreadable || !(err instanceof CorruptSessionError)) throw err;
          onUnreadable(row.key_id, err);
        }
      }
    }
    return found;
  }

  /**
   * One transaction: the upserts, then the deletes, each batched per statement. On PostgreSQL the transaction
   * first takes a lock on the session (an advisory lock, held to its end), so concurrent writers of one session
   * apply one after the other instead of deadlocking on each other's rows; SQLite has one writer anyway.
   */
  async writeKeys(session: string, entries: SignalKeyWrite[]): Promise<void> {
    // The last entry for a key wins (PostgreSQL also refuses to upsert one row twice in a statement).
    const latest = new Map<string, SignalKeyWrite>();
    for (const e of entries) latest.set(JSON.stringify([e.type, e.id]), e);
    if (latest.size === 0) return;
    const upserts = [...latest.values()].filter((e) => e.json !== null);
    const deletes = new Map<string, string[]>();
    for (const e of latest.values()) if (e.json === null) deletes.set(e.type, [...(deletes.get(e.type) ?? []), e.id]);
    const now = this.sql.date(new Date());
    await this.sql.transaction(async (tx) => {
      await this.lockSession(tx, session);
      for (const batch of chunks(upserts, BATCH)) {
        await tx.run(
          upsertKeys(batch.length),
          batch.flatMap((e) => [session, e.type, e.id, this.crypto.encrypt(e.json!), now]),
        );
      }
      for (const [type, ids] of deletes) {
        for (const batch of chunks(ids, BATCH)) await tx.run(deleteKeys(batch.length), [session, type, ...batch]);
      }
    });
  }

  async clear(session: string): Promise<void> {
    await this.sql.atomically([
      { sql: 'delete from whatsapp_keys where session = ?', params: [session] },
      { sql: 'delete from whatsapp_creds where session = ?', params: [session] },
    ]);
  }

  /** Serialises the writers of one session on PostgreSQL (until the transaction ends). */
  private async lockSession(tx: SqlTx, session: string): Promise<void> {
    if (this.sql.dialect !== 'postgresql') return;
    await tx.all('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`whatsapp_keys:${session}`]);
  }

  /**
   * Decrypts a stored value. The error names the session and the key problem, never the value (a
   * {@link DecryptionError}'s message holds none).
   */
  private decrypt(session: string, part: string, stored: string): string {
    try {
      return this.crypto.decrypt(stored);
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      throw new CorruptSessionError(session, part, err.message, { cause: err });
    }
  }
}
