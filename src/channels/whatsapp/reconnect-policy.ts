/**
 * What to do when the WhatsApp socket closes, by Baileys' disconnect reason (the status code of
 * `lastDisconnect.error`). Ordinary drops reconnect with exponential backoff and jitter; "restart required" (normal
 * right after pairing) reconnects at once; a logged-out or unusable session is cleared and paired again; a session
 * taken over by another client or a banned number stops, loudly, because reconnecting would fight or make it worse.
 */

/** Baileys' `DisconnectReason` codes (copied so this stays a pure module). */
export const DISCONNECT = {
  connectionClosed: 428,
  connectionLost: 408,
  connectionReplaced: 440,
  loggedOut: 401,
  badSession: 500,
  restartRequired: 515,
  multideviceMismatch: 411,
  forbidden: 403,
  unavailableService: 503,
} as const;

/** The decision. */
export type ReconnectDecision =
  | { action: 'reconnect'; delayMs: number; reason: string }
  | { action: 're-pair'; reason: string }
  | { action: 'stop'; reason: string };

/** Backoff settings. */
export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
  /** Random share added or taken (0.2 = ±20 %), so many instances do not reconnect in step. */
  jitter: number;
}

/** Defaults: 1 s doubling to 1 minute, ±20 %. */
export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 1000, maxMs: 60_000, jitter: 0.2 };

/** The delay before reconnect attempt `attempt` (0 = first). */
export function backoffDelay(attempt: number, settings: BackoffSettings = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const plain = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(plain * (1 + settings.jitter * (random() * 2 - 1)));
}

/** What to do after a close with `statusCode` (undefined: no code, e.g. a network error) on attempt `attempt`. */
export function decideReconnect(statusCode: number | undefined, attempt: number, settings: BackoffSettings = DEFAULT_BACKOFF, random: () => number = Math.random): ReconnectDecision {
  switch (statusCode) {
    case DISCONNECT.restartRequired:
      return { action: 'reconnect', delayMs: 0, reason: 'restart required (normal after pairing)' };
    case DISCONNECT.loggedOut:
      return { action: 're-pair', reason: 'logged out from the phone (Linked devices): the session is gone and must be paired again' };
    case DISCONNECT.badSession:
    case DISCONNECT.multideviceMismatch:
      return { action: 're-pair', reason: `the stored session is unusable (${statusCode}): it is cleared and must be paired again` };
    case DISCONNECT.connectionReplaced:
      return { action: 'stop', reason: 'another client opened this WhatsApp session; not reconnecting so the two do not fight. Check that only one Pintu holds WHATSAPP (the Redis lock) and that no WhatsApp Web is left open on it' };
    case DISCONNECT.forbidden:
      return { action: 'stop', reason: 'WhatsApp refused this number (403: banned or restricted). Check the phone; sending is stopped' };
    default:
      return { action: 'reconnect', delayMs: backoffDelay(attempt, settings, random), reason: statusCode === undefined ? 'connection dropped' : `closed with ${statusCode}` };
  }
}
