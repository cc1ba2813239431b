/**
 * Where the WhatsApp channel keeps the Baileys auth state of its linked devices ("sessions"): the creds and the
 * signal keys, as JSON text written with Baileys' `BufferJSON.replacer` (`auth-state.ts` turns them into objects
 * and back). The store sees only those strings, never Baileys' objects.
 *
 * Encryption is the store's job: an implementation must keep the values encrypted at rest (they hold the device's
 * private keys; `SqlWhatsAppSessionStore` uses `FieldCrypto`) and hands back plain JSON text. A value it cannot
 * decrypt is reported as a {@link CorruptSessionError}, never returned.
 */

/** One change to a signal key: the JSON text to store, or `null` to delete the key. */
export interface SignalKeyWrite {
  /** Baileys' key type (a `SignalDataTypeMap` key: `pre-key`, `session`, `app-state-sync-key`…). */
  type: string;
  /** The key's id within its type. */
  id: string;
  /** The value as `BufferJSON` text; `null` deletes the key. */
  json: string | null;
}

/** The durable Baileys auth state of WhatsApp sessions, each named by the caller (e.g. `main`). */
export interface WhatsAppSessionStore {
  /**
   * The session's creds as JSON text; `undefined` when it has none (never paired, or cleared). Throws
   * {@link CorruptSessionError} when the stored creds cannot be decrypted.
   */
  readCreds(session: string): Promise<string | undefined>;

  /** Replaces the session's creds. */
  writeCreds(session: string, json: string): Promise<void>;

  /**
   * The stored keys of `type` among `ids`, as id → JSON text; ids without a stored key are absent. A stored key
   * that cannot be decrypted is passed to `onUnreadable` and left out; without `onUnreadable` the read throws
   * {@link CorruptSessionError}.
   */
  readKeys(session: string, type: string, ids: string[], onUnreadable?: (id: string, err: CorruptSessionError) => void): Promise<Map<string, string>>;

  /**
   * Stores and deletes (`json: null`) keys, all or nothing. When an entry names the same key as an earlier one,
   * the later one wins. Concurrent calls are safe; each applies as a whole.
   */
  writeKeys(session: string, entries: SignalKeyWrite[]): Promise<void>;

  /** Deletes everything of the session (creds and keys), all or nothing. Other sessions are untouched. */
  clear(session: string): Promise<void>;
}

/**
 * A session's stored auth state cannot be used: a value failed to decrypt (altered, or written with an encryption
 * key that is no longer configured) or is not what Baileys wrote. The message names the session and what to do,
 * never a stored value or a key id (those contain phone numbers).
 */
export class CorruptSessionError extends Error {
  /**
   * `part` names what could not be read (`its creds`, `a "session" key`…); `reason` says why, as a sentence
   * that ends with a full stop.
   */
  constructor(
    readonly session: string,
    readonly part: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The stored WhatsApp session "${session}" is unusable: ${part} cannot be read. ${reason} ` +
        `If the field-encryption keys were changed, configure the missing key again; otherwise clear session "${session}" ` +
        'and pair the phone again (new QR code or pairing code).',
      options,
    );
    this.name = 'CorruptSessionError';
  }
}
