/**
 * The few errors that carry meaning across layers. Each says what happened and what the operator or the code
 * should do next.
 */

/** The channel asked us to wait (e.g. Telegram 429 with retry_after): retry this message later, don't count a failure. */
export class DeliveryRetryLater extends Error {
  constructor(
    readonly retryAfterMs: number,
    message = `The channel asked to wait ${retryAfterMs} ms before sending again.`,
  ) {
    super(message);
    this.name = 'DeliveryRetryLater';
  }
}

/** The address can never receive messages (blocked the bot, not on WhatsApp): stop sending to it, don't retry. */
export class Undeliverable extends Error {
  constructor(
    readonly reason: string,
    message = `Message cannot be delivered: ${reason}. The identity is marked unreachable until the resident writes again.`,
  ) {
    super(message);
    this.name = 'Undeliverable';
  }
}
