/** Field encryption: round trips, fresh IVs, tamper detection, key rotation, clear errors. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, FieldCrypto } from '../../src/core/field-crypto.js';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('field encryption', () => {
  it('round-trips text and JSON, and never stores the plain text', () => {
    const c = new FieldCrypto([['k1', k1]]);
    const stored = c.encrypt('HPHT 2026-03-01, perdarahan');
    expect(stored).toMatch(/^enc:v1:k1:/);
    expect(stored).not.toContain('HPHT');
    expect(c.decrypt(stored)).toBe('HPHT 2026-03-01, perdarahan');
    expect(c.decryptJson(c.encryptJson({ hpht: '2026-03-01', children: [1, 2] }))).toEqual({ hpht: '2026-03-01', children: [1, 2] });
    expect(c.encrypt(null)).toBeNull();
  });

  it('uses a fresh IV: the same value encrypts differently each time', () => {
    const c = new FieldCrypto([['k1', k1]]);
    expect(c.encrypt('x')).not.toBe(c.encrypt('x'));
  });

  it('detects tampering and a wrong key', () => {
    const c = new FieldCrypto([['k1', k1]]);
    const stored = c.encrypt('rahasia');
    const parts = stored.split(':');
    const body = Buffer.from(parts[5]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[5] = body.toString('base64url');
    expect(() => c.decrypt(parts.join(':'))).toThrow(DecryptionError);
    expect(() => new FieldCrypto([['k1', k2]]).decrypt(stored)).toThrow(/integrity check/);
    expect(() => c.decrypt('plain text')).toThrow(/not encrypted/);
  });

  it('rotates keys: new values use the first key, old ones stay readable', () => {
    const old = new FieldCrypto([['k1', k1]]).encrypt('lama');
    const rotated = FieldCrypto.fromConfig(`k2:${k2.toString('base64')},k1:${k1.toString('base64')}`);
    expect(rotated.decrypt(old)).toBe('lama');
    expect(rotated.encrypt('baru')).toMatch(/^enc:v1:k2:/);
    expect(() => new FieldCrypto([['k2', k2]]).decrypt(old)).toThrow(/"k1", which is not configured/);
  });

  it('refuses keys of the wrong size', () => {
    expect(() => FieldCrypto.fromConfig(randomBytes(16).toString('base64'))).toThrow(/must be 32 bytes/);
  });
});
