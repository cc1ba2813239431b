/**
 * The complaint draft a conversation fills in, slot by slot, and how a first free-text message fills it: category,
 * place and time from the NLU, so the resident is asked only for what is missing.
 */
import { DateTime } from 'luxon';
import type { PhotoRef } from '../../core/messages.js';
import type { ComplaintCategory, Understanding } from '../../core/understanding.js';
import { WIB } from '../../core/clock.js';
import type { ComplaintLocation, PrivacyMode, ReportType } from './model.js';

/** Most photos a complaint keeps. */
export const MAX_PHOTOS = 5;

/** Below this NLU confidence the category is asked, not assumed. */
export const CATEGORY_CONFIDENCE = 0.6;

/** The draft as kept in conversation state (JSON). */
export interface Draft {
  id: string;
  type?: ReportType;
  category?: ComplaintCategory;
  description?: string;
  location?: ComplaintLocation;
  photos: PhotoRef[];
  /** Asked once; `true` once the resident sent photos or skipped. */
  photosDone?: boolean;
  /** `null` when the resident skipped it. */
  incidentDate?: string | null;
  privacy?: PrivacyMode;
  /** Nearby reports were looked for (only with a pin). */
  nearbyChecked?: boolean;
  /** Editing one field from the summary: go back to the summary after it. */
  editing?: boolean;
}

/** The slots in the order they are asked. */
export type Slot = 'type' | 'description' | 'category' | 'location' | 'photos' | 'date' | 'privacy';

/** The next slot to ask for, or `undefined` when the draft is complete. */
export function nextSlot(d: Draft): Slot | undefined {
  if (!d.type) return 'type';
  if (!d.description) return 'description';
  if (!d.category) return 'category';
  if (!d.location) return 'location';
  if (!d.photosDone) return 'photos';
  if (d.incidentDate === undefined) return 'date';
  if (!d.privacy) return 'privacy';
  return undefined;
}

/** The report type a free-text message suggests. */
export function guessType(normalized: string): ReportType {
  if (/\b(usul|usulan|saran|aspirasi|sebaiknya|mohon dibangun|tolong dibangun|harap diadakan)\b/.test(normalized)) return 'aspirasi';
  if (/\b(tanya|bertanya|informasi|info|bagaimana cara|gimana cara|syarat|persyaratan)\b/.test(normalized)) return 'informasi';
  return 'pengaduan';
}

/** Whether a message says more than "mau lapor": enough words to stand as the complaint's description. */
export function isDescriptive(text: string, u: Understanding): boolean {
  const words = text.split(/\s+/).filter((w) => w.length > 1);
  const onlyAsking = /^(saya |aku |sy )?(mau|ingin|pengen|pingin|mo|ingin membuat|mau bikin|bikin|buat) ?(lapor|laporan|ngadu|mengadu|pengaduan|komplain|aduan)\b/i.test(text) && words.length <= 4;
  return !onlyAsking && words.length >= 4 && (u.category?.confidence ?? 0) >= 0.4;
}

/** A place named in the text (street, landmark, kelurahan), or `undefined` when none was recognised. */
export function locationFromEntities(u: Understanding): ComplaintLocation | undefined {
  const e = u.entities;
  const parts = [...e.streets, ...e.landmarks.filter((l) => !e.streets.includes(l))];
  const kel = e.kelurahan[0];
  if (!parts.length && !kel) return undefined;
  if (kel && !parts.some((p) => p.toLowerCase().includes(kel.name.toLowerCase()))) parts.push(`Kel. ${kel.name}`);
  return { text: parts.join(', '), ...(kel ? { kelurahan: kel.name, kelurahanCode: kel.code } : {}) };
}

/**
 * The incident date a message gives, in WIB: an explicit date ("kemarin", "12/11"), or "since N days" from a
 * duration ("mati 3 hari"). `undefined` when none; dates in the future are ignored.
 */
export function incidentDateFrom(u: Understanding, now: Date): string | undefined {
  const today = DateTime.fromJSDate(now, { zone: WIB }).startOf('day');
  const explicit = u.entities.dates[0]?.date;
  if (explicit) return explicit <= today.toISODate()! ? explicit : undefined;
  const d = u.entities.durations.find((x) => x.unit === 'hari' || x.unit === 'minggu');
  if (d && d.days <= 365) return today.minus({ days: d.days }).toISODate()!;
  return undefined;
}

/** Today's date in WIB, `YYYY-MM-DD`. */
export function todayWib(now: Date): string {
  return DateTime.fromJSDate(now, { zone: WIB }).toISODate()!;
}

/** Vague places that cannot be found on a map ("di rumah", "sini"). */
export function isVaguePlace(text: string): boolean {
  const t = text.toLowerCase().replace(/[^a-z\s]/g, ' ').replace(/\s+/g, ' ').trim();
  return /^(di |ke |dekat |deket |dkt )?(rumah|rumah saya|rumahku|rumah aku|sini|situ|sana|sebelah|tempat saya|tempatku|kampung|kampung saya|jalan|jalan raya|gang|kantor|depan|belakang)( saya| sini| situ)?$/.test(t) || t.length < 3;
}
