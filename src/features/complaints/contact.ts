/** The contact a conversation turn gives: how to reach this resident about their tickets. */
import type { TurnContext } from '../../core/flow.js';
import type { ContactRef } from './model.js';

/** The channel identity the resident is writing from, to send ticket updates to. */
export function contactOf(ctx: TurnContext): ContactRef {
  return { userId: ctx.user.userId, channel: ctx.message.channel, address: ctx.message.address, locale: ctx.locale };
}
