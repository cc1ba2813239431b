/**
 * The durable Baileys auth state against real SQLite and PostgreSQL databases: creds and keys round-trip through
 * the Baileys-facing state, values are encrypted at rest, concurrent writes all land, sessions are cleared one at
 * a time, and a corrupted session is reported, not crashed on.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { BufferJSON, initAuthCreds, proto } from '@whiskeysockets/baileys';
import type { KeyPair } from '@whiskeysockets/baileys';
import { CorruptSessionError, databaseAuthState } from '../../src/channels/whatsapp/auth-state.js';
import type { Logger } from '../../src/core/ports.js';
import { FieldCrypto } from '../../src/core/field-crypto.js';
import { openDatabase } from '../../src/db/orm.js';
import { Sql } from '../../src/db/sql.js';
import { SqlWhatsAppSessionStore } from '../../src/db/whatsapp-session-store.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';

const crypto = FieldCrypto.fromConfig(`test:${randomBytes(32).toString('base64')}`);

/** A Baileys-style key pair. */
const keyPair = (): KeyPair => ({ public: randomBytes(32), private: randomBytes(32) });

/** A value as Baileys' file store would write it: what "the same after a round trip" means. */
const asJson = (v: unknown) => JSON.stringify(v, BufferJSON.replacer);

function fakeLogger(): Logger & { error: Mock<Logger['error']> } {
  return { info: vi.fn(), warn: vi.fn(), debug: vi.fn(), error: vi.fn<Logger['error']>() };
}

describe.each(DIALECTS)('WhatsApp auth state on %s', (dialect) => {
  let db: TestDatabase;
  let orm: MikroORM;
  let sql: Sql;
  let store: SqlWhatsAppSessionStore;
  let n = 0;
  /** A session name no other test uses. */
  const session = () => `${dialect}-s${++n}`;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    orm = await openDatabase(db.url);
    sql = new Sql(orm);
    store = new SqlWhatsAppSessionStore(orm, crypto);
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  const rows = (table: 'whatsapp_creds' | 'whatsapp_keys', s: string) =>
    sql.all<{ data: string; type?: string; key_id?: string }>(`select * from ${table} where session = ? order by 1, 2, 3`, [s]);

  it('a new session gets fresh creds; saved creds (Buffers included) come back exactly', async () => {
    const s = session();
    const first = await databaseAuthState(store, s);
    expect(first.state.creds.registered).toBe(false);
    expect(await rows('whatsapp_creds', s)).toHaveLength(0);

    const creds = first.state.creds;
    creds.me = { id: '6281234567890:1@s.whatsapp.net', name: 'Pintu' };
    creds.registered = true;
    creds.routingInfo = randomBytes(24);
    creds.nextPreKeyId = 31;
    await first.saveCreds();

    const again = await databaseAuthState(store, s);
    expect(asJson(again.state.creds)).toBe(asJson(creds));
    expect(again.state.creds).toEqual(JSON.parse(asJson(creds), BufferJSON.reviver));
    expect(Buffer.isBuffer(again.state.creds.noiseKey.private)).toBe(true);
    expect(Buffer.from(again.state.creds.signedIdentityKey.private).equals(Buffer.from(creds.signedIdentityKey.private))).toBe(true);
    expect(again.state.creds.routingInfo!.equals(creds.routingInfo)).toBe(true);
    expect(again.state.creds.me).toEqual(creds.me);
  });

  it('a full initAuthCreds() object round-trips exactly', async () => {
    const s = session();
    const creds = initAuthCreds();
    await store.writeCreds(s, asJson(creds));
    const loaded = (await databaseAuthState(store, s)).state.creds;
    expect(loaded).toEqual(JSON.parse(asJson(creds), BufferJSON.reviver));
    expect(asJson(loaded)).toBe(asJson(creds));
    expect(loaded.signedPreKey.signature).toEqual(Buffer.from(creds.signedPreKey.signature));
  });

  it('saveCreds calls in a burst all land, and the stored creds are the latest', async () => {
    const s = session();
    const { state, saveCreds } = await databaseAuthState(store, s);
    const saves: Promise<void>[] = [];
    for (let i = 1; i <= 30; i++) {
      state.creds.accountSyncCounter = i;
      saves.push(saveCreds());
    }
    await Promise.all(saves);
    expect((await databaseAuthState(store, s)).state.creds.accountSyncCounter).toBe(30);
  });

  it('keys are set, read back (pre-key, session, app-state-sync-key as a proto) and deleted through state.keys', async () => {
    const s = session();
    const { state, saveCreds } = await databaseAuthState(store, s);
    await saveCreds();
    const preKey = keyPair();
    const signalSession = new Uint8Array(randomBytes(120));
    const syncKey = proto.Message.AppStateSyncKeyData.fromObject({
      keyData: randomBytes(32),
      fingerprint: { rawId: 7, currentIndex: 2, deviceIndexes: [0, 1] },
      timestamp: 1764450000000,
    });
    await state.keys.set({
      'pre-key': { '1': preKey, '2': keyPair() },
      session: { '6281234567890.0': signalSession },
      'app-state-sync-key': { AAAAAQ: syncKey },
      'sender-key-memory': { '120363000000000000@g.us': { '6281234567890:1@s.whatsapp.net': true } },
    });

    // A fresh state reads from the database, not the cache.
    const fresh = (await databaseAuthState(store, s)).state.keys;
    const pre = await fresh.get('pre-key', ['1', '2', '3']);
    expect(Object.keys(pre).sort()).toEqual(['1', '2']);
    expect(pre['1']).toEqual(preKey);
    expect(Buffer.isBuffer(pre['1']!.private)).toBe(true);
    const sess = await fresh.get('session', ['6281234567890.0']);
    expect(Buffer.from(sess['6281234567890.0']!).equals(Buffer.from(signalSession))).toBe(true);
    const sync = (await fresh.get('app-state-sync-key', ['AAAAAQ']))['AAAAAQ'];
    expect(sync).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(sync!.keyData!).equals(Buffer.from(syncKey.keyData!))).toBe(true);
    expect(sync!.fingerprint).toMatchObject({ rawId: 7, currentIndex: 2, deviceIndexes: [0, 1] });
    expect(Number(sync!.timestamp)).toBe(1764450000000);
    expect(await fresh.get('sender-key-memory', ['120363000000000000@g.us'])).toEqual({
      '120363000000000000@g.us': { '6281234567890:1@s.whatsapp.net': true },
    });

    // null deletes, in the cache and in the database.
    await state.keys.set({ 'pre-key': { '1': null }, session: { '6281234567890.0': null } });
    expect((await state.keys.get('pre-key', ['1']))['1']).toBeFalsy();
    const after = (await databaseAuthState(store, s)).state.keys;
    expect(await after.get('pre-key', ['1', '2'])).toEqual({ '2': expect.anything() });
    expect(await after.get('session', ['6281234567890.0'])).toEqual({});
    expect((await rows('whatsapp_keys', s)).map((r) => `${r.type}/${r.key_id}`)).toEqual([
      'app-state-sync-key/AAAAAQ',
      'pre-key/2',
      'sender-key-memory/120363000000000000@g.us',
    ]);
  });

  it('nothing is stored in plain text', async () => {
    const s = session();
    const { state, saveCreds } = await databaseAuthState(store, s);
    const preKey = keyPair();
    await saveCreds();
    await state.keys.set({ 'pre-key': { '5': preKey }, 'lid-mapping': { '6281234567890': '123456789012345' } });
    const all = [...(await rows('whatsapp_creds', s)), ...(await rows('whatsapp_keys', s))];
    expect(all).toHaveLength(3);
    const secrets = [
      Buffer.from(state.creds.noiseKey.private).toString('base64'),
      Buffer.from(state.creds.signedIdentityKey.private).toString('base64'),
      state.creds.advSecretKey,
      Buffer.from(preKey.private).toString('base64'),
      '123456789012345',
      'Buffer',
    ];
    for (const row of all) {
      expect(row.data.startsWith('enc:v1:test:')).toBe(true);
      for (const secret of secrets) expect(row.data).not.toContain(secret);
    }
  });

  it('50 concurrent sets on different keys and on one key all land through state.keys', async () => {
    const s = session();
    const { state, saveCreds } = await databaseAuthState(store, s);
    await saveCreds();
    const values = Array.from({ length: 50 }, () => new Uint8Array(randomBytes(40)));
    await Promise.all([
      ...values.map((v, i) => state.keys.set({ session: { [`628100000${i}.0`]: v } })),
      ...values.map((v) => state.keys.set({ 'sender-key': { shared: v } })),
    ]);
    const fresh = (await databaseAuthState(store, s)).state.keys;
    const got = await fresh.get('session', values.map((_, i) => `628100000${i}.0`));
    expect(Object.keys(got)).toHaveLength(50);
    values.forEach((v, i) => expect(Buffer.from(got[`628100000${i}.0`]!).equals(Buffer.from(v))).toBe(true));
    // The cache hands the writes to the store one after another, in call order: the last one wins.
    expect(Buffer.from((await fresh.get('sender-key', ['shared']))['shared']!).equals(Buffer.from(values.at(-1)!))).toBe(true);
  });

  it('50 concurrent writeKeys on the store itself (overlapping keys, deletes) all apply, without deadlock', async () => {
    const s = session();
    // Each call writes its own key, rewrites the shared ones in its own order and deletes its predecessor's extra.
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.writeKeys(s, [
          { type: 'pre-key', id: `own-${i}`, json: `{"i":${i}}` },
          ...(i % 2 ? ['a', 'b', 'c'] : ['c', 'b', 'a']).map((id) => ({ type: 'session', id, json: `{"by":${i}}` })),
          { type: 'pre-key', id: `extra-${i}`, json: '{}' },
          ...(i > 0 ? [{ type: 'pre-key', id: `gone-${i - 1}`, json: null }] : []),
          { type: 'pre-key', id: `gone-${i}`, json: '{}' },
        ]),
      ),
    );
    const own = await store.readKeys(s, 'pre-key', Array.from({ length: 50 }, (_, i) => `own-${i}`));
    expect(own.size).toBe(50);
    const shared = await store.readKeys(s, 'session', ['a', 'b', 'c']);
    // Each call applies as a whole: the three shared keys come from the same call.
    expect(new Set(shared.values()).size).toBe(1);
  });

  it('many keys in one call (more than a statement batch) are written and read', async () => {
    const s = session();
    const ids = Array.from({ length: 1203 }, (_, i) => String(i + 1));
    await store.writeKeys(s, ids.map((id) => ({ type: 'pre-key', id, json: `"${id}"` })));
    const read = await store.readKeys(s, 'pre-key', [...ids, 'missing']);
    expect(read.size).toBe(1203);
    expect(read.get('1203')).toBe('"1203"');
    await store.writeKeys(s, ids.map((id) => ({ type: 'pre-key', id, json: null })));
    expect(await rows('whatsapp_keys', s)).toHaveLength(0);
  });

  it('clear removes that session only', async () => {
    const [s1, s2] = [session(), session()];
    const a = await databaseAuthState(store, s1);
    const b = await databaseAuthState(store, s2);
    for (const x of [a, b]) {
      await x.saveCreds();
      await x.state.keys.set({ 'pre-key': { '1': keyPair() }, session: { '6281.0': new Uint8Array([1, 2, 3]) } });
    }
    await a.clear();
    expect(await rows('whatsapp_creds', s1)).toHaveLength(0);
    expect(await rows('whatsapp_keys', s1)).toHaveLength(0);
    expect(await rows('whatsapp_creds', s2)).toHaveLength(1);
    expect(await rows('whatsapp_keys', s2)).toHaveLength(2);
    // The cache was emptied too, and the next start pairs from scratch.
    expect(await a.state.keys.get('pre-key', ['1'])).toEqual({});
    const fresh = await databaseAuthState(store, s1);
    expect(Buffer.from(fresh.state.creds.noiseKey.private).equals(Buffer.from(a.state.creds.noiseKey.private))).toBe(false);
    expect(Object.keys(await (await databaseAuthState(store, s2)).state.keys.get('pre-key', ['1']))).toEqual(['1']);
  });

  it('keys left without creds (a pairing that never saved them) are dropped on load', async () => {
    const s = session();
    await store.writeKeys(s, [{ type: 'pre-key', id: '1', json: asJson(keyPair()) }]);
    const { state } = await databaseAuthState(store, s);
    expect(await state.keys.get('pre-key', ['1'])).toEqual({});
    expect(await rows('whatsapp_keys', s)).toHaveLength(0);
  });

  it('corrupted creds (undecryptable, not JSON, not creds) throw CorruptSessionError naming the session', async () => {
    const s = session();
    const { saveCreds } = await databaseAuthState(store, s);
    await saveCreds();
    const [stored] = await rows('whatsapp_creds', s);
    const altered = `${stored!.data.slice(0, -4)}AAAA`;
    for (const data of [altered, 'plain text', crypto.encrypt('{"noiseKey": secret-ish'), crypto.encryptJson({ registered: true })]) {
      await sql.run('update whatsapp_creds set data = ? where session = ?', [data, s]);
      const err = await databaseAuthState(store, s).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(CorruptSessionError);
      expect((err as CorruptSessionError).session).toBe(s);
      expect((err as Error).message).toContain(`"${s}"`);
      expect((err as Error).message).toMatch(/clear session .* pair the phone again/);
      expect((err as Error).message).not.toContain('secret-ish');
    }
    // A key that is not configured is reported too, and says so.
    const other = new SqlWhatsAppSessionStore(orm, FieldCrypto.fromConfig(`other:${randomBytes(32).toString('base64')}`));
    await store.writeCreds(s, asJson(initAuthCreds()));
    await expect(databaseAuthState(other, s)).rejects.toThrow(/key "test", which is not configured/);
  });

  it('a corrupted key is logged and treated as missing by state.keys; the store alone throws', async () => {
    const s = session();
    const logger = fakeLogger();
    const first = await databaseAuthState(store, s);
    await first.saveCreds();
    await first.state.keys.set({ session: { good: new Uint8Array([1]), bad: new Uint8Array([2]), junk: new Uint8Array([3]) } });
    await sql.run('update whatsapp_keys set data = ? where session = ? and key_id = ?', ['enc:v1:test:AAAA:BBBB:CCCC', s, 'bad']);
    await sql.run('update whatsapp_keys set data = ? where session = ? and key_id = ?', [crypto.encrypt('{not json'), s, 'junk']);

    const { state } = await databaseAuthState(store, s, logger);
    expect(Object.keys(await state.keys.get('session', ['good', 'bad', 'junk']))).toEqual(['good']);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]![0]).toMatchObject({ session: s, type: 'session', count: 2 });
    expect(JSON.stringify(logger.error.mock.calls[0])).not.toContain('not json');

    await expect(store.readKeys(s, 'session', ['good', 'bad'])).rejects.toBeInstanceOf(CorruptSessionError);
  });
});
