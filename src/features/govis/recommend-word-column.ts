/**
 * Words of many places stored as ids into one sorted word list, in typed arrays: with the list sorted, the words
 * equal to a query word or starting with it are one range of ids, so matching a place is a few integer
 * comparisons instead of string work.
 */

/** The words of every slot: those of slot i are `words[ids[j]]` for j in `start[i] .. start[i + 1]`. */
export interface WordColumn {
  /** Distinct words in code-unit order; a word's id is its position. */
  readonly words: readonly string[];
  readonly start: Uint32Array;
  readonly ids: Uint32Array;
}

/** A word column over `lists` (the words of slot 0, 1, …). */
export function buildWordColumn(lists: readonly (readonly string[])[]): WordColumn {
  // Without a comparator, sort orders strings by UTF-16 code units, as `<` compares them.
  const words = [...new Set(lists.flat())].sort();
  const idOf = new Map(words.map((w, i) => [w, i]));
  const start = new Uint32Array(lists.length + 1);
  const ids = new Uint32Array(lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  lists.forEach((list, slot) => {
    for (const w of list) ids[at++] = idOf.get(w)!;
    start[slot + 1] = at;
  });
  return { words, start, ids };
}

/** The first id whose word is not before `word` (the list's length when all are). */
function lowerBound(words: readonly string[], word: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The id of `word`, or undefined when no slot has it. */
export function wordId(column: WordColumn, word: string): number | undefined {
  const i = lowerBound(column.words, word);
  return column.words[i] === word ? i : undefined;
}

/**
 * The ids [lo, hi) of the words equal to `word` or, with `prefix`, starting with it (empty when none).
 */
export function wordRange(column: WordColumn, word: string, prefix: boolean): [number, number] {
  const lo = lowerBound(column.words, word);
  if (!prefix) return column.words[lo] === word ? [lo, lo + 1] : [lo, lo];
  // Every word starting with `word` sorts before `word` followed by the highest code unit.
  return [lo, lowerBound(column.words, `${word}\uffff`)];
}

/** Whether slot `slot` has a word with an id in [lo, hi). */
export function hasWordIn(column: WordColumn, slot: number, lo: number, hi: number): boolean {
  const { start, ids } = column;
  for (let j = start[slot]!, end = start[slot + 1]!; j < end; j++) {
    const id = ids[j]!;
    if (id >= lo && id < hi) return true;
  }
  return false;
}
