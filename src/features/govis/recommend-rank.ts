/**
 * Settling one page of results while asking "is it open now?" as seldom as possible. Matching places arrive
 * scored in everything but opening hours (`Pending`, with the best key they can reach); the ranker completes them
 * best-first and stops as soon as the first `pageEnd` results can no longer change and one more match is known.
 */
import type { IndexedPlace } from './place-index.js';
import {
  compareCandidates,
  compareKeys,
  completeCandidate,
  ranksBefore,
  type Candidate,
  type Pending,
  type PreparedQuery,
  type RankKey,
} from './recommend-score.js';

/** Whether a place is open now, or unknown. */
export type OpenCheck = (entry: IndexedPlace) => boolean | 'unknown';

/** The page-settling state of one query. */
export class PageRanker {
  /** Completed matches, in result order. */
  private readonly done: Candidate[] = [];
  /** Matches still to complete, best key first from `next` on. */
  private pending: Pending[] = [];
  private next = 0;
  /** Matches that can no longer enter the page, kept for `completeAll`. */
  private readonly setAside: Pending[] = [];

  /** `pageEnd`: offset + limit of the page asked for. */
  constructor(
    private readonly q: PreparedQuery,
    private readonly isOpen: OpenCheck,
    readonly pageEnd: number,
  ) {}

  /** Adds matches (not yet completed); those that cannot reach the page any more are set aside unsorted. */
  add(items: readonly Pending[]): void {
    const last = this.pageLast();
    const contenders: Pending[] = [];
    for (const p of items) {
      if (last && ranksBefore(last, p)) this.setAside.push(p);
      else contenders.push(p);
    }
    if (contenders.length === 0) return;
    this.pending = this.pending.slice(this.next).concat(contenders).sort(compareKeys);
    this.next = 0;
  }

  /**
   * Completes pending matches, best first, while one of them could still enter the page or fewer than
   * `pageEnd + 1` matches are complete. Then answers whether the page is settled: with `unseen` (the best key any
   * match not yet added can have), only if the page's last result ranks before it; without (every match has
   * been added), always.
   */
  settle(unseen?: RankKey): boolean {
    for (let p = this.pending[this.next]; p; p = this.pending[this.next]) {
      const last = this.pageLast();
      if (last && ranksBefore(last, p)) break;
      this.next++;
      this.complete(p);
    }
    if (!unseen) return true;
    const last = this.pageLast();
    return last !== undefined && ranksBefore(last, unseen);
  }

  /** Completes every match not completed yet (for an exact total). */
  completeAll(): void {
    const rest = this.pending.slice(this.next).concat(this.setAside.splice(0));
    this.pending = [];
    this.next = 0;
    for (const p of rest) {
      const c = completeCandidate(this.q, p, this.isOpen(p.entry));
      if (c) this.done.push(c);
    }
    this.done.sort(compareCandidates);
  }

  /** Matches known so far, completed ones in result order (the page is `results()[offset .. pageEnd]`). */
  results(): readonly Candidate[] {
    return this.done;
  }

  /**
   * How many matches are known: the completed ones, plus the pending ones when "buka sekarang" was not asked
   * (then nothing pending can be dropped).
   */
  knownMatches(): number {
    return this.done.length + (this.q.openNow ? 0 : this.pendingCount());
  }

  /**
   * The page's last result once more matches than the page holds are complete (its key bounds what the page
   * needs); undefined before.
   */
  pageLast(): Candidate | undefined {
    return this.done.length > this.pageEnd ? this.done[this.pageEnd - 1] : undefined;
  }

  /** How many matches are left to complete (pending or set aside). */
  pendingCount(): number {
    return this.pending.length - this.next + this.setAside.length;
  }

  /** Whether every match added has been completed. */
  allComplete(): boolean {
    return this.pendingCount() === 0;
  }

  /** Completes one match and inserts it in result order. */
  private complete(p: Pending): void {
    const c = completeCandidate(this.q, p, this.isOpen(p.entry));
    if (!c) return;
    let lo = 0;
    let hi = this.done.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareCandidates(this.done[mid]!, c) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.done.splice(lo, 0, c);
  }
}
