/**
 * Classifier features from stemmed tokens: unigrams and bigrams (bigrams keep negation and word order:
 * "tidak jadi", "lampu mati"), and optionally character 4-grams of each stem (with word-boundary marks), which
 * let the model recognise words it has only seen in another form or spelling.
 */

/** Which feature families to produce. */
export interface FeatureOptions {
  /** Add character 4-grams of each stem (default false). */
  charNgrams?: boolean;
}

const stemFeatureCache = new Map<string, readonly string[]>();
const STEM_CACHE_LIMIT = 50_000;

/** The features of one stem alone (its unigram and character 4-grams), cached: every message repeats stems. */
export function stemFeatures(s: string, charNgrams: boolean): readonly string[] {
  const key = charNgrams ? s : `\u0000${s}`;
  const hit = stemFeatureCache.get(key);
  if (hit) return hit;
  const out = [`w:${s}`];
  if (charNgrams && s.length >= 3 && !/\d/.test(s)) {
    const padded = `<${s}>`;
    for (let j = 0; j + 4 <= padded.length; j++) out.push(`c:${padded.slice(j, j + 4)}`);
  }
  if (stemFeatureCache.size >= STEM_CACHE_LIMIT) stemFeatureCache.clear();
  stemFeatureCache.set(key, out);
  return out;
}

/** The features of a stem sequence. */
export function features(stems: readonly string[], options: FeatureOptions = {}): string[] {
  const out: string[] = [];
  const charNgrams = options.charNgrams ?? false;
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i]!;
    for (const f of stemFeatures(s, charNgrams)) out.push(f);
    if (i > 0) out.push(`b:${stems[i - 1]} ${s}`);
  }
  return out;
}
