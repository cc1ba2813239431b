/**
 * The filters of one query compiled against an index's typed-array columns, so that the many places a search
 * around a point looks at are judged without touching their objects or comparing strings: category code,
 * cheapness code, the asked tags as bits over facet ids, and each query word as ranges of name and facet ids.
 */
import { CHEAP_CODE, type PlaceIndex } from './place-index.js';
import { WEIGHTS, type PreparedQuery } from './recommend-score.js';
import { TAG_CREDIT, relatedTags } from './recommend-tags.js';
import { MIN_PREFIX } from './recommend-text.js';
import { hasWordIn, wordId, wordRange } from './recommend-word-column.js';

/** At most this many asked tags are considered (one bit each). */
export const MAX_TAGS = 30;

/** The compiled filters of one query. Slots are those of the index it was compiled for. */
export interface Matcher {
  /** Whether the place can match at all: category, not known to be dear when "murah", a tag, a word. */
  matches(slot: number): boolean;
  /** Mean over the asked tags of 1 for a tag the place has, ½ for only a related one, else 0 (0 without tags). */
  tagCredit(slot: number): number;
  /**
   * Mean over the query words of 1 for a word of the name or aliases, 0.6 for one of the tags, subcategory or
   * category, else 0 (0 without words). A word matches a place word equal to it or, from four letters on, one
   * starting with it ("muse" → "museum").
   */
  textCredit(slot: number): number;
}

/** Number of set bits of a 32-bit integer. */
function bitCount(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Compiles the filters of `q` (tags beyond {@link MAX_TAGS} ignored) for `index`. */
export function compileMatcher(q: PreparedQuery, index: PlaceIndex): Matcher {
  const { category, cheap, facets, names } = index.columns;
  // -1: any category; -2: a category no place has.
  const categoryCode = q.category === undefined ? -1 : (index.categoryCode(q.category) ?? -2);

  const tags = q.tags.slice(0, MAX_TAGS);
  const exactBits = new Uint32Array(tags.length > 0 ? facets.words.length : 0);
  const relatedBits = new Uint32Array(exactBits.length);
  tags.forEach((tag, i) => {
    const id = wordId(facets, tag);
    if (id !== undefined) exactBits[id]! |= 1 << i;
    for (const related of relatedTags(tag)) {
      const rid = wordId(facets, related);
      if (rid !== undefined) relatedBits[rid]! |= 1 << i;
    }
  });
  // The tag bits of the last slot scanned (one scan serves the calls about one place).
  let scanned = -1;
  let exact = 0;
  let relatedOnly = 0;
  const scanTags = (slot: number): void => {
    if (slot === scanned) return;
    let e = 0;
    let r = 0;
    for (let j = facets.start[slot]!, end = facets.start[slot + 1]!; j < end; j++) {
      const f = facets.ids[j]!;
      e |= exactBits[f]!;
      r |= relatedBits[f]!;
    }
    scanned = slot;
    exact = e >>> 0;
    relatedOnly = (r & ~e) >>> 0;
  };

  const words = q.words.map((w) => ({ name: wordRange(names, w, w.length >= MIN_PREFIX), facet: wordRange(facets, w, w.length >= MIN_PREFIX) }));
  const textCredit = (slot: number): number => {
    if (words.length === 0) return 0;
    let sum = 0;
    for (const { name, facet } of words) {
      if (hasWordIn(names, slot, name[0], name[1])) sum += 1;
      else if (hasWordIn(facets, slot, facet[0], facet[1])) sum += WEIGHTS.textFacet;
    }
    return sum / words.length;
  };

  return {
    matches(slot) {
      if (categoryCode !== -1 && category[slot] !== categoryCode) return false;
      if (q.cheap && cheap[slot] === CHEAP_CODE.no) return false;
      if (tags.length > 0) {
        scanTags(slot);
        if (exact === 0 && relatedOnly === 0) return false;
      }
      return words.length === 0 || textCredit(slot) > 0;
    },
    tagCredit(slot) {
      if (tags.length === 0) return 0;
      scanTags(slot);
      return (TAG_CREDIT.exact * bitCount(exact) + TAG_CREDIT.related * bitCount(relatedOnly)) / tags.length;
    },
    textCredit,
  };
}
