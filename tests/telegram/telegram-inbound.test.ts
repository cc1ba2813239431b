/** Telegram updates (real Bot API shapes) as Pintu's inbound messages, and what is deliberately not handled. */
import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { toInbound } from '../../src/channels/telegram/telegram-inbound.js';

const from = { id: 42, is_bot: false, first_name: 'Siti', language_code: 'id' };
const privateChat = { id: 42, type: 'private' as const, first_name: 'Siti' };
const group = { id: -100123, type: 'supergroup' as const, title: 'Warga RW 03' };

function message(extra: Record<string, unknown>, chat: object = privateChat): Update {
  return { update_id: 1001, message: { message_id: 7, date: 1_764_474_000, chat, from, ...extra } } as unknown as Update;
}

describe('telegram inbound', () => {
  it('text, with the update id as message id and the client language as a hint', () => {
    expect(toInbound(message({ text: 'lampu jalan mati' }), 'pintu_bot')).toEqual({
      kind: 'message',
      message: { channel: 'telegram', address: '42', messageId: '1001', receivedAt: new Date(1_764_474_000_000), displayName: 'Siti', languageHint: 'id', text: 'lampu jalan mati' },
    });
  });

  it('commands become the words the engine knows', () => {
    const text = (t: string) => (toInbound(message({ text: t, entities: [{ type: 'bot_command', offset: 0, length: t.split(' ')[0]!.length }] }), 'pintu_bot') as { message: { text: string } }).message.text;
    expect(text('/start')).toBe('menu');
    expect(text('/start lapor')).toBe('menu');
    expect(text('/status@pintu_bot')).toBe('cek status laporan saya');
    expect(text('/batal')).toBe('batal');
    expect(text('/bantuan')).toBe('bantuan');
    expect(text('/unknowncmd')).toBe('/unknowncmd');
  });

  it('a button press is a choice, with the callback query to answer', () => {
    const update = { update_id: 1002, callback_query: { id: 'cbq-1', from, chat_instance: 'x', data: 'lpse:follow:10144220000', message: { message_id: 9, date: 1, chat: privateChat } } } as unknown as Update;
    expect(toInbound(update, 'pintu_bot')).toMatchObject({ kind: 'message', callbackQueryId: 'cbq-1', message: { address: '42', messageId: '1002', choice: 'lpse:follow:10144220000' } });
  });

  it('location, the largest photo with its caption, and a shared contact', () => {
    expect(toInbound(message({ location: { latitude: -7.7543, longitude: 113.2159 } }), 'b')).toMatchObject({ message: { location: { lat: -7.7543, lon: 113.2159 } } });
    const photo = [
      { file_id: 'small', file_unique_id: 's', width: 90, height: 67 },
      { file_id: 'large', file_unique_id: 'l', width: 1280, height: 960 },
      { file_id: 'medium', file_unique_id: 'm', width: 320, height: 240 },
    ];
    expect(toInbound(message({ photo, caption: 'sampah numpuk' }), 'b')).toMatchObject({ message: { photo: { fileId: 'large', caption: 'sampah numpuk' }, text: 'sampah numpuk' } });
    expect(toInbound(message({ contact: { phone_number: '+6281234567890', first_name: 'Siti' } }), 'b')).toMatchObject({ message: { contactPhone: '+6281234567890' } });
  });

  it('a sticker reaches the engine with no content (it answers that it reads text, photos and locations)', () => {
    const mapped = toInbound(message({ sticker: { file_id: 'st', file_unique_id: 'st', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } }), 'b');
    expect(mapped.kind).toBe('message');
    expect(mapped.kind === 'message' && mapped.message.text).toBeUndefined();
  });

  it('an edited message is not handled again, and the resident is told', () => {
    const update = { update_id: 1003, edited_message: { message_id: 7, date: 1, edit_date: 2, chat: privateChat, from, text: 'ralat' } } as unknown as Update;
    expect(toInbound(update, 'b')).toEqual({ kind: 'ignore', reason: 'edited message', notice: 'edited', chatId: 42 });
  });

  it('groups: ignored, except a mention or a reply to the bot, which gets a pointer to a private chat', () => {
    expect(toInbound(message({ text: 'ada yang tau jadwal posyandu?' }, group), 'pintu_bot')).toEqual({ kind: 'ignore', reason: 'group message' });
    const mention = message({ text: '@pintu_bot jalan rusak', entities: [{ type: 'mention', offset: 0, length: 10 }] }, group);
    expect(toInbound(mention, 'pintu_bot')).toEqual({ kind: 'ignore', reason: 'group message to the bot', notice: 'group', chatId: -100123 });
    const reply = message({ text: 'iya', reply_to_message: { message_id: 3, date: 1, chat: group, from: { id: 1, is_bot: true, first_name: 'Pintu', username: 'pintu_bot' } } }, group);
    expect(toInbound(reply, 'pintu_bot')).toMatchObject({ notice: 'group' });
  });

  it('update types Pintu does not ask for are ignored with the reason', () => {
    expect(toInbound({ update_id: 5, my_chat_member: {} } as unknown as Update, 'b')).toEqual({ kind: 'ignore', reason: 'update type not handled (my_chat_member)' });
  });
});
