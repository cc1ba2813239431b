/**
 * "Is this an everyday Indonesian word?" for the extractors that must tell names (Mastrip, Jrebeng) from
 * ordinary words (rusak, berlubang) that follow "jalan" or "masjid".
 */
import { indonesianRootWords, indonesianStemmer } from '../natural-deps.js';

const cache = new Map<string, boolean>();

/** True when `word` (lower-case) or its stem is in the Indonesian root-word dictionary. */
export function isDictionaryWord(word: string): boolean {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const roots = indonesianRootWords();
  const result = roots.has(word) || roots.has(indonesianStemmer.stem(word));
  if (cache.size > 20_000) cache.clear();
  cache.set(word, result);
  return result;
}
