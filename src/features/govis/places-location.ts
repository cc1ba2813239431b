/**
 * Where a place from the CSV is: its own coordinates when published (they must lie in Kota Probolinggo), else the
 * label point of its kelurahan, else (only when the row says so in `coord_precision`) its kecamatan's label point
 * or the city centroid. The precision always says which, so nothing coarse passes for a real pin.
 */
import type { CityMap, KelurahanInfo } from '../../geo/city-map.js';
import type { LatLon } from '../../geo/coordinates.js';
import { COORD_PRECISIONS, type CoordPrecision } from './place.js';
import { readAreaPoints, type AreaPoints, type KecamatanPoint } from './places-area-points.js';

/** The location columns of one CSV row, trimmed; empty cells as `''`, coordinates already numbers. */
export interface LocationInput {
  lat: number | null;
  lon: number | null;
  kelurahan: string;
  kecamatan: string;
  kelurahanCode: string;
  /** What the row declares in `coord_precision` (first word), or null when the cell is empty. */
  declared: CoordPrecision | null;
}

/** Where a place is, as stored. */
export interface ResolvedLocation extends LatLon {
  coordPrecision: CoordPrecision;
  kelurahan: string | null;
  kelurahanCode: string | null;
  kecamatan: string | null;
}

/** A location problem: the CSV column to blame and what to do about it. */
export interface LocationProblem {
  column: 'lat' | 'lng' | 'kelurahan' | 'kecamatan' | 'kode_kelurahan' | 'coord_precision';
  message: string;
}

/** The outcome of {@link PlaceLocator.resolve}. */
export type LocationResult = { ok: true; location: ResolvedLocation } | { ok: false; problem: LocationProblem };

/** Finer first: a row may declare a coarser precision than its data allows, never a finer one. */
const RANK: Record<CoordPrecision, number> = Object.fromEntries(COORD_PRECISIONS.map((p, i) => [p, i])) as Record<CoordPrecision, number>;

/** Case- and space-insensitive key of a name. */
function keyOf(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
}

/** A name without the source's qualifier: "Mangunharjo (perlu konfirmasi)" → "Mangunharjo". */
function withoutQualifier(name: string): string {
  return name.replace(/\s*\(.*$/, '').trim();
}

function fail(column: LocationProblem['column'], message: string): LocationResult {
  return { ok: false, problem: { column, message } };
}

/** Resolves CSV location columns against the city map. */
export class PlaceLocator {
  private readonly points: AreaPoints;
  private readonly kecamatanByKey = new Map<string, KecamatanPoint>();
  /** `CityMap.kelurahan` answers by the text asked, kept: an import asks the same few dozen names again and again. */
  private readonly kelurahanByText = new Map<string, KelurahanInfo | undefined>();

  /** `points` defaults to the shipped `data/geo/wilayah.csv`. */
  constructor(
    private readonly map: CityMap,
    points?: AreaPoints,
  ) {
    this.points = points ?? readAreaPoints(map);
    for (const k of this.points.kecamatan) this.kecamatanByKey.set(keyOf(k.name), k);
  }

  /** The place's point, precision and area, or the column that is wrong and how to fix it. */
  resolve(input: LocationInput): LocationResult {
    const { lat, lon, declared } = input;
    if ((lat === null) !== (lon === null)) return fail(lat === null ? 'lat' : 'lng', 'give both lat and lng, or leave both empty');
    const named = this.namedKelurahan(input);
    if ('problem' in named) return named;
    const kelurahan = named.kelurahan;
    const kecamatan = this.namedKecamatan(input.kecamatan, kelurahan);
    if ('problem' in kecamatan) return kecamatan;

    if (lat !== null && lon !== null) {
      if (named.unknownName) return fail('kelurahan', `"${input.kelurahan}" is not a kelurahan of Kota Probolinggo; fix the name or leave it empty`);
      const where = this.map.locate(lat, lon);
      if (where.status === 'outside') {
        const hint = lat > 0 ? 'lat must be negative (the city is south of the equator)' : 'check the numbers, or leave lat and lng empty and give the kelurahan';
        return fail('lat', `outside Kota Probolinggo (${(where.distanceM / 1000).toFixed(1)} km from the boundary); ${hint}`);
      }
      // The row's own kelurahan, when it names one, wins over the polygon test: the polygons are simplified,
      // so a point near a boundary can land in the neighbour.
      const area = kelurahan ?? where.area;
      return this.located({ lat, lon }, declared ?? 'published', area.kelurahan, area.kelurahanCode, area.kecamatan);
    }
    if (declared === 'published') return fail('coord_precision', 'published needs the published lat and lng; fill them in or say kelurahan');
    if (kelurahan) return this.located(kelurahan.label, declared ?? 'kelurahan', kelurahan.kelurahan, kelurahan.kelurahanCode, kelurahan.kecamatan);

    const coarse = declared === 'kecamatan' || declared === 'unknown';
    if (named.unknownName && !coarse) {
      return fail(
        'kelurahan',
        `"${input.kelurahan}" is not a kelurahan of Kota Probolinggo; fix the name, give kode_kelurahan or lat and lng, or set coord_precision to kecamatan or unknown`,
      );
    }
    if (kecamatan.point) {
      if (!coarse) return fail('coord_precision', 'no lat, lng or kelurahan: give one, or set coord_precision to kecamatan (the place is put at the kecamatan\'s label point)');
      return this.located(kecamatan.point.label, declared, null, null, kecamatan.point.name);
    }
    if (declared !== 'unknown') return fail('lat', 'no location: give lat and lng, a kelurahan or kode_kelurahan, or set coord_precision to unknown');
    return this.located(this.points.city, 'unknown', null, null, null);
  }

  /** `CityMap.kelurahan(text)`, remembered. */
  private kelurahan(text: string): KelurahanInfo | undefined {
    if (this.kelurahanByText.has(text)) return this.kelurahanByText.get(text);
    const found = this.map.kelurahan(text);
    if (this.kelurahanByText.size < 10_000) this.kelurahanByText.set(text, found);
    return found;
  }

  private located(
    point: LatLon,
    coordPrecision: CoordPrecision,
    kelurahan: string | null,
    kelurahanCode: string | null,
    kecamatan: string | null,
  ): LocationResult {
    return { ok: true, location: { lat: point.lat, lon: point.lon, coordPrecision, kelurahan, kelurahanCode, kecamatan } };
  }

  /** The kelurahan the row names by code or name; `unknownName` when a name is given that the map does not know. */
  private namedKelurahan(input: LocationInput): { kelurahan?: KelurahanInfo; unknownName: boolean } | { ok: false; problem: LocationProblem } {
    const name = withoutQualifier(input.kelurahan);
    const byName = name ? this.kelurahan(name) : undefined;
    if (input.kelurahanCode) {
      const byCode = this.kelurahan(input.kelurahanCode);
      if (!byCode || byCode.kelurahanCode !== input.kelurahanCode.replace(/\s+/g, '')) {
        return { ok: false, problem: { column: 'kode_kelurahan', message: `"${input.kelurahanCode}" is not a kelurahan code of Kota Probolinggo; codes look like 35.74.04.1001 (see data/geo/wilayah.csv)` } };
      }
      if (byName && byName.kelurahanCode !== byCode.kelurahanCode) {
        return { ok: false, problem: { column: 'kelurahan', message: `"${input.kelurahan}" does not match kode_kelurahan ${byCode.kelurahanCode} (${byCode.kelurahan}); fix one of them` } };
      }
      return { kelurahan: byCode, unknownName: false };
    }
    return { kelurahan: byName, unknownName: name !== '' && !byName };
  }

  /** The kecamatan the row names, checked against its kelurahan. */
  private namedKecamatan(text: string, kelurahan: KelurahanInfo | undefined): { point?: KecamatanPoint } | { ok: false; problem: LocationProblem } {
    const name = withoutQualifier(text);
    if (!name) return {};
    const point = this.kecamatanByKey.get(keyOf(name));
    if (!point) {
      const known = this.points.kecamatan.map((k) => k.name).join(', ');
      return { ok: false, problem: { column: 'kecamatan', message: `"${text}" is not a kecamatan of Kota Probolinggo (${known}); fix it or leave it empty` } };
    }
    if (kelurahan && kelurahan.kecamatan !== point.name) {
      return { ok: false, problem: { column: 'kecamatan', message: `"${text}" does not match kelurahan ${kelurahan.kelurahan}, which is in ${kelurahan.kecamatan}; fix one of them` } };
    }
    return { point };
  }
}
