/**
 * Word handling shared by the recommender and the outside-city lookup: case- and accent-folding, splitting into
 * words, the words of a query worth matching, and finding a phrase among words.
 */

/** A character outside ASCII: only such text needs Unicode decomposition. */
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case without accents or combining marks ("Café Kératon" → "cafe keraton"). */
export function foldText(text: string): string {
  // Plain ASCII (most names and tags) has nothing to decompose.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The folded words of a text: letters and digits only, in order ("Alun-alun Kota" → ["alun", "alun", "kota"]). */
export function wordsOf(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Words that say nothing about which place is meant ("tempat yang enak di kota probolinggo"): the city's own
 * name matches nearly every place, the rest are function words of a request or are handled by other query
 * fields ("buka sekarang", "terdekat").
 */
const FILLER_WORDS: ReadonlySet<string> = new Set([
  'ada', 'aja', 'apa', 'atau', 'cari', 'carikan', 'dan', 'deh', 'di', 'dong', 'dekat', 'dekatku', 'dari', 'gak', 'ga',
  'ini', 'itu', 'kak', 'ke', 'kota', 'mana', 'mau', 'mohon', 'nya', 'pak', 'bu', 'probolinggo', 'rekomendasi',
  'sekitar', 'saja', 'saya', 'sih', 'tempat', 'tolong', 'untuk', 'yang', 'yg', 'aku', 'kami', 'buat', 'sini',
  'buka', 'sekarang', 'skrg', 'enak', 'bagus', 'terdekat', 'paling', 'lagi',
]);

/**
 * The words of a free-text query worth matching: folded, without filler words and repeats, in order. Empty when
 * the text holds nothing but filler.
 */
export function queryWords(text: string): string[] {
  return [...new Set(wordsOf(text).filter((w) => !FILLER_WORDS.has(w)))];
}

/** Shortest query word that may match the start of a longer place word ("mus" does not, "muse" → "museum" does). */
export const MIN_PREFIX = 4;

/**
 * Whether the folded `phrase` words occur as consecutive words of `words` (both from {@link wordsOf}).
 * Returns the position of the first occurrence, or -1.
 */
export function indexOfPhrase(words: readonly string[], phrase: readonly string[]): number {
  if (phrase.length === 0) return -1;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}
