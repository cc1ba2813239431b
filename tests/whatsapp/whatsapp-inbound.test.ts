/** WhatsApp messages (Baileys rc14 `messages.upsert` shapes) as Pintu's inbound messages, and what is deliberately not handled. */
import { describe, expect, it } from 'vitest';
import { proto } from '@whiskeysockets/baileys';
import type { WAMessage } from '@whiskeysockets/baileys';
import { toInbound, type WhatsAppInbound } from '../../src/channels/whatsapp/whatsapp-inbound.js';
import type { InboundMessage } from '../../src/core/messages.js';
import {
  broadcastListUpsert,
  buttonsResponseUpsert,
  contactUpsert,
  conversationUpsert,
  documentUpsert,
  editedUpsert,
  extendedTextUpsert,
  GROUP_JID,
  groupTextUpsert,
  imageUpsert,
  interactiveResponseUpsert,
  listResponseUpsert,
  locationUpsert,
  messageId,
  newsletterUpsert,
  pollUpdateUpsert,
  protocolUpsert,
  rawUpsert,
  reactionUpsert,
  RESIDENT_LID,
  RESIDENT_PN,
  senderKeyOnlyUpsert,
  statusUpsert,
  stickerUpsert,
  stubUpsert,
  templateButtonReplyUpsert,
  type UpsertEvent,
  videoUpsert,
  voiceNoteUpsert,
} from './payloads.js';

const T = 1_767_366_759; // 2026-01-02T15:12:39Z
const opts = { allowGroups: false };
const only = (event: UpsertEvent): WAMessage => event.messages[0]!;
const map = (event: UpsertEvent, o: Parameters<typeof toInbound>[1] = opts): WhatsAppInbound => toInbound(only(event), o);
/** The mapped message, failing the test when the message was ignored. */
function mapped(event: UpsertEvent, o?: Parameters<typeof toInbound>[1]): InboundMessage {
  const result = map(event, o);
  if (result.kind !== 'message') throw new Error(`ignored: ${result.reason}`);
  return result.message;
}
/** The content fields of a mapped message (everything but who, when and which). */
function content(m: InboundMessage): Partial<InboundMessage> {
  const { channel: _c, address: _a, messageId: _id, receivedAt: _r, displayName: _d, ...rest } = m;
  return rest;
}

describe('whatsapp inbound: what a resident sends', () => {
  it('plain text, with the message id for dedup, the WhatsApp name and the sending time', () => {
    const event = conversationUpsert(RESIDENT_PN, 'lampu jalan di gang 3 mati', { timestamp: T, pushName: 'Siti Aminah' });
    expect(map(event)).toEqual({
      kind: 'message',
      key: only(event).key,
      message: {
        channel: 'whatsapp',
        address: RESIDENT_PN,
        messageId: only(event).key.id,
        receivedAt: new Date(T * 1000),
        displayName: 'Siti Aminah',
        text: 'lampu jalan di gang 3 mati',
      },
    });
  });

  it.each<[string, UpsertEvent, Partial<InboundMessage>]>([
    ['extended text (disappearing chat)', extendedTextUpsert(RESIDENT_PN, 'sampah numpuk'), { text: 'sampah numpuk' }],
    ['a reply quoting our menu keeps the text as written', extendedTextUpsert(RESIDENT_PN, '2', { quoted: '1. Pengaduan\n2. SISKIA' }), { text: '2' }],
    ['text in an ephemeral wrapper', conversationUpsert(RESIDENT_PN, 'halo', { wrap: 'ephemeral' }), { text: 'halo' }],
    ['an empty text stays an empty text', conversationUpsert(RESIDENT_PN, ''), { text: '' }],
    ['a photo without caption', imageUpsert(RESIDENT_PN, undefined, { id: 'IMG1' }), { photo: { fileId: 'IMG1' } }],
    ['a photo with caption: the caption is also the text', imageUpsert(RESIDENT_PN, 'jalan berlubang', { id: 'IMG2' }), { photo: { fileId: 'IMG2', caption: 'jalan berlubang' }, text: 'jalan berlubang' }],
    ['a photo with an empty caption', imageUpsert(RESIDENT_PN, '', { id: 'IMG3' }), { photo: { fileId: 'IMG3' } }],
    ['a view-once photo (v2)', imageUpsert(RESIDENT_PN, undefined, { id: 'VO2', wrap: 'viewOnceV2' }), { photo: { fileId: 'VO2' } }],
    ['a view-once photo (v1)', imageUpsert(RESIDENT_PN, 'lihat', { id: 'VO1', wrap: 'viewOnce' }), { photo: { fileId: 'VO1', caption: 'lihat' }, text: 'lihat' }],
    ['a view-once photo (v2 extension)', imageUpsert(RESIDENT_PN, undefined, { id: 'VOX', wrap: 'viewOnceV2Extension' }), { photo: { fileId: 'VOX' } }],
    ['a photo in a disappearing chat', imageUpsert(RESIDENT_PN, undefined, { id: 'EPH', wrap: 'ephemeral' }), { photo: { fileId: 'EPH' } }],
    ['a location pin', locationUpsert(RESIDENT_PN, -7.7543, 113.2159), { location: { lat: -7.7543, lon: 113.2159 } }],
    ['a named place', locationUpsert(RESIDENT_PN, -7.7466, 113.2157, { name: 'Alun-alun Probolinggo' }), { location: { lat: -7.7466, lon: 113.2157 } }],
    ['a live location', locationUpsert(RESIDENT_PN, -7.76, 113.22, { live: true }), { location: { lat: -7.76, lon: 113.22 } }],
    ['a list row', listResponseUpsert(RESIDENT_PN, 'intent:complaint', 'Pengaduan'), { choice: 'intent:complaint' }],
    ['a button', buttonsResponseUpsert(RESIDENT_PN, 'menu', 'Menu'), { choice: 'menu' }],
    ['a template quick reply', templateButtonReplyUpsert(RESIDENT_PN, 'intent:siskia', 'SISKIA'), { choice: 'intent:siskia' }],
    ['a native-flow reply', interactiveResponseUpsert(RESIDENT_PN, '{"id":"intent:govis","description":"Wisata"}'), { choice: 'intent:govis' }],
    ['a list row without id: the row title is read as typed', listResponseUpsert(RESIDENT_PN, '', 'Pengaduan'), { text: 'Pengaduan' }],
    ['a contact card on WhatsApp: its waid', contactUpsert(RESIDENT_PN, 'Pak RT'), { contactPhone: '6281298765432' }],
    [
      'a contact card without waid (not on WhatsApp): the TEL line, unformatted',
      contactUpsert(RESIDENT_PN, 'Bu Lurah', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bu Lurah\r\nitem1.TEL;type=CELL:+62 (335) 421-234\r\nitem1.X-ABLabel:Kantor\r\nEND:VCARD'),
      { contactPhone: '+62335421234' },
    ],
  ])('%s', (_name, event, expected) => {
    expect(content(mapped(event))).toEqual(expected);
  });

  it.each<[string, UpsertEvent]>([
    ['a sticker', stickerUpsert(RESIDENT_PN)],
    ['a voice note', voiceNoteUpsert(RESIDENT_PN)],
    ['a video, even with a caption', videoUpsert(RESIDENT_PN, 'ini videonya')],
    ['a document', documentUpsert(RESIDENT_PN, 'surat.pdf')],
    ['a document with caption (documentWithCaptionMessage)', documentUpsert(RESIDENT_PN, 'ktp.pdf', 'ktp saya')],
  ])('%s reaches the engine with no content (it answers that it reads text, photos and locations)', (_name, event) => {
    const m = mapped(event);
    expect(content(m)).toEqual({});
    expect(m.messageId).toBe(only(event).key.id);
  });

  it('a 100,000-character text passes unchanged (the engine cuts it and says so)', () => {
    const long = 'jalan rusak parah. '.repeat(5_300).slice(0, 100_000);
    expect(mapped(conversationUpsert(RESIDENT_PN, long)).text).toHaveLength(100_000);
  });
});

describe('whatsapp inbound: who is writing', () => {
  it.each<[string, UpsertEvent, string]>([
    ['a phone-number chat', conversationUpsert(RESIDENT_PN, 'halo'), RESIDENT_PN],
    ['a phone-number chat whose LID is known: still the phone number', conversationUpsert(RESIDENT_PN, 'halo', { remoteJidAlt: RESIDENT_LID }), RESIDENT_PN],
    ['a LID chat with the phone number alongside: the phone number, so one resident keeps one identity', conversationUpsert(RESIDENT_LID, 'halo', { remoteJidAlt: RESIDENT_PN }), RESIDENT_PN],
    ['a LID chat with the device part in the alternative jid', conversationUpsert(RESIDENT_LID, 'halo', { remoteJidAlt: '6281234567890:17@s.whatsapp.net' }), RESIDENT_PN],
    ['a LID chat without the phone number: the LID', conversationUpsert(RESIDENT_LID, 'halo'), RESIDENT_LID],
    ['a jid with a device part', conversationUpsert('6281234567890:12@s.whatsapp.net', 'halo'), RESIDENT_PN],
  ])('%s', (_name, event, address) => {
    expect(mapped(event).address).toBe(address);
  });

  it('the WhatsApp name is left out when the sender has none (or an empty one)', () => {
    expect(mapped(conversationUpsert(RESIDENT_PN, 'halo', { pushName: null }))).not.toHaveProperty('displayName');
    expect(mapped(conversationUpsert(RESIDENT_PN, 'halo', { pushName: '' }))).not.toHaveProperty('displayName');
  });

  it.each<[string, UpsertEvent['messages'][0]['messageTimestamp'] | string, Date]>([
    ['seconds as a number', T, new Date(T * 1000)],
    ['a Long in its JSON form', { low: T, high: 0, unsigned: true } as never, new Date(T * 1000)],
    ['a numeric string (after a JSON round trip)', String(T), new Date(T * 1000)],
  ])('the sending time from %s', (_name, timestamp, expected) => {
    expect(mapped(conversationUpsert(RESIDENT_PN, 'halo', { timestamp: timestamp as never })).receivedAt).toEqual(expected);
  });

  it('without a usable timestamp the given receive time is used, else now', () => {
    const at = new Date('2026-01-02T08:00:00Z');
    const noTime = conversationUpsert(RESIDENT_PN, 'halo');
    delete only(noTime).messageTimestamp;
    expect(mapped(noTime, { allowGroups: false, receivedAt: at }).receivedAt).toEqual(at);
    expect(mapped(conversationUpsert(RESIDENT_PN, 'halo', { timestamp: 0 }), { allowGroups: false, receivedAt: at }).receivedAt).toEqual(at);
    expect(mapped(conversationUpsert(RESIDENT_PN, 'halo', { timestamp: 'kemarin' }), { allowGroups: false, receivedAt: at }).receivedAt).toEqual(at);
    const before = Date.now();
    expect(mapped(noTime).receivedAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('groups are answered only when allowed, and then the group is the address', () => {
    const event = groupTextUpsert(GROUP_JID, RESIDENT_LID, 'ada info posyandu?', { participantAlt: RESIDENT_PN, pushName: 'Siti' });
    expect(map(event)).toEqual({ kind: 'ignore', reason: 'group message' });
    expect(mapped(event, { allowGroups: true })).toMatchObject({ address: GROUP_JID, text: 'ada info posyandu?', displayName: 'Siti' });
  });
});

describe('whatsapp inbound: what is not for the engine', () => {
  it.each<[string, UpsertEvent, string | RegExp]>([
    ['our own message (sent from the linked phone)', conversationUpsert(RESIDENT_PN, 'baik, kami cek', { fromMe: true }), 'own message'],
    ['a status update', statusUpsert(RESIDENT_PN, 'Selamat pagi semua'), 'status update'],
    ['a broadcast list message', broadcastListUpsert(RESIDENT_PN, 'Promo!'), 'broadcast list message'],
    ['a channel post', newsletterUpsert('Info terbaru'), 'channel (newsletter) message'],
    ['a group sender-key distribution alone', senderKeyOnlyUpsert(GROUP_JID, RESIDENT_LID), 'group message'],
    ['a reaction', reactionUpsert(RESIDENT_PN, messageId()), 'reaction'],
    ['a removed reaction', reactionUpsert(RESIDENT_PN, messageId(), ''), 'reaction'],
    ['a message deleted for everyone', protocolUpsert(RESIDENT_PN, 'REVOKE'), 'protocol message (REVOKE)'],
    ['disappearing messages switched on', protocolUpsert(RESIDENT_PN, 'EPHEMERAL_SETTING'), 'protocol message (EPHEMERAL_SETTING)'],
    ['a poll vote', pollUpdateUpsert(RESIDENT_PN, messageId()), 'poll vote'],
    ['a message Baileys could not decrypt', stubUpsert(RESIDENT_PN), 'message without content (stub CIPHERTEXT: No session found to decrypt message)'],
    ['a view-once stub ("Message absent from node")', stubUpsert(RESIDENT_PN, ['Message absent from node']), /Message absent from node/],
    ['message: null', rawUpsert(RESIDENT_PN, null), 'message without content'],
    ['content with only metadata', rawUpsert(RESIDENT_PN, {}), 'message without content'],
    ['an unknown content type, named', rawUpsert(RESIDENT_PN, { groupInviteMessage: { groupJid: GROUP_JID, inviteCode: 'Xy12', groupName: 'Warga' } }), 'unsupported content type groupInviteMessage'],
    ['a content type newer than our Baileys, named', rawUpsert(RESIDENT_PN, { shinyNewMessage: { text: 'x' } } as never), 'unsupported content type shinyNewMessage'],
    ['an album header (its photos follow one by one)', rawUpsert(RESIDENT_PN, { albumMessage: { expectedImageCount: 3 } }), /album header/],
    ['a location without coordinates', rawUpsert(RESIDENT_PN, { locationMessage: { name: 'rumah' } }), 'location without valid coordinates'],
    ['a location with impossible coordinates', locationUpsert(RESIDENT_PN, 123.4, 113.2), 'location without valid coordinates'],
    ['a contact card without a phone number', contactUpsert(RESIDENT_PN, 'Anon', 'BEGIN:VCARD\nVERSION:3.0\nFN:Anon\nEND:VCARD'), 'contact card without a phone number'],
    ['a native-flow form submission (no id)', interactiveResponseUpsert(RESIDENT_PN, '{"flow_token":"AQAAAA","screen_0_TextInput_0":"x"}', 'Sent'), 'interactive response without a usable id'],
    ['a native-flow reply with broken JSON', interactiveResponseUpsert(RESIDENT_PN, '{"id":'), 'interactive response without a usable id'],
    [
      'a "crash" native-flow reply: a megabyte of NULs in a view-once wrapper',
      interactiveResponseUpsert(RESIDENT_PN, '\u0000'.repeat(1_000_000), 'DeadsClient', { wrap: 'viewOnce' }),
      'interactive response without a usable id',
    ],
    ['a button with an absurdly long id', buttonsResponseUpsert(RESIDENT_PN, 'x'.repeat(10_000), 'X'), 'button reply with an oversized id'],
    ['a button without id or label', rawUpsert(RESIDENT_PN, { buttonsResponseMessage: {} }), 'button reply without an id'],
  ])('%s', (_name, event, reason) => {
    const result = map(event);
    expect(result.kind).toBe('ignore');
    if (result.kind === 'ignore') expect(result.reason).toEqual(typeof reason === 'string' ? reason : expect.stringMatching(reason));
  });

  it.each<[string, UpsertEvent]>([
    ['sent directly as a protocol message', protocolUpsert(RESIDENT_PN, 'MESSAGE_EDIT', { editedText: 'ralat: gang 4' })],
    ['wrapped in editedMessage (current phones)', editedUpsert(RESIDENT_PN, messageId(), 'ralat: gang 4')],
    ['from a LID chat', editedUpsert(RESIDENT_LID, messageId(), 'ralat', { remoteJidAlt: RESIDENT_PN })],
    ['wrapped in editedMessage around plain text (defensive: still an edit)', rawUpsert(RESIDENT_PN, { editedMessage: { message: { conversation: 'ralat' } } })],
  ])('an edit %s is not handled again, and the resident is told', (_name, event) => {
    expect(map(event)).toEqual({ kind: 'ignore', reason: 'edited message', notice: 'edited', address: RESIDENT_PN });
  });

  it('in a group that is answered, a sender-key distribution alone is still not a message', () => {
    expect(map(senderKeyOnlyUpsert(GROUP_JID, RESIDENT_LID), { allowGroups: true })).toEqual({ kind: 'ignore', reason: 'sender key distribution only' });
  });

  it('a message without chat jid or id', () => {
    const noChat = conversationUpsert(RESIDENT_PN, 'x');
    only(noChat).key.remoteJid = null;
    expect(map(noChat)).toEqual({ kind: 'ignore', reason: 'message without a chat jid' });
    const noId = conversationUpsert(RESIDENT_PN, 'x');
    only(noId).key.id = undefined;
    expect(map(noId)).toEqual({ kind: 'ignore', reason: 'message without an id' });
  });
});

describe('whatsapp inbound: messages exactly as decoded from the wire', () => {
  // Baileys hands over protobuf-decoded objects: numeric enums, Long timestamps, Uint8Array bytes. Key fields
  // Baileys adds itself (remoteJidAlt, addressingMode) are not part of the protobuf and are put back as Baileys does.
  const decoded = (event: UpsertEvent): UpsertEvent => {
    const original = only(event);
    const wire = proto.WebMessageInfo.decode(proto.WebMessageInfo.encode(original).finish()) as WAMessage;
    wire.key = { ...wire.key, ...original.key };
    return { messages: [wire], type: 'notify' };
  };

  it('the timestamp arrives as a Long and still gives the sending time', () => {
    const event = decoded(conversationUpsert(RESIDENT_PN, 'halo', { timestamp: T }));
    expect(typeof only(event).messageTimestamp).toBe('object');
    expect(mapped(event).receivedAt).toEqual(new Date(T * 1000));
  });

  it.each<[string, UpsertEvent, Partial<InboundMessage> | string]>([
    ['a view-once photo', imageUpsert(RESIDENT_PN, 'foto', { id: 'W1', wrap: 'viewOnceV2' }), { photo: { fileId: 'W1', caption: 'foto' }, text: 'foto' }],
    ['a list row', listResponseUpsert(RESIDENT_PN, 'intent:lpse', 'Tender LPSE'), { choice: 'intent:lpse' }],
    ['a live location', locationUpsert(RESIDENT_PN, -7.75, 113.21, { live: true }), { location: { lat: -7.75, lon: 113.21 } }],
    ['an edit', editedUpsert(RESIDENT_PN, messageId(), 'ralat'), 'edited message'],
    ['a revoke', protocolUpsert(RESIDENT_PN, 'REVOKE'), 'protocol message (REVOKE)'],
    ['a group sender key with text, when groups are allowed', groupTextUpsert(GROUP_JID, RESIDENT_LID, 'halo grup'), { text: 'halo grup' }],
  ])('%s', (_name, event, expected) => {
    const result = map(decoded(event), { allowGroups: true });
    if (typeof expected === 'string') expect(result).toMatchObject({ kind: 'ignore', reason: expected });
    else expect(result.kind === 'message' && content(result.message)).toEqual(expected);
  });
});

describe('whatsapp fixtures', () => {
  it('every builder gives a whole notify event with one message and a fresh id', () => {
    const events = [
      conversationUpsert(RESIDENT_PN, 'a'),
      conversationUpsert(RESIDENT_PN, 'a'),
      imageUpsert(RESIDENT_PN),
      locationUpsert(RESIDENT_PN, -7.7, 113.2),
      listResponseUpsert(RESIDENT_PN, 'r', 'R'),
      buttonsResponseUpsert(RESIDENT_PN, 'b', 'B'),
      reactionUpsert(RESIDENT_PN, 'X'),
      protocolUpsert(RESIDENT_PN, 'REVOKE'),
      stickerUpsert(RESIDENT_PN),
      groupTextUpsert(GROUP_JID, RESIDENT_LID, 'g'),
      statusUpsert(RESIDENT_PN, 's'),
    ];
    for (const e of events) {
      expect(e.type).toBe('notify');
      expect(e.messages).toHaveLength(1);
    }
    const ids = events.map((e) => only(e).key.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9A-F]{32}$/.test(id ?? ''))).toBe(true);
  });
});
