/** How to reach a resident later: the channel identity a conversation turn came from. */
import type { TurnContext } from './flow.js';
import type { Locale } from './i18n.js';
import type { ChannelName } from './messages.js';

/** Where to reach a person later (ticket updates, reminders): the channel identity they wrote from. */
export interface ContactRef {
  userId: string;
  channel: ChannelName;
  address: string;
  locale: Locale;
}

/** The channel identity the resident is writing from, to send later messages to. */
export function contactOf(ctx: TurnContext): ContactRef {
  return { userId: ctx.user.userId, channel: ctx.message.channel, address: ctx.message.address, locale: ctx.locale };
}
