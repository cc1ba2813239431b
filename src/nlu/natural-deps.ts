/**
 * The only door to `natural`. Deep imports on purpose: `import 'natural'` loads every module, reads `./.env`
 * into `process.env` and prints to stdout, which would corrupt `pintu nlu`'s JSON output.
 */
import { createRequire } from 'node:module';
import stemmers from 'natural/lib/natural/stemmers/index.js';
import tokenizers from 'natural/lib/natural/tokenizers/index.js';

const require = createRequire(import.meta.url);

/** Sastrawi's Indonesian stemmer as shipped by natural. */
export const indonesianStemmer: { stem(word: string): string } = stemmers.StemmerId;

/** natural's Indonesian tokenizer: keeps `[a-z0-9-]`, so feed it lower-cased text. */
export const indonesianTokenizer: { tokenize(text: string): string[] } = new tokenizers.AggressiveTokenizerId();

let rootWords: ReadonlySet<string> | undefined;

/** The stemmer's dictionary of Indonesian root words (kata dasar), loaded once; the stemmer already holds it. */
export function indonesianRootWords(): ReadonlySet<string> {
  rootWords ??= new Set(
    (require('natural/lib/natural/stemmers/indonesian/data/kata-dasar.json') as string[]).filter(Boolean),
  );
  return rootWords;
}
