/**
 * Corrects typos against the classifier's own vocabulary ("lmpu" → "lampu", "rusk" → "rusak") with a
 * deletion index (SymSpell-style): a word and a vocabulary entry match when one deletion from each makes
 * them equal, which covers one insertion, deletion, substitution or adjacent swap.
 */

const MIN_LENGTH = 4;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** A typo corrector over a fixed vocabulary with word counts. */
export class Speller {
  private readonly counts = new Map<string, number>();
  private readonly index = new Map<string, string[]>();

  /** Builds the index from `counts` (word → how often it was seen); words shorter than 4 letters are left out. */
  constructor(counts: ReadonlyMap<string, number>) {
    for (const [word, count] of counts) {
      if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) continue;
      this.counts.set(word, count);
      for (const key of [word, ...deletions(word)]) {
        const list = this.index.get(key);
        if (list) list.push(word);
        else this.index.set(key, [word]);
      }
    }
  }

  /** True when `word` is in the vocabulary. */
  has(word: string): boolean {
    return this.counts.has(word);
  }

  /** The most frequent vocabulary word within one edit of `word`, or undefined. */
  correct(word: string): string | undefined {
    if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word) || this.counts.has(word)) return undefined;
    let best: string | undefined;
    let bestCount = 0;
    for (const key of [word, ...deletions(word)]) {
      for (const candidate of this.index.get(key) ?? []) {
        if (Math.abs(candidate.length - word.length) > 1) continue;
        const c = this.counts.get(candidate)!;
        if (c > bestCount || (c === bestCount && best !== undefined && candidate < best)) {
          best = candidate;
          bestCount = c;
        }
      }
    }
    return best;
  }
}
