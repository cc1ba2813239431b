/**
 * WhatsApp messages (Baileys `messages.upsert` items) in Pintu's vocabulary.
 *
 * Decisions, the same as Telegram's where they apply:
 * - Private chats only: groups are ignored unless `allowGroups`; status updates, broadcast lists and channels
 *   (newsletters) always are. Our own messages (`key.fromMe`, including those typed on the linked phone) too.
 * - The message id (`key.id`) is the `messageId`, so a redelivered message is processed once.
 * - An edited message is not handled again (re-running it could file a second report). WhatsApp sends an edit as
 *   a `protocolMessage` of type MESSAGE_EDIT (14), sometimes wrapped in `editedMessage`; it is ignored with the
 *   `edited` notice so the adapter can tell the resident to send it as a new message.
 * - Deletes, disappearing-message settings, reactions, poll votes and sender-key distributions are protocol
 *   traffic, not something a resident said to us: ignored, with a reason for the log.
 * - Replies that quote an earlier message keep the text as written. The quoted message
 *   (`contextInfo.quotedMessage`) is not passed on: {@link InboundMessage} has no field for it, and the one case
 *   that matters (answering "2" to a numbered menu) already works from the typed text.
 * - Stickers, voice notes, videos and documents reach the engine with no content, so it answers that it reads
 *   text, photos and locations. Unlike on Telegram, a caption on them is not passed on as text: the answer asks
 *   the resident for text, a photo or a location instead.
 *
 * The resident's address is the chat jid. Baileys 7 (rc14) delivers many 1:1 chats addressed by LID
 * (`123…@lid`, a per-account alias that hides the phone number); `key.remoteJidAlt` then carries the
 * phone-number jid when WhatsApp sent it (`sender_pn`). We prefer the phone-number jid so that one resident keeps
 * one identity whichever way WhatsApp addresses the chat. When WhatsApp did not send the phone number, the LID jid
 * is the address (replies can be sent to it; the adapter may resolve it with Baileys' LID mapping store first).
 * The older 6.7 field names `senderPn`/`senderLid` no longer exist in rc14.
 */
import {
  getContentType,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isJidStatusBroadcast,
  isLidUser,
  isPnUser,
  jidNormalizedUser,
  normalizeMessageContent,
  proto,
} from '@whiskeysockets/baileys';
import type { WAMessage, WAMessageKey } from '@whiskeysockets/baileys';
import type { InboundMessage } from '../../core/messages.js';

/** What to do with one WhatsApp message. */
export type WhatsAppInbound =
  /** For the engine. `key` is the message's key, for read receipts and for downloading a photo later. */
  | { kind: 'message'; message: InboundMessage; key: WAMessageKey }
  /** Not for the engine. `notice: 'edited'`: send the resident (at `address`) the `whatsapp.edited` text. */
  | { kind: 'ignore'; reason: string; notice?: 'edited'; address?: string };

/** Options for {@link toInbound}. */
export interface ToInboundOptions {
  /** Answer in groups too (the group is then the address). Pintu is meant for private chats: normally false. */
  allowGroups: boolean;
  /** When the message carries no usable timestamp: the time to record instead (default: now). */
  receivedAt?: Date;
}

/** Longest button, row or flow id taken as a choice; anything longer is not one of ours. */
const MAX_CHOICE_CHARS = 256;
/** Longest native-flow `paramsJson` parsed; "crash" messages send megabytes of NULs there. */
const MAX_PARAMS_JSON_CHARS = 4096;
/** Only the start of a vCard is read for a phone number. */
const MAX_VCARD_CHARS = 8192;

/** Content types the engine answers with "I can read text, photos and locations". */
const UNSUPPORTED_MEDIA = new Set<string>([
  'stickerMessage',
  'lottieStickerMessage',
  'audioMessage',
  'videoMessage',
  'ptvMessage',
  'documentMessage',
]);

/**
 * Maps one message from a `messages.upsert` event. It reads nothing but the message (and the clock, only when
 * the message has no usable timestamp and `opts.receivedAt` is not given).
 *
 * A photo becomes `photo.fileId = key.id`: the file itself is fetched later with Baileys'
 * `downloadMediaMessage(waMessage, 'buffer', {})`, which needs the whole {@link WAMessage} (media key, direct
 * path), so the adapter must keep the message (e.g. a short-lived map by id) until the photo has been fetched.
 */
export function toInbound(msg: WAMessage, opts: ToInboundOptions): WhatsAppInbound {
  const key = msg.key;
  const chat = key.remoteJid;
  if (!chat) return { kind: 'ignore', reason: 'message without a chat jid' };
  if (key.fromMe) return { kind: 'ignore', reason: 'own message' };
  if (isJidStatusBroadcast(chat)) return { kind: 'ignore', reason: 'status update' };
  if (isJidBroadcast(chat)) return { kind: 'ignore', reason: 'broadcast list message' };
  if (isJidNewsletter(chat)) return { kind: 'ignore', reason: 'channel (newsletter) message' };
  if (isJidGroup(chat) && !opts.allowGroups) return { kind: 'ignore', reason: 'group message' };
  if (!key.id) return { kind: 'ignore', reason: 'message without an id' };

  const raw = msg.message;
  if (!raw) return { kind: 'ignore', reason: stubReason(msg) };
  const content = normalizeMessageContent(raw);
  const type = getContentType(content);
  if (!content || !type) {
    return { kind: 'ignore', reason: raw.senderKeyDistributionMessage ? 'sender key distribution only' : 'message without content' };
  }

  const common: InboundMessage = {
    channel: 'whatsapp',
    address: addressOf(key, chat),
    messageId: key.id,
    receivedAt: timestampOf(msg.messageTimestamp) ?? opts.receivedAt ?? new Date(),
    ...(msg.pushName && { displayName: msg.pushName }),
  };
  const message = (extra: Partial<InboundMessage>): WhatsAppInbound => ({ kind: 'message', message: { ...common, ...extra }, key });

  // An edit wrapper is an edit, whatever it wraps.
  if (raw.editedMessage || (type === 'protocolMessage' && protocolTypeName(content.protocolMessage?.type) === 'MESSAGE_EDIT')) {
    return { kind: 'ignore', reason: 'edited message', notice: 'edited', address: common.address };
  }

  switch (type) {
    case 'conversation':
      return message({ text: content.conversation ?? '' });
    case 'extendedTextMessage':
      return message({ text: content.extendedTextMessage?.text ?? '' });
    case 'imageMessage': {
      const caption = content.imageMessage?.caption || undefined;
      return message({ photo: { fileId: key.id, ...(caption && { caption }) }, ...(caption && { text: caption }) });
    }
    case 'locationMessage':
    case 'liveLocationMessage': {
      const loc = content[type];
      const lat = loc?.degreesLatitude;
      const lon = loc?.degreesLongitude;
      if (!isCoordinate(lat, 90) || !isCoordinate(lon, 180)) return { kind: 'ignore', reason: 'location without valid coordinates' };
      return message({ location: { lat, lon } });
    }
    case 'listResponseMessage': {
      const r = content.listResponseMessage;
      return choiceOrText(r?.singleSelectReply?.selectedRowId, r?.title, 'list reply', message);
    }
    case 'buttonsResponseMessage': {
      const r = content.buttonsResponseMessage;
      return choiceOrText(r?.selectedButtonId, r?.selectedDisplayText, 'button reply', message);
    }
    case 'templateButtonReplyMessage': {
      const r = content.templateButtonReplyMessage;
      return choiceOrText(r?.selectedId, r?.selectedDisplayText, 'template button reply', message);
    }
    case 'interactiveResponseMessage': {
      // Only a reply carrying an id is a choice: a form submission's body text ("Sent") says nothing.
      const id = flowId(content.interactiveResponseMessage?.nativeFlowResponseMessage?.paramsJson);
      return id ? message({ choice: id }) : { kind: 'ignore', reason: 'interactive response without a usable id' };
    }
    case 'contactMessage':
    case 'contactsArrayMessage': {
      const cards = type === 'contactMessage' ? [content.contactMessage] : (content.contactsArrayMessage?.contacts ?? []);
      const phone = cards.map((c) => phoneFromVcard(c?.vcard)).find(Boolean);
      return phone ? message({ contactPhone: phone }) : { kind: 'ignore', reason: 'contact card without a phone number' };
    }
    case 'protocolMessage':
      return { kind: 'ignore', reason: `protocol message (${protocolTypeName(content.protocolMessage?.type)})` };
    case 'reactionMessage':
      return { kind: 'ignore', reason: 'reaction' };
    case 'pollUpdateMessage':
      return { kind: 'ignore', reason: 'poll vote' };
    case 'albumMessage':
      return { kind: 'ignore', reason: 'album header (its photos arrive as separate messages)' };
    default:
      if (UNSUPPORTED_MEDIA.has(type)) return message({});
      return { kind: 'ignore', reason: `unsupported content type ${type}` };
  }
}

/** The resident's address: the chat jid without device part, preferring the phone-number jid over a LID. */
function addressOf(key: WAMessageKey, chat: string): string {
  if (isLidUser(chat) && key.remoteJidAlt && isPnUser(key.remoteJidAlt)) return jidNormalizedUser(key.remoteJidAlt);
  return jidNormalizedUser(chat) || chat;
}

/**
 * Seconds since the epoch as Baileys gives them: a number for live messages, a protobuf `Long` (or its JSON form
 * `{ low, high, unsigned }`) for stored or synced ones, a numeric string after a JSON round trip.
 */
function timestampOf(value: unknown): Date | undefined {
  let seconds: number | undefined;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string' && /^\d+$/.test(value)) seconds = Number(value);
  else if (value && typeof value === 'object') {
    const long = value as { toNumber?: () => number; low?: unknown; high?: unknown };
    if (typeof long.toNumber === 'function') seconds = long.toNumber();
    else if (typeof long.low === 'number' && typeof long.high === 'number') seconds = long.high * 2 ** 32 + (long.low >>> 0);
  }
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}

/** Why a message without content is ignored: Baileys' stub type name (e.g. CIPHERTEXT: could not decrypt). */
function stubReason(msg: WAMessage): string {
  if (msg.messageStubType === null || msg.messageStubType === undefined) return 'message without content';
  const name = proto.WebMessageInfo.StubType[msg.messageStubType] ?? String(msg.messageStubType);
  const params = Array.isArray(msg.messageStubParameters) ? msg.messageStubParameters.filter((p): p is string => typeof p === 'string') : [];
  return `message without content (stub ${name}${params.length ? `: ${params.join('; ')}` : ''})`;
}

/** A protocol message's type by name (REVOKE, MESSAGE_EDIT…); a message stored as JSON has the name already. */
function protocolTypeName(type: proto.Message.ProtocolMessage.Type | string | null | undefined): string {
  if (type === null || type === undefined) return 'no type';
  if (typeof type === 'string') return type;
  return proto.Message.ProtocolMessage.Type[type] ?? String(type);
}

/** A pressed button or list row: its id is the choice; without one, its label is read as typed text. */
function choiceOrText(
  id: string | null | undefined,
  label: string | null | undefined,
  what: string,
  message: (extra: Partial<InboundMessage>) => WhatsAppInbound,
): WhatsAppInbound {
  if (id && id.length <= MAX_CHOICE_CHARS) return message({ choice: id });
  if (id) return { kind: 'ignore', reason: `${what} with an oversized id` };
  if (label) return message({ text: label });
  return { kind: 'ignore', reason: `${what} without an id` };
}

/** The `id` in a native-flow response's `paramsJson` (`{"id":"…"}`), if it is a sane one. */
function flowId(paramsJson: string | null | undefined): string | undefined {
  if (!paramsJson || paramsJson.length > MAX_PARAMS_JSON_CHARS) return undefined;
  try {
    const parsed: unknown = JSON.parse(paramsJson);
    const id = parsed && typeof parsed === 'object' ? (parsed as { id?: unknown }).id : undefined;
    return typeof id === 'string' && id.length <= MAX_CHOICE_CHARS ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The phone number in a shared contact card: WhatsApp's `waid=` (the international number, digits only) when the
 * contact is on WhatsApp, else the first TEL line as written, without spaces, dashes, dots or brackets.
 */
function phoneFromVcard(vcard: string | null | undefined): string | undefined {
  if (!vcard) return undefined;
  const head = vcard.slice(0, MAX_VCARD_CHARS);
  const waid = /waid=(\d{5,20})/i.exec(head);
  if (waid) return waid[1];
  const tel = /^(?:item\d+\.)?TEL[^:\r\n]*:([^\r\n]+)$/im.exec(head);
  const phone = tel?.[1]?.replace(/[\s().-]/g, '');
  return phone && /^\+?\d{5,20}$/.test(phone) ? phone : undefined;
}

function isCoordinate(value: number | null | undefined, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= max;
}
