/**
 * Sends Pintu's replies with the Bot API: plain text (no parse mode, so nothing a resident wrote can turn into
 * markup or a link), split at 4,096 characters on sentence boundaries; choices as an inline keyboard on the last
 * piece; "share your location" as a one-time reply-keyboard button; photos by URL and locations as pins.
 */
import type { Api } from 'grammy';
import type { InlineKeyboardButton, ReplyKeyboardMarkup } from 'grammy/types';
import type { Choice, Reply } from '../../core/messages.js';
import type { ChannelSender } from '../../core/ports.js';
import { splitText } from '../../core/split-text.js';
import type { CallbackData } from './callback-data.js';
import { deliveryError } from './telegram-errors.js';

/** Telegram's longest message text and photo caption. */
export const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;

/** Texts the sender adds itself (in the default language: a queued message carries no locale). */
export interface TelegramSenderTexts {
  /** The location button's label, e.g. "📍 Kirim lokasi saya". */
  locationButton: string;
  /** The line sent with the location button when the reply also has choices. */
  locationPrompt: string;
}

/** Choice buttons: two to a row when the labels are short, else one per row. */
export function inlineKeyboard(choices: Choice[], data: (value: string) => Promise<string>): Promise<InlineKeyboardButton[][]> {
  const perRow = choices.every((c) => c.label.length <= 18) ? 2 : 1;
  return Promise.all(choices.map(async (c) => ({ text: c.label.slice(0, 64), callback_data: await data(c.value) }))).then((buttons) => {
    const rows: InlineKeyboardButton[][] = [];
    for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
    return rows;
  });
}

/** The Telegram {@link ChannelSender}. */
export class TelegramSender implements ChannelSender {
  readonly channel = 'telegram' as const;

  constructor(
    private readonly api: Api,
    private readonly callbacks: CallbackData,
    private readonly texts: TelegramSenderTexts,
  ) {}

  async send(address: string, reply: Reply): Promise<void> {
    try {
      await this.deliver(address, reply);
    } catch (err) {
      throw deliveryError(err);
    }
  }

  private locationKeyboard(): ReplyKeyboardMarkup {
    return { keyboard: [[{ text: this.texts.locationButton, request_location: true }]], one_time_keyboard: true, resize_keyboard: true };
  }

  private async deliver(address: string, reply: Reply): Promise<void> {
    const chatId = address;
    let text = reply.text;
    if (reply.photo) {
      // The reply's text rides as the caption only when nothing else (buttons, the location button) needs a message.
      const plain = !reply.choices?.length && !reply.requestLocation;
      const caption = reply.photo.caption ?? (plain && text.length <= MAX_CAPTION ? text : undefined);
      await this.api.sendPhoto(chatId, reply.photo.url, caption ? { caption } : {});
      if (caption === text) text = '';
    }
    if (reply.location) await this.api.sendLocation(chatId, reply.location.lat, reply.location.lon);
    const pieces = splitText(text, MAX_TEXT);
    const choices = reply.choices ?? [];
    const inline = choices.length ? { inline_keyboard: await inlineKeyboard(choices, (v) => this.callbacks.encode(v)) } : undefined;
    for (const [i, piece] of pieces.entries()) {
      const last = i === pieces.length - 1;
      // The location button goes on the message itself unless that message already carries the choices.
      const markup = last ? (inline ?? (reply.requestLocation ? this.locationKeyboard() : undefined)) : undefined;
      await this.api.sendMessage(chatId, piece, { ...(markup && { reply_markup: markup }), link_preview_options: { is_disabled: true } });
    }
    if (reply.requestLocation && (inline || !pieces.length)) {
      await this.api.sendMessage(chatId, this.texts.locationPrompt, { reply_markup: this.locationKeyboard() });
    }
  }
}
