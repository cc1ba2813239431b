/**
 * Officers' passwords: scrypt hashing (memory-hard, from `node:crypto`), constant-time verification, one-time
 * passwords for new accounts, and the policy a new password must meet at the first-login change.
 *
 * A hash is stored as `scrypt$N$r$p$salt$hash` (salt and hash in unpadded base64url), so the parameters travel
 * with it and can be raised later without breaking existing hashes.
 */
import { randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** The scrypt cost parameters for new hashes: N = 2^15, r = 8, p = 1 (32 MiB, tens of milliseconds). */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;

const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** Upper bounds for parameters read from a stored hash, so a tampered row cannot make verification exhaust memory. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Memory scrypt needs for N and r (128·N·r bytes), with headroom; Node refuses anything above `maxmem`. */
function maxmem(N: number, r: number): number {
  return 128 * N * r * 2;
}

/** Hashes `password` with a fresh random salt; returns `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = SCRYPT_PARAMS;
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, KEY_BYTES, { N, r, p, maxmem: maxmem(N, r) });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** A stored hash taken apart, or `undefined` when it is not one `hashPassword` could have written. */
function parseHash(encoded: string): { N: number; r: number; p: number; salt: Buffer; key: Buffer } | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((v) => (/^\d{1,8}$/.test(v!) ? Number(v) : NaN)) as [number, number, number];
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || key.length < 16) return undefined;
  return { N, r, p, salt, key };
}

/**
 * Whether `password` matches the stored `encoded` hash, compared in constant time. A malformed hash never
 * matches (it answers false rather than throwing, so a broken row looks like a wrong password, not a crash).
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const { N, r, p, salt, key } = parsed;
  const derived = await scrypt(password, salt, key.length, { N, r, p, maxmem: maxmem(N, r) });
  return timingSafeEqual(derived, key);
}

/**
 * A hash of a random password that nobody knows. Verifying against it costs what verifying a real password
 * costs, so a login for an unknown user takes as long as a wrong password for a known one.
 */
export function decoyHash(): Promise<string> {
  return hashPassword(randomBytes(24).toString('base64url'));
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied (no 0/o, 1/l/i). */
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A one-time password for a new account: three groups of four readable characters, e.g. `k7mp-x3qa-9tzw`
 * (14 characters, about 59 bits of randomness). The officer must replace it at the first login.
 */
export function oneTimePassword(): string {
  const group = () => Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join('');
  return [group(), group(), group()].join('-');
}

/** The shortest password the policy accepts. */
export const PASSWORD_MIN_LENGTH = 10;
/** Longer than any passphrase, short enough that hashing stays cheap for the server. */
export const PASSWORD_MAX_LENGTH = 200;

/** Why a new password was refused; the dashboard shows the matching `dashboard.auth.policy.*` text. */
export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_username' | 'same_as_old';

/**
 * Checks a new password against the policy: at least {@link PASSWORD_MIN_LENGTH} characters (at most
 * {@link PASSWORD_MAX_LENGTH}), not the username, and not the old (one-time) password. Returns every problem
 * found, or an empty list when the password is acceptable.
 */
export function passwordProblems(password: string, context: { username: string; oldPassword: string }): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const fold = (s: string) => s.normalize('NFC').trim().toLowerCase();
  if (fold(password) === fold(context.username)) problems.push('same_as_username');
  if (password.normalize('NFC') === context.oldPassword.normalize('NFC')) problems.push('same_as_old');
  return problems;
}
