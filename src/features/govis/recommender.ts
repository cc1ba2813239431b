/**
 * GOVIS recommendations: places in Kota Probolinggo for a category, tags, free words, "buka sekarang", "murah"
 * and a location, ranked by relevance decayed by distance (see `recommend-score.ts`), a page at a time.
 * Pure and in-memory: the places come from a `PlaceIndex`, the clock and the opening hours from the caller.
 */
import type { Locate } from '../../geo/city-map.js';
import type { Place } from './place.js';
import type { Category, NearOptions, PlaceIndex } from './place-index.js';
import { PageRanker, type OpenCheck } from './recommend-rank.js';
import { compileMatcher, MAX_TAGS, type Matcher } from './recommend-match.js';
import {
  DISTANCE_SCALE_KM,
  decay,
  maxRelevance,
  scorePending,
  type Candidate,
  type Credits,
  type Pending,
  type PreparedQuery,
} from './recommend-score.js';
import { openNowByHours, type OpenNowFn } from './recommend-open-now.js';
import { CHEAP_TAGS, normalizeTag } from './recommend-tags.js';
import { queryWords } from './recommend-text.js';

export { openNowByHours, type OpenNowFn } from './recommend-open-now.js';

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
  /** Tags such as keluarga, sejarah, religi, alam, halal (at most 30); "murah"/"gratis" here mean `cheap`. */
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
  /**
   * Opening-hours check. Default: the place's `openingHours` (`openNowByHours`). Within one query it is asked
   * once per distinct `openingHours` text (the answer must follow from the hours and `now`), and once for each
   * place without hours text that could enter the page.
   */
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
 * A search still not settled after this many nearest places switches to one box search out to the distance
 * that settles it, if that box should hold at most {@link BOX_SEARCH_BUDGET} matches (estimated from the
 * distance of the k-th nearest). Earlier, the page's last score is often low only because few places were seen
 * (the k-nearest rounds settle most searches anyway), and the local density is poorly known.
 */
const BOX_SEARCH_FROM_K = 256;
const BOX_SEARCH_BUDGET = 4096;

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
  const end = offset + limit;
  const ranker = new PageRanker(q, openCheck(opts.isOpen ?? openNowByHours, now), end);

  const { near } = query;
  const matcher = compileMatcher(q, index);
  const exhausted = near
    ? gatherAround(q, index, matcher, near, { maxDistanceKm: query.maxDistanceKm, exact: opts.exactTotal === true }, ranker)
    : gatherAll(q, index, matcher, ranker);
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

/**
 * The open-now check of one query: asks `isOpen` once per distinct `openingHours` text (places with the same
 * hours share the answer), and for each place without hours text.
 */
function openCheck(isOpen: OpenNowFn, now: Date): OpenCheck {
  const byHours = new Map<string, boolean | 'unknown'>();
  return ({ place }) => {
    if (!place.openingHours) return isOpen(place, now);
    let open = byHours.get(place.openingHours);
    if (open === undefined) byHours.set(place.openingHours, (open = isOpen(place, now)));
    return open;
  };
}

/** Without a location: every matching place of the category (or of all). Returns true: every match was added. */
function gatherAll(q: PreparedQuery, index: PlaceIndex, matcher: Matcher, ranker: PageRanker): boolean {
  const pool = q.category !== undefined ? index.inCategory(q.category) : index.all();
  ranker.add(pool.filter((e) => matcher.matches(e.slot)).map((e) => scorePending(q, e, creditsOf(matcher, e.slot), 'no-point')));
  ranker.settle();
  return true;
}

/** The tag and text credits of the place in `slot`. */
function creditsOf(matcher: Matcher, slot: number): Credits {
  return { tags: matcher.tagCredit(slot), text: matcher.textCredit(slot) };
}

/** How far a search around a point goes. */
interface AroundLimits {
  maxDistanceKm: number | undefined;
  /** Add every match instead of stopping once the page is settled. */
  exact: boolean;
}

/**
 * Around a point. First the k nearest matching places, k growing while the page cannot be settled from them.
 * Once the page's last result has a score S, every place that could still beat it lies within the distance at
 * which the best possible relevance decays to S, and one box search of the tree can add them all. When every
 * located match has been added, the matches of unknown position follow (not within `maxDistanceKm`, which they
 * cannot be said to be). Returns whether every match was added.
 */
function gatherAround(
  q: PreparedQuery,
  index: PlaceIndex,
  matcher: Matcher,
  near: NearPoint,
  limits: AroundLimits,
  ranker: PageRanker,
): boolean {
  const { lat, lon } = near;
  const options: NearOptions = {
    ...(q.category !== undefined ? { category: q.category } : {}),
    ...(limits.maxDistanceKm !== undefined ? { maxDistanceKm: limits.maxDistanceKm } : {}),
    accept: (slot) => matcher.matches(slot),
  };
  const bestPossible = maxRelevance(q);
  const unseenBeyond = (km: number) => ({ group: 0, tier: 0, score: bestPossible * decay(km) });
  const seen = new Set<number>();
  const added: Pending[] = [];
  const visit = (slot: number, km: number): void => {
    if (seen.has(slot)) return;
    seen.add(slot);
    added.push(scorePending(q, index.entry(slot), creditsOf(matcher, slot), { distanceM: km * 1000 }));
  };
  /** Adds the places in `slots` (nearest first) and returns the distance of the last, in km. */
  const addNearest = (slots: readonly number[]): number => {
    let km = 0;
    for (const slot of slots) visit(slot, (km = index.distanceKm(lat, lon, slot)));
    ranker.add(added.splice(0));
    return km;
  };
  // An exact search asks for more places than there are: the first answer holds every located match.
  for (let k = limits.exact ? index.size + 1 : FIRST_K; ; k *= K_GROWTH) {
    const nearest = index.nearest(lat, lon, k, options);
    const farthestKm = addNearest(nearest);
    if (nearest.length < k) break;
    if (ranker.settle(unseenBeyond(farthestKm))) return false;
    const last = ranker.pageLast();
    if (k < BOX_SEARCH_FROM_K || last?.tier !== 0) continue;
    // No place farther than this can reach the page's last score (a hair wider for rounding).
    const radiusKm = DISTANCE_SCALE_KM * (bestPossible / last.score - 1) * (1 + 1e-9) + 1e-9;
    if (k * (radiusKm / farthestKm) ** 2 > BOX_SEARCH_BUDGET) continue;
    const everything = limits.maxDistanceKm !== undefined && radiusKm >= limits.maxDistanceKm;
    index.forEachWithin(lat, lon, radiusKm, options, visit);
    ranker.add(added.splice(0));
    if (everything) break;
    if (ranker.settle(unseenBeyond(radiusKm))) return false;
  }
  if (limits.maxDistanceKm === undefined) {
    const unlocated = index.unlocated(q.category).filter((e) => matcher.matches(e.slot));
    ranker.add(unlocated.map((e) => scorePending(q, e, creditsOf(matcher, e.slot), 'unlocated')));
  }
  ranker.settle();
  return true;
}

/** The query as the scoring reads it: tags normalised with cheap tags turned into `cheap`, text into words. */
function prepare(query: RecommendQuery): PreparedQuery {
  const asked = [...new Set((query.tags ?? []).map(normalizeTag).filter((t) => t.length > 0))];
  return {
    ...(query.category !== undefined ? { category: query.category } : {}),
    tags: asked.filter((t) => !CHEAP_TAGS.has(t)).slice(0, MAX_TAGS),
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
