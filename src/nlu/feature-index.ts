/**
 * One numbering of classifier features shared by both classifiers. Messages are encoded once into feature ids
 * (the per-stem part cached), so classifying a message costs no string hashing beyond its bigrams.
 */
import { features, stemFeatures } from './features.js';

const STEM_CACHE_LIMIT = 50_000;

interface StemEntry {
  stem: string;
  /** Bigram ids keyed by the following stem, so encoding builds no "b:x y" strings. */
  next: ReadonlyMap<string, number> | undefined;
  /** Ids of the stem's unigram and character n-grams. */
  all: Int32Array;
  /** Id of the unigram alone, -1 if unknown. */
  unigram: number;
}

/** Feature string ↔ id, plus the per-stem id cache used at classification time. */
export class FeatureIndex {
  private readonly ids = new Map<string, number>();
  private readonly stemIds = new Map<string, StemEntry>();
  private readonly bigramsFrom = new Map<string, Map<string, number>>();
  private seen = new Uint32Array(0);
  private stamp = 0;
  private buffer: Int32Array = new Int32Array(256);

  constructor(private readonly charNgrams: boolean) {}

  /** Number of features known. */
  get size(): number {
    return this.ids.size;
  }

  /** The id of `feature`, adding it when new. */
  add(feature: string): number {
    let id = this.ids.get(feature);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(feature, id);
      this.stemIds.clear();
      if (feature.startsWith('b:')) {
        const [first = '', second = ''] = feature.slice(2).split(' ');
        const next = this.bigramsFrom.get(first) ?? new Map<string, number>();
        next.set(second, id);
        this.bigramsFrom.set(first, next);
      }
    }
    return id;
  }

  /** The id of `feature`, or undefined when no training line had it. */
  id(feature: string): number | undefined {
    return this.ids.get(feature);
  }

  /** The string features of a stem sequence (what training reads). */
  features(stems: readonly string[]): string[] {
    return features(stems, { charNgrams: this.charNgrams });
  }

  /** Distinct known feature ids of a stem sequence. The returned array is reused by the next call: copy to keep. */
  encode(stems: readonly string[]): Int32Array {
    if (this.seen.length < this.ids.size) this.seen = new Uint32Array(this.ids.size);
    const stamp = ++this.stamp;
    const seen = this.seen;
    let n = 0;
    let previous: StemEntry | undefined;
    for (let i = 0; i < stems.length; i++) {
      const entry = this.stemEntry(stems[i]!);
      const bigram = previous?.next?.get(entry.stem);
      const all = entry.all;
      if (n + all.length + 1 > this.buffer.length) this.grow(n + all.length + 1);
      const buffer = this.buffer;
      for (let j = 0; j < all.length; j++) {
        const id = all[j]!;
        if (seen[id] !== stamp) {
          seen[id] = stamp;
          buffer[n++] = id;
        }
      }
      if (bigram !== undefined && seen[bigram] !== stamp) {
        seen[bigram] = stamp;
        buffer[n++] = bigram;
      }
      previous = entry;
    }
    return this.buffer.subarray(0, n);
  }

  private grow(min: number): void {
    const bigger = new Int32Array(Math.max(min, this.buffer.length * 2));
    bigger.set(this.buffer);
    this.buffer = bigger;
  }

  /** The id of a stem's unigram feature, or -1 when no training line had the word. */
  unigramId(stem: string): number {
    return this.stemEntry(stem).unigram;
  }

  private stemEntry(stem: string): StemEntry {
    let cached = this.stemIds.get(stem);
    if (!cached) {
      const ids: number[] = [];
      for (const f of stemFeatures(stem, this.charNgrams)) {
        const id = this.ids.get(f);
        if (id !== undefined) ids.push(id);
      }
      cached = { stem, all: Int32Array.from(ids), unigram: this.ids.get(`w:${stem}`) ?? -1, next: this.bigramsFrom.get(stem) };
      if (this.stemIds.size >= STEM_CACHE_LIMIT) this.stemIds.clear();
      this.stemIds.set(stem, cached);
    }
    return cached;
  }
}
