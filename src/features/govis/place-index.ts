/**
 * The places the recommender searches, indexed once: static k-d trees of their coordinates (kdbush; one over
 * every located place and one per category) searched nearest-first along great circles (geokdbush) or by box,
 * per-category lists for queries without a location, the places whose position is unknown kept apart, and each
 * place's words prepared for matching — its category, cheapness, tags and name words also as small numbers in
 * typed arrays, so that filters over many places read compact memory. An index never changes: an import builds
 * a new one and swaps it in.
 */
import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import { assertLatLon } from '../../geo/coordinates.js';
import type { CoordPrecision, Place, PlaceCategory } from './place.js';
import { cheapness, placeFacets } from './recommend-tags.js';
import { foldText, wordsOf } from './recommend-text.js';
import { buildWordColumn, type WordColumn } from './recommend-word-column.js';

/** A place category (wisata, penginapan, kuliner, oleh_oleh). */
export type Category = PlaceCategory;

/** A place with what the recommender reads from it worked out once, when the index is built. */
export interface IndexedPlace {
  readonly place: Place;
  /** Position in the index (0-based, in the order of the list the index was built from). */
  readonly slot: number;
  /** Folded words of the name and aliases. */
  readonly names: readonly string[];
  /** Tags, their words, subcategory words and the category (see `placeFacets`). */
  readonly facets: readonly string[];
  /** Cheap by price level or tag, not, or unknown (see `cheapness`). */
  readonly cheap: boolean | 'unknown';
  /** True unless the coordinates are the place's own published ones (a label point is a guess). */
  readonly approximate: boolean;
  /** False when only "somewhere in the city" is known (`coordPrecision` unknown): not in the spatial index. */
  readonly located: boolean;
  /** Whether a distance to it may be shown: published or kelurahan-level coordinates. */
  readonly distanceShown: boolean;
  /** Folded name, for ordering ties by name. */
  readonly sortKey: string;
}

/** Nodes of the k-d tree hold at most this many points (kdbush's default: good for 10²–10⁶ points). */
const NODE_SIZE = 64;

/** Coordinate precisions whose distances are worth showing (see `CoordPrecision`). */
const DISTANCE_SHOWN: ReadonlySet<CoordPrecision> = new Set(['published', 'kelurahan']);

/** The place with its words and flags worked out. */
function indexed(place: Place, slot: number): IndexedPlace {
  assertLatLon(place.lat, place.lon, `place ${place.id}`);
  return {
    place,
    slot,
    names: [...new Set([place.name, ...place.aliases].flatMap(wordsOf))],
    facets: placeFacets(place),
    cheap: cheapness(place),
    approximate: place.coordPrecision !== 'published',
    located: place.coordPrecision !== 'unknown',
    distanceShown: DISTANCE_SHOWN.has(place.coordPrecision),
    sortKey: foldText(place.name),
  };
}

/** Adds `entry` to the list kept under `key`. */
function addTo<K>(lists: Map<K, IndexedPlace[]>, key: K, entry: IndexedPlace): void {
  const list = lists.get(key);
  if (list) list.push(entry);
  else lists.set(key, [entry]);
}

/** Codes of `PlaceColumns.cheap`. */
export const CHEAP_CODE = { no: 0, yes: 1, unknown: 2 } as const;

/**
 * Per-slot facts as typed arrays: category code (see `PlaceIndex.categoryCode`), cheapness (`CHEAP_CODE`), the
 * place's facets (see `placeFacets`) and the words of its name and aliases as word columns.
 */
export interface PlaceColumns {
  readonly category: Uint8Array;
  readonly cheap: Uint8Array;
  readonly facets: WordColumn;
  readonly names: WordColumn;
}

/** geokdbush's earth radius in kilometres (its distances use it). */
const EARTH_RADIUS_KM = 6371;
const DEG = 180 / Math.PI;

/**
 * [minLon, minLat, maxLon, maxLat] holding every point within `radiusKm` of (lat, lon) on the sphere; the whole
 * range of longitudes near a pole or across the antimeridian (a superset is fine: distances are checked after).
 */
function boxAround(lat: number, lon: number, radiusKm: number): [number, number, number, number] {
  const angle = radiusKm / EARTH_RADIUS_KM;
  const dLat = angle * DEG;
  const minLat = Math.max(-90, lat - dLat);
  const maxLat = Math.min(90, lat + dLat);
  const sinRatio = Math.sin(Math.min(angle, Math.PI / 2)) / Math.cos(lat / DEG);
  const dLon = minLat > -90 && maxLat < 90 && sinRatio < 1 ? Math.asin(sinRatio) * DEG : 180;
  if (lon - dLon < -180 || lon + dLon > 180) return [-180, minLat, 180, maxLat];
  return [lon - dLon, minLat, lon + dLon, maxLat];
}

/** A k-d tree of located places: tree item i is the place in slot `slots[i]`. */
interface Tree {
  kd: KDBush;
  slots: Uint32Array;
}

/** A k-d tree over the places in `entries`. */
function treeOf(entries: readonly IndexedPlace[]): Tree {
  const kd = new KDBush(entries.length, NODE_SIZE);
  for (const e of entries) kd.add(e.place.lon, e.place.lat);
  return { kd: kd.finish(), slots: Uint32Array.from(entries, (e) => e.slot) };
}

/** What a search around a point keeps. */
export interface NearOptions {
  /** Only places of this category (searched in that category's own tree). */
  category?: Category;
  /** Only places within this many kilometres. */
  maxDistanceKm?: number;
  /** Only the places (by slot) this accepts; called before any distance is computed. */
  accept?: (slot: number) => boolean;
}

/** A read-only spatial and per-category index over a list of places. */
export class PlaceIndex {
  /** How many places the index holds. */
  readonly size: number;
  /** Category, cheapness and facets of every slot as typed arrays. */
  readonly columns: PlaceColumns;
  private readonly entries: readonly IndexedPlace[];
  /** A tree of every located place ('all') and one per category, so a category search skips the others. */
  private readonly trees = new Map<Category | 'all', Tree>();
  private readonly byCategory = new Map<Category, IndexedPlace[]>();
  private readonly unlocatedBy = new Map<Category | 'all', IndexedPlace[]>();
  private readonly byId = new Map<string, IndexedPlace>();
  private readonly categoryCodes = new Map<Category, number>();
  /** Coordinates by slot, compact for distance loops. */
  private readonly lats: Float64Array;
  private readonly lons: Float64Array;

  /**
   * Indexes `places`. Throws a RangeError for invalid coordinates and an Error for a repeated id: both mean a
   * broken import, better refused than half-served.
   */
  constructor(places: readonly Place[]) {
    this.size = places.length;
    this.entries = places.map(indexed);
    const locatedBy = new Map<Category | 'all', IndexedPlace[]>([['all', []]]);
    for (const entry of this.entries) {
      if (this.byId.has(entry.place.id)) throw new Error(`Place id ${entry.place.id} appears more than once`);
      this.byId.set(entry.place.id, entry);
      addTo(this.byCategory, entry.place.category, entry);
      const lists = entry.located ? locatedBy : this.unlocatedBy;
      addTo(lists, entry.place.category, entry);
      addTo(lists, 'all', entry);
    }
    for (const [key, entries] of locatedBy) this.trees.set(key, treeOf(entries));
    this.columns = this.buildColumns();
    this.lats = Float64Array.from(this.entries, (e) => e.place.lat);
    this.lons = Float64Array.from(this.entries, (e) => e.place.lon);
  }

  /** Every place, in the order they were given. */
  all(): readonly IndexedPlace[] {
    return this.entries;
  }

  /** The place in `slot` (0 ≤ slot < size). */
  entry(slot: number): IndexedPlace {
    return this.entries[slot]!;
  }

  /** The places of one category, in the order they were given (empty when there are none). */
  inCategory(category: Category): readonly IndexedPlace[] {
    return this.byCategory.get(category) ?? [];
  }

  /** The places whose position is unknown (of one category, or all), in the order they were given. */
  unlocated(category?: Category): readonly IndexedPlace[] {
    return this.unlocatedBy.get(category ?? 'all') ?? [];
  }

  /** The place with this id, if indexed. */
  get(id: string): IndexedPlace | undefined {
    return this.byId.get(id);
  }

  /** The code of a category in `columns.category`; undefined when no place has it. */
  categoryCode(category: Category): number | undefined {
    return this.categoryCodes.get(category);
  }

  /**
   * The slots of up to `k` located places nearest to the point along great circles, nearest first, keeping only
   * those the options allow. Fewer than `k` means no other located place qualifies. The order of equidistant
   * places is the tree's, not stable. Throws a RangeError for an invalid point.
   */
  nearest(lat: number, lon: number, k: number, options: NearOptions = {}): number[] {
    assertLatLon(lat, lon);
    const tree = this.trees.get(options.category ?? 'all');
    if (!tree) return [];
    const { slots } = tree;
    const { accept } = options;
    const filter = accept && ((item: number) => accept(slots[item]!));
    return around(tree.kd, lon, lat, k, options.maxDistanceKm, filter).map((item) => slots[item]!);
  }

  /**
   * Calls `visit` with the slot and great-circle distance (km) of every located place within `radiusKm` of the
   * point (and within the options' own `maxDistanceKm`), in no particular order, keeping only those the options
   * allow. A box search of the tree, then the exact distance: cheaper than `nearest` when order does not matter.
   */
  forEachWithin(lat: number, lon: number, radiusKm: number, options: NearOptions, visit: (slot: number, km: number) => void): void {
    assertLatLon(lat, lon);
    const tree = this.trees.get(options.category ?? 'all');
    if (!tree) return;
    const r = Math.min(radiusKm, options.maxDistanceKm ?? Infinity);
    const [minLon, minLat, maxLon, maxLat] = boxAround(lat, lon, r);
    const { accept } = options;
    for (const item of tree.kd.range(minLon, minLat, maxLon, maxLat)) {
      const slot = tree.slots[item]!;
      if (accept && !accept(slot)) continue;
      const km = this.distanceKm(lat, lon, slot);
      if (km <= r) visit(slot, km);
    }
  }

  /** Great-circle distance in kilometres from a point to the place in `slot`. */
  distanceKm(lat: number, lon: number, slot: number): number {
    return distance(lon, lat, this.lons[slot]!, this.lats[slot]!);
  }

  /** The typed-array columns, numbering categories as they first appear. */
  private buildColumns(): PlaceColumns {
    const n = this.entries.length;
    const category = new Uint8Array(n);
    const cheap = new Uint8Array(n);
    for (const e of this.entries) {
      let code = this.categoryCodes.get(e.place.category);
      if (code === undefined) this.categoryCodes.set(e.place.category, (code = this.categoryCodes.size));
      category[e.slot] = code;
      cheap[e.slot] = e.cheap === 'unknown' ? CHEAP_CODE.unknown : e.cheap ? CHEAP_CODE.yes : CHEAP_CODE.no;
    }
    return {
      category,
      cheap,
      facets: buildWordColumn(this.entries.map((e) => e.facets)),
      names: buildWordColumn(this.entries.map((e) => e.names)),
    };
  }
}
