/**
 * How the recommender scores one place for one query: the relevance of a match, the distance decay, the tier
 * (requirements that could not be checked) and the order of the results.
 *
 * relevance = 1 (a match)
 *           + 1 × tag credit (mean over asked tags: 1 for a tag the place has, ½ for a related one)
 *           + 2 × text credit (mean over the query words: 1 for a word of the name or aliases, 0.6 for one of the
 *                 tags, subcategory or category)
 *           + ½ when open now and "buka sekarang" was asked; otherwise +¼ open now, −¼ closed now
 *           + ½ when cheapness was asked and the place is known to be cheap
 * score     = relevance / (1 + d / 1.5 km)   (relevance alone without a location)
 *
 * A category asked for is a filter; so are the tags (at least one, or a related one) and the text (at least one
 * word): see `recommend-match.ts`. "Buka sekarang" drops places known to be closed and "murah" those known to be
 * dear; places whose hours or price are unknown stay but come after the ones that are known to fit (a higher
 * tier). Around a point, places whose position is unknown come after every located one (they cannot be said to
 * be near).
 */
import type { IndexedPlace, Category } from './place-index.js';

/** Weights of the relevance terms (see the module comment). */
export const WEIGHTS = {
  match: 1,
  tags: 1,
  text: 2,
  /** Credit of a query word found only among tags, subcategory or category (a name word counts 1). */
  textFacet: 0.6,
  openAsked: 0.5,
  open: 0.25,
  closed: -0.25,
  cheap: 0.5,
} as const;

/** Distance at which the distance decay halves a score. */
export const DISTANCE_SCALE_KM = 1.5;

/** A query after normalisation: what the scoring reads. */
export interface PreparedQuery {
  category?: Category;
  /** Normalised asked tags, cheap tags removed. */
  tags: readonly string[];
  /** Query words (see `queryWords`); empty when no text was given or it was all filler. */
  words: readonly string[];
  openNow: boolean;
  cheap: boolean;
}

/** Where a place stands relative to the query point: located with a distance, of unknown position, or no point. */
export type Placement = { distanceM: number } | 'unlocated' | 'no-point';

/** The order key of a result: group, then tier (both lower first), then score (higher first). */
export interface RankKey {
  /** 1 for a place of unknown position in a search around a point (listed after the located ones), else 0. */
  group: number;
  /** How many asked requirements (open now, cheap) are unknown for this place: 0 first, then 1, then 2. */
  tier: number;
  score: number;
}

/**
 * A matching place scored in everything but "open now", which costs most to find out and is asked only when it
 * can change the page. `group`, `tier` and `score` are the best the place can reach (open now, if it matters).
 */
export interface Pending extends RankKey {
  entry: IndexedPlace;
  /** Metres from the query point (for located places around a point). */
  distanceM?: number;
  /** Relevance without the open-now term. */
  relevance: number;
  /** The distance decay (1 without a point or position). */
  factor: number;
  /** Tier from cheapness alone. */
  cheapTier: number;
}

/** A place that matched, fully scored. */
export interface Candidate extends RankKey {
  entry: IndexedPlace;
  distanceM?: number;
  openNow: boolean | 'unknown';
}

/** The open-now term at its best: +½ when "buka sekarang" was asked, else +¼. */
function bestOpenTerm(q: PreparedQuery): number {
  return q.openNow ? WEIGHTS.openAsked : WEIGHTS.open;
}

/** The highest relevance any place can reach for this query: bounds the scores of places not yet looked at. */
export function maxRelevance(q: PreparedQuery): number {
  return (
    WEIGHTS.match +
    (q.tags.length > 0 ? WEIGHTS.tags : 0) +
    (q.words.length > 0 ? WEIGHTS.text : 0) +
    bestOpenTerm(q) +
    (q.cheap ? WEIGHTS.cheap : 0)
  );
}

/** The distance decay factor for a distance in kilometres. */
export function decay(distanceKm: number): number {
  return 1 / (1 + distanceKm / DISTANCE_SCALE_KM);
}

/** A place's credits for the asked tags and words (0..1 each; see `Matcher.tagCredit`, `Matcher.textCredit`). */
export interface Credits {
  tags: number;
  text: number;
}

/** Scores a matching place in everything but "open now". */
export function scorePending(q: PreparedQuery, entry: IndexedPlace, credits: Credits, placement: Placement): Pending {
  let relevance = WEIGHTS.match + WEIGHTS.tags * credits.tags + WEIGHTS.text * credits.text;
  if (q.cheap && entry.cheap === true) relevance += WEIGHTS.cheap;
  const cheapTier = q.cheap && entry.cheap === 'unknown' ? 1 : 0;
  const located = typeof placement === 'object';
  const factor = located ? decay(placement.distanceM / 1000) : 1;
  return {
    entry,
    ...(located ? { distanceM: placement.distanceM } : {}),
    relevance,
    factor,
    cheapTier,
    group: placement === 'unlocated' ? 1 : 0,
    tier: cheapTier,
    score: (relevance + bestOpenTerm(q)) * factor,
  };
}

/**
 * Completes a pending place with whether it is open now; undefined when "buka sekarang" was asked and it is
 * known to be closed.
 */
export function completeCandidate(q: PreparedQuery, p: Pending, openNow: boolean | 'unknown'): Candidate | undefined {
  if (q.openNow && openNow === false) return undefined;
  const openTerm = openNow === true ? bestOpenTerm(q) : openNow === false ? WEIGHTS.closed : 0;
  const tier = p.cheapTier + (q.openNow && openNow === 'unknown' ? 1 : 0);
  return {
    entry: p.entry,
    ...(p.distanceM !== undefined ? { distanceM: p.distanceM } : {}),
    openNow,
    group: p.group,
    tier,
    score: (p.relevance + openTerm) * p.factor,
  };
}

/** Whether `a` ranks strictly before every place whose key is at best `b` (equal keys do not: names decide). */
export function ranksBefore(a: RankKey, b: RankKey): boolean {
  return a.group !== b.group ? a.group < b.group : a.tier !== b.tier ? a.tier < b.tier : a.score > b.score;
}

/** Order of keys: group, then tier (lower first), then score (higher first). */
export function compareKeys(a: RankKey, b: RankKey): number {
  return a.group - b.group || a.tier - b.tier || b.score - a.score;
}

/**
 * Result order: located before unknown position (around a point), lower tier first, then higher score, then
 * name (folded, then as written), then id.
 */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    compareKeys(a, b) ||
    compareStrings(a.entry.sortKey, b.entry.sortKey) ||
    compareStrings(a.entry.place.name, b.entry.place.name) ||
    compareStrings(a.entry.place.id, b.entry.place.id)
  );
}

/** Code-unit order: the same on every machine and locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
