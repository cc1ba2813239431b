/**
 * Matching new tenders against many subscriptions without looking at every subscription for every tender.
 *
 * Keyword subscriptions sit in one bucket per keyword group, under one word of the group: a tender can only satisfy
 * a group whose every word is in its name, so the buckets of the tender's name words hold every keyword
 * subscription that can match. Subscriptions without keywords sit in one bucket per jenis they name, or in the
 * "any jenis" bucket. The candidates found this way are checked with the rule `matchesCriteria` uses
 * (`CriteriaTable.matches`, on all subscriptions compiled once), so the index never decides a match on its own.
 */
import type { JenisCode, Subscription } from './model.js';
import type { Tender } from './source/index.js';
import { CriteriaTable, type TenderFacets } from './tender-facets.js';

/** Bucket sizes, for benchmarks and for checking that matching looks at a fraction of the subscriptions. */
export interface SubscriptionIndexStats {
  /** Subscriptions held ({@link SubscriptionIndex.size}). */
  subscriptions: number;
  /** Subscriptions that can never match (no filter at all, or keyword groups that fold to nothing): not indexed. */
  neverMatching: number;
  /** Distinct words with a keyword bucket. */
  keywordBuckets: number;
  /** Entries over all keyword buckets (a subscription is in one bucket per distinct key word of its groups). */
  keywordEntries: number;
  /** Size of the largest keyword bucket. */
  largestKeywordBucket: number;
  /** Entries of the jenis buckets (subscriptions without keywords that name jenis, once per jenis). */
  jenisEntries: number;
  /** Subscriptions without keywords and without jenis: checked for every tender. */
  anyJenis: number;
}

/** Code-unit order of ids (not locale order: the same everywhere, and what `match` promises). */
function byId(a: Subscription, b: Subscription): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * An immutable index of subscriptions for matching tenders. `S` is the type of the subscriptions it is built from
 * (`SubscriptionWithContact`, say): `match` hands back those same objects.
 *
 * Build it from the stored subscriptions; when they change, build a new one (100,000 subscriptions take about
 * 0.3 s, see `bench/README.md`). There is no add or remove: the criteria are compiled into packed arrays, and
 * results come out in id order because subscriptions are numbered in id order, so adding one in place would mean
 * renumbering and removing one would leave dead entries in the buckets, to save a rebuild that costs less than one
 * LPSE poll.
 */
export class SubscriptionIndex<S extends Subscription = Subscription> {
  /** The subscriptions in id order; a subscription's number is its position here and its row in #table. */
  readonly #subs: S[];
  readonly #table: CriteriaTable;
  /** Keyword buckets by word number of #table (undefined: no subscription is keyed on that word). */
  readonly #byWord: (Int32Array | undefined)[];
  readonly #byJenis = new Map<JenisCode, Int32Array>();
  readonly #anyJenis: Int32Array;
  /** Per subscription, the match run that last looked at it: each candidate is checked once per tender. */
  readonly #seen: Int32Array;
  #run = 0;
  /** Scratch space for the numbers of matching subscriptions (sorted, they give the id order). */
  readonly #hits: Int32Array;
  readonly #stats: SubscriptionIndexStats;

  /** An index of `subscriptions`; throws when two share an id. */
  static build<S extends Subscription>(subscriptions: readonly S[]): SubscriptionIndex<S> {
    return new SubscriptionIndex(subscriptions);
  }

  /**
   * An index of `subscriptions`; throws when two share an id. The criteria are read here, once: later edits to the
   * subscription objects do not reach the index.
   */
  constructor(subscriptions: readonly S[]) {
    const subs = [...subscriptions].sort(byId);
    for (let i = 1; i < subs.length; i++) {
      if (subs[i]!.id === subs[i - 1]!.id)
        throw new Error(`SubscriptionIndex: duplicate subscription id ${subs[i]!.id}`);
    }
    this.#subs = subs;
    const n = subs.length;
    const table = (this.#table = new CriteriaTable(subs.map((s) => s.criteria)));
    this.#seen = new Int32Array(n);
    this.#hits = new Int32Array(n);

    const groupsOf: number[][][] = [];
    // How many keyword groups use each word, over the subscriptions that can match.
    const groupsWithWord = new Int32Array(table.wordCount);
    for (let i = 0; i < n; i++) {
      const groups = table.canMatch(i) ? table.keywordGroups(i) : [];
      groupsOf.push(groups);
      for (const g of groups) for (const w of g) groupsWithWord[w]!++;
    }

    const byWord: (number[] | undefined)[] = new Array<number[] | undefined>(table.wordCount);
    const byJenis = new Map<JenisCode, number[]>();
    const anyJenis: number[] = [];
    let neverMatching = 0;
    for (let i = 0; i < n; i++) {
      if (!table.canMatch(i)) {
        neverMatching++;
        continue;
      }
      const groups = groupsOf[i]!;
      if (groups.length > 0) {
        // Key word of each group: the one fewest groups use, so its bucket is the smallest. What a match costs is
        // the sizes of the buckets of the tender's name words, and how often a word occurs in tender names is not
        // known here; among words equally rare in subscriptions the longest is taken, since long words are the
        // rarer ones in running text ("pembangunan gedung" is keyed on "gedung" when fewer subscriptions say
        // "gedung", "jalan lingkungan" on "lingkungan" when both are equally used). Whichever word is chosen, the
        // result is the same: only the work differs.
        const keys = [...new Set(groups.map((g) => this.#keyWord(g, groupsWithWord)))];
        for (const k of keys) (byWord[k] ??= []).push(i);
      } else {
        const jenis = table.jenisCodes(i);
        if (jenis) {
          for (const j of jenis) {
            let bucket = byJenis.get(j);
            if (!bucket) byJenis.set(j, (bucket = []));
            bucket.push(i);
          }
        } else {
          anyJenis.push(i);
        }
      }
    }

    this.#byWord = new Array<Int32Array | undefined>(table.wordCount);
    let keywordBuckets = 0;
    let keywordEntries = 0;
    let largestKeywordBucket = 0;
    for (let w = 0; w < byWord.length; w++) {
      const b = byWord[w];
      if (!b) continue;
      this.#byWord[w] = Int32Array.from(b);
      keywordBuckets++;
      keywordEntries += b.length;
      largestKeywordBucket = Math.max(largestKeywordBucket, b.length);
    }
    let jenisEntries = 0;
    for (const [j, b] of byJenis) {
      this.#byJenis.set(j, Int32Array.from(b));
      jenisEntries += b.length;
    }
    this.#anyJenis = Int32Array.from(anyJenis);
    this.#stats = {
      subscriptions: n,
      neverMatching,
      keywordBuckets,
      keywordEntries,
      largestKeywordBucket,
      jenisEntries,
      anyJenis: anyJenis.length,
    };
  }

  /** The word of `group` fewest groups use (`counts`), the longest among those, then the first in code-unit order. */
  #keyWord(group: readonly number[], counts: Int32Array): number {
    let best = group[0]!;
    for (let i = 1; i < group.length; i++) {
      const w = group[i]!;
      const c = counts[w]!;
      const bestCount = counts[best]!;
      if (c !== bestCount) {
        if (c < bestCount) best = w;
        continue;
      }
      const word = this.#table.word(w);
      const bestWord = this.#table.word(best);
      if (word.length > bestWord.length || (word.length === bestWord.length && word < bestWord)) best = w;
    }
    return best;
  }

  /** Number of subscriptions held (each distinct id once), including any that can never match. */
  get size(): number {
    return this.#subs.length;
  }

  /** Bucket sizes (see {@link SubscriptionIndexStats}). */
  get stats(): SubscriptionIndexStats {
    return { ...this.#stats };
  }

  /**
   * The subscriptions `tender` matches (as `matchesCriteria` decides): the objects the index was built from, each
   * once, in id order (code-unit order).
   */
  match(tender: Tender): S[] {
    const k = this.#collect(this.#table.facets(tender), true);
    const hits = this.#hits.subarray(0, k).sort();
    const out = new Array<S>(k);
    for (let i = 0; i < k; i++) out[i] = this.#subs[hits[i]!]!;
    return out;
  }

  /**
   * {@link match} for each tender, by kode. Every tender gets an entry, an empty list when nothing matches; when a
   * kode appears more than once, the first tender with it is the one matched.
   */
  matchMany(tenders: readonly Tender[]): Map<string, S[]> {
    const out = new Map<string, S[]>();
    for (const t of tenders) if (!out.has(t.kode)) out.set(t.kode, this.match(t));
    return out;
  }

  /** How many subscriptions {@link match} would check for `tender` (its candidates): for benchmarks and tests. */
  candidateCount(tender: Tender): number {
    return this.#collect(this.#table.facets(tender), false);
  }

  /**
   * Visits each candidate for `f` once. With `verify`, writes the numbers of the matching ones to #hits and returns
   * how many; without, returns the number of candidates.
   */
  #collect(f: TenderFacets, verify: boolean): number {
    if (this.#run === 0x7fffffff) {
      this.#seen.fill(0);
      this.#run = 0;
    }
    const run = ++this.#run;
    let k = 0;
    for (const w of f.nameIds) {
      const bucket = this.#byWord[w];
      if (bucket) k = this.#visit(bucket, f, run, verify, k);
    }
    // A subscription that names jenis cannot match a tender whose jenis is unknown: only "any jenis" then.
    const jenisBucket = f.jenis === undefined ? undefined : this.#byJenis.get(f.jenis);
    if (jenisBucket) k = this.#visit(jenisBucket, f, run, verify, k);
    return this.#visit(this.#anyJenis, f, run, verify, k);
  }

  /** One bucket of {@link #collect}: `k` hits (or candidates) so far in, the new count out. */
  #visit(bucket: Int32Array, f: TenderFacets, run: number, verify: boolean, k: number): number {
    const seen = this.#seen;
    const table = this.#table;
    const hits = this.#hits;
    for (let i = 0; i < bucket.length; i++) {
      const s = bucket[i]!;
      if (seen[s] === run) continue;
      seen[s] = run;
      if (!verify) k++;
      else if (table.matches(s, f)) hits[k++] = s;
    }
    return k;
  }
}
