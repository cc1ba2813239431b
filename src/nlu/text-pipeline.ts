/**
 * The one path from raw text to classifier features, shared by training, classification and evaluation so
 * they can never drift apart: clean → normalise → tokenise → stem → (typo repair) → feature ids.
 */
import { FeatureIndex } from './feature-index.js';
import type { FeatureOptions } from './features.js';
import { loadLexicon } from './lexicon.js';
import { Normaliser } from './normaliser.js';
import type { Speller } from './speller.js';
import { Stemmer } from './stemmer.js';

/** One message prepared for the classifiers. */
export interface PreparedText {
  /** Cleaned, case-preserving text (entity extractors that need case read this). */
  clean: string;
  /** Normalised text. */
  norm: string;
  /** Word tokens of the normalised text. */
  tokens: string[];
  /** Stems after typo repair. */
  stems: string[];
  /** Distinct ids of the message's known features. */
  ids: Int32Array;
}

/** Prepares text for the classifiers. Holds the caches, so create one per NLU. */
export class TextPipeline {
  readonly normaliser: Normaliser;
  readonly stemmer: Stemmer;
  /** The feature numbering both classifiers share (filled while training). */
  readonly index: FeatureIndex;
  private speller: Speller | undefined;
  private readonly known: ReadonlySet<string>;

  constructor(featureOptions: FeatureOptions = {}) {
    const lexicon = loadLexicon();
    this.index = new FeatureIndex(featureOptions.charNgrams ?? false);
    this.normaliser = new Normaliser(lexicon);
    this.stemmer = new Stemmer();
    this.known = lexicon.known;
  }

  /** Enables typo repair against the trained vocabulary (set after training). */
  useSpeller(speller: Speller): void {
    this.speller = speller;
  }

  /** Runs the whole pipeline on one message. */
  prepare(text: unknown): PreparedText {
    const clean = this.normaliser.clean(text);
    const norm = this.normaliser.normaliseCleaned(clean);
    const tokens = this.stemmer.tokens(norm);
    const stems = tokens.map((t) => this.repair(t, this.stemmer.stem(t)));
    return { clean, norm, tokens, stems, ids: this.index.encode(stems).slice() };
  }


  private repair(token: string, stem: string): string {
    const speller = this.speller;
    // Only words nobody would call correct Indonesian get repaired; a real but unseen word stays as it is.
    if (!speller || speller.has(stem) || this.known.has(token) || this.known.has(stem)) return stem;
    return speller.correct(stem) ?? stem;
  }
}
