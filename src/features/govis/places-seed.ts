/**
 * The shipped places (`data/places/kota_probolinggo_poi_seed.csv`, 34 places checked to be in the Kota), loaded
 * on first start so GOVIS has something to recommend before anyone runs `pintu places import`.
 */
import { createReadStream } from 'node:fs';
import { dataPath } from '../../core/data-path.js';
import { loadCityMap, type CityMap } from '../../geo/city-map.js';
import type { PlaceStore } from './place.js';
import { formatBadRow, readPlacesCsv } from './places-csv.js';

/** The seed file. */
export const SEED_PLACES_FILE = dataPath('places', 'kota_probolinggo_poi_seed.csv');

/** Options of {@link ensureSeedPlaces}; the defaults are the shipped seed, the shipped map and the current time. */
export interface SeedOptions {
  file?: string;
  cityMap?: CityMap;
  now?: Date;
}

/**
 * Imports the seed when the store holds no place; returns how many places it imported (0 when there were some
 * already, so an operator's import is never overwritten). Safe when several processes start at once: the seed
 * is merged by id. Throws, writing nothing, when the seed has a bad row.
 */
export async function ensureSeedPlaces(store: PlaceStore, options: SeedOptions = {}): Promise<number> {
  if ((await store.count()) > 0) return 0;
  const file = options.file ?? SEED_PLACES_FILE;
  const { places, bad } = await readPlacesCsv(createReadStream(file), { cityMap: options.cityMap ?? loadCityMap() });
  if (bad.length > 0) {
    throw new Error(`The places seed ${file} has bad rows, so it was not loaded: ${bad.map(formatBadRow).join(' | ')}. Fix the file; "pintu places import ${file} --dry-run" checks it.`);
  }
  await store.upsertMany(places, options.now ?? new Date());
  return places.length;
}
