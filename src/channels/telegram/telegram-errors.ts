/**
 * Bot API failures in the outbox's terms: 429 is "wait `retry_after`" (the outbox pauses all Telegram sends that
 * long and retries the message), a blocked bot or a chat that is gone is "never deliverable" (the identity is marked
 * unreachable), anything else is an ordinary failure that is retried with backoff.
 */
import { GrammyError } from 'grammy';
import { DeliveryRetryLater, Undeliverable } from '../../core/errors.js';

/** Descriptions of a 400 that mean the chat itself cannot be reached. */
const GONE = /chat not found|user is deactivated|peer_id_invalid|bot was kicked|have no rights to send/i;

/** The outbox error for a failed Bot API call (or the error itself when it is not a Bot API answer). */
export function deliveryError(err: unknown): unknown {
  if (!(err instanceof GrammyError)) return err;
  if (err.error_code === 429) {
    const seconds = Number(err.parameters?.retry_after ?? 1);
    return new DeliveryRetryLater(Math.max(1, seconds) * 1000, `Telegram asked to wait ${seconds} s (${err.method}).`);
  }
  if (err.error_code === 403 || (err.error_code === 400 && GONE.test(err.description))) return new Undeliverable(err.description);
  return err;
}
