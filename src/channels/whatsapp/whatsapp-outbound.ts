/**
 * Pintu's replies as Baileys message contents, in the order to send them: the photo, the location pin, then the
 * text. WhatsApp no longer delivers buttons or lists sent by unofficial clients reliably, so choices are a
 * numbered list under the text with a one-line hint ("Balas dengan nomor pilihan Anda."); the engine matches a
 * typed "2" to the second choice. "Share your location" is a hint line on how to do it in WhatsApp (📎 → Lokasi),
 * as there is no location button either. A photo carries only its own caption; the reply text follows it as a
 * message of its own. Link previews are off, as on Telegram: nothing a reply links to is fetched.
 */
import type { AnyMessageContent } from '@whiskeysockets/baileys';
import { Undeliverable } from '../../core/errors.js';
import type { Translate } from '../../core/i18n.js';
import type { Choice, Reply } from '../../core/messages.js';
import { splitText } from '../../core/split-text.js';

/** Longest text sent in one message. WhatsApp accepts far more, but a longer wall of text is hard to read on a phone. */
export const MAX_TEXT = 4000;

/** Texts this module adds itself, by key in `locales/` (the caller's {@link Translate} picks the language). */
const WHATSAPP_TEXT_KEYS = {
  choicesHint: 'whatsapp.choices_hint',
  locationHint: 'whatsapp.location_hint',
} as const;

/** Choices as "1. Label" lines, in the order the engine numbers them. */
export function numberedChoices(choices: readonly Choice[]): string {
  return choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
}

/**
 * The contents to send for one reply, in order. Text longer than {@link MAX_TEXT} is split on natural breaks; the
 * numbered choices and the hints go at the end of the last piece (or in a message of their own when they would
 * not fit there). A reply with nothing to say gives an empty list.
 */
export function toWhatsAppContents(reply: Reply, t: Translate): AnyMessageContent[] {
  const contents: AnyMessageContent[] = [];
  if (reply.photo) {
    const caption = reply.photo.caption;
    contents.push({ image: { url: reply.photo.url }, ...(caption && { caption }) });
  }
  if (reply.location) {
    const { lat, lon, name } = reply.location;
    contents.push({ location: { degreesLatitude: lat, degreesLongitude: lon, ...(name && { name }) } });
  }

  const footer: string[] = [];
  if (reply.choices?.length) footer.push(`${numberedChoices(reply.choices)}\n\n${t(WHATSAPP_TEXT_KEYS.choicesHint)}`);
  if (reply.requestLocation) footer.push(t(WHATSAPP_TEXT_KEYS.locationHint));
  const tail = footer.join('\n\n');

  const pieces = splitText(reply.text, MAX_TEXT);
  if (tail) {
    const last = pieces.pop();
    const joined = last === undefined ? tail : `${last}\n\n${tail}`;
    if (joined.length <= MAX_TEXT) pieces.push(joined);
    else pieces.push(...(last === undefined ? [] : [last]), ...splitText(tail, MAX_TEXT));
  }
  for (const text of pieces) contents.push({ text, linkPreview: null });
  return contents;
}

/**
 * The jid to send to for a resident's address: a phone number in international form ("6281234567890", a leading
 * "+" allowed) becomes `6281234567890@s.whatsapp.net`; a jid (anything with "@": a phone-number jid, a LID, a
 * group) is used as it is. Anything else can never be delivered: {@link Undeliverable}. A local number ("0812…")
 * is refused rather than guessed: its country is not written in it.
 */
export function jidFor(address: string): string {
  const trimmed = address.trim();
  if (trimmed.includes('@')) return trimmed;
  if (/^\+?[1-9]\d{4,19}$/.test(trimmed)) return `${trimmed.replace(/^\+/, '')}@s.whatsapp.net`;
  throw new Undeliverable(`"${address}" is neither a phone number in international form (62…) nor a WhatsApp jid`);
}
