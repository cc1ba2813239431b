/**
 * The complaint domain's vocabulary: report types, privacy modes, states, the ticket record and its audit trail,
 * and the storage port that `src/db` implements. Nothing here knows a database or a channel.
 */
import type { ContactRef } from '../../core/contact.js';
import type { GeoPoint, PhotoRef } from '../../core/messages.js';
import type { ComplaintCategory } from '../../core/understanding.js';

/** Report types (SP4N-LAPOR!). */
export const REPORT_TYPES = ['pengaduan', 'aspirasi', 'informasi'] as const;
/** A report type from {@link REPORT_TYPES}. */
export type ReportType = (typeof REPORT_TYPES)[number];

/** Privacy modes with LAPOR! semantics: public; public but the reporter hidden; not public at all. */
export const PRIVACY_MODES = ['publik', 'anonim', 'rahasia'] as const;
/** A privacy mode from {@link PRIVACY_MODES}. */
export type PrivacyMode = (typeof PRIVACY_MODES)[number];

/** Complaint states (DESIGN §3). */
export const STATES = [
  'diterima',
  'terverifikasi',
  'didisposisikan',
  'diproses',
  'selesai',
  'ditolak',
  'duplikat',
  'dibatalkan',
  'bukan_kewenangan',
] as const;
/** A complaint state from {@link STATES}. */
export type ComplaintState = (typeof STATES)[number];

/** Where a complaint's location came from and what it resolved to. */
export interface ComplaintLocation {
  /** What the resident wrote ("jl mastrip depan masjid"), if anything. */
  text?: string;
  /** A shared pin, when there was one. */
  point?: GeoPoint;
  kelurahan?: string;
  kelurahanCode?: string;
  kecamatan?: string;
}

/** Where to reach the reporter or a supporter about a ticket (defined in core: other features use it too). */
export type { ContactRef };

/** What the resident confirmed in chat (or another system posted through Open311). */
export interface ComplaintDraft {
  type: ReportType;
  category: ComplaintCategory;
  description: string;
  location: ComplaintLocation;
  photos: PhotoRef[];
  /** `YYYY-MM-DD` in WIB. */
  incidentDate?: string;
  privacy: PrivacyMode;
}

/** A stored complaint. */
export interface Complaint extends ComplaintDraft {
  id: string;
  /** `PBL-YYYY-NNNNNN`. */
  ticket: string;
  /** Absent for reports filed through Open311 without a chat identity. */
  reporter?: ContactRef;
  /** Open311 submitters may leave a name and e-mail; never shown publicly. */
  reporterName?: string;
  reporterEmail?: string;
  source: 'chat' | 'open311';
  office: string;
  state: ComplaintState;
  stateNote?: string;
  /** Ticket this one duplicates (state `duplikat`). */
  duplicateOf?: string;
  /** The agency named when the city is not responsible (state `bukan_kewenangan`). */
  referredTo?: string;
  createdAt: Date;
  updatedAt: Date;
  /** Verification and forwarding due (3 working days after filing). */
  verifyDueAt: Date;
  /** The office's first response due (5 working days after disposition; 8 after filing until then). */
  responseDueAt: Date;
  respondedAt?: Date;
  /**
   * The first officer action the reporter sees: a reply, or a move past `diterima` by the coordinator or an office
   * (what the statistics' "days to first response" measures).
   */
  firstResponseAt?: Date;
  resolvedAt?: Date;
  /** When the feedback window closed (rated, or auto-closed 10 working days after resolution). */
  closedAt?: Date;
  overdue: boolean;
  escalatedAt?: Date;
  rating?: number;
  reopenCount: number;
  supporterCount: number;
}

/** Kinds of entries in a complaint's audit trail. */
export type EventKind = 'filed' | 'transition' | 'reply' | 'support' | 'feedback' | 'reopen' | 'escalation' | 'reroute';

/** One entry of the audit trail: who did what, when, with which note. */
export interface ComplaintEvent {
  id: string;
  complaintId: string;
  at: Date;
  /** `resident`, `system`, `coordinator`, or `office:<code>` (with the token name when an officer acted). */
  actor: string;
  kind: EventKind;
  fromState?: ComplaintState;
  toState?: ComplaintState;
  note?: string;
  /** Whether the reporter sees this entry in their history. */
  visibleToReporter: boolean;
}

/** Filters for listing complaints (admin API and Open311). */
export interface ComplaintQuery {
  offices?: string[];
  states?: ComplaintState[];
  categories?: ComplaintCategory[];
  kelurahanCode?: string;
  overdue?: boolean;
  from?: Date;
  to?: Date;
  /** Free text over the description and location. */
  search?: string;
  tickets?: string[];
  /** Leave out `rahasia` reports (public output). */
  publicOnly?: boolean;
  order?: 'newest' | 'oldest' | 'updated';
  /** Count every match for `total` (default true). Counting costs far more than a page on a big table. */
  withTotal?: boolean;
  limit: number;
  offset: number;
}

/** A supporter of a ticket: subscribed to its updates. */
export interface Supporter extends ContactRef {
  at: Date;
}

/** Storage for complaints; implemented in `src/db/complaint-repository.ts`. */
export interface ComplaintRepository {
  /**
   * Stores a new complaint with its first event. `idempotencyKey` makes retries safe: filing the same key twice
   * returns the complaint stored the first time.
   */
  file(input: {
    idempotencyKey: string;
    draft: ComplaintDraft;
    reporter?: ContactRef;
    reporterName?: string;
    reporterEmail?: string;
    source: Complaint['source'];
    office: string;
    at: Date;
    verifyDueAt: Date;
    responseDueAt: Date;
  }): Promise<{ complaint: Complaint; created: boolean }>;
  byTicket(ticket: string): Promise<Complaint | undefined>;
  byReporter(userId: string, limit: number): Promise<Complaint[]>;
  /** Tickets the user supports (not their own). */
  supportedBy(userId: string, limit: number): Promise<Complaint[]>;
  /** A page of matches; `total` is undefined when `withTotal` is false. */
  list(query: ComplaintQuery): Promise<{ items: Complaint[]; total?: number }>;
  /** Open, non-rahasia complaints of `category` whose pin lies in the box (callers refine by distance). */
  openNear(category: ComplaintCategory, box: { minLat: number; maxLat: number; minLon: number; maxLon: number }, limit: number): Promise<Complaint[]>;
  events(complaintId: string): Promise<ComplaintEvent[]>;
  supporters(complaintId: string): Promise<Supporter[]>;
  /** Adds a supporter; false when they already were one. */
  addSupporter(complaintId: string, supporter: ContactRef, at: Date): Promise<boolean>;
  /**
   * Applies a change only if the complaint is still in `expectState` (optimistic concurrency), writing the event in
   * the same transaction. Returns false when someone else changed it first.
   */
  update(complaintId: string, expectState: ComplaintState, patch: Partial<Complaint>, event: Omit<ComplaintEvent, 'id' | 'complaintId'>): Promise<boolean>;
  /** Appends an event without changing the complaint's state (a reply, an escalation). */
  addEvent(complaintId: string, event: Omit<ComplaintEvent, 'id' | 'complaintId'>, patch?: Partial<Complaint>): Promise<void>;
  /** Open tickets whose verification or response deadline passed before `now` and that are not yet flagged. */
  dueForEscalation(now: Date, limit: number): Promise<Complaint[]>;
  /** Resolved tickets, not closed, resolved before `before`. */
  resolvedBefore(before: Date, limit: number): Promise<Complaint[]>;
}
