/**
 * Tokenises normalised text with natural's Indonesian tokenizer and stems each token with natural's Sastrawi
 * stemmer, except for domain words whose stems would destroy their meaning (data/nlu/stem-overrides.json).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NLU_DATA_DIR } from './data-paths.js';
import { indonesianStemmer, indonesianTokenizer } from './natural-deps.js';

interface StemOverridesFile {
  protect: string[];
  map: Record<string, string>;
}

const STEM_CACHE_LIMIT = 100_000;

/** Stems Indonesian tokens with a cache and a list of protected domain words. */
export class Stemmer {
  private readonly fixed = new Map<string, string>();
  private readonly cache = new Map<string, string>();

  constructor() {
    const file = JSON.parse(readFileSync(path.join(NLU_DATA_DIR, 'stem-overrides.json'), 'utf8')) as StemOverridesFile;
    for (const w of file.protect) this.fixed.set(w, w);
    for (const [w, stem] of Object.entries(file.map)) this.fixed.set(w, stem);
  }

  /** The stem of one lower-case token. Numbers and very short tokens are returned unchanged. */
  stem(token: string): string {
    const fixed = this.fixed.get(token);
    if (fixed !== undefined) return fixed;
    const hit = this.cache.get(token);
    if (hit !== undefined) return hit;
    let stem = token;
    if (token.length > 3 && !/\d/.test(token)) {
      // Possessive/particle suffixes on a protected word ("pengaduannya", "puskesmasnya") keep the protected form.
      const bare = token.replace(/(?:nya|lah|kah|ku|mu)$/, '');
      stem = bare !== token && this.fixed.has(bare) ? this.fixed.get(bare)! : indonesianStemmer.stem(token);
      if (!stem) stem = token;
    }
    if (this.cache.size >= STEM_CACHE_LIMIT) this.cache.clear();
    this.cache.set(token, stem);
    return stem;
  }

  /** Tokens of normalised (lower-case) text, as natural's Indonesian tokenizer splits them. */
  tokens(normalised: string): string[] {
    return indonesianTokenizer.tokenize(normalised).filter((t) => t.length > 0 && t !== '-');
  }

  /** Tokenises and stems normalised text. */
  stems(normalised: string): string[] {
    return this.tokens(normalised).map((t) => this.stem(t));
  }
}
