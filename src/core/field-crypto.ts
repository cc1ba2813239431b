/**
 * Field-level encryption for data that must not be readable at rest (health data, messaging-session keys):
 * AES-256-GCM from Node's crypto, a fresh 12-byte IV per value, and an envelope that names the key, so keys can be
 * rotated (old values stay readable while any key that wrote them is configured).
 *
 * Envelope: `enc:v1:<keyId>:<iv>:<tag>:<ciphertext>`, base64url parts.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/** A value could not be decrypted: wrong or missing key, or the stored value was altered. */
export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

/** Encrypts and decrypts string fields with a set of named 32-byte keys; the first key encrypts. */
export class FieldCrypto {
  private readonly keys: Map<string, Buffer>;
  private readonly current: string;

  /** `keys`: key id → 32-byte key; the first entry is used to encrypt. */
  constructor(keys: ReadonlyArray<readonly [string, Buffer]>) {
    if (!keys.length) throw new Error('FieldCrypto needs at least one key.');
    for (const [id, key] of keys) {
      if (key.length !== 32) throw new Error(`Encryption key "${id}" must be 32 bytes (base64 of 32 random bytes); it is ${key.length}.`);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new Error(`Encryption key id "${id}" must be 1–32 letters, digits, "_" or "-".`);
    }
    this.keys = new Map(keys);
    this.current = keys[0]![0];
  }

  /**
   * Builds from configuration text: `id:base64key[,id:base64key…]` (first encrypts), or one bare base64 key
   * (id `k1`).
   */
  static fromConfig(spec: string): FieldCrypto {
    const parts = spec.split(',').map((p) => p.trim()).filter(Boolean);
    return new FieldCrypto(
      parts.map((p, i) => {
        const [id, b64] = p.includes(':') ? (p.split(':', 2) as [string, string]) : [`k${i + 1}`, p];
        return [id, Buffer.from(b64, 'base64')] as const;
      }),
    );
  }

  /** Encrypts a string; `undefined`/`null` stay as they are. */
  encrypt(plain: string): string;
  encrypt(plain: string | null | undefined): string | null | undefined;
  encrypt(plain: string | null | undefined): string | null | undefined {
    if (plain === null || plain === undefined) return plain;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.current)!, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${this.current}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${body.toString('base64url')}`;
  }

  /** Decrypts an envelope from {@link encrypt}; throws {@link DecryptionError} when it can't. */
  decrypt(stored: string): string;
  decrypt(stored: string | null | undefined): string | null | undefined;
  decrypt(stored: string | null | undefined): string | null | undefined {
    if (stored === null || stored === undefined) return stored;
    if (!stored.startsWith(PREFIX)) throw new DecryptionError('A stored value is not encrypted; it was written without field encryption or is corrupted.');
    const [keyId, iv, tag, body] = stored.slice(PREFIX.length).split(':');
    const key = keyId ? this.keys.get(keyId) : undefined;
    if (!key || !iv || !tag || body === undefined) {
      throw new DecryptionError(`A stored value was encrypted with key "${keyId ?? '?'}", which is not configured; add it to the key list to read it.`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError(`A stored value failed its integrity check with key "${keyId}": it was altered or the key is wrong.`);
    }
  }

  /** Encrypts a JSON-serialisable value. */
  encryptJson(value: unknown): string {
    return this.encrypt(JSON.stringify(value));
  }

  /** Decrypts a value from {@link encryptJson}. */
  decryptJson<T>(stored: string): T {
    return JSON.parse(this.decrypt(stored)) as T;
  }
}
