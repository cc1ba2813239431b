/**
 * LPSE's domain types beyond the source: what a vendor subscribed to, the tenders Pintu keeps, and the changes it
 * tells vendors about.
 */
import type { ContactRef } from '../../core/contact.js';
import type { Stage, Tender, TenderDetail } from './source/index.js';

/** Jenis pengadaan as subscriptions name them. */
export const JENIS_CODES = ['barang', 'konstruksi', 'konsultansi', 'jasa_lainnya'] as const;
/** One of {@link JENIS_CODES}. */
export type JenisCode = (typeof JENIS_CODES)[number];

/** Kualifikasi usaha as subscriptions name them. */
export const KUALIFIKASI_CODES = ['kecil', 'non_kecil'] as const;
/** One of {@link KUALIFIKASI_CODES}. */
export type KualifikasiCode = (typeof KUALIFIKASI_CODES)[number];

/**
 * What a subscription asks for. Every field that is set must match; an empty subscription matches nothing (the
 * conversation never stores one).
 */
export interface SubscriptionCriteria {
  /**
   * Keyword groups: the tender name must contain every word of at least one group, as whole folded words
   * (`words.ts`). "komputer, laptop" is two groups; "jalan lingkungan" one group of two words. Empty: no keyword
   * filter.
   */
  keywords: string[][];
  /** Folded words that rule a tender out when its name has any of them ("-konsultan"). */
  exclude: string[];
  /** Jenis pengadaan, any of them; absent: any jenis. */
  jenis?: JenisCode[];
  /** HPS at least this many rupiah. A tender whose HPS is unknown passes. */
  hpsMin?: number;
  /** HPS at most this many rupiah. A tender whose HPS is unknown passes. */
  hpsMax?: number;
  /** Kualifikasi usaha. A tender whose kualifikasi is unknown passes. */
  kualifikasi?: KualifikasiCode;
  /**
   * An instansi/satker: `label` as the vendor said it ("Dinas PUPR"), `words` the folded words that must all be
   * found in the tender's instansi or satker, abbreviations spelled out ("pupr" → "pekerjaan umum").
   */
  instansi?: { label: string; words: string[] };
}

/** A stored subscription. */
export interface Subscription {
  id: string;
  userId: string;
  criteria: SubscriptionCriteria;
  createdAt: Date;
}

/** A subscription with where to send its alerts (what the matcher's callers need). */
export interface SubscriptionWithContact extends Subscription {
  contact: ContactRef;
  /** The vendor asked for a daily digest instead of alerts as they come. */
  digest: boolean;
}

/** A tender as Pintu keeps it: the source's record, its schedule when known, and bookkeeping. */
export interface StoredTender {
  /** The list record completed with the announcement (`effectiveTender`): what vendors are shown and matched on. */
  tender: Tender;
  /** The record as the list gave it. */
  listed: Tender;
  /** The announcement and schedule, once read. */
  detail?: TenderDetail;
  /** The schedule (empty until the detail is read). */
  schedule: Stage[];
  /** SHA-256 (hex) of the listed fields that matter to vendors (`tender-record.ts`). */
  hash: string;
  /** True while the source lists it as running. */
  open: boolean;
  firstSeen: Date;
  lastChanged: Date;
  /** When the announcement/schedule was last read (undefined: never). */
  detailAt?: Date;
  /** Failed or successful attempts at reading the detail. */
  detailTries: number;
  /** When new-tender alerts went out for it (undefined: not yet matched). */
  matchedAt?: Date;
  /** Hash of the schedule last read. */
  scheduleHash?: string;
}

/** What changed in a tender between two polls, in the order vendors care about. */
export type TenderChangeKind = 'new' | 'cancelled' | 'retender' | 'winner' | 'schedule' | 'stage';
