/**
 * GOVIS recommendations: places in Kota Probolinggo for a category, tags, free words, "buka sekarang", "murah"
 * and a location, ranked by relevance decayed by distance (see `recommend-score.ts`), a page at a time.
 * Pure and in-memory: the places come from a `PlaceIndex`, the clock and the opening hours from the caller.
 */
import type { Locate } from '../../geo/city-map.js';
import type { Place } from './place.js';
import type { Category, IndexedPlace, PlaceIndex } from './place-index.js';
import { PageRanker } from './recommend-rank.js';
import { DISTANCE_SCALE_KM, canMatch, decay, maxRelevance, scorePending, type Candidate, type Pending, type PreparedQuery } from './recommend-score.js';
import { openNowByHours, type OpenNowFn } from './recommend-open-now.js';
export { openNowByHours, type OpenNowFn } from './recommend-open-now.js';
import { CHEAP_TAGS, normalizeTag, tagsAnswering } from './recommend-tags.js';
import { queryWords } from './recommend-text.js';

/** Where the resident is, or the landmark or kelurahan they named. */
export interface NearPoint {
  lat: number;
  lon: number;
  /** How to name the point in a reply ("lokasi Anda", "Alun-alun", "Kel. Jati"). */
  label: string;
  /** True for a shared location; false for a named landmark or kelurahan (its label point). */
  precise: boolean;
}

/** What the resident asked for. Every field is optional; an empty query lists every place. */
export interface RecommendQuery {
  category?: Category;
  /** Tags such as keluarga, sejarah, religi, alam, halal; "murah"/"gratis" here mean `cheap`. */
  tags?: readonly string[];
  /** "Buka sekarang": drop places known to be closed; those with unknown hours come after the open ones. */
  openNow?: boolean;
  near?: NearPoint;
  /** Free words matched against name, aliases, subcategory and tags, ignoring case and accents. */
  text?: string;
  /** "Murah": price level 0–1 (or a murah/gratis tag) first, unknown prices after, dearer places dropped. */
  cheap?: boolean;
  /** Items to skip ("lagi": the previous result's `nextOffset`). Default 0. */
  offset?: number;
  /** Items per page, 1 to {@link MAX_LIMIT}. Default {@link DEFAULT_LIMIT}. */
  limit?: number;
  /** With `near`: only places within this many kilometres. */
  maxDistanceKm?: number;
}

/** What the recommender needs from outside. */
export interface RecommendOptions {
  /** The moment "buka sekarang" is about. Default: the current time. */
  now?: Date;
  /** Opening-hours check. Default: the place's `openingHours` (`openNowByHours`). */
  isOpen?: OpenNowFn;
  /** To tell whether `near` is inside the city (`outsideCity`); without it the flag is left out. */
  cityMap?: { locate(lat: number, lon: number): Locate };
  /**
   * With `near`: look at every match, so that `total` is exact ("ada 214 tempat"), instead of stopping once the
   * page is settled. Costs a full scan of the matches on a large list.
   */
  exactTotal?: boolean;
}

/** One recommended place. */
export interface ScoredPlace {
  place: Place;
  /**
   * Great-circle metres from `near`, for places with published or kelurahan-level coordinates; absent without
   * `near` and for places known only to their kecamatan or not at all (a distance would mislead).
   */
  distanceM?: number;
  /** The coordinates are not the place's own (a kelurahan's label point or coarser): "lokasi perkiraan". */
  approximate: boolean;
  /** Open at `now`, closed, or unknown hours (with "buka sekarang" asked: listed after the open ones). */
  openNow: boolean | 'unknown';
  /** Relevance decayed by distance; higher is better. Comparable only within one result. */
  score: number;
}

/** One page of recommendations. */
export interface Recommendation {
  items: ScoredPlace[];
  /** Places matching the query: exact when `totalExact`, otherwise a lower bound. */
  total: number;
  /**
   * False when a search around `near` stopped as soon as the page was settled, without counting the farther
   * matches; `nextOffset` is exact either way.
   */
  totalExact: boolean;
  /** The `offset` of the next page, when there are more matches. */
  nextOffset?: number;
  /** With `near` and a city map: whether the point is outside Kota Probolinggo (distances are then long). */
  outsideCity?: boolean;
}

/** Items per page by default: three cards fit one chat reply. */
export const DEFAULT_LIMIT = 3;
/** The largest page. */
export const MAX_LIMIT = 50;
/** The first number of nearest places a search around a point asks the index for; it grows fourfold. */
const FIRST_K = 16;
const K_GROWTH = 4;
/**
 * From this many nearest places on, a search that is still not settled switches to one box search out to the
 * distance that settles it. Earlier the page's last score is usually still low (few places seen), which would
 * make that distance, and the box, needlessly large.
 */
const BOX_SEARCH_FROM_K = 256;

/**
 * Pending matches left after the page is settled that are still checked for "buka sekarang" so that `total` is
 * exact (a few hundred opening-hours checks take a few milliseconds).
 */
const EXACT_TOTAL_BUDGET = 256;

/**
 * A page of places for `query`, best first (ties by name, then id). With `near`, candidates come from the
 * index nearest-first, in growing batches, until the page can no longer change (or the index is exhausted);
 * opening hours are checked only for places that could still enter the page. Throws a RangeError for an
 * invalid page, distance or point.
 */
export function recommend(query: RecommendQuery, index: PlaceIndex, opts: RecommendOptions = {}): Recommendation {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_LIMIT;
  checkPage(offset, limit, query.maxDistanceKm);
  const q = prepare(query);
  const now = opts.now ?? new Date();
  const openNow = opts.isOpen ?? openNowByHours;
  const end = offset + limit;
  const ranker = new PageRanker(q, (entry) => openNow(entry.place, now), end);

  const { near } = query;
  const exhausted = near
    ? gatherAround(q, index, near, { maxDistanceKm: query.maxDistanceKm, exact: opts.exactTotal === true }, ranker)
    : gatherAll(q, index, ranker);
  if (exhausted && q.openNow && !ranker.allComplete() && (opts.exactTotal || ranker.pendingCount() <= EXACT_TOTAL_BUDGET)) {
    ranker.completeAll();
  }
  const total = ranker.knownMatches();
  return {
    items: ranker.results().slice(offset, end).map(toScoredPlace),
    total,
    totalExact: exhausted && (!q.openNow || ranker.allComplete()),
    ...(total > end ? { nextOffset: end } : {}),
    ...(near && opts.cityMap ? { outsideCity: opts.cityMap.locate(near.lat, near.lon).status === 'outside' } : {}),
  };
}

/** Without a location: every matching place of the category (or of all). Returns true: every match was added. */
function gatherAll(q: PreparedQuery, index: PlaceIndex, ranker: PageRanker): boolean {
  const pool = q.category !== undefined ? index.inCategory(q.category) : index.all();
  ranker.add(pool.filter((entry) => canMatch(q, entry)).map((entry) => scorePending(q, entry, 'no-point')));
  ranker.settle();
  return true;
}

/** How far a search around a point goes. */
interface AroundLimits {
  maxDistanceKm: number | undefined;
  /** Add every match instead of stopping once the page is settled. */
  exact: boolean;
}

/**
 * Around a point. First the k nearest matching places (k growing while the page cannot be settled from them);
 * once the page's last result has a score S, every place that could still beat it lies within the distance at
 * which the best possible relevance decays to S, and one box search of the tree adds them all. When every located
 * match has been added, the matches of unknown position follow (not within `maxDistanceKm`, which they cannot be
 * said to be). Returns whether every match was added.
 */
function gatherAround(q: PreparedQuery, index: PlaceIndex, near: NearPoint, limits: AroundLimits, ranker: PageRanker): boolean {
  const options = {
    ...(q.category !== undefined ? { category: q.category } : {}),
    ...(limits.maxDistanceKm !== undefined ? { maxDistanceKm: limits.maxDistanceKm } : {}),
    accept: (entry: IndexedPlace) => canMatch(q, entry),
  };
  const bestPossible = maxRelevance(q);
  const unseenBeyond = (km: number) => ({ group: 0, tier: 0, score: bestPossible * decay(km) });
  const seen = new Set<number>();
  const add = (entries: readonly IndexedPlace[]): number => {
    let farthestM = 0;
    const added: Pending[] = [];
    for (const entry of entries) {
      const distanceM = index.distanceM(near.lat, near.lon, entry);
      farthestM = Math.max(farthestM, distanceM);
      if (seen.has(entry.slot)) continue;
      seen.add(entry.slot);
      added.push(scorePending(q, entry, { distanceM }));
    }
    ranker.add(added);
    return farthestM;
  };
  // An exact search asks for more places than there are: the first answer holds every located match.
  for (let k = limits.exact ? index.size + 1 : FIRST_K; ; k *= K_GROWTH) {
    const nearest = index.nearest(near.lat, near.lon, k, options);
    const farthestM = add(nearest);
    if (nearest.length < k) break;
    if (ranker.settle(unseenBeyond(farthestM / 1000))) return false;
    const last = ranker.pageLast();
    if (k < BOX_SEARCH_FROM_K || last?.tier !== 0) continue;
    // No place farther than this can reach the page's last score (a hair wider for rounding).
    const radiusKm = DISTANCE_SCALE_KM * (bestPossible / last.score - 1) * (1 + 1e-9) + 1e-9;
    if (limits.maxDistanceKm !== undefined && radiusKm >= limits.maxDistanceKm) {
      add(index.within(near.lat, near.lon, limits.maxDistanceKm, options));
      break;
    }
    add(index.within(near.lat, near.lon, radiusKm, options));
    if (ranker.settle(unseenBeyond(radiusKm))) return false;
  }
  if (limits.maxDistanceKm === undefined) {
    const unlocated = index.unlocated(q.category).filter((entry) => canMatch(q, entry));
    ranker.add(unlocated.map((entry) => scorePending(q, entry, 'unlocated')));
  }
  ranker.settle();
  return true;
}

/** The query as the scoring reads it: tags normalised with cheap tags turned into `cheap`, text into words. */
function prepare(query: RecommendQuery): PreparedQuery {
  const asked = [...new Set((query.tags ?? []).map(normalizeTag).filter((t) => t.length > 0))];
  const tags = asked.filter((t) => !CHEAP_TAGS.has(t));
  return {
    ...(query.category !== undefined ? { category: query.category } : {}),
    tags,
    tagsAnswering: tagsAnswering(tags),
    words: queryWords(query.text ?? ''),
    openNow: query.openNow === true,
    cheap: query.cheap === true || asked.some((t) => CHEAP_TAGS.has(t)),
  };
}

/** Throws a RangeError unless offset ≥ 0 and 1 ≤ limit ≤ MAX_LIMIT are integers and maxDistanceKm is positive. */
function checkPage(offset: number, limit: number, maxDistanceKm: number | undefined): void {
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be an integer >= 0, got ${String(offset)}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_LIMIT}, got ${String(limit)}`);
  }
  if (maxDistanceKm !== undefined && !(Number.isFinite(maxDistanceKm) && maxDistanceKm > 0)) {
    throw new RangeError(`maxDistanceKm must be a positive number of kilometres, got ${String(maxDistanceKm)}`);
  }
}

/** The public shape of a scored candidate. */
function toScoredPlace(c: Candidate): ScoredPlace {
  return {
    place: c.entry.place,
    ...(c.distanceM !== undefined && c.entry.distanceShown ? { distanceM: c.distanceM } : {}),
    approximate: c.entry.approximate,
    openNow: c.openNow,
    score: c.score,
  };
}
