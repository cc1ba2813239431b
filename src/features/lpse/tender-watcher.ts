/**
 * One polling round: list the tenders of the watched fiscal years, store them, find what is new or changed by
 * content hash, read announcements and schedules (a few per round, politely), match new tenders against every
 * subscription through the index, and tell vendors. A round on an empty database is a baseline: everything is
 * stored and nobody is alerted about tenders that were already there before Pintu watched.
 *
 * A source that fails ends the round with a recorded failure (and a log line and metric from the caller); what
 * was already stored stays, and the next round tries again.
 */
import type { Logger } from '../../core/ports.js';
import { inWib } from '../../core/clock.js';
import type { StoredTender, SubscriptionWithContact } from './model.js';
import type { LpseRepository, TenderWrite, Watcher } from './repository.js';
import type { AlertSender, ChangeNotice, NewTenderMatch } from './alert-sender.js';
import { isOpenStage, type Tender, type TenderDetail, type TenderSource } from './source/index.js';
import { classifyChange, deadlineChanges, isForEveryWatcher, type TenderChange } from './tender-changes.js';
import { effectiveTender, listedHash, scheduleHash } from './tender-record.js';
import { SubscriptionIndex } from './subscription-index.js';

/** How a round behaves. */
export interface WatchSettings {
  /** Announcements/schedules read per round at most (each is two requests on SPSE). */
  detailsPerRound: number;
  /** A followed tender's schedule is read again when older than this. */
  followedRefreshMs: number;
  /** Read announcements and schedules at all (the ISB datasets already carry them). */
  fetchDetails: boolean;
  /** A new tender whose detail could not be read after this many tries is matched on its list row alone. */
  detailTriesBeforeMatch: number;
}

/** Defaults: 20 details a round, followed schedules re-read hourly. */
export const DEFAULT_WATCH_SETTINGS: WatchSettings = { detailsPerRound: 20, followedRefreshMs: 60 * 60_000, fetchDetails: true, detailTriesBeforeMatch: 2 };

/** What a round did (the CLI prints it; the job logs it). */
export interface RoundResult {
  years: number[];
  listed: number;
  created: Tender[];
  changes: TenderChange[];
  closed: string[];
  details: { read: number; failed: number };
  matched: number;
  alerts: number;
  baseline: boolean;
  /** Set when the source failed; the round stopped there. */
  error?: Error;
}

/** The fiscal years to watch at `now`: this year, and next year from October (tender dini for next year's budget). */
export function watchedYears(now: Date): number[] {
  const local = inWib(now);
  return local.month >= 10 ? [local.year, local.year + 1] : [local.year];
}

/** Runs polling rounds; see the module comment. */
export class TenderWatcher {
  readonly settings: WatchSettings;

  constructor(
    private readonly deps: {
      source: TenderSource;
      sourceName: string;
      repo: LpseRepository;
      alerts: AlertSender;
      logger: Logger;
      settings?: Partial<WatchSettings>;
    },
  ) {
    this.settings = { ...DEFAULT_WATCH_SETTINGS, ...deps.settings };
  }

  /** One round at `now`. Never throws for a source failure: the result carries it. */
  async pollOnce(now: Date): Promise<RoundResult> {
    const { repo } = this.deps;
    const years = watchedYears(now);
    const started = performance.now();
    const result: RoundResult = { years, listed: 0, created: [], changes: [], closed: [], details: { read: 0, failed: 0 }, matched: 0, alerts: 0, baseline: false };
    try {
      const listed = await this.list(years);
      result.listed = listed.length;
      const briefs = await repo.tenderBriefs();
      result.baseline = briefs.length === 0;
      // Changed rows are saved only after their alerts are queued: if queueing fails, the next round sees the same
      // change again (and the alert table keeps a repeat from going twice).
      const listChanges = await this.store(listed, briefs, now, result);
      result.alerts += await this.alertChanges(listChanges, now);
      await repo.saveTenders(listChanges.writes);
      if (this.settings.fetchDetails) {
        const detailChanges = await this.readDetails(now, result);
        result.alerts += await this.alertChanges(detailChanges, now);
        await repo.saveTenders(detailChanges.writes);
      }
      result.alerts += await this.matchNew(now, result);
    } catch (err) {
      result.error = err as Error;
    }
    await repo.recordPoll({
      source: this.deps.sourceName,
      startedAt: now,
      finishedAt: new Date(now.getTime() + Math.round(performance.now() - started)),
      ok: !result.error,
      error: result.error?.message,
      listed: result.listed,
      created: result.created.length,
      changed: result.changes.length,
      alerts: result.alerts,
    });
    return result;
  }

  private async list(years: number[]): Promise<Tender[]> {
    const byKode = new Map<string, Tender>();
    for (const year of years) for (const t of await this.deps.source.listYear(year)) byKode.set(t.kode, t);
    return [...byKode.values()];
  }

  /**
   * Stores new rows and closes vanished ones; returns the changed rows (not yet saved) with their changes; fills
   * `result`.
   */
  private async store(listed: Tender[], briefs: { kode: string; hash: string; open: boolean }[], now: Date, result: RoundResult): Promise<PendingChanges> {
    const { repo } = this.deps;
    const known = new Map(briefs.map((b) => [b.kode, b]));
    const hashes = listed.map((t) => listedHash(t));
    const changedKodes = listed.filter((t, i) => known.has(t.kode) && known.get(t.kode)!.hash !== hashes[i]).map((t) => t.kode);
    const previous = new Map((await repo.tenders(changedKodes)).map((s) => [s.tender.kode, s]));
    const created: TenderWrite[] = [];
    const pending: PendingChanges = { writes: [], changes: [], tenders: new Map() };
    listed.forEach((t, i) => {
      const brief = known.get(t.kode);
      const open = isOpenStage(t.tahap);
      if (!brief) {
        created.push({ listed: t, hash: hashes[i]!, open, firstSeen: now, lastChanged: now, detailTries: 0, ...(result.baseline || !open ? { matchedAt: now } : {}) });
        if (!result.baseline) result.created.push(t);
        return;
      }
      // Unchanged rows are not written at all: a steady round costs the database almost nothing.
      if (brief.hash === hashes[i]) return;
      const before = previous.get(t.kode)!;
      const after = effectiveTender(t, before.detail);
      pending.changes.push(...classifyChange(before.tender, after));
      pending.tenders.set(t.kode, after);
      pending.writes.push({ ...toWrite(before), listed: t, hash: hashes[i]!, open, lastChanged: now });
    });
    await repo.saveTenders(created);
    const seen = new Set(listed.map((t) => t.kode));
    result.closed = briefs.filter((b) => b.open && !seen.has(b.kode)).map((b) => b.kode);
    await repo.markClosed(result.closed, now);
    result.changes.push(...pending.changes);
    return pending;
  }

  /** Reads announcements: new tenders first, then followed tenders whose schedule is stale. Returns rows to save. */
  private async readDetails(now: Date, result: RoundResult): Promise<PendingChanges> {
    const { repo, source, logger } = this.deps;
    const pending: PendingChanges = { writes: [], changes: [], tenders: new Map() };
    if (!source.detail) return pending;
    const budget = this.settings.detailsPerRound;
    const fresh = await repo.withoutDetail(budget);
    const stale = fresh.length < budget ? await repo.followedStale(new Date(now.getTime() - this.settings.followedRefreshMs), budget - fresh.length) : [];
    const { writes } = pending;
    for (const stored of [...fresh, ...stale]) {
      let detail: TenderDetail;
      try {
        detail = await source.detail(stored.listed.kode, stored.listed.kind);
      } catch (err) {
        result.details.failed++;
        logger.warn({ kode: stored.listed.kode, err: (err as Error).message }, 'LPSE: could not read a tender announcement; it is tried again next round');
        writes.push({ ...toWrite(stored), detailTries: stored.detailTries + 1 });
        continue;
      }
      result.details.read++;
      const hash = scheduleHash(detail.schedule);
      if (stored.detail && stored.scheduleHash !== hash) {
        const after = effectiveTender(stored.listed, detail);
        pending.changes.push(...deadlineChanges(effectiveTender(stored.listed, stored.detail), after));
        pending.tenders.set(stored.listed.kode, after);
      }
      writes.push({ ...toWrite(stored), detail, scheduleHash: hash, detailAt: now, detailTries: stored.detailTries + 1, ...(hash !== stored.scheduleHash && { lastChanged: now }) });
    }
    result.changes.push(...pending.changes);
    return pending;
  }

  /** Tells followers (and, for what matters to all, people alerted about the tender) about changes. */
  private async alertChanges({ changes, tenders }: PendingChanges, now: Date): Promise<number> {
    if (!changes.length) return 0;
    const watchers = await this.deps.repo.watchers([...new Set(changes.map((c) => c.kode))]);
    const notices: ChangeNotice[] = changes
      .filter((c) => watchers.has(c.kode) && tenders.has(c.kode))
      .map((change) => ({ change, tender: tenders.get(change.kode)!, watchers: watchers.get(change.kode)! }));
    return this.deps.alerts.changes(notices, now);
  }

  /** Matches tenders not matched yet (once their announcement is read or given up on) and alerts subscribers. */
  private async matchNew(now: Date, result: RoundResult): Promise<number> {
    const { repo } = this.deps;
    const pending = await repo.unmatched(this.settings.fetchDetails && this.deps.source.detail ? this.settings.detailTriesBeforeMatch : 0);
    if (!pending.length) return 0;
    const subscriptions = await repo.allSubscriptions();
    const index = new SubscriptionIndex<SubscriptionWithContact>(subscriptions);
    const matches: NewTenderMatch[] = [];
    for (const stored of pending) {
      const subs = index.match(stored.tender);
      if (subs.length) matches.push({ tender: stored.tender, recipients: subs.map((s) => ({ contact: s.contact, digest: s.digest, subscriptionId: s.id })) });
    }
    result.matched = matches.length;
    const sent = await this.deps.alerts.newTenders(matches, now);
    await repo.markMatched(pending.map((s) => s.tender.kode), now);
    return sent + (await this.retenders(pending, now));
  }

  /** A re-tender under a new code: followers of the old package hear where it went. */
  private async retenders(fresh: StoredTender[], now: Date): Promise<number> {
    const notices: ChangeNotice[] = [];
    for (const stored of fresh.filter((s) => s.tender.retender)) {
      for (const old of await this.deps.repo.sameName(stored.tender.name, stored.tender.kode)) {
        const watchers: Watcher[] = ((await this.deps.repo.watchers([old.tender.kode])).get(old.tender.kode) ?? []).filter((w) => w.following);
        if (watchers.length) notices.push({ change: { kode: old.tender.kode, kind: 'retender', key: `as:${stored.tender.kode}` }, tender: old.tender, replacement: stored.tender, watchers });
      }
    }
    return notices.length ? this.deps.alerts.changes(notices, now) : 0;
  }
}

/** Changed rows waiting to be saved, the changes found in them, and the tenders as they are now. */
interface PendingChanges {
  writes: TenderWrite[];
  changes: TenderChange[];
  tenders: Map<string, Tender>;
}

/** A stored tender as a write of the same row (to change a few fields). */
function toWrite(s: StoredTender): TenderWrite {
  const { tender: _tender, schedule: _schedule, ...row } = s;
  return row;
}
