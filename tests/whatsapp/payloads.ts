/**
 * Baileys `messages.upsert` events as WhatsApp delivers them, one builder per message type, for the WhatsApp
 * tests (mapping, end to end). Every builder returns the whole event, `{ messages: [WAMessage], type: 'notify' }`,
 * with a fresh random message id (32 hex digits, like Android's) unless `opts.id` is given.
 *
 * Shapes follow payloads people logged from real sessions:
 * - 1:1 text and LID addressing (`remoteJid` …@lid, `remoteJidAlt` the phone-number jid, `addressingMode`,
 *   `participant: ''` after Baileys' cleanMessage): the capture at arcaelas.github.io/whatsapp/baileys-payloads
 *   (Baileys 6.7.18), WhiskeySockets/Baileys issues #1810 and #2105 (7.0.0-rc), Baileys' own
 *   `decode-wa-message.js` in rc14;
 * - `messageContextInfo.deviceListMetadata`, `contextInfo` of disappearing chats, `messageTimestamp` as a Long
 *   (`{ low, high, unsigned }`) or a string: Evolution API webhook dumps (SerginhoLeal/evolution-chat-server
 *   `src/types/messages.ts`), WhiskeySockets/Baileys issue #716;
 * - image and view-once image fields: WhiskeySockets/Baileys issue #673;
 * - list reply with the quoted list (`listType`, `singleSelectReply`, `contextInfo.quotedMessage`) and the
 *   `editedMessage` → `protocolMessage` MESSAGE_EDIT wrapper: clairton/unoapi-cloud `__tests__/services/transformer.ts`;
 * - direct `protocolMessage` MESSAGE_EDIT, REVOKE: the arcaelas capture and Baileys issue #716;
 * - decryption-failure and "Message absent from node" stubs (no `message` at all): Baileys issues #1151, #1184;
 * - a group message carrying `senderKeyDistributionMessage` next to the text, `participantAlt`: Evolution API
 *   records with `addressingMode: 'lid'`;
 * - "crash" interactive responses with megabytes of NULs in `paramsJson`: abusive bot scripts in public repos.
 * Media keys, hashes and thumbnails are random bytes of the real lengths; phone numbers are made up.
 */
import { randomBytes } from 'node:crypto';
import { proto } from '@whiskeysockets/baileys';
import type { BaileysEventMap, WAMessage, WAMessageContent, WAMessageKey } from '@whiskeysockets/baileys';

/** One `messages.upsert` event. */
export type UpsertEvent = BaileysEventMap['messages.upsert'];

/** A message timestamp as it can arrive: seconds, a protobuf Long in its JSON form, or a numeric string. */
export type TimestampLike = number | string | { low: number; high: number; unsigned: boolean };

/** A container WhatsApp may wrap content in (disappearing chats, view once, captioned documents). */
export type Wrapper = 'ephemeral' | 'viewOnce' | 'viewOnceV2' | 'viewOnceV2Extension' | 'documentWithCaption';

/** What every builder lets you change. */
export interface UpsertOptions {
  /** The message id (default: fresh and random). */
  id?: string;
  /** The sender's WhatsApp name; `null` leaves it out, as for a sender who never set one. */
  pushName?: string | null;
  /** Default: now, in seconds. */
  timestamp?: TimestampLike;
  fromMe?: boolean;
  /** The chat's other jid: the phone-number jid of a LID chat (WhatsApp's `sender_pn`), or the LID of a PN chat. */
  remoteJidAlt?: string;
  /** Wrap the content (e.g. `ephemeral` for a chat with disappearing messages on). */
  wrap?: Wrapper;
}

/** A resident's phone-number jid. */
export const RESIDENT_PN = '6281234567890@s.whatsapp.net';
/** The same resident's LID jid (the alias WhatsApp addresses many 1:1 chats with now). */
export const RESIDENT_LID = '201326548723401@lid';
/** A WhatsApp group. */
export const GROUP_JID = '120363041234567890@g.us';
/** A channel (newsletter). */
export const NEWSLETTER_JID = '120363299912345678@newsletter';
/** A broadcast list. */
export const BROADCAST_LIST_JID = '1764474000@broadcast';
/** Where status updates come from. */
export const STATUS_JID = 'status@broadcast';

/** A fresh message id, 32 upper-case hex digits like an Android client's. */
export function messageId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

const bytes = (n: number): Uint8Array => randomBytes(n);
const now = (): number => Math.floor(Date.now() / 1000);
/** `mmg.whatsapp.net` media fields, with random keys and hashes. */
function media(kind: 'image' | 'video' | 'audio' | 'document' | 'sticker', mimetype: string, fileLength: number) {
  const path = `/o1/v/t62.7118-24/f1/m231/up-oil-${kind}-${randomBytes(8).toString('hex')}?ccb=9-4&oh=01_Q5AaI${randomBytes(6).toString('hex')}&oe=6611896C&_nc_sid=5e03e0`;
  return {
    url: `https://mmg.whatsapp.net${path}&mms3=true`,
    mimetype,
    fileSha256: bytes(32),
    fileLength,
    mediaKey: bytes(32),
    fileEncSha256: bytes(32),
    directPath: path,
    mediaKeyTimestamp: now(),
  };
}

/** The device-list metadata every 1:1 message carries next to its content. */
function messageContextInfo(): proto.IMessageContextInfo {
  return {
    deviceListMetadata: { senderKeyHash: bytes(10), senderTimestamp: now() - 86_400, recipientKeyHash: bytes(10), recipientTimestamp: now() - 3_600 },
    deviceListMetadataVersion: 2,
    messageSecret: bytes(32),
  };
}

function wrap(content: WAMessageContent, wrapper: Wrapper | undefined): WAMessageContent {
  switch (wrapper) {
    case undefined:
      return content;
    case 'ephemeral':
      return { ephemeralMessage: { message: content } };
    case 'viewOnce':
      return { viewOnceMessage: { message: content } };
    case 'viewOnceV2':
      return { viewOnceMessageV2: { message: content } };
    case 'viewOnceV2Extension':
      return { viewOnceMessageV2Extension: { message: content } };
    case 'documentWithCaption':
      return { documentWithCaptionMessage: { message: content } };
  }
}

/**
 * Any content in a 1:1 chat (or any chat jid), as Baileys rc14 emits it after decryption: `message: null` or
 * `undefined` builds a message without content. The other builders are this with typical content.
 */
export function rawUpsert(chatJid: string, message: WAMessageContent | null | undefined, opts: UpsertOptions = {}): UpsertEvent {
  const lid = chatJid.endsWith('@lid');
  const key: WAMessageKey = {
    remoteJid: chatJid,
    ...(opts.remoteJidAlt && { remoteJidAlt: opts.remoteJidAlt }),
    fromMe: opts.fromMe ?? false,
    id: opts.id ?? messageId(),
    // Baileys' cleanMessage normalises an absent participant to ''.
    participant: '',
    addressingMode: lid ? 'lid' : 'pn',
  };
  const msg: WAMessage = {
    key,
    messageTimestamp: (opts.timestamp ?? now()) as unknown as WAMessage['messageTimestamp'],
    ...(opts.pushName !== null && { pushName: opts.pushName ?? 'Siti Aminah' }),
    broadcast: false,
    ...(message !== undefined && { message: message === null ? null : { messageContextInfo: messageContextInfo(), ...wrap(message, opts.wrap) } }),
  };
  return { messages: [msg], type: 'notify' };
}

/** Plain text, as phones send it when nothing else is attached. */
export function conversationUpsert(chatJid: string, text: string, opts?: UpsertOptions): UpsertEvent {
  return rawUpsert(chatJid, { conversation: text }, opts);
}

/**
 * Text as `extendedTextMessage` (WhatsApp Web, links, disappearing chats); with `quoted`, a reply that quotes an
 * earlier message of ours.
 */
export function extendedTextUpsert(chatJid: string, text: string, opts: UpsertOptions & { quoted?: string } = {}): UpsertEvent {
  const contextInfo: proto.IContextInfo = opts.quoted
    ? { stanzaId: messageId(), participant: '6285100000001@s.whatsapp.net', quotedMessage: { conversation: opts.quoted } }
    : { expiration: 7_776_000, ephemeralSettingTimestamp: now() - 864_000, disappearingMode: { initiator: proto.DisappearingMode.Initiator.INITIATED_BY_ME } };
  return rawUpsert(chatJid, { extendedTextMessage: { text, previewType: proto.Message.ExtendedTextMessage.PreviewType.NONE, contextInfo } }, opts);
}

/** A photo, with or without caption (`opts.wrap: 'viewOnceV2'` for a view-once photo). */
export function imageUpsert(chatJid: string, caption?: string, opts?: UpsertOptions): UpsertEvent {
  return rawUpsert(chatJid, { imageMessage: { ...media('image', 'image/jpeg', 190_416), height: 1280, width: 720, jpegThumbnail: bytes(900), ...(caption !== undefined && { caption }) } }, opts);
}

/** A shared pin ("Send your current location"), or a live location with `live: true`. */
export function locationUpsert(chatJid: string, lat: number, lon: number, opts: UpsertOptions & { live?: boolean; name?: string } = {}): UpsertEvent {
  const content: WAMessageContent = opts.live
    ? { liveLocationMessage: { degreesLatitude: lat, degreesLongitude: lon, accuracyInMeters: 14, degreesClockwiseFromMagneticNorth: 0, sequenceNumber: 1, jpegThumbnail: bytes(600) } }
    : { locationMessage: { degreesLatitude: lat, degreesLongitude: lon, ...(opts.name && { name: opts.name, address: 'Kota Probolinggo' }), jpegThumbnail: bytes(600) } };
  return rawUpsert(chatJid, content, opts);
}

/** A row picked in a list message (single select), quoting the list it answers. */
export function listResponseUpsert(chatJid: string, rowId: string, title: string, opts?: UpsertOptions): UpsertEvent {
  return rawUpsert(chatJid, {
    listResponseMessage: {
      title,
      listType: proto.Message.ListResponseMessage.ListType.SINGLE_SELECT,
      singleSelectReply: { selectedRowId: rowId },
      contextInfo: {
        stanzaId: messageId(),
        participant: '6285100000001@s.whatsapp.net',
        quotedMessage: { listMessage: { title: 'Layanan', description: 'Pilih layanan', buttonText: 'Pilih', listType: proto.Message.ListMessage.ListType.SINGLE_SELECT, sections: [{ title: 'Layanan', rows: [{ title, rowId }] }] } },
      },
      description: '',
    },
  }, opts);
}

/** A pressed button of a buttons message, quoting it. */
export function buttonsResponseUpsert(chatJid: string, buttonId: string, displayText: string, opts?: UpsertOptions): UpsertEvent {
  return rawUpsert(chatJid, {
    buttonsResponseMessage: {
      selectedButtonId: buttonId,
      selectedDisplayText: displayText,
      type: proto.Message.ButtonsResponseMessage.Type.DISPLAY_TEXT,
      contextInfo: { stanzaId: messageId(), participant: '6285100000001@s.whatsapp.net', quotedMessage: { buttonsMessage: { contentText: 'Pilih', buttons: [{ buttonId, buttonText: { displayText }, type: proto.Message.ButtonsMessage.Button.Type.RESPONSE }] } } },
    },
  }, opts);
}

/** A quick-reply button of a template message. */
export function templateButtonReplyUpsert(chatJid: string, selectedId: string, displayText: string, opts?: UpsertOptions): UpsertEvent {
  return rawUpsert(chatJid, { templateButtonReplyMessage: { selectedId, selectedDisplayText: displayText, selectedIndex: 0, contextInfo: { stanzaId: messageId() } } }, opts);
}

/** A native-flow reply (quick_reply / single_select); `paramsJson` is sent as given (normally `{"id":"…"}`). */
export function interactiveResponseUpsert(chatJid: string, paramsJson: string, bodyText = 'Pilih', opts?: UpsertOptions): UpsertEvent {
  return rawUpsert(chatJid, {
    interactiveResponseMessage: {
      body: { text: bodyText, format: proto.Message.InteractiveResponseMessage.Body.Format.DEFAULT },
      nativeFlowResponseMessage: { name: 'quick_reply', paramsJson, version: 3 },
      contextInfo: { stanzaId: messageId() },
    },
  }, opts);
}

/** A shared contact card; the default vCard is the form WhatsApp writes for a contact on WhatsApp. */
export function contactUpsert(chatJid: string, displayName: string, vcard?: string, opts?: UpsertOptions): UpsertEvent {
  const card = vcard ?? `BEGIN:VCARD\nVERSION:3.0\nN:;${displayName};;;\nFN:${displayName}\nTEL;type=CELL;type=VOICE;waid=6281298765432:+62 812-9876-5432\nEND:VCARD`;
  return rawUpsert(chatJid, { contactMessage: { displayName, vcard: card } }, opts);
}

/** A reaction (`emoji: ''` removes one) to one of our messages. */
export function reactionUpsert(chatJid: string, targetId: string, emoji = '👍', opts?: UpsertOptions): UpsertEvent {
  return rawUpsert(chatJid, { reactionMessage: { key: { remoteJid: chatJid, fromMe: true, id: targetId }, text: emoji, senderTimestampMs: Date.now() } }, opts);
}

/**
 * A protocol message: REVOKE (deleted for everyone), EPHEMERAL_SETTING (disappearing messages switched), or
 * MESSAGE_EDIT sent directly (without the `editedMessage` wrapper; see {@link editedUpsert}).
 */
export function protocolUpsert(chatJid: string, type: 'REVOKE' | 'EPHEMERAL_SETTING' | 'MESSAGE_EDIT', opts: UpsertOptions & { targetId?: string; editedText?: string } = {}): UpsertEvent {
  const T = proto.Message.ProtocolMessage.Type;
  const target = { remoteJid: chatJid, fromMe: false, id: opts.targetId ?? messageId() };
  const protocolMessage: proto.Message.IProtocolMessage =
    type === 'REVOKE'
      ? { key: target, type: T.REVOKE }
      : type === 'EPHEMERAL_SETTING'
        ? { type: T.EPHEMERAL_SETTING, ephemeralExpiration: 86_400 }
        : { key: target, type: T.MESSAGE_EDIT, editedMessage: { conversation: opts.editedText ?? 'ralat: gang 4' }, timestampMs: Date.now() };
  return rawUpsert(chatJid, { protocolMessage }, opts);
}

/** An edit the way current phones send it: `editedMessage` wrapping a MESSAGE_EDIT protocol message. */
export function editedUpsert(chatJid: string, targetId: string, newText: string, opts?: UpsertOptions): UpsertEvent {
  const edit: proto.Message.IProtocolMessage = {
    key: { remoteJid: chatJid, fromMe: false, id: targetId },
    type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT,
    editedMessage: { extendedTextMessage: { text: newText } },
    timestampMs: Date.now(),
  };
  return rawUpsert(chatJid, { editedMessage: { message: { protocolMessage: edit } } }, opts);
}

/** A sticker (webp). */
export function stickerUpsert(chatJid: string, opts?: UpsertOptions): UpsertEvent {
  return rawUpsert(chatJid, { stickerMessage: { ...media('sticker', 'image/webp', 23_552), height: 512, width: 512, isAnimated: false, isAvatar: false, isAiSticker: false, isLottie: false } }, opts);
}

/** A voice note (push-to-talk opus). */
export function voiceNoteUpsert(chatJid: string, opts?: UpsertOptions): UpsertEvent {
  return rawUpsert(chatJid, { audioMessage: { ...media('audio', 'audio/ogg; codecs=opus', 9_421), seconds: 4, ptt: true, waveform: bytes(64) } }, opts);
}

/** A video, with or without caption. */
export function videoUpsert(chatJid: string, caption?: string, opts?: UpsertOptions): UpsertEvent {
  return rawUpsert(chatJid, { videoMessage: { ...media('video', 'video/mp4', 1_204_337), seconds: 7, height: 848, width: 480, jpegThumbnail: bytes(900), ...(caption !== undefined && { caption }) } }, opts);
}

/** A document; with a caption WhatsApp wraps it in `documentWithCaptionMessage`. */
export function documentUpsert(chatJid: string, fileName: string, caption?: string, opts: UpsertOptions = {}): UpsertEvent {
  const documentMessage: proto.Message.IDocumentMessage = { ...media('document', 'application/pdf', 88_213), title: fileName, fileName, pageCount: 2, ...(caption !== undefined && { caption }) };
  return rawUpsert(chatJid, { documentMessage }, { ...opts, wrap: opts.wrap ?? (caption !== undefined ? 'documentWithCaption' : undefined) });
}

/** A text in a group: sent by `participantJid` (a LID), with the sender-key distribution groups carry. */
export function groupTextUpsert(groupJid: string, participantJid: string, text: string, opts: UpsertOptions & { participantAlt?: string } = {}): UpsertEvent {
  const event = rawUpsert(groupJid, { conversation: text, senderKeyDistributionMessage: { groupId: groupJid, axolotlSenderKeyDistributionMessage: bytes(140) } }, opts);
  const msg = event.messages[0]!;
  msg.key = { ...msg.key, participant: participantJid, addressingMode: participantJid.endsWith('@lid') ? 'lid' : 'pn', ...(opts.participantAlt && { participantAlt: opts.participantAlt }) };
  return event;
}

/** Only a sender-key distribution (a group member's first message after a key change can arrive like this). */
export function senderKeyOnlyUpsert(groupJid: string, participantJid: string, opts?: UpsertOptions): UpsertEvent {
  const event = rawUpsert(groupJid, { senderKeyDistributionMessage: { groupId: groupJid, axolotlSenderKeyDistributionMessage: bytes(140) } }, opts);
  event.messages[0]!.key.participant = participantJid;
  return event;
}

/** A text status update posted by a contact. */
export function statusUpsert(participantJid: string, text: string, opts?: UpsertOptions): UpsertEvent {
  const event = rawUpsert(STATUS_JID, { extendedTextMessage: { text, textArgb: 0xffffffff, backgroundArgb: 0xff7e90a3, font: proto.Message.ExtendedTextMessage.FontType.SYSTEM } }, opts);
  const msg = event.messages[0]!;
  msg.key.participant = participantJid;
  msg.broadcast = true;
  return event;
}

/** A message from someone's broadcast list. */
export function broadcastListUpsert(participantJid: string, text: string, opts?: UpsertOptions): UpsertEvent {
  const event = rawUpsert(BROADCAST_LIST_JID, { conversation: text }, opts);
  const msg = event.messages[0]!;
  msg.key.participant = participantJid;
  msg.broadcast = true;
  return event;
}

/** A post in a channel (newsletter) we follow. */
export function newsletterUpsert(text: string, opts?: UpsertOptions): UpsertEvent {
  const event = rawUpsert(NEWSLETTER_JID, { extendedTextMessage: { text } }, opts);
  event.messages[0]!.key.server_id = '241';
  return event;
}

/** A vote on a poll (encrypted; only the poll's creator can read it). */
export function pollUpdateUpsert(chatJid: string, pollId: string, opts?: UpsertOptions): UpsertEvent {
  return rawUpsert(chatJid, { pollUpdateMessage: { pollCreationMessageKey: { remoteJid: chatJid, fromMe: true, id: pollId }, vote: { encPayload: bytes(48), encIv: bytes(12) }, senderTimestampMs: Date.now() } }, opts);
}

/**
 * A message Baileys could not decrypt or that arrived without its content: no `message` field, a stub type and
 * the reason in `messageStubParameters` (CIPHERTEXT = 2).
 */
export function stubUpsert(chatJid: string, parameters: string[] = ['No session found to decrypt message'], opts?: UpsertOptions): UpsertEvent {
  const event = rawUpsert(chatJid, undefined, opts);
  const msg = event.messages[0]!;
  msg.messageStubType = proto.WebMessageInfo.StubType.CIPHERTEXT;
  msg.messageStubParameters = parameters;
  return event;
}
