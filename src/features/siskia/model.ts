/**
 * SISKIA's records: a mother's (or a parent's) registration with her recorded consent, the health data it holds
 * (kept encrypted at rest by the storage), the reminders sent and the danger-sign alerts. The storage port is
 * implemented in `src/db/siskia-repository.ts`.
 */
import type { ContactRef } from '../../core/contact.js';
import type { IsoDate } from './dates.js';

/** A child of the registration (twins are two children). */
export interface ChildRecord {
  childId: string;
  born: IsoDate;
}

/** A visit the mother said was done ("sudah"). */
export interface VisitDone {
  code: string;
  childId?: string;
  on: IsoDate;
}

/** A visit moved to another date ("tunda", "ubah tanggal"). */
export interface VisitMoved {
  code: string;
  childId?: string;
  to: IsoDate;
}

/** The health data of a registration: encrypted at rest, never logged. */
export interface HealthRecord {
  hpht?: IsoDate;
  /** The due date: computed from HPHT, or written by the midwife (which then wins). */
  hpl?: IsoDate;
  hplSource?: 'hpht' | 'midwife';
  motherAge?: number;
  children: ChildRecord[];
  done: VisitDone[];
  moved: VisitMoved[];
}

/** Where a registration stands. `loss` never gets another routine message. */
export type ProfileStatus = 'active' | 'stopped' | 'loss';

/** A danger-sign alert: when, and what the mother answered to the follow-up question (no message text). */
export interface DangerAlert {
  at: Date;
  answer?: string;
  answeredAt?: Date;
}

/** One registration. */
export interface SiskiaProfile {
  userId: string;
  /** Where reminders go: the channel identity she registered from. */
  contact: ContactRef;
  status: ProfileStatus;
  /** The version of the consent text she agreed to, and when. */
  consentVersion: string;
  consentAt: Date;
  registeredBy: 'self' | 'midwife';
  puskesmas?: string;
  posyandu?: string;
  record: HealthRecord;
  createdAt: Date;
  updatedAt: Date;
}

/** A routine reminder as planned for one person and day (at most one a day). */
export interface PlannedReminder {
  userId: string;
  /** The WIB day it is for. */
  day: IsoDate;
  code: string;
  childId?: string;
  /** Days before the visit's date (7 or 1 by default). */
  daysBefore: number;
}

/** What erasing a registration removed, to tell her. */
export interface Erased {
  profile: boolean;
  reminders: number;
  alerts: number;
}

/** Storage for SISKIA. */
export interface SiskiaRepository {
  get(userId: string): Promise<SiskiaProfile | undefined>;
  /** Creates or replaces a registration. */
  save(profile: SiskiaProfile): Promise<void>;
  /** Removes the registration, its reminders and its alerts. */
  erase(userId: string): Promise<Erased>;
  /**
   * Active registrations after `afterUserId` in user id order (keyset paging for the planner). A record that can't
   * be decrypted is passed to `onUnreadable` and skipped when the callback is given (one bad row must not stop
   * everyone's reminders); without it, it throws.
   */
  activeBatch(afterUserId: string, limit: number, onUnreadable?: (userId: string, err: Error) => void): Promise<SiskiaProfile[]>;
  /** Stores reminders; those for a person and day that already has one are skipped. Returns the ones stored. */
  recordReminders(reminders: PlannedReminder[]): Promise<PlannedReminder[]>;
  /** The latest reminder sent to a person on or after `since`. */
  lastReminder(userId: string, since: IsoDate): Promise<PlannedReminder | undefined>;
  /** Records a danger-sign alert (time only, no text); returns its id. */
  recordAlert(userId: string, at: Date): Promise<string>;
  /** Registrations at a puskesmas (name compared case-insensitively), newest first; unreadable ones reported and skipped. */
  atPuskesmas(puskesmas: string, limit: number, onUnreadable?: (userId: string, err: Error) => void): Promise<SiskiaProfile[]>;
  /** Danger-sign alerts of these people, newest first. */
  alertsOf(userIds: string[]): Promise<Map<string, DangerAlert[]>>;
  /** Stores the answer to the 20-minute follow-up. */
  answerAlert(alertId: string, userId: string, answer: string, at: Date): Promise<boolean>;
}
