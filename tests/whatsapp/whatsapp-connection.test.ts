/**
 * The WhatsApp session's life against a fake socket, with the real auth-state store (SQLite) and a real Redis lock:
 * pairing by QR (drawn in the terminal) or by code, reconnecting for each disconnect reason (new socket, session
 * kept or cleared), stopping when the session is taken over or the number refused, one process per session, and a
 * corrupted stored session cleared for a new pairing instead of a crash.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { randomBytes } from 'node:crypto';
import { FieldCrypto } from '../../src/core/field-crypto.js';
import { I18n } from '../../src/core/i18n.js';
import { openDatabase } from '../../src/db/orm.js';
import { SqlWhatsAppSessionStore } from '../../src/db/whatsapp-session-store.js';
import { WhatsAppConnection } from '../../src/channels/whatsapp/whatsapp-connection.js';
import { SessionLock } from '../../src/channels/whatsapp/session-lock.js';
import { DISCONNECT } from '../../src/channels/whatsapp/reconnect-policy.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { uniquePrefix } from '../support/app.js';
import { TEST_REDIS_URL } from '../support/urls.js';
import { waitFor } from '../support/senders.js';
import { FakeSockets } from './fake-socket.js';

let db: TestDatabase;
let orm: MikroORM;
let redis: Redis;
let store: SqlWhatsAppSessionStore;
const crypto = FieldCrypto.fromConfig(`test:${randomBytes(32).toString('base64')}`);

beforeAll(async () => {
  db = await createTestDatabase('sqlite');
  orm = await openDatabase(db.url);
  redis = new Redis(TEST_REDIS_URL);
  store = new SqlWhatsAppSessionStore(orm, crypto);
});
afterAll(async () => {
  await orm.close(true);
  await db.drop();
  redis.disconnect();
});

function logSink(): { logger: ReturnType<typeof pino>; lines: () => { msg: string; [k: string]: unknown }[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) });
  return { logger: pino({ level: 'debug' }, stream), lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

function connection(sockets: FakeSockets, opts: { session?: string; lockKey?: string; pairingNumber?: string; terminal?: Writable } = {}) {
  const session = opts.session ?? `s${Math.random().toString(36).slice(2, 8)}`;
  const log = logSink();
  const handled: unknown[] = [];
  const conn = new WhatsAppConnection({
    session,
    store,
    lock: new SessionLock(redis, opts.lockKey ?? `${uniquePrefix()}:wa-lock`),
    socketFactory: sockets.factory,
    engine: { handle: async (m) => void handled.push(m) },
    t: new I18n().forLocale('id'),
    logger: log.logger,
    allowGroups: false,
    backoff: { baseMs: 20, maxMs: 100, jitter: 0 },
    standbyRetryMs: 50,
    lockRenewMs: 50,
    ...(opts.pairingNumber && { pairingNumber: opts.pairingNumber }),
    terminal: opts.terminal ?? new Writable({ write: (_c, _e, cb) => cb() }),
  });
  return { conn, session, log, handled };
}

describe('WhatsApp connection', () => {
  it('pairs by QR: drawn in the terminal, kept for the dashboard, gone once open; credentials are saved', async () => {
    const sockets = new FakeSockets();
    let drawn = '';
    const terminal = new Writable({ write: (c, _e, cb) => ((drawn += String(c)), cb()) });
    const { conn, session, log } = connection(sockets, { terminal });
    await conn.start();
    expect(sockets.opened).toHaveLength(1);
    expect(conn.status).toBe('connecting');
    sockets.current.showQr('2@qr-data,abc,def,ghi');
    await waitFor(() => conn.status === 'waiting_for_qr', 'waiting for the QR');
    await waitFor(() => drawn.length > 100, 'the QR drawn');
    expect(conn.qr).toBe('2@qr-data,abc,def,ghi');
    expect(log.lines().some((l) => l.msg.includes('scan the QR code'))).toBe(true);
    sockets.current.auth.creds.me = { id: '6281200000000:1@s.whatsapp.net', name: 'Pintu' };
    sockets.current.emit('creds.update', { me: sockets.current.auth.creds.me });
    sockets.current.open();
    await waitFor(() => conn.status === 'open', 'open');
    expect(conn.qr).toBeUndefined();
    await waitFor(async () => (await store.readCreds(session)) !== undefined, 'creds saved');
    await conn.stop();
  });

  it('pairs by code when a number is configured, asking once', async () => {
    const sockets = new FakeSockets();
    const { conn, log } = connection(sockets, { pairingNumber: '6281234567890' });
    await conn.start();
    sockets.current.showQr();
    sockets.current.showQr();
    await waitFor(() => log.lines().some((l) => l.code === 'ABCD-1234'), 'the pairing code logged');
    expect(sockets.current.pairingRequests).toEqual(['6281234567890']);
    await conn.stop();
  });

  it.each([
    ['connection closed', DISCONNECT.connectionClosed],
    ['connection lost', DISCONNECT.connectionLost],
    ['service unavailable', DISCONNECT.unavailableService],
    ['network error without a code', undefined],
    ['restart required', DISCONNECT.restartRequired],
  ])('%s: reconnects on a new socket and keeps the session', async (_name, code) => {
    const sockets = new FakeSockets();
    const { conn, session } = connection(sockets);
    await conn.start();
    sockets.current.open();
    await waitFor(() => conn.status === 'open', 'open');
    sockets.current.emit('creds.update', {});
    await waitFor(async () => (await store.readCreds(session)) !== undefined, 'creds saved');
    const saved = await store.readCreds(session);
    sockets.current.close(code);
    await waitFor(() => sockets.opened.length === 2, 'a new socket');
    sockets.current.open();
    await waitFor(() => conn.status === 'open', 'open again');
    // The same identity: the new socket was opened on the saved credentials.
    expect(await store.readCreds(session)).toBe(saved);
    expect(sockets.current.auth.creds.noiseKey).toEqual(sockets.opened[0]!.auth.creds.noiseKey);
    await conn.stop();
  });

  it.each([
    ['logged out from the phone', DISCONNECT.loggedOut],
    ['bad session', DISCONNECT.badSession],
  ])('%s: clears the stored session, says so loudly, and asks for a new pairing', async (_name, code) => {
    const sockets = new FakeSockets();
    const { conn, session, log } = connection(sockets);
    await conn.start();
    sockets.current.open();
    await waitFor(() => conn.status === 'open', 'open');
    await store.writeKeys(session, [{ type: 'pre-key', id: '1', json: '{"x":1}' }]);
    sockets.current.close(code);
    await waitFor(() => sockets.opened.length === 2, 'a new socket for pairing');
    expect(await store.readKeys(session, 'pre-key', ['1'])).toEqual(new Map());
    expect(conn.status === 'logged_out' || conn.status === 'connecting').toBe(true);
    expect(log.lines().some((l) => l.level === 50 && /pair the phone again/.test(l.msg))).toBe(true);
    sockets.current.showQr();
    await waitFor(() => conn.status === 'waiting_for_qr', 'a QR for the new pairing');
    await conn.stop();
  });

  it.each([
    ['replaced by another client', DISCONNECT.connectionReplaced],
    ['number refused', DISCONNECT.forbidden],
  ])('%s: stops and does not reconnect', async (_name, code) => {
    const sockets = new FakeSockets();
    const { conn } = connection(sockets);
    await conn.start();
    sockets.current.open();
    await waitFor(() => conn.status === 'open', 'open');
    sockets.current.close(code);
    await waitFor(() => conn.status === 'halted', 'halted');
    await new Promise((r) => setTimeout(r, 150));
    expect(sockets.opened).toHaveLength(1);
    expect(conn.problem).toBeDefined();
    await conn.stop();
  });

  it('two processes on one session: one holds it, the other stands by and takes over when it stops', async () => {
    const lockKey = `${uniquePrefix()}:wa-lock`;
    const a = new FakeSockets();
    const b = new FakeSockets();
    const first = connection(a, { lockKey });
    const second = connection(b, { lockKey, session: first.session });
    await first.conn.start();
    await second.conn.start();
    expect(a.opened).toHaveLength(1);
    expect(b.opened).toHaveLength(0);
    expect(second.conn.status).toBe('standby');
    await first.conn.stop();
    await waitFor(() => b.opened.length === 1, 'the standby takes over');
    await second.conn.stop();
  });

  it('a holder that loses the lock closes its socket and stands by', async () => {
    const lockKey = `${uniquePrefix()}:wa-lock`;
    const sockets = new FakeSockets();
    const { conn, log } = connection(sockets, { lockKey });
    await conn.start();
    sockets.current.open();
    await waitFor(() => conn.status === 'open', 'open');
    await redis.set(lockKey, 'another-process', 'PX', 60_000);
    await waitFor(() => sockets.opened[0]!.ended, 'the socket closed');
    expect(conn.status).toBe('standby');
    expect(log.lines().some((l) => /lock lost/.test(l.msg))).toBe(true);
    await conn.stop();
    await redis.del(lockKey);
  });

  it('a photo no longer in memory is reported clearly', async () => {
    const sockets = new FakeSockets();
    const { conn } = connection(sockets);
    await expect(conn.fetchPhoto('3EB0NOTKEPT')).rejects.toThrow(/no longer in memory/);
  });

  it('a corrupted stored session is cleared and paired again instead of crashing', async () => {
    const sockets = new FakeSockets();
    const { conn, session, log } = connection(sockets);
    await store.writeCreds(session, JSON.stringify({ fine: true }));
    await orm.em.getConnection().execute(`update whatsapp_creds set data = 'not-encrypted-garbage' where session = '${session}'`);
    await conn.start();
    expect(sockets.opened).toHaveLength(1);
    expect(log.lines().some((l) => /cannot be read; it is cleared/.test(l.msg))).toBe(true);
    await conn.stop();
  });
});
