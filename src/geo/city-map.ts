/**
 * "Where in Kota Probolinggo is this point?" — the kelurahan (and its kecamatan) holding a WGS84 point, from
 * the 29 kelurahan polygons in `data/geo` (cahyadsn/wilayah_boundaries, MIT).
 *
 * The polygons are simplified: about 5 % of the city lies in no kelurahan polygon (gaps up to about 320 m
 * from the nearest one). A point in no polygon but within `nearToleranceM` (default 500 m) of the nearest
 * kelurahan is therefore answered as `near` that kelurahan; farther away it is `outside`.
 */
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance } from '@turf/distance';
import { earthRadius } from '@turf/helpers';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import { assertLatLon, type LatLon } from './coordinates.js';
import { GEO_DATA_DIR, KELURAHAN_FILE } from './data-paths.js';
import { readKelurahanFile, type Area, type EdgeChunk, type KelurahanPolygon } from './kelurahan-data.js';

export type { Area } from './kelurahan-data.js';

/**
 * The answer of `CityMap.locate`: inside a kelurahan polygon; near one (in no polygon, but within the
 * tolerance of the nearest); or outside, with the distance in metres to the nearest kelurahan.
 */
export type Locate =
  | { status: 'inside'; area: Area }
  | { status: 'near'; area: Area; distanceM: number }
  | { status: 'outside'; distanceM: number };

/** A kelurahan with its label point (a point inside its polygon, good for a map pin). */
export type KelurahanInfo = Area & { label: LatLon };

/** Options of a `CityMap`. */
export interface CityMapOptions {
  /** A point in no polygon but at most this many metres from the nearest kelurahan is `near` it. Default 500. */
  nearToleranceM?: number;
}

/** The default `nearToleranceM`: wider than the largest simplification gap in the data (about 320 m). */
export const DEFAULT_NEAR_TOLERANCE_M = 500;

/**
 * Box distances are a lower bound of the true distance up to the (tiny, city-scale) difference between the
 * distance formulas; this factor keeps the pruning on the safe side.
 */
const BBOX_BOUND_SLACK = 0.999;

/** Case- and space-insensitive key of a kelurahan name or code. */
function keyOf(nameOrCode: string): string {
  return nameOrCode.toLowerCase().replace(/\s+/g, '');
}

/** Point-in-kelurahan lookups over Kota Probolinggo's kelurahan polygons. */
export class CityMap {
  /** The `near` tolerance in metres. */
  readonly nearToleranceM: number;
  private readonly polygons: readonly KelurahanPolygon[];
  private readonly byKey = new Map<string, KelurahanPolygon>();
  private readonly areas: readonly Area[];
  private readonly labels = new Map<KelurahanPolygon, Readonly<LatLon>>();
  /** Every boundary piece of every kelurahan, for the nearest-kelurahan search. */
  private readonly edges: readonly { polygon: KelurahanPolygon; chunk: EdgeChunk }[];
  /** The pieces' boxes, four numbers each, in `edges` order (a flat array keeps the pruning loop fast). */
  private readonly edgeBoxes: Float64Array;

  /** Builds a map from checked kelurahan records (see `readKelurahanFile`); `CityMap.load` reads the shipped data. */
  constructor(polygons: readonly KelurahanPolygon[], options: CityMapOptions = {}) {
    const tolerance = options.nearToleranceM ?? DEFAULT_NEAR_TOLERANCE_M;
    if (!Number.isFinite(tolerance) || tolerance < 0) {
      throw new RangeError(`nearToleranceM must be a finite number of metres >= 0, got ${String(tolerance)}`);
    }
    if (polygons.length === 0) throw new Error('CityMap needs at least one kelurahan polygon');
    this.nearToleranceM = tolerance;
    this.polygons = [...polygons];
    for (const p of this.polygons) {
      this.byKey.set(keyOf(p.area.kelurahanCode), p);
      const nameKey = keyOf(p.area.kelurahan);
      if (!this.byKey.has(nameKey)) this.byKey.set(nameKey, p);
    }
    this.areas = Object.freeze(this.polygons.map((p) => p.area));
    this.edges = this.polygons.flatMap((polygon) => polygon.edges.map((chunk) => ({ polygon, chunk })));
    this.edgeBoxes = Float64Array.from(this.edges.flatMap((e) => e.chunk.bbox));
    for (const p of this.polygons) this.labels.set(p, this.labelOf(p));
  }

  /** Reads the kelurahan polygons from `dir` (default `data/geo` of this project) synchronously. */
  static load(dir: string = GEO_DATA_DIR, options: CityMapOptions = {}): CityMap {
    return new CityMap(readKelurahanFile(path.join(dir, KELURAHAN_FILE)), options);
  }

  /**
   * The kelurahan holding the point (`inside`), else the nearest one within the tolerance (`near`), else
   * `outside` with the distance to the nearest kelurahan. A point on a shared edge or in an overlap sliver
   * goes to the first kelurahan in data order. Throws a RangeError for invalid coordinates.
   */
  locate(lat: number, lon: number): Locate {
    assertLatLon(lat, lon);
    const pt: [number, number] = [lon, lat];
    const holder = this.holder(pt);
    if (holder) return { status: 'inside', area: { ...holder.area } };
    const { polygon, distanceM } = this.nearest(pt);
    if (distanceM <= this.nearToleranceM) return { status: 'near', area: { ...polygon.area }, distanceM };
    return { status: 'outside', distanceM };
  }

  /**
   * A kelurahan by name or Kemendagri code, ignoring case and spaces ("kebonsari kulon", "KebonsariKulon",
   * "35.74.04.1006"); undefined when there is none.
   */
  kelurahan(nameOrCode: string): KelurahanInfo | undefined {
    const p = this.byKey.get(keyOf(nameOrCode));
    return p ? { ...p.area, label: { ...this.labels.get(p)! } } : undefined;
  }

  /** Every kelurahan, in the order of the data (code order in the shipped file). */
  list(): Area[] {
    return this.areas.map((a) => ({ ...a }));
  }

  /** Great-circle distance in metres between two points. Throws a RangeError for invalid coordinates. */
  distanceM(a: LatLon, b: LatLon): number {
    assertLatLon(a.lat, a.lon, 'a');
    assertLatLon(b.lat, b.lon, 'b');
    return distance([a.lon, a.lat], [b.lon, b.lat], { units: 'meters' });
  }

  /** The first kelurahan (in data order) whose polygon holds the point ([lon, lat]), if any. */
  private holder(pt: [number, number]): KelurahanPolygon | undefined {
    const [lon, lat] = pt;
    for (const p of this.polygons) {
      const [minLon, minLat, maxLon, maxLat] = p.bbox;
      if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) continue;
      if (booleanPointInPolygon(pt, p.shape.geometry)) return p;
    }
    return undefined;
  }

  /**
   * A label point that `locate` answers with this very kelurahan: the published label, else the source's
   * centroid, else (neither works) the published label. Published labels are rounded to 6 decimals, and one
   * that sits on a shared edge can round into the neighbour (Kareng Lor's lies 4 cm inside Kedopok).
   */
  private labelOf(p: KelurahanPolygon): Readonly<LatLon> {
    for (const c of [p.label, p.centroid]) if (c && this.holder([c.lon, c.lat]) === p) return c;
    return p.label;
  }

  /**
   * The kelurahan whose boundary is nearest to `pt` ([lon, lat]). Boundary pieces are measured only while
   * their box could still hold something nearer; the distance itself is turf's (planar projection onto each
   * segment, rhumb-line length: within a metre of the great-circle figure at city scale, and ~25x faster).
   */
  private nearest(pt: [number, number]): { polygon: KelurahanPolygon; distanceM: number } {
    const [lon, lat] = pt;
    const n = this.edges.length;
    const bounds = new Float64Array(n);
    let first = 0;
    for (let i = 0; i < n; i++) {
      bounds[i] = boxDistanceM(lon, lat, this.edgeBoxes, i * 4);
      if (bounds[i]! < bounds[first]!) first = i;
    }
    let best = this.edges[first]!;
    let bestM = pointToLineDistance(pt, best.chunk.line, { units: 'meters', method: 'planar' });
    // The pieces that could still be nearer, nearest box first, so the bound soon stops the search.
    const candidates: number[] = [];
    for (let i = 0; i < n; i++) if (i !== first && bounds[i]! * BBOX_BOUND_SLACK <= bestM) candidates.push(i);
    candidates.sort((a, b) => bounds[a]! - bounds[b]!);
    for (const i of candidates) {
      if (bounds[i]! * BBOX_BOUND_SLACK > bestM) break;
      const edge = this.edges[i]!;
      const d = pointToLineDistance(pt, edge.chunk.line, { units: 'meters', method: 'planar' });
      if (d < bestM) [best, bestM] = [edge, d];
    }
    return { polygon: best.polygon, distanceM: bestM };
  }
}

/** Metres per degree of latitude (turf's earth radius). */
const M_PER_DEGREE = (Math.PI / 180) * earthRadius;
const RAD_PER_DEGREE = Math.PI / 180;

/**
 * Distance in metres from a point to the box at `boxes[at .. at+3]` ([minLon, minLat, maxLon, maxLat]) by
 * the equirectangular approximation: only a lower bound for pruning.
 */
function boxDistanceM(lon: number, lat: number, boxes: Float64Array, at: number): number {
  const minLon = boxes[at]!, minLat = boxes[at + 1]!, maxLon = boxes[at + 2]!, maxLat = boxes[at + 3]!;
  const nearLat = lat < minLat ? minLat : lat > maxLat ? maxLat : lat;
  const dLon = lon < minLon ? minLon - lon : lon > maxLon ? lon - maxLon : 0;
  if (dLon === 0 && nearLat === lat) return 0;
  // East-west degrees are shortest at the latitude farthest from the equator, which keeps this a lower bound.
  const x = dLon * Math.cos(Math.max(Math.abs(lat), Math.abs(nearLat)) * RAD_PER_DEGREE);
  const y = nearLat - lat;
  return Math.sqrt(x * x + y * y) * M_PER_DEGREE;
}

let shared: CityMap | undefined;

/** The map of the shipped `data/geo`, read once and then shared. */
export function loadCityMap(): CityMap {
  shared ??= CityMap.load();
  return shared;
}
