/**
 * Telegram updates in Pintu's vocabulary. Private chats only: a message in a group is ignored unless it mentions
 * the bot or replies to it, and then it only gets a pointer to a private chat (complaints and health questions do
 * not belong in a group). An edited message is not handled again (re-running it could file a second report); the
 * resident is told to send it as a new message. Every handled update's `update_id` is its message id, so a
 * redelivered update is processed once.
 */
import type { Message, Update } from 'grammy/types';
import type { InboundMessage } from '../../core/messages.js';

/** Commands in the bot's menu and the text each stands for (the engine's own words for them). */
export const TELEGRAM_COMMANDS: Record<string, string> = {
  start: 'menu',
  menu: 'menu',
  bantuan: 'bantuan',
  help: 'bantuan',
  batal: 'batal',
  status: 'cek status laporan saya',
};

/** What to do with an update. */
export type TelegramInbound =
  | { kind: 'message'; message: InboundMessage; callbackQueryId?: string }
  /** Not for the engine; `notice` says which short answer to give in that chat (if any). */
  | { kind: 'ignore'; reason: string; notice?: 'group' | 'edited'; chatId?: number; callbackQueryId?: string };

/** The text a command message stands for ("/status@pintu_bot" → "cek status laporan saya"); other text unchanged. */
function commandText(text: string): string {
  const m = /^\/([a-z_]+)(?:@\w+)?(?:\s|$)/i.exec(text);
  if (!m) return text;
  return TELEGRAM_COMMANDS[m[1]!.toLowerCase()] ?? text;
}

function isGroup(msg: Message): boolean {
  return msg.chat.type === 'group' || msg.chat.type === 'supergroup' || msg.chat.type === 'channel';
}

/** True when a group message is addressed to the bot: an @mention, a /command@bot, or a reply to the bot. */
function addressesBot(msg: Message, botUsername: string): boolean {
  const name = `@${botUsername}`.toLowerCase();
  const text = msg.text ?? msg.caption ?? '';
  const entities = msg.entities ?? msg.caption_entities ?? [];
  const mentioned = entities.some((e) => (e.type === 'mention' || e.type === 'bot_command') && text.slice(e.offset, e.offset + e.length).toLowerCase().includes(name));
  return mentioned || msg.reply_to_message?.from?.username?.toLowerCase() === botUsername.toLowerCase();
}

function base(update: Update, msg: Message): Pick<InboundMessage, 'channel' | 'address' | 'messageId' | 'receivedAt' | 'displayName' | 'languageHint'> {
  return {
    channel: 'telegram',
    address: String(msg.chat.id),
    messageId: String(update.update_id),
    receivedAt: new Date(msg.date * 1000),
    ...(msg.from?.first_name && { displayName: msg.from.first_name }),
    ...(msg.from?.language_code && { languageHint: msg.from.language_code }),
  };
}

/** Maps one update. `botUsername` is the bot's own username (from getMe), to recognise mentions in groups. */
export function toInbound(update: Update, botUsername: string): TelegramInbound {
  if (update.callback_query) {
    const q = update.callback_query;
    const chat = q.message?.chat;
    if (!chat || chat.type !== 'private') return { kind: 'ignore', reason: 'callback outside a private chat', callbackQueryId: q.id };
    if (q.data === undefined) return { kind: 'ignore', reason: 'callback without data (a game button)', callbackQueryId: q.id };
    return {
      kind: 'message',
      callbackQueryId: q.id,
      message: {
        channel: 'telegram',
        address: String(chat.id),
        messageId: String(update.update_id),
        receivedAt: new Date(),
        choice: q.data,
        ...(q.from.first_name && { displayName: q.from.first_name }),
        ...(q.from.language_code && { languageHint: q.from.language_code }),
      },
    };
  }
  const edited = update.edited_message;
  if (edited) {
    return isGroup(edited) ? { kind: 'ignore', reason: 'edited group message' } : { kind: 'ignore', reason: 'edited message', notice: 'edited', chatId: edited.chat.id };
  }
  const msg = update.message;
  if (!msg) return { kind: 'ignore', reason: `update type not handled (${Object.keys(update).filter((k) => k !== 'update_id').join(', ') || 'empty'})` };
  if (isGroup(msg)) {
    return addressesBot(msg, botUsername)
      ? { kind: 'ignore', reason: 'group message to the bot', notice: 'group', chatId: msg.chat.id }
      : { kind: 'ignore', reason: 'group message' };
  }
  const common = base(update, msg);
  if (msg.text !== undefined) return { kind: 'message', message: { ...common, text: commandText(msg.text) } };
  if (msg.location) return { kind: 'message', message: { ...common, location: { lat: msg.location.latitude, lon: msg.location.longitude } } };
  if (msg.photo?.length) {
    // Telegram sends several sizes, smallest first; the largest is the one worth keeping.
    const largest = msg.photo.reduce((a, b) => ((b.width * b.height > a.width * a.height) ? b : a));
    return {
      kind: 'message',
      message: { ...common, photo: { fileId: largest.file_id, ...(msg.caption && { caption: msg.caption }) }, ...(msg.caption && { text: msg.caption }) },
    };
  }
  if (msg.contact) return { kind: 'message', message: { ...common, contactPhone: msg.contact.phone_number } };
  // Stickers, voice notes, documents…: the engine answers them with "I can only read text, photos and locations".
  return { kind: 'message', message: { ...common, ...(msg.caption && { text: msg.caption }) } };
}
