/**
 * Reads `kota_probolinggo_kelurahan.geojson` (cahyadsn/wilayah_boundaries, [lng, lat] WGS84) into checked
 * kelurahan records: names and Kemendagri codes, the postcode, the label point, the polygon and its bounding
 * box (a cheap prefilter), and its boundary cut into short lines with their own boxes (for distances).
 */
import { readFileSync } from 'node:fs';
import { bbox } from '@turf/bbox';
import { lineString, multiPolygon, polygon } from '@turf/helpers';
import type { LatLon } from './coordinates.js';

/** Where a point is: a kelurahan and its kecamatan, with Kemendagri codes (e.g. "35.74.04.1006", "35.74.04"). */
export interface Area {
  kelurahan: string;
  kelurahanCode: string;
  kecamatan: string;
  kecamatanCode: string;
  postcode?: string;
}

/** A kelurahan polygon or multipolygon as a GeoJSON feature. */
export type KelurahanShape = ReturnType<typeof polygon> | ReturnType<typeof multiPolygon>;

/** A bounding box: [minLon, minLat, maxLon, maxLat]. */
export type BBox = readonly [number, number, number, number];

/** A short piece of a kelurahan boundary (at most `EDGE_CHUNK_SEGMENTS` segments) and its bounding box. */
export interface EdgeChunk {
  line: ReturnType<typeof lineString>;
  bbox: BBox;
}

/**
 * Segments per boundary piece. Distances are measured only to pieces whose box is near enough, so short
 * pieces keep a nearest-kelurahan search to a few dozen segments instead of all ~1,900.
 */
export const EDGE_CHUNK_SEGMENTS = 8;

/**
 * One kelurahan ready for point lookups. `label` is the published label point (meant to lie inside the
 * polygon), `centroid` the source's centroid when given; `bbox` is [minLon, minLat, maxLon, maxLat].
 */
export interface KelurahanPolygon {
  area: Readonly<Area>;
  label: Readonly<LatLon>;
  centroid?: Readonly<LatLon>;
  shape: KelurahanShape;
  edges: readonly EdgeChunk[];
  bbox: BBox;
}

type Position = [number, number];

function fail(where: string, message: string): never {
  throw new Error(`Bad kelurahan data (${where}): ${message}`);
}

function text(props: Record<string, unknown>, key: string, where: string): string {
  const v = props[key];
  if (typeof v !== 'string' || v.trim() === '') fail(where, `property "${key}" must be a non-empty string`);
  return v.trim();
}

function num(props: Record<string, unknown>, key: string, where: string): number {
  const v = props[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(where, `property "${key}" must be a finite number`);
  return v;
}

function ring(value: unknown, where: string): Position[] {
  if (!Array.isArray(value) || value.length < 4) fail(where, 'a ring needs at least 4 positions');
  return value.map((p: unknown) => {
    if (!Array.isArray(p) || p.length < 2) fail(where, 'a position must be [lng, lat]');
    const [lng, lat] = p as unknown[];
    if (typeof lng !== 'number' || typeof lat !== 'number' || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
      fail(where, `bad position ${JSON.stringify(p)}`);
    }
    return [lng, lat];
  });
}

function rings(value: unknown, where: string): Position[][] {
  if (!Array.isArray(value) || value.length === 0) fail(where, 'a polygon needs at least one ring');
  return value.map((r) => ring(r, where));
}

function shapeOf(geometry: unknown, where: string): KelurahanShape {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (g?.type === 'Polygon') return polygon(rings(g.coordinates, where));
  if (g?.type === 'MultiPolygon' && Array.isArray(g.coordinates) && g.coordinates.length > 0) {
    return multiPolygon(g.coordinates.map((p: unknown) => rings(p, where)));
  }
  return fail(where, 'geometry must be a Polygon or MultiPolygon');
}

/** Every ring of the shape cut into consecutive pieces of `EDGE_CHUNK_SEGMENTS` segments (sharing end points). */
function edgesOf(shape: KelurahanShape): EdgeChunk[] {
  const g = shape.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: EdgeChunk[] = [];
  for (const ring of polys.flat()) {
    for (let i = 0; i < ring.length - 1; i += EDGE_CHUNK_SEGMENTS) {
      const line = lineString(ring.slice(i, i + EDGE_CHUNK_SEGMENTS + 1));
      const [minLon, minLat, maxLon, maxLat] = bbox(line);
      out.push({ line, bbox: [minLon, minLat, maxLon, maxLat] });
    }
  }
  return out;
}

/** Checks a parsed GeoJSON FeatureCollection of kelurahan and turns it into lookup records (codes unique). */
export function parseKelurahan(json: unknown, source = 'kelurahan GeoJSON'): KelurahanPolygon[] {
  const fc = json as { type?: unknown; features?: unknown } | null;
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) fail(source, 'expected a FeatureCollection');
  const seen = new Set<string>();
  return fc.features.map((f: unknown, i: number) => {
    const feature = f as { properties?: unknown; geometry?: unknown } | null;
    const where = `${source}, feature ${i}`;
    if (typeof feature?.properties !== 'object' || feature.properties === null) fail(where, 'missing properties');
    const props = feature.properties as Record<string, unknown>;
    const kelurahanCode = text(props, 'kode', where);
    if (seen.has(kelurahanCode)) fail(where, `duplicate kelurahan code ${kelurahanCode}`);
    seen.add(kelurahanCode);
    const area: Area = {
      kelurahan: text(props, 'nama', where),
      kelurahanCode,
      kecamatan: text(props, 'kecamatan', where),
      kecamatanCode: text(props, 'kode_kecamatan', where),
    };
    if (typeof props.kodepos === 'string' && props.kodepos.trim() !== '') area.postcode = props.kodepos.trim();
    const shape = shapeOf(feature.geometry, `${where} (${kelurahanCode})`);
    const [minLon, minLat, maxLon, maxLat] = bbox(shape);
    const record: KelurahanPolygon = {
      area: Object.freeze(area),
      label: Object.freeze({ lat: num(props, 'label_lat', where), lon: num(props, 'label_lng', where) }),
      shape,
      edges: edgesOf(shape),
      bbox: [minLon, minLat, maxLon, maxLat],
    };
    if (props.centroid_lat !== undefined || props.centroid_lng !== undefined) {
      record.centroid = Object.freeze({ lat: num(props, 'centroid_lat', where), lon: num(props, 'centroid_lng', where) });
    }
    return record;
  });
}

/** Reads and checks a kelurahan GeoJSON file (synchronously). */
export function readKelurahanFile(file: string): KelurahanPolygon[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read kelurahan data ${file}: ${(err as Error).message}`);
  }
  return parseKelurahan(json, file);
}
