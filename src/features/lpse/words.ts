/**
 * Words for keyword matching: lower case, accents removed ("Café" = "cafe"), split on anything that is not a letter
 * or a digit. Tender names and subscription keywords both go through here, so "Rehabilitasi Jalan (Tahap II)" and
 * "jalan" meet on the same word.
 */

/** `text` in lower case without accents, with every run of non-letters/digits turned into one space. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The folded words of `text`, in order (duplicates kept). */
export function wordsOf(text: string): string[] {
  const folded = foldText(text);
  return folded ? folded.split(' ') : [];
}
