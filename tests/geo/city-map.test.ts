/**
 * The city map against real places: published coordinates of landmarks, the data's own label points, a real
 * gap between the simplified kelurahan polygons, and places outside Kota Probolinggo.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { CityMap, loadCityMap, type Locate } from '../../src/geo/city-map.js';
import { GEO_DATA_DIR } from '../../src/geo/data-paths.js';

const map = loadCityMap();

function readGeoJson(file: string): { features: { properties: Record<string, unknown>; geometry: never }[] } {
  return JSON.parse(readFileSync(path.join(GEO_DATA_DIR, file), 'utf8'));
}

/** Degrees, minutes, seconds (south/west negative) to decimal degrees. */
function dms(deg: number, min: number, sec: number): number {
  return Math.sign(deg) * (Math.abs(deg) + min / 60 + sec / 3600);
}

function where(r: Locate): string {
  return r.status === 'outside' ? 'outside' : `${r.status} ${r.area.kelurahan}/${r.area.kecamatan}`;
}

describe('landmarks at their published coordinates', () => {
  it('Stasiun Probolinggo (7°44′32″S 113°12′50″E, Wikipedia) is in kelurahan Mayangan, kecamatan Mayangan', () => {
    // Wikipedia and the station's address (Jl. KH. Mas Mansyur 26, Kel. Mayangan, Kec. Mayangan) agree.
    const r = map.locate(dms(-7, 44, 32), dms(113, 12, 50));
    expect(r).toEqual({
      status: 'inside',
      area: { kelurahan: 'Mayangan', kelurahanCode: '35.74.03.1001', kecamatan: 'Mayangan', kecamatanCode: '35.74.03', postcode: '67218' },
    });
  });

  it('Museum Probolinggo (7°44′59.4″S 113°12′56.7″E) is in kelurahan Tisnonegaran, kecamatan Kanigaran', () => {
    // Coordinates: Rusmiyati et al. 2018 p. 165, quoted by id.wikipedia "Museum Probolinggo", which also gives
    // the address Jl. Suroyo, Kel. Tisnonegaran, Kec. Kanigaran.
    const r = map.locate(dms(-7, 44, 59.4), dms(113, 12, 56.7));
    expect(where(r)).toBe('inside Tisnonegaran/Kanigaran');
    expect(r.status === 'inside' && r.area).toMatchObject({ kelurahanCode: '35.74.04.1001', kecamatanCode: '35.74.04', postcode: '67211' });
  });

  it("Tisnonegaran's label point from the data (-7.753394, 113.213266) is in Tisnonegaran", () => {
    expect(where(map.locate(-7.753394, 113.213266))).toBe('inside Tisnonegaran/Kanigaran');
  });

  it('the museum is about 870 m from the station (a 10–15 minute walk)', () => {
    const d = map.distanceM({ lat: dms(-7, 44, 32), lon: dms(113, 12, 50) }, { lat: dms(-7, 44, 59.4), lon: dms(113, 12, 56.7) });
    expect(d).toBeGreaterThan(820);
    expect(d).toBeLessThan(920);
  });
});

describe('the 29 kelurahan', () => {
  it('are listed in code order, in 5 kecamatan, all in Kota Probolinggo (35.74)', () => {
    const list = map.list();
    expect(list).toHaveLength(29);
    expect(list.map((a) => a.kelurahanCode)).toEqual([...list.map((a) => a.kelurahanCode)].sort());
    expect(new Set(list.map((a) => a.kelurahanCode)).size).toBe(29);
    expect([...new Set(list.map((a) => `${a.kecamatanCode} ${a.kecamatan}`))]).toEqual([
      '35.74.01 Kademangan',
      '35.74.02 Wonoasih',
      '35.74.03 Mayangan',
      '35.74.04 Kanigaran',
      '35.74.05 Kedopok',
    ]);
    for (const a of list) {
      expect(a.kelurahanCode.startsWith(`${a.kecamatanCode}.`), a.kelurahan).toBe(true);
      expect(a.postcode, a.kelurahan).toMatch(/^672\d\d$/);
    }
  });

  it.each(map.list().map((a) => [a.kelurahan, a.kelurahanCode]))("%s's label point locates to itself", (name, code) => {
    const k = map.kelurahan(code)!;
    const r = map.locate(k.label.lat, k.label.lon);
    expect(r.status).toBe('inside');
    expect(r.status === 'inside' && r.area.kelurahanCode).toBe(code);
  });

  it("Kareng Lor's published label sits on its edge with Kedopok, so its source centroid is its label", () => {
    // kota_probolinggo_kelurahan.geojson gives Kareng Lor label_lat -7.795135, label_lng 113.198386: 4 cm
    // from both boundaries, and in Kedopok's polygon only. Its centroid (-7.7961586…, 113.1978941…) is inside.
    expect(where(map.locate(-7.795135, 113.198386))).toBe('inside Kedopok/Kedopok');
    expect(map.kelurahan('Kareng Lor')!.label).toEqual({ lat: -7.796158603033523, lon: 113.19789413665222 });
  });

  it('every kecamatan label (from the kecamatan file) lies in a kelurahan of that kecamatan', () => {
    const fc = readGeoJson('kota_probolinggo_kecamatan_from_kelurahan.geojson');
    expect(fc.features).toHaveLength(5);
    for (const { properties: p } of fc.features) {
      const r = map.locate(p.label_lat as number, p.label_lng as number);
      expect(r.status === 'inside' && r.area.kecamatanCode, String(p.nama)).toBe(p.kode);
    }
  });
});

describe('between and outside the polygons', () => {
  // A real simplification gap: inside the city outline (kota_probolinggo_kota.geojson) but in no kelurahan
  // polygon, ~169 m from Wiroborang and ~301 m from Mangunharjo (east of Wiroborang, found with a one-off grid
  // scan of the city at 0.0005°).
  const GAP = { lat: -7.755, lon: 113.2345 };

  it('the gap point lies in the city outline', () => {
    const kota = readGeoJson('kota_probolinggo_kota.geojson').features[0]!;
    expect(booleanPointInPolygon([GAP.lon, GAP.lat], kota.geometry)).toBe(true);
  });

  it('a gap point within 500 m is near the nearest kelurahan (Wiroborang)', () => {
    const r = map.locate(GAP.lat, GAP.lon);
    expect(where(r)).toBe('near Wiroborang/Mayangan');
    expect(r.status === 'near' && r.area.kelurahanCode).toBe('35.74.03.1010');
    expect(r.status === 'near' && r.distanceM).toBeGreaterThan(150);
    expect(r.status === 'near' && r.distanceM).toBeLessThan(190);
    // The boundary is nearer than any point inside the kelurahan, its label included.
    expect(r.status === 'near' && r.distanceM).toBeLessThan(map.distanceM(GAP, map.kelurahan('Wiroborang')!.label));
  });

  it('with a tighter tolerance the same point is outside, at the same distance', () => {
    const strict = CityMap.load(undefined, { nearToleranceM: 100 });
    expect(strict.nearToleranceM).toBe(100);
    const r = strict.locate(GAP.lat, GAP.lon);
    const near = map.locate(GAP.lat, GAP.lon);
    expect(r.status).toBe('outside');
    expect(near.status === 'near' && r.status === 'outside' && r.distanceM).toBe(near.status === 'near' && near.distanceM);
  });

  it('the sea north of the harbour (-7.70, 113.21) is outside, about 2.5 km off the coast', () => {
    const r = map.locate(-7.7, 113.21);
    expect(r.status).toBe('outside');
    expect(r.status === 'outside' && r.distanceM).toBeGreaterThan(2000);
    expect(r.status === 'outside' && r.distanceM).toBeLessThan(3200);
  });

  it('Kraksaan (Kabupaten Probolinggo, -7.758, 113.40) is outside, 15–21 km east of the city', () => {
    const r = map.locate(-7.758, 113.4);
    expect(r.status).toBe('outside');
    expect(r.status === 'outside' && r.distanceM).toBeGreaterThan(15_000);
    expect(r.status === 'outside' && r.distanceM).toBeLessThan(21_000);
  });

  it('Mount Bromo (-7.942, 112.953) is outside, more than 25 km away', () => {
    const r = map.locate(-7.942, 112.953);
    expect(r.status).toBe('outside');
    expect(r.status === 'outside' && r.distanceM).toBeGreaterThan(25_000);
    expect(r.status === 'outside' && r.distanceM).toBeLessThan(map.distanceM({ lat: -7.942, lon: 112.953 }, map.kelurahan('Wonoasih')!.label));
  });

  it('stays fast away from the polygons too (well under 0.5 ms a call)', () => {
    const points = [GAP, { lat: -7.7, lon: 113.21 }, { lat: -7.758, lon: 113.4 }, { lat: -7.942, lon: 112.953 }];
    for (let i = 0; i < 200; i++) map.locate(points[i % 4]!.lat, points[i % 4]!.lon);
    const start = performance.now();
    for (let i = 0; i < 2000; i++) map.locate(points[i % 4]!.lat, points[i % 4]!.lon);
    expect((performance.now() - start) / 2000).toBeLessThan(0.5);
  });
});

describe('coordinates are checked', () => {
  it.each([
    [Number.NaN, 113.2],
    [-7.75, Number.NaN],
    [Number.POSITIVE_INFINITY, 113.2],
    [-7.75, Number.NEGATIVE_INFINITY],
    [90.0001, 113.2],
    [-91, 113.2],
    [-7.75, 180.5],
    [-7.75, -181],
    ['-7.75' as unknown as number, 113.2],
  ])('locate(%s, %s) throws a RangeError', (lat, lon) => {
    expect(() => map.locate(lat, lon)).toThrow(RangeError);
  });

  it('names the bad value', () => {
    expect(() => map.locate(-95, 113.2)).toThrow(/latitude.*-95/);
    expect(() => map.locate(-7.75, 200)).toThrow(/longitude.*200/);
  });

  it('accepts the extremes of the ranges', () => {
    expect(map.locate(90, 180).status).toBe('outside');
    expect(map.locate(-90, -180).status).toBe('outside');
  });

  it('distanceM checks both points and measures great circles (1° of latitude ≈ 111.2 km)', () => {
    expect(() => map.distanceM({ lat: 100, lon: 0 }, { lat: 0, lon: 0 })).toThrow(RangeError);
    expect(() => map.distanceM({ lat: 0, lon: 0 }, { lat: 0, lon: Number.NaN })).toThrow(RangeError);
    expect(map.distanceM({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111_195, -1);
  });

  it('rejects a negative or non-finite tolerance', () => {
    expect(() => CityMap.load(undefined, { nearToleranceM: -1 })).toThrow(RangeError);
    expect(() => CityMap.load(undefined, { nearToleranceM: Number.NaN })).toThrow(RangeError);
  });
});

describe('kelurahan by name or code', () => {
  it.each(['kebonsari kulon', 'Kebonsari Kulon', '  KEBONSARI   kulon ', 'kebonsarikulon', '35.74.04.1006'])('finds %j', (q) => {
    expect(map.kelurahan(q)).toEqual({
      kelurahan: 'Kebonsari Kulon',
      kelurahanCode: '35.74.04.1006',
      kecamatan: 'Kanigaran',
      kecamatanCode: '35.74.04',
      postcode: '67214',
      label: { lat: -7.761387, lon: 113.219332 },
    });
  });

  it('finds nothing for a partial name or a place outside the city', () => {
    expect(map.kelurahan('kebonsari')).toBeUndefined();
    expect(map.kelurahan('Kraksaan')).toBeUndefined();
    expect(map.kelurahan('')).toBeUndefined();
  });

  it('hands out copies: changing an answer changes nothing inside', () => {
    const k = map.kelurahan('Jati')!;
    k.label.lat = 0;
    map.list().pop();
    expect(map.kelurahan('Jati')!.label.lat).not.toBe(0);
    expect(map.list()).toHaveLength(29);
  });
});

describe('loading', () => {
  it('loadCityMap shares one map', () => {
    expect(loadCityMap()).toBe(map);
  });

  it('a missing data folder fails with the file name', () => {
    expect(() => CityMap.load('/nonexistent/geo')).toThrow(/kota_probolinggo_kelurahan\.geojson/);
  });

  it('reads data/geo of this project, with the licences next to the data', () => {
    expect(GEO_DATA_DIR).toBe(path.resolve(import.meta.dirname, '..', '..', 'data', 'geo'));
    const files = readdirSync(GEO_DATA_DIR);
    for (const f of ['LICENSE-cahyadsn-wilayah_boundaries.txt', 'LICENSE-cahyadsn-wilayah_kodepos.txt', 'SOURCES.md']) expect(files).toContain(f);
  });

  it('the geo module imports no database, queue, web, channel or feature code', () => {
    for (const f of readdirSync('src/geo')) {
      const src = readFileSync(path.join('src/geo', f), 'utf8');
      for (const [, spec] of src.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
        expect(/^\.\.\/(?!core\/)/.test(spec!) || /^(bullmq|ioredis|fastify|@mikro-orm|pg|grammy)/.test(spec!), `${f} imports ${spec}`).toBe(false);
      }
    }
  });
});
