/**
 * What LPSE needs from storage. `src/db/lpse-repository.ts` implements it over SQLite and PostgreSQL.
 */
import type { ContactRef } from '../../core/contact.js';
import type { StoredTender, Subscription, SubscriptionCriteria, SubscriptionWithContact } from './model.js';

/** A tender row as the poller writes it: a stored tender without what is derived from it on reading. */
export type TenderWrite = Omit<StoredTender, 'tender' | 'schedule'>;

/** The bookkeeping of a stored tender the poller compares against. */
export interface TenderBrief {
  kode: string;
  hash: string;
  open: boolean;
}

/** An alert or reminder to record; see `LpseAlertEntity`. */
export interface AlertRecord {
  userId: string;
  kode: string;
  kind: string;
  key: string;
  /** WIB day (YYYY-MM-DD) it was made. */
  day: string;
  status: 'sent' | 'held' | 'skipped';
}

/** Someone to tell about a tender's change: a follower, or a subscriber who was told about the tender. */
export interface Watcher {
  contact: ContactRef;
  following: boolean;
}

/** A vendor: contact and delivery preference. */
export interface Vendor {
  contact: ContactRef;
  digest: boolean;
}

/** A followed tender whose upload deadline is near. */
export interface FollowDue {
  contact: ContactRef;
  tender: StoredTender;
  followedAt: Date;
}

/** One polling round's record (the source's health). */
export interface PollRecord {
  source: string;
  startedAt: Date;
  finishedAt: Date;
  ok: boolean;
  error?: string;
  listed: number;
  created: number;
  changed: number;
  alerts: number;
}

/** Storage of LPSE's tenders, vendors, subscriptions, follows, alerts and polls. */
export interface LpseRepository {
  /** Hash and open flag of every stored tender. */
  tenderBriefs(): Promise<TenderBrief[]>;
  /** The stored tenders with these codes. */
  tenders(kodes: string[]): Promise<StoredTender[]>;
  /** One stored tender. */
  tender(kode: string): Promise<StoredTender | undefined>;
  /** Inserts or replaces tender rows. */
  saveTenders(rows: TenderWrite[]): Promise<void>;
  /** Marks tenders the source no longer lists as not open. */
  markClosed(kodes: string[], at: Date): Promise<void>;
  /** Open tenders whose announcement was never read: not yet matched first, then fewest tries, newest. */
  withoutDetail(limit: number): Promise<StoredTender[]>;
  /** Open followed tenders whose detail is older than `before`, stalest first. */
  followedStale(before: Date, limit: number): Promise<StoredTender[]>;
  /** Open tenders not yet matched against subscriptions whose detail was read or tried `minTries` times. */
  unmatched(minTries: number): Promise<StoredTender[]>;
  /** Marks tenders as matched. */
  markMatched(kodes: string[], at: Date): Promise<void>;
  /** Open tenders, newest first. */
  openTenders(offset: number, limit: number): Promise<StoredTender[]>;
  /** Stored tenders (any state) with the same name, case-insensitively, other than `kode`. */
  sameName(name: string, kode: string): Promise<StoredTender[]>;

  /** Creates or updates a vendor's contact (keeps their digest setting). */
  saveVendor(contact: ContactRef, now: Date): Promise<void>;
  /** Sets a vendor's delivery preference. */
  setDigest(userId: string, digest: boolean, now: Date): Promise<void>;
  /** A vendor, if they ever subscribed or followed. */
  vendor(userId: string): Promise<Vendor | undefined>;
  /** Adds a subscription. */
  addSubscription(userId: string, criteria: SubscriptionCriteria, now: Date): Promise<Subscription>;
  /** A vendor's subscriptions, oldest first (the numbers "berhenti langganan 2" refers to). */
  subscriptions(userId: string): Promise<Subscription[]>;
  /** Removes one subscription of `userId`; false when it is not theirs or gone. */
  removeSubscription(userId: string, id: string): Promise<boolean>;
  /** Every subscription with its vendor's contact (to build the match index). */
  allSubscriptions(): Promise<SubscriptionWithContact[]>;

  /** Follows a tender; false when already followed. */
  follow(userId: string, kode: string, now: Date): Promise<boolean>;
  /** Stops following; false when it was not followed. */
  unfollow(userId: string, kode: string): Promise<boolean>;
  /** Tenders `userId` follows, in the order followed. */
  followed(userId: string): Promise<StoredTender[]>;
  /** Who to tell about changes of `kodes`: followers, and people alerted about the tender as new. */
  watchers(kodes: string[]): Promise<Map<string, Watcher[]>>;
  /** Follows of open tenders whose upload deadline is in (`from`, `to`]. */
  followsDue(from: Date, to: Date): Promise<FollowDue[]>;

  /** Stores alerts made at `at`; returns the ones that were not stored before (the ones to send). */
  recordAlerts(rows: AlertRecord[], at: Date): Promise<AlertRecord[]>;
  /** Removes alert rows again (their messages could not be queued), so a later round sends them. */
  forgetAlerts(rows: AlertRecord[]): Promise<void>;
  /** How many new-tender alerts each user was sent on WIB day `day`. */
  sentCounts(userIds: string[], day: string): Promise<Map<string, number>>;
  /** Held alerts waiting for the digest, per vendor. */
  heldAlerts(): Promise<Map<string, { vendor: Vendor; kodes: string[] }>>;
  /** Marks a user's held alerts as digested. */
  markDigested(userId: string, kodes: string[]): Promise<void>;

  /** Records a polling round. */
  recordPoll(poll: PollRecord): Promise<void>;
  /** The latest rounds, newest first. */
  recentPolls(limit: number): Promise<PollRecord[]>;
  /** Removes everything about a vendor (subscriptions, follows, alerts); returns the counts removed. */
  eraseVendor(userId: string): Promise<{ subscriptions: number; follows: number }>;
}
