/**
 * GOVIS places: the domain vocabulary of the places residents and visitors ask about (wisata, penginapan, kuliner,
 * oleh-oleh) and the port that stores them. Types only (plus the value lists they are built from); the database
 * side is `db/place-store.ts`, the CSV side `place-row.ts` and `places-csv.ts`.
 */

/** The four kinds of place, as stored (`oleh-oleh` is accepted on import and stored as `oleh_oleh`). */
export const PLACE_CATEGORIES = ['wisata', 'penginapan', 'kuliner', 'oleh_oleh'] as const;

/** A kind of place. */
export type PlaceCategory = (typeof PLACE_CATEGORIES)[number];

/**
 * How much to trust a place's `lat`/`lon`, finest first:
 * - `published`: coordinates published for this place (a map pin is right; distances are real);
 * - `kelurahan`: only its kelurahan is known; the point is that kelurahan's label point (distances to within a
 *   kelurahan, about 1–2 km; say "di Kel. X", not "350 m");
 * - `kecamatan`: only its kecamatan is known (the point is its kelurahan's label point when one is named but not
 *   confirmed, else the kecamatan's label point): show the kecamatan, no distance;
 * - `unknown`: only "somewhere in Kota Probolinggo" is known; the point is a reference point (never show a
 *   distance or a map pin for it).
 */
export const COORD_PRECISIONS = ['published', 'kelurahan', 'kecamatan', 'unknown'] as const;

/** How much to trust a place's coordinates; see {@link COORD_PRECISIONS}. */
export type CoordPrecision = (typeof COORD_PRECISIONS)[number];

/** The price levels: 0 gratis, 1 murah, 2 sedang, 3 mahal (thresholds in `data/places/SOURCES.md`). */
export const PRICE_LEVELS = [0, 1, 2, 3] as const;

/** A place in Kota Probolinggo. Unknown facts are `null` (NULL in the store), never guessed. */
export interface Place {
  /** Stable id from the CSV, e.g. `w-museum-probolinggo`. */
  id: string;
  name: string;
  /** Other names people use for it. */
  aliases: string[];
  category: PlaceCategory;
  subcategory: string | null;
  /** Lower-case keywords: `keluarga`, `sejarah`, `religi`, `murah`, … */
  tags: string[];
  address: string | null;
  /** Canonical kelurahan name (as in `data/geo`), when known. */
  kelurahan: string | null;
  kecamatan: string | null;
  /** Kemendagri code of the kelurahan, e.g. `35.74.04.1001`. */
  kelurahanCode: string | null;
  /** WGS84; always set, but read {@link coordPrecision} before showing a distance or a pin. */
  lat: number;
  lon: number;
  coordPrecision: CoordPrecision;
  /** OpenStreetMap `opening_hours` syntax (`Tu-Su 08:00-14:00`), checked on import; null when unknown. */
  openingHours: string | null;
  /** The hours as the sources word them (kept even when `openingHours` is set). */
  hoursText: string | null;
  /** One of {@link PRICE_LEVELS}: 0 gratis, 1 murah, 2 sedang, 3 mahal. */
  priceLevel: number | null;
  /** The price as the sources word them. */
  priceText: string | null;
  /** Where the facts come from: web pages separated by ` | `. */
  sources: string;
  notes: string | null;
}

/** A place as stored, with the time of the import that last wrote it. */
export interface StoredPlace extends Place {
  updatedAt: Date;
}

/** Progress of a long write: called now and then with the places written so far. */
export type WriteProgress = (written: number, total: number) => void;

/** Where places are kept. Writes are all or nothing: a failed write leaves the previous places untouched. */
export interface PlaceStore {
  /** Every place, by id. */
  all(): Promise<StoredPlace[]>;
  /** Replaces every stored place with `places` (ids unique), in one transaction, stamped `at`. */
  replaceAll(places: readonly Place[], at: Date, onProgress?: WriteProgress): Promise<void>;
  /** Adds `places` and updates those whose id is already stored (ids unique), in one transaction; keeps the rest. */
  upsertMany(places: readonly Place[], at: Date, onProgress?: WriteProgress): Promise<void>;
  /** How many places are stored. */
  count(): Promise<number>;
}
