/**
 * The contract between the engine and whatever understands a resident's words (the NLU in `src/nlu`).
 * Intent names and complaint category codes are part of Pintu's public contract (README, `pintu nlu`).
 */

/** Every intent Pintu knows; names are stable and documented. */
export const INTENTS = [
  'greeting',
  'help',
  'thanks',
  'cancel',
  'emergency',
  'complaint.file',
  'complaint.status',
  'siskia.register',
  'siskia.birth',
  'siskia.schedule',
  'siskia.danger',
  'govis.recommend',
  'lpse.subscribe',
  'lpse.list',
  'lpse.unsubscribe',
  'data.delete',
  'unknown',
] as const;

/** An intent name from {@link INTENTS}. */
export type IntentName = (typeof INTENTS)[number];

/** Complaint category codes (DESIGN §2); stable and documented. */
export const COMPLAINT_CATEGORIES = [
  'jalan_selokan',
  'lampu',
  'angkutan',
  'parkir',
  'perizinan',
  'pungli',
  'pajak_retribusi',
  'bansos',
  'warga_miskin',
  'kesehatan',
  'kependudukan',
  'lingkungan',
  'air_bersih',
  'ketertiban',
  'pendidikan',
  'lainnya',
] as const;

/** A complaint category code from {@link COMPLAINT_CATEGORIES}. */
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** A date found in a message, resolved in WIB. */
export interface DateEntity {
  /** The words it was read from. */
  text: string;
  /** Calendar date in WIB, `YYYY-MM-DD`. */
  date: string;
}

/** A duration such as "hamil 3 bulan" or "20 minggu". */
export interface DurationEntity {
  text: string;
  value: number;
  unit: 'hari' | 'minggu' | 'bulan' | 'tahun';
  /** The same duration in days (months as 30, years as 365) for quick comparisons. */
  days: number;
}

/** An amount of money in rupiah. */
export interface MoneyEntity {
  text: string;
  rupiah: number;
}

/** A kelurahan or kecamatan of Kota Probolinggo, by its Kemendagri code and official name. */
export interface AreaEntity {
  text: string;
  code: string;
  name: string;
}

/** What was found in a message besides its intent. Every list is present, possibly empty. */
export interface Entities {
  ticketIds: string[];
  dates: DateEntity[];
  durations: DurationEntity[];
  money: MoneyEntity[];
  kelurahan: AreaEntity[];
  kecamatan: AreaEntity[];
  streets: string[];
  landmarks: string[];
  /** Phone numbers, normalised to digits with a leading 62; detected so they can be masked. */
  phones: string[];
  /** 16-digit NIK numbers; detected so they can be masked, never echoed back. */
  niks: string[];
}

/** A scored label. */
export interface Scored<T extends string> {
  label: T;
  confidence: number;
}

/** The engine's view of one message. */
export interface Understanding {
  intent: IntentName;
  /** 0..1, calibrated: below the configured threshold the engine asks instead of guessing. */
  confidence: number;
  /** The next most likely intents, best first (excluding `intent`). */
  alternatives: Scored<IntentName>[];
  /** Complaint category, when the message reads like a complaint. */
  category?: Scored<ComplaintCategory>;
  entities: Entities;
  /** The normalised text the classifiers saw (for debugging and eval; never logged with PII). */
  normalized: string;
}

/** Anything that turns text into an {@link Understanding}. `now` pins relative dates ("kemarin"). */
export interface Understander {
  understand(text: string, now: Date): Understanding;
}

/** An empty entity set, for callers that build one up. */
export function emptyEntities(): Entities {
  return {
    ticketIds: [],
    dates: [],
    durations: [],
    money: [],
    kelurahan: [],
    kecamatan: [],
    streets: [],
    landmarks: [],
    phones: [],
    niks: [],
  };
}
