/** What happens after each Baileys disconnect reason, and the backoff between attempts. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, decideReconnect, DISCONNECT } from '../../src/channels/whatsapp/reconnect-policy.js';

const noJitter = { baseMs: 1000, maxMs: 60_000, jitter: 0 };

describe('reconnect policy', () => {
  it.each([
    ['connectionClosed', DISCONNECT.connectionClosed],
    ['connectionLost / timedOut', DISCONNECT.connectionLost],
    ['unavailableService', DISCONNECT.unavailableService],
    ['no status code (network error)', undefined],
  ])('%s: reconnects with backoff', (_name, code) => {
    expect(decideReconnect(code, 0, noJitter)).toMatchObject({ action: 'reconnect', delayMs: 1000 });
    expect(decideReconnect(code, 3, noJitter)).toMatchObject({ action: 'reconnect', delayMs: 8000 });
  });

  it('restartRequired (after pairing): reconnects at once', () => {
    expect(decideReconnect(DISCONNECT.restartRequired, 5, noJitter)).toMatchObject({ action: 'reconnect', delayMs: 0 });
  });

  it.each([DISCONNECT.loggedOut, DISCONNECT.badSession, DISCONNECT.multideviceMismatch])('%s: the session is cleared and paired again', (code) => {
    expect(decideReconnect(code, 0).action).toBe('re-pair');
  });

  it.each([DISCONNECT.connectionReplaced, DISCONNECT.forbidden])('%s: stops, with the reason for the operator', (code) => {
    const d = decideReconnect(code, 0);
    expect(d.action).toBe('stop');
    expect(d.reason.length).toBeGreaterThan(30);
  });

  it('backoff doubles up to the cap, with jitter inside ±20 %', () => {
    expect([0, 1, 2, 5, 6, 20].map((a) => backoffDelay(a, noJitter))).toEqual([1000, 2000, 4000, 32_000, 60_000, 60_000]);
    for (const r of [0, 0.5, 0.999]) {
      const d = backoffDelay(2, { baseMs: 1000, maxMs: 60_000, jitter: 0.2 }, () => r);
      expect(d).toBeGreaterThanOrEqual(3200);
      expect(d).toBeLessThanOrEqual(4800);
    }
  });
});
