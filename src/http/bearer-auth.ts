/** Reading bearer tokens from requests and comparing secrets without leaking their content through timing. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The token of an `Authorization: Bearer <token>` header, or `undefined` when the header is absent or another scheme. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return m?.[1];
}

/**
 * Whether `given` equals `expected`, in time independent of where they differ. Both are hashed first, so the
 * comparison also takes the same time whatever their lengths.
 */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
