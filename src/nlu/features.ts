/**
 * Classifier features from stemmed tokens: unigrams and bigrams (bigrams keep negation and word order:
 * "tidak jadi", "lampu mati"), and optionally character 4-grams of each stem (with word-boundary marks), which let the model
 * recognise words it has only seen in another form or spelling.
 */

/** Which feature families to produce. */
export interface FeatureOptions {
  /** Add character 4-grams of each stem (default false). */
  charNgrams?: boolean;
}

/** The features of a stem sequence. */
export function features(stems: readonly string[], options: FeatureOptions = {}): string[] {
  const out: string[] = [];
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i]!;
    out.push(`w:${s}`);
    if (i > 0) out.push(`b:${stems[i - 1]} ${s}`);
    if (options.charNgrams && s.length >= 3 && !/\d/.test(s)) {
      const padded = `<${s}>`;
      for (let j = 0; j + 4 <= padded.length; j++) out.push(`c:${padded.slice(j, j + 4)}`);
    }
  }
  return out;
}

/** Unigram feature name of one stem. */
export function unigram(stem: string): string {
  return `w:${stem}`;
}
