/**
 * The channel-agnostic message vocabulary: what every channel adapter turns platform payloads into,
 * and what the engine answers with.
 */

/** Channels Pintu speaks on. */
export const CHANNELS = ['web', 'console', 'telegram', 'whatsapp'] as const;

/** A channel name from {@link CHANNELS}. */
export type ChannelName = (typeof CHANNELS)[number];

/** A point on the map (WGS84). */
export interface GeoPoint {
  lat: number;
  lon: number;
}

/** A photo as the channel knows it; the file is fetched through the channel only when a feature needs it. */
export interface PhotoRef {
  /** The channel's handle for the file (Telegram file_id, WhatsApp message id, web upload id). */
  fileId: string;
  caption?: string;
}

/** One message from a resident, after the channel adapter has translated it. */
export interface InboundMessage {
  channel: ChannelName;
  /** The resident's address on that channel (Telegram chat id, WhatsApp JID, web user id). */
  address: string;
  /** The platform's id for this message; the same id is processed once. */
  messageId?: string;
  text?: string;
  location?: GeoPoint;
  photo?: PhotoRef;
  /** The value of a button the resident pressed. */
  choice?: string;
  /** A phone number the resident shared as a contact card. */
  contactPhone?: string;
  displayName?: string;
  /** The client's language hint (e.g. Telegram's language_code). */
  languageHint?: string;
  receivedAt: Date;
}

/** A button or list option; channels without buttons show it as a numbered line. */
export interface Choice {
  label: string;
  value: string;
}

/** One reply to send. Channels render what they can and degrade the rest gracefully. */
export interface Reply {
  text: string;
  choices?: Choice[];
  /** Ask the resident to share their location (a location button where the channel has one). */
  requestLocation?: boolean;
  photo?: { url: string; caption?: string };
  location?: GeoPoint & { name?: string };
}

/** A reply addressed to someone, as it travels through the outbox. */
export interface OutboundMessage {
  channel: ChannelName;
  address: string;
  userId?: string;
  reply: Reply;
  /** Why it was sent: a direct reply, a reminder, an alert, a notice. */
  kind: 'reply' | 'notice' | 'reminder' | 'alert';
  /** Hold it this long before sending (a reminder planned for 07:00 WIB, a follow-up in 20 minutes). */
  delayMs?: number;
}
