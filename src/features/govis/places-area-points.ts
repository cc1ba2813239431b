/**
 * Reference points for places known only by kecamatan or only as "in the city": each kecamatan's label point and
 * the city's centroid, from `data/geo/wilayah.csv` (cahyadsn/wilayah, MIT; see `data/geo/SOURCES.md`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CityMap } from '../../geo/city-map.js';
import type { LatLon } from '../../geo/coordinates.js';
import { GEO_DATA_DIR } from '../../geo/data-paths.js';

/** The file with the kota, kecamatan and kelurahan records. */
export const WILAYAH_FILE = path.join(GEO_DATA_DIR, 'wilayah.csv');

/** A kecamatan and its label point. */
export interface KecamatanPoint {
  name: string;
  code: string;
  label: LatLon;
}

/** The reference points a {@link PlaceLocator} places coarse locations at. */
export interface AreaPoints {
  kecamatan: readonly KecamatanPoint[];
  /** The city's centroid: where a place known only as "in Kota Probolinggo" is put. */
  city: LatLon;
}

interface WilayahRecord {
  kode: string;
  nama: string;
  level: string;
  centroid_lat: string;
  centroid_lng: string;
  label_lat: string;
  label_lng: string;
}

/** A point from two CSV cells, checked to lie in the city on `map`. */
function pointOf(lat: string, lon: string, what: string, map: CityMap): LatLon {
  const point = { lat: Number(lat), lon: Number(lon) };
  const where = Number.isFinite(point.lat) && Number.isFinite(point.lon) ? map.locate(point.lat, point.lon).status : 'invalid';
  if (where !== 'inside' && where !== 'near') {
    throw new Error(`${WILAYAH_FILE}: the point of ${what} (${lat}, ${lon}) is ${where === 'invalid' ? 'not a number pair' : 'outside the city'}; restore the file from data/geo/SOURCES.md`);
  }
  return point;
}

/** Reads the kecamatan label points and the city centroid from `file`, checking each against `map`. */
export function readAreaPoints(map: CityMap, file: string = WILAYAH_FILE): AreaPoints {
  const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as WilayahRecord[];
  const city = records.find((r) => r.level === 'kota');
  const kecamatan = records
    .filter((r) => r.level === 'kecamatan')
    .map((r) => ({ name: r.nama, code: r.kode, label: pointOf(r.label_lat, r.label_lng, `kecamatan ${r.nama}`, map) }));
  if (!city || kecamatan.length === 0) throw new Error(`${WILAYAH_FILE} has no kota or kecamatan records; restore the file from data/geo/SOURCES.md`);
  return { kecamatan, city: pointOf(city.centroid_lat, city.centroid_lng, city.nama, map) };
}
