/**
 * The word lists the normaliser uses, merged from `data/nlu`: Pintu's own slang list, the hand-made Javanese and
 * Madurese list, and the louisowen6 slang list (MIT) with the entries that would hurt Pintu filtered out.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NLU_DATA_DIR } from './data-paths.js';
import { indonesianRootWords, indonesianStemmer } from './natural-deps.js';

/** Words that carry the meaning of a question or a negation: no mapping may remove or change them. */
export const PRESERVED_WORDS: ReadonlySet<string> = new Set([
  'tidak', 'belum', 'bukan', 'jangan', 'kapan', 'apa', 'bagaimana', 'dimana', 'mana', 'berapa', 'siapa', 'kenapa',
  'mengapa', 'tanpa',
]);

/** Slang and regional words mapped to standard Indonesian. */
export interface Lexicon {
  /** One token → replacement (possibly several words). Keys may end in "." for abbreviations like "jl.". */
  words: ReadonlyMap<string, string>;
  /** Multi-token keys ("matur nuwun") → replacement, matched before single words. */
  phrases: ReadonlyMap<string, string>;
  /** Longest phrase length in tokens. */
  maxPhraseTokens: number;
  /** Words considered correctly spelt (used to undo elongation and number-letter mixes). */
  known: ReadonlySet<string>;
}

interface OwnSlangFile {
  entries: Record<string, string>;
  skipExternal: string[];
}

interface RegionalFile {
  phrases: Record<string, string>;
  javanese: Record<string, string>;
  madurese: Record<string, string>;
}

interface StemOverridesFile {
  protect: string[];
  map: Record<string, string>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(NLU_DATA_DIR, file), 'utf8')) as T;
}

/** True when every word of `value` is a plausible Indonesian word (rejects English expansions such as "on the way"). */
function isIndonesian(value: string, roots: ReadonlySet<string>, extra: ReadonlySet<string>): boolean {
  return value.split(/[\s-]+/).every((w) => {
    if (!/^[a-z]+$/.test(w)) return false;
    return roots.has(w) || extra.has(w) || roots.has(indonesianStemmer.stem(w));
  });
}

/**
 * Filters the external list: an entry is used only when its key is not a real Indonesian root word or a
 * domain word (so "aspal", "asap", "calo" keep their meaning), it does not touch a negation or question word,
 * its expansion is short Indonesian, and Pintu's own lists do not already say otherwise.
 */
function usableExternal(
  key: string,
  value: string,
  roots: ReadonlySet<string>,
  skip: ReadonlySet<string>,
  protectedTerms: ReadonlySet<string>,
  ownWords: ReadonlySet<string>,
): boolean {
  if (skip.has(key) || protectedTerms.has(key) || roots.has(key)) return false;
  if (PRESERVED_WORDS.has(key) && !value.split(' ').includes(key)) return false;
  for (const w of PRESERVED_WORDS) {
    // A mapping may produce a negation ("gpny" → "tidak punya") but never swallow one that was written.
    if (key.split(' ').includes(w)) return false;
  }
  if (value.split(' ').length > 3) return false;
  return isIndonesian(value, roots, ownWords);
}

let cached: Lexicon | undefined;

/** Loads and merges the lexicon files once per process. */
export function loadLexicon(): Lexicon {
  if (cached) return cached;
  const own = readJson<OwnSlangFile>('slang-id.json');
  const regional = readJson<RegionalFile>('jawa-madura.json');
  const external = readJson<Record<string, string>>('slang_louisowen6_MIT.json');
  const stems = readJson<StemOverridesFile>('stem-overrides.json');
  const roots = indonesianRootWords();

  const words = new Map<string, string>();
  const phrases = new Map<string, string>();
  const add = (key: string, value: string): void => {
    const k = key.trim().toLowerCase();
    const v = value.trim().toLowerCase();
    if (!k || k.startsWith('_')) return;
    const target = k.includes(' ') ? phrases : words;
    if (!target.has(k)) target.set(k, v);
  };

  // Order is priority: Pintu's own list, then the regional list, then the filtered external list.
  for (const [k, v] of Object.entries(own.entries)) add(k, v);
  for (const section of [regional.phrases, regional.javanese, regional.madurese]) {
    for (const [k, v] of Object.entries(section)) add(k, v);
  }

  const ownValues = new Set<string>();
  for (const v of [...words.values(), ...phrases.values()]) for (const w of v.split(/[\s-]+/)) ownValues.add(w);
  const skip = new Set(own.skipExternal.map((s) => s.toLowerCase()));
  const protectedTerms = new Set([...stems.protect, ...Object.keys(stems.map)]);
  for (const [k, v] of Object.entries(external)) {
    const key = k.toLowerCase();
    const value = v.toLowerCase();
    if (words.has(key) || phrases.has(key)) continue;
    if (usableExternal(key, value, roots, skip, protectedTerms, ownValues)) add(key, value);
  }

  const known = new Set<string>(roots);
  for (const [k, v] of [...words, ...phrases]) {
    for (const w of k.split(' ')) known.add(w);
    for (const w of v.split(/[\s-]+/)) known.add(w);
  }
  for (const w of stems.protect) known.add(w);
  for (const w of PRESERVED_WORDS) known.add(w);

  let maxPhraseTokens = 1;
  for (const k of phrases.keys()) maxPhraseTokens = Math.max(maxPhraseTokens, k.split(' ').length);
  cached = { words, phrases, maxPhraseTokens, known };
  return cached;
}
