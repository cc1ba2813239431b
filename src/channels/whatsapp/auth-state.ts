/**
 * The Baileys auth state of one WhatsApp session, kept durably in a {@link WhatsAppSessionStore} (the database in
 * production) instead of Baileys' `useMultiFileAuthState`, which its authors advise against for production.
 *
 * Values go to the store as `BufferJSON` text, like Baileys' own file store writes them; the store encrypts them.
 * The keys pass through Baileys' `makeCacheableSignalKeyStore`, an in-memory cache in front of the store, so a key
 * read again within minutes costs no query. `makeWASocket` adds its own transactions on top (it wraps
 * `state.keys` with `addTransactionCapability`), so pass `state` to it as it is.
 */
import { BufferJSON, initAuthCreds, makeCacheableSignalKeyStore, proto } from '@whiskeysockets/baileys';
import type { AuthenticationCreds, AuthenticationState, SignalDataSet, SignalDataTypeMap, SignalKeyStore } from '@whiskeysockets/baileys';
import type { Logger } from '../../core/ports.js';
import { CorruptSessionError, type SignalKeyWrite, type WhatsAppSessionStore } from './session-store.js';

export { CorruptSessionError } from './session-store.js';

/** What {@link databaseAuthState} returns. */
export interface DatabaseAuthState {
  /** The state to pass to `makeWASocket({ auth: state })`. */
  state: AuthenticationState;
  /**
   * Stores the current creds; call it on every `creds.update` event. Calls are written one after another, each
   * with the creds as they are when its write starts, so the stored creds are never older than the last call;
   * calls made while a write waits share it. Rejects when the write fails (an event listener should catch it).
   */
  saveCreds(): Promise<void>;
  /**
   * Deletes the session's stored creds and keys and empties the cache, e.g. after WhatsApp logged the device out.
   * `state` is stale afterwards: start over with a new {@link databaseAuthState} to pair again.
   */
  clear(): Promise<void>;
}

/** Text → value, reviving the Buffers `BufferJSON.replacer` wrote. */
function parse(json: string): unknown {
  return JSON.parse(json, BufferJSON.reviver);
}

/** Value → text, keeping Buffers and Uint8Arrays as base64. */
function serialise(value: unknown): string {
  return JSON.stringify(value, BufferJSON.replacer);
}

/** Whether `v` looks like Baileys' `KeyPair` after revival. */
function isKeyPair(v: unknown): boolean {
  const kp = v as { public?: unknown; private?: unknown } | null;
  return typeof kp === 'object' && kp !== null && Buffer.isBuffer(kp.public) && Buffer.isBuffer(kp.private);
}

/**
 * The stored creds as Baileys' object. The error never quotes the text: a JSON parse error would show part of
 * it, and it holds private keys.
 */
function readCreds(session: string, json: string): AuthenticationCreds {
  let creds: unknown;
  try {
    creds = parse(json);
  } catch {
    throw new CorruptSessionError(session, 'its creds', 'They are not valid JSON.');
  }
  const c = creds as Partial<AuthenticationCreds> | null;
  const complete =
    typeof c === 'object' &&
    c !== null &&
    isKeyPair(c.noiseKey) &&
    isKeyPair(c.pairingEphemeralKeyPair) &&
    isKeyPair(c.signedIdentityKey) &&
    isKeyPair(c.signedPreKey?.keyPair) &&
    typeof c.registrationId === 'number' &&
    typeof c.advSecretKey === 'string';
  if (!complete) throw new CorruptSessionError(session, 'its creds', 'They lack the key pairs and ids Baileys needs.');
  return c as AuthenticationCreds;
}

/** A stored key as Baileys' value: app-state sync keys become protobuf messages again, as Baileys' file store does. */
function reviveKey<T extends keyof SignalDataTypeMap>(type: T, json: string): SignalDataTypeMap[T] {
  const value = parse(json);
  if (type === 'app-state-sync-key' && value) {
    return proto.Message.AppStateSyncKeyData.fromObject(value as Record<string, unknown>) as unknown as SignalDataTypeMap[T];
  }
  return value as SignalDataTypeMap[T];
}

/**
 * The Baileys auth state of `session` from `store`: its stored creds, or new ones from `initAuthCreds()` when
 * it has none (a device not paired yet). Keys left without creds (a pairing that never saved its creds) are
 * deleted first: they belong to an identity that no longer exists.
 *
 * Throws {@link CorruptSessionError} when the stored creds cannot be decrypted or are not Baileys' creds; the
 * caller decides what to do (usually: report it, {@link WhatsAppSessionStore.clear} the session and pair again).
 * A single stored key that cannot be read later on is not fatal: it is logged at error level (type and count,
 * no ids) and treated as missing, which Baileys recovers from (it re-establishes a signal session, asks the
 * sender to retry, or refetches the app-state key).
 */
export async function databaseAuthState(store: WhatsAppSessionStore, session: string, logger?: Logger): Promise<DatabaseAuthState> {
  const stored = await store.readCreds(session);
  let creds: AuthenticationCreds;
  if (stored === undefined) {
    await store.clear(session);
    creds = initAuthCreds();
  } else {
    creds = readCreds(session, stored);
  }

  const reportUnreadable = (type: string, count: number, err: CorruptSessionError) =>
    logger?.error({ session, type, count, err: err.message }, 'WhatsApp auth state: stored keys cannot be read; treating them as missing');

  const durable: SignalKeyStore = {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      let unreadable = 0;
      let firstError: CorruptSessionError | undefined;
      const noteUnreadable = (err: CorruptSessionError) => {
        unreadable += 1;
        firstError ??= err;
      };
      const found = await store.readKeys(session, type, ids, (_id, err) => noteUnreadable(err));
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const [id, json] of found) {
        try {
          out[id] = reviveKey(type, json);
        } catch {
          noteUnreadable(new CorruptSessionError(session, `a "${type}" key`, 'It is not valid JSON or not a valid key.'));
        }
      }
      if (firstError) reportUnreadable(type, unreadable, firstError);
      return out;
    },
    async set(data: SignalDataSet) {
      const entries: SignalKeyWrite[] = [];
      for (const type of Object.keys(data) as (keyof SignalDataSet)[]) {
        const values = data[type] ?? {};
        for (const id of Object.keys(values)) {
          const value = values[id];
          entries.push({ type, id, json: value === null || value === undefined ? null : serialise(value) });
        }
      }
      await store.writeKeys(session, entries);
    },
  };
  // No logger for the cache: it logs only trace lines, and ours has no trace level.
  const keys = makeCacheableSignalKeyStore(durable);

  let tail: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | undefined;
  const saveCreds = (): Promise<void> => {
    if (waiting) return waiting;
    const write = tail
      .catch(() => undefined)
      .then(() => {
        // From here on, a new call queues a new write: this one may already have serialised the creds.
        waiting = undefined;
        return store.writeCreds(session, serialise(creds));
      });
    waiting = write;
    tail = write;
    return write;
  };

  return {
    state: { creds, keys },
    saveCreds,
    async clear() {
      // The cache's clear() empties the cache only: `durable` has no clear of its own.
      await keys.clear?.();
      await tail.catch(() => undefined);
      await store.clear(session);
    },
  };
}
