/**
 * GOVIS places import: the shipped seed, hand-written good and bad files, 100,000 generated rows on both
 * databases, the `pintu places import` process, and opening hours judged on the WIB clock.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { openDatabase } from '../../src/db/orm.js';
import { SqlPlaceStore } from '../../src/db/place-store.js';
import { describeHours, isOpenAt, parseOpeningHours, type OpeningHours } from '../../src/features/govis/opening-hours.js';
import type { Place, PlaceStore } from '../../src/features/govis/place.js';
import { checkHeader, formatBadRow, PlacesHeaderError, readPlacesCsv, type PlacesCsvResult } from '../../src/features/govis/places-csv.js';
import { placesImportCommand, type PlacesImportIo } from '../../src/features/govis/places-import-cli.js';
import { ProgressBar, PROGRESS_INTERVAL_MS } from '../../src/features/govis/places-progress.js';
import { SEED_PLACES_FILE } from '../../src/features/govis/places-seed.js';
import { loadCityMap } from '../../src/geo/city-map.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { csvText, generatedCsv, SEED_HEADER, tempCsv } from './places-fixtures.js';

const map = loadCityMap();

async function read(file: string): Promise<PlacesCsvResult> {
  return readPlacesCsv(createReadStream(file), { cityMap: map });
}

function byId(places: readonly Place[], id: string): Place {
  const p = places.find((x) => x.id === id);
  if (!p) throw new Error(`no place ${id}`);
  return p;
}

/** Output streams that keep what was written. */
function capture(isTTY = false) {
  const out = { text: '', isTTY, write: (s: string) => void (out.text += s) };
  return out;
}

const SOURCES = 'https://example.org/uji';

let big: Promise<string> | undefined;
/** 100,000 generated good rows, written once for the whole file. */
function bigFile(): Promise<string> {
  big ??= generatedCsv(map, 100_000);
  return big;
}
afterAll(async () => {
  await big?.catch(() => undefined);
  rmSync('var/test-places', { recursive: true, force: true });
});

describe('the shipped seed', () => {
  let seed: PlacesCsvResult;
  beforeAll(async () => {
    seed = await read(SEED_PLACES_FILE);
  });

  it('imports all 34 rows, with the coordinate precision each row states', () => {
    expect(seed.bad.map(formatBadRow)).toEqual([]);
    expect(seed.rows).toBe(34);
    const counts = Object.fromEntries(['published', 'kelurahan', 'kecamatan', 'unknown'].map((p) => [p, seed.places.filter((x) => x.coordPrecision === p).length]));
    expect(counts).toEqual({ published: 2, kelurahan: 19, kecamatan: 3, unknown: 10 });
    // Published: the source's own point.
    expect(byId(seed.places, 'w-museum-probolinggo')).toMatchObject({ coordPrecision: 'published', lat: -7.749833, lon: 113.21575, kelurahan: 'Tisnonegaran', kecamatan: 'Kanigaran' });
    expect(byId(seed.places, 'w-stasiun')).toMatchObject({ coordPrecision: 'published', lat: -7.74222, lon: 113.21389, kelurahan: 'Mayangan' });
    // Kelurahan only: its label point; the source's qualifier goes to the notes, the canonical name to the column.
    const alun = byId(seed.places, 'w-alun-alun');
    expect(alun).toMatchObject({ coordPrecision: 'kelurahan', kelurahan: 'Mangunharjo', kelurahanCode: '35.74.03.1002', kecamatan: 'Mayangan', ...map.kelurahan('Mangunharjo')!.label });
    expect(alun.notes).toContain('Mangunharjo (perlu konfirmasi)');
    // Kecamatan only, with no kelurahan: the kecamatan's label point.
    expect(byId(seed.places, 'k-lontong-balap-khasanah')).toMatchObject({ coordPrecision: 'kecamatan', kelurahan: null, kecamatan: 'Kanigaran' });
    expect(byId(seed.places, 'w-bjbr')).toMatchObject({ coordPrecision: 'kecamatan', kecamatan: 'Mayangan' });
    // Unknown stays unknown.
    expect(byId(seed.places, 'h-bromo-park')).toMatchObject({ coordPrecision: 'unknown', kelurahan: null, kecamatan: null, openingHours: null, priceLevel: null });
    for (const p of seed.places) expect(['inside', 'near'], p.id).toContain(map.locate(p.lat, p.lon).status);
  });

  it('keeps the hours and price texts and converts only clear ones', () => {
    const museum = byId(seed.places, 'w-museum-probolinggo');
    // Two sources disagree (08.00–14.00 / 09.00–16.00): left unknown.
    expect(museum.openingHours).toBeNull();
    expect(museum.hoursText).toContain('08.00–14.00');
    expect(byId(seed.places, 'w-alun-alun')).toMatchObject({ openingHours: '24/7', priceLevel: 0, priceText: 'gratis' });
    expect(byId(seed.places, 'w-benteng-mayangan').openingHours).toBe('Mo-Su 05:00-16:00');
    expect(byId(seed.places, 'k-ketan-keratok')).toMatchObject({ openingHours: null, hoursText: 'pagi' });
    for (const p of seed.places) if (p.openingHours) expect(parseOpeningHours(p.openingHours).ok, p.id).toBe(true);
    expect(seed.places.filter((p) => p.openingHours).length).toBe(4);
    expect(seed.places.filter((p) => p.priceLevel !== null).length).toBe(7);
    expect(byId(seed.places, 'w-museum-probolinggo').sources).toContain('https://id.wikipedia.org/wiki/Museum_Probolinggo');
  });

  it('ships the specialties list with its "not in the Kota" warning row', () => {
    const khas = readFileSync(SEED_PLACES_FILE.replace('kota_probolinggo_poi_seed.csv', 'kota_probolinggo_khas.csv'), 'utf8');
    expect(khas).toMatch(/BUKAN Kota: Rawon Nguling.*Bromo, Madakaripura, Gili Ketapang/);
  });
});

describe('places CSV rows', () => {
  it('reads a good small file: categories, lists, a kelurahan by name, a declared kecamatan', async () => {
    const header = ['id', 'name', 'aliases', 'category', 'tags', 'kelurahan', 'kecamatan', 'lat', 'lng', 'coord_precision', 'opening_hours', 'price_level', 'sources'];
    const file = tempCsv(
      csvText(header, [
        { id: 'o-batik-uji', name: 'Batik "Uji", Probolinggo', aliases: 'Batik Uji; BU', category: 'Oleh-Oleh', tags: 'Batik; oleh_oleh;batik;', lat: '-7.749833', lng: '113.21575', opening_hours: 'Mo-Sa 08:00-16:00', price_level: '2', sources: SOURCES },
        { id: 'w-uji-jati', name: 'Taman Uji', category: 'wisata', kelurahan: 'jati', sources: SOURCES },
        { id: 'h-uji-kedopok', name: 'Losmen Uji', category: 'penginapan', kecamatan: 'Kedopok', coord_precision: 'kecamatan (only the kecamatan is known)', sources: SOURCES },
      ]),
    );
    const { places, bad, rows } = await read(file);
    expect(bad).toEqual([]);
    expect(rows).toBe(3);
    expect(places[0]).toMatchObject({ name: 'Batik "Uji", Probolinggo', aliases: ['Batik Uji', 'BU'], category: 'oleh_oleh', tags: ['batik', 'oleh_oleh'], coordPrecision: 'published', kelurahan: 'Tisnonegaran', openingHours: 'Mo-Sa 08:00-16:00', priceLevel: 2, subcategory: null, hoursText: null });
    expect(places[1]).toMatchObject({ coordPrecision: 'kelurahan', kelurahan: 'Jati', kelurahanCode: '35.74.03.1004', kecamatan: 'Mayangan', ...map.kelurahan('Jati')!.label });
    expect(places[2]).toMatchObject({ coordPrecision: 'kecamatan', kelurahan: null, kecamatan: 'Kedopok' });
    expect(map.locate(places[2]!.lat, places[2]!.lon)).toMatchObject({ status: 'inside', area: { kecamatan: 'Kedopok' } });
  });

  it('refuses a wrong header before reading any row, naming what is missing, unknown and repeated', () => {
    expect(() => checkHeader(['id', 'name', 'category', 'lat', 'lon', 'sources', 'name', 'warna'])).toThrow(PlacesHeaderError);
    try {
      checkHeader(['id', 'name', 'category', 'lat', 'lon', 'sources', 'name', 'warna']);
    } catch (err) {
      expect((err as Error).message).toContain('missing "lng"');
      expect((err as Error).message).toContain('unknown "lon" (did you mean "lng"?), "warna"');
      expect((err as Error).message).toContain('repeated "name"');
      expect((err as Error).message).toContain('required id, name, category, lat, lng, sources');
    }
  });

  it('reports bad coordinates: outside the city (how far), not a number, swapped, half given', async () => {
    const file = tempCsv(
      csvText(SEED_HEADER, [
        { id: 'w-bromo', name: 'Gunung Bromo', category: 'wisata', lat: '-7.9425', lng: '112.953', sources: SOURCES },
        { id: 'w-nan', name: 'Bukan angka', category: 'wisata', lat: 'abc', lng: '113.2', sources: SOURCES },
        { id: 'w-koma', name: 'Koma', category: 'wisata', lat: '-7,75', lng: '113.2', sources: SOURCES },
        { id: 'w-tukar', name: 'Tertukar', category: 'wisata', lat: '113.2157', lng: '-7.7498', sources: SOURCES },
        { id: 'w-utara', name: 'Lintang utara', category: 'wisata', lat: '7.7498', lng: '113.2157', sources: SOURCES },
        { id: 'w-separuh', name: 'Separuh', category: 'wisata', lat: '-7.7498', sources: SOURCES },
        { id: 'w-laut', name: 'Di laut', category: 'wisata', lat: '-7.70', lng: '113.216', sources: SOURCES },
      ]),
    );
    const { places, bad } = await read(file);
    expect(places).toEqual([]);
    const lines = bad.map(formatBadRow);
    expect(lines[0]).toMatch(/^row 2 \(id w-bromo\): lat: outside Kota Probolinggo \(2\d\.\d km from the boundary\); check the numbers, or leave lat and lng empty and give the kelurahan$/);
    expect(lines[1]).toBe('row 3 (id w-nan): lat: not a number ("abc"); write decimal degrees with a dot, e.g. -7.7498');
    expect(lines[2]).toContain('row 4 (id w-koma): lat: not a number ("-7,75")');
    expect(lines[3]).toContain('row 5 (id w-tukar): lat: 113.2157 is beyond ±90; are lat and lng swapped?');
    expect(lines[4]).toMatch(/^row 6 \(id w-utara\): lat: outside Kota Probolinggo \(\d+\.\d km from the boundary\); lat must be negative \(the city is south of the equator\)$/);
    expect(lines[5]).toBe('row 7 (id w-separuh): lng: give both lat and lng, or leave both empty');
    expect(lines[6]).toMatch(/^row 8 \(id w-laut\): lat: outside Kota Probolinggo \([1-9]\.\d km from the boundary\)/);
  });

  it('reports repeated ids as a bad row each, and every other problem of a row on its line', async () => {
    const file = tempCsv(
      csvText(SEED_HEADER, [
        { id: 'k-satu', name: 'Satu', category: 'kuliner', kelurahan: 'Jati', sources: SOURCES },
        { id: 'k-dua', name: 'Dua', category: 'kuliner', kelurahan: 'Jati', sources: SOURCES },
        { id: 'k-satu', name: 'Satu lagi', category: 'kuliner', kelurahan: 'Jati', sources: SOURCES },
        { id: 'k-satu', name: 'Satu lagi lagi', category: 'kuliner', kelurahan: 'Jati', sources: SOURCES },
        { id: 'K Tiga', name: '', category: 'warung', kelurahan: 'Jati', opening_hours: 'Senin-Jumat 08.00-16.00', price_level: '5', sources: '' },
        { id: 'k-empat', name: 'Empat', category: 'kuliner', kelurahan: 'Kebonsari', sources: SOURCES },
        { id: 'k-lima', name: 'Lima', category: 'kuliner', sources: SOURCES },
        { id: 'k-enam', name: 'Enam', category: 'kuliner', kelurahan: 'Jati', kode_kelurahan: '35.74.04.1001', sources: SOURCES },
      ]),
    );
    const { places, bad } = await read(file);
    expect(places.map((p) => p.id)).toEqual(['k-satu', 'k-dua']);
    const lines = bad.map(formatBadRow);
    expect(lines[0]).toBe('row 4 (id k-satu): id: "k-satu" is already used by row 2; ids must be unique');
    expect(lines[1]).toBe('row 5 (id k-satu): id: "k-satu" is already used by row 2; ids must be unique');
    expect(lines[2]).toMatch(/^row 6 \(id K Tiga\): id: use lower-case letters.*; name: required; category: "warung" is not a category; use wisata, penginapan, kuliner, oleh_oleh.*; opening_hours: .*English abbreviation "Mo".*; price_level: "5" is not a price level.*; sources: say where the facts come from/);
    expect(lines[3]).toContain('row 7 (id k-empat): kelurahan: "Kebonsari" is not a kelurahan of Kota Probolinggo; fix the name, give kode_kelurahan or lat and lng, or set coord_precision to kecamatan or unknown');
    expect(lines[4]).toBe('row 8 (id k-lima): lat: no location: give lat and lng, a kelurahan or kode_kelurahan, or set coord_precision to unknown');
    expect(lines[5]).toContain('row 9 (id k-enam): kelurahan: "Jati" does not match kode_kelurahan 35.74.04.1001 (Tisnonegaran)');
  });

  it('reports a row with too few or too many cells and malformed CSV', async () => {
    const ragged = await read(tempCsv('id,name,category,lat,lng,sources\r\nk-a,A,kuliner,-7.75,113.21,x,extra\r\n'));
    expect(ragged.bad.map(formatBadRow)).toEqual(['row 2 (id k-a): has 7 cells but the header has 6 columns; check the quotes and commas']);
    await expect(read(tempCsv('id,name,category,lat,lng,sources\r\nk-a,"A,kuliner,-7.75,113.21,x\r\n'))).rejects.toThrow(/not valid CSV/);
  });
});

describe.each(DIALECTS)('pintu places import (in process) on %s', (dialect) => {
  let db: TestDatabase;
  let orm: MikroORM;
  let store: PlaceStore;
  let opened = 0;

  function io(overrides: Partial<PlacesImportIo> = {}) {
    const stdout = capture();
    const stderr = capture();
    const value: PlacesImportIo = {
      stdout,
      stderr,
      cityMap: map,
      openStore: async () => {
        opened++;
        return { store, close: async () => undefined };
      },
      ...overrides,
    };
    return { io: value, stdout, stderr };
  }

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    orm = await openDatabase(db.url);
    store = new SqlPlaceStore(orm);
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('imports the seed, then --dry-run of another file writes nothing and opens no database', async () => {
    const seeded = io();
    expect(await placesImportCommand([SEED_PLACES_FILE, '--mode', 'replace'], seeded.io)).toBe(0);
    expect(seeded.stdout.text).toMatch(/^Imported 34 places .*coordinates: 2 published, 19 kelurahan, 3 kecamatan, 10 unknown\); they replace the 0 stored before\.\n$/);
    const before = await store.all();
    opened = 0;
    const dry = io();
    const small = await generatedCsv(map, 1_000);
    expect(await placesImportCommand([small, '--dry-run', '--mode', 'replace'], dry.io)).toBe(0);
    rmSync(small);
    expect(dry.stdout.text).toContain('Dry run: all 1,000 rows');
    expect(dry.stdout.text).toContain('nothing was written');
    expect(opened).toBe(0);
    expect(await store.all()).toEqual(before);
  }, 60_000);

  it('imports 100,000 generated rows in one transaction, well within a minute', async () => {
    const run = io();
    const started = performance.now();
    expect(await placesImportCommand([await bigFile(), '--mode', 'replace'], run.io)).toBe(0);
    const seconds = (performance.now() - started) / 1000;
    console.log(`[${dialect}] 100,000 places: ${run.stdout.text.trim()}`);
    expect(run.stderr.text).toBe('');
    expect(seconds).toBeLessThan(60);
    expect(await store.count()).toBe(100_000);
    const [oldest] = await orm.em.getConnection().execute<{ n: number | string }[]>('select count(distinct updated_at) as n from places');
    expect(Number(oldest!.n)).toBe(1);
  }, 180_000);

  it('merges by id: updates what is there, adds what is new, keeps the rest', async () => {
    const file = tempCsv(
      csvText(SEED_HEADER, [
        { id: 'gen-7', name: 'Tempat Uji Tujuh (baru)', category: 'kuliner', kelurahan: 'Jati', sources: SOURCES },
        { id: 'k-baru', name: 'Warung Baru', category: 'kuliner', kelurahan: 'Jati', sources: SOURCES },
      ]),
    );
    const run = io();
    expect(await placesImportCommand([file], run.io)).toBe(0);
    expect(run.stdout.text).toContain(': 1 added, 1 updated; 99,999 stored places not in the file were kept (--mode replace removes them).');
    expect(await store.count()).toBe(100_001);
    expect((await store.all()).find((p) => p.id === 'gen-7')).toMatchObject({ name: 'Tempat Uji Tujuh (baru)', coordPrecision: 'kelurahan' });
  }, 60_000);
});

describe('a bad row among 100,000', () => {
  let bad: string;
  beforeAll(async () => {
    bad = await generatedCsv(map, 100_000, 73_512);
  });
  afterAll(() => rmSync(bad, { force: true }));

  it('imports nothing and says which row and why', async () => {
    let opened = 0;
    const stdout = capture();
    const stderr = capture();
    const code = await placesImportCommand([bad, '--mode', 'replace'], {
      stdout,
      stderr,
      cityMap: map,
      openStore: async () => {
        opened++;
        throw new Error('must not be opened');
      },
    });
    expect(code).toBe(1);
    expect(opened).toBe(0);
    expect(stdout.text).toBe('');
    expect(stderr.text).toMatch(/^row 73513 \(id gen-73512\): lat: outside Kota Probolinggo \(2\d\.\d km from the boundary\)/);
    expect(stderr.text).toContain('1 of 100,000 rows are bad (listed above), so nothing was imported. Fix them and run the import again.');
  }, 120_000);
});

describe('pintu places import (the command as a process)', () => {
  const file = 'var/test-db/places-cli.sqlite';
  const env = { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: file };
  const pintu = (args: string[]) => {
    const res = spawnSync(process.execPath, ['bin/pintu.js', 'places', 'import', ...args], { encoding: 'utf8', env, timeout: 60_000 });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  };
  const stored = async () => {
    const orm = await openDatabase(file);
    try {
      return await new SqlPlaceStore(orm).all();
    } finally {
      await orm.close(true);
    }
  };
  beforeAll(() => rmSync(file, { force: true }));
  afterAll(() => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  });

  it('imports a good file, refuses wrong columns (exit 2) and bad rows (exit 1), and --dry-run writes nothing', async () => {
    const good = tempCsv(
      csvText(['id', 'name', 'category', 'kelurahan', 'lat', 'lng', 'sources'], [
        { id: 'k-uji-1', name: 'Warung Uji 1', category: 'kuliner', kelurahan: 'Jati', sources: SOURCES },
        { id: 'k-uji-2', name: 'Warung Uji 2', category: 'kuliner', lat: '-7.749833', lng: '113.21575', sources: SOURCES },
      ]),
    );
    const imported = pintu([good]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(/^Imported 2 places from .* 2 added, 0 updated; 0 stored places not in the file were kept\.\n$/);
    expect((await stored()).map((p) => [p.id, p.coordPrecision])).toEqual([
      ['k-uji-1', 'kelurahan'],
      ['k-uji-2', 'published'],
    ]);

    const wrong = pintu([tempCsv('id,nama,category,latitude,lng,sources\r\nk-a,A,kuliner,-7.75,113.21,x\r\n')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toContain('The CSV header is wrong: missing "name", "lat"; unknown "nama", "latitude" (did you mean "lat"?)');
    expect(wrong.stderr).toContain('Nothing was imported.');

    const badRows = pintu([
      tempCsv(
        csvText(SEED_HEADER, [
          { id: 'k-ok', name: 'OK', category: 'kuliner', kelurahan: 'Jati', sources: SOURCES },
          { id: 'k-jauh', name: 'Jauh', category: 'kuliner', lat: '-7.9425', lng: '112.953', sources: SOURCES },
          { id: 'k-ok', name: 'OK lagi', category: 'kuliner', kelurahan: 'Jati', sources: SOURCES },
        ]),
      ),
      '--mode',
      'replace',
    ]);
    expect(badRows.code).toBe(1);
    expect(badRows.stdout).toBe('');
    expect(badRows.stderr.split('\n')).toEqual([
      expect.stringMatching(/^row 3 \(id k-jauh\): lat: outside Kota Probolinggo \(2\d\.\d km from the boundary\)/),
      'row 4 (id k-ok): id: "k-ok" is already used by row 2; ids must be unique',
      '2 of 3 rows are bad (listed above), so nothing was imported. Fix them and run the import again.',
      '',
    ]);

    const dry = pintu([SEED_PLACES_FILE, '--dry-run', '--mode', 'replace']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run: all 34 rows');
    expect((await stored()).map((p) => p.id)).toEqual(['k-uji-1', 'k-uji-2']);
  }, 120_000);
});

describe('opening hours on the WIB clock', () => {
  const zone = process.env.TZ;
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  function hours(text: string): OpeningHours {
    const parsed = parseOpeningHours(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.hours;
  }

  // 2026-11-30 is a Monday. 23:30 UTC on Sunday the 29th is already 06:30 on Monday in WIB.
  it.each(['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Jakarta'])('judges the WIB day and time, whatever the server zone (%s)', (tz) => {
    process.env.TZ = tz;
    const museum = hours('Tu-Su 08:00-14:00');
    expect(isOpenAt(museum, new Date('2026-11-29T06:59:00Z'))).toBe(true); // Sunday 13:59 WIB
    expect(isOpenAt(museum, new Date('2026-11-29T07:00:00Z'))).toBe(false); // Sunday 14:00 WIB
    expect(isOpenAt(museum, new Date('2026-11-30T02:00:00Z'))).toBe(false); // Monday 09:00 WIB: closed on Mondays
    expect(isOpenAt(museum, new Date('2026-12-01T01:00:00Z'))).toBe(true); // Tuesday 08:00 WIB
    expect(isOpenAt(museum, new Date('2026-11-30T00:59:59Z'))).toBe(false); // Monday 07:59 WIB
    const mondayMornings = hours('Mo 00:00-07:00');
    expect(isOpenAt(mondayMornings, new Date('2026-11-29T17:30:00Z'))).toBe(true); // still Sunday in UTC, Monday 00:30 WIB
    expect(isOpenAt(mondayMornings, new Date('2026-11-30T17:30:00Z'))).toBe(false); // Tuesday 00:30 WIB
    const night = hours('Mo-Su 22:00-02:00');
    expect(isOpenAt(night, new Date('2026-11-30T18:30:00Z'))).toBe(true); // 01:30 WIB, past midnight
    expect(isOpenAt(night, new Date('2026-11-30T19:30:00Z'))).toBe(false); // 02:30 WIB
  });

  it("says 'unknown' for unknown hours and rules that say so, and refuses what it cannot check", () => {
    process.env.TZ = 'UTC';
    const at = new Date('2026-12-01T03:00:00Z');
    expect(isOpenAt(null, at)).toBe('unknown');
    expect(isOpenAt(hours('unknown'), at)).toBe('unknown');
    expect(isOpenAt(hours('Tu 08:00-16:00 "by appointment"'), at)).toBe('unknown');
    expect(isOpenAt(hours('24/7'), at)).toBe(true);
    expect(isOpenAt(hours('off'), at)).toBe(false);
    expect(parseOpeningHours('Mo-Fr 08:00-16:00; PH off')).toMatchObject({ ok: false, error: expect.stringContaining('no public or school holidays are known for Indonesia') });
    expect(parseOpeningHours('Senin-Jumat 08:00-16:00')).toMatchObject({ ok: false, error: expect.stringContaining('English abbreviation') });
    expect(parseOpeningHours('08.00–14.00')).toMatchObject({ ok: false });
    expect(parseOpeningHours('x'.repeat(256))).toMatchObject({ ok: false, error: expect.stringContaining('at most 255') });
  });

  it('gives an hour it cannot place an unknown answer in a daylight-saving server zone', () => {
    // 02:30 on 8 March 2026 does not exist in New York; it is 02:30 WIB at 2026-03-07T19:30Z.
    process.env.TZ = 'America/New_York';
    expect(isOpenAt(hours('24/7'), new Date('2026-03-07T19:30:00Z'))).toBe('unknown');
    expect(isOpenAt(hours('24/7'), new Date('2026-03-07T20:30:00Z'))).toBe(true);
  });

  it('describes hours for cards in Indonesian and English', () => {
    expect(describeHours(hours('Tu-Su 08:00-14:00'), 'id')).toBe('Sel–Min 08.00–14.00');
    expect(describeHours(hours('Tu-Su 08:00-14:00'), 'en')).toBe('Tue–Sun 08:00–14:00');
    expect(describeHours(hours('Mo-Fr 08:00-16:00; Sa 08:00-12:00; Su off'), 'id')).toBe('Sen–Jum 08.00–16.00, Sab 08.00–12.00, Min tutup');
    expect(describeHours(hours('24/7'), 'id')).toBe('Buka 24 jam');
    expect(describeHours(hours('24/7'), 'en')).toBe('Open 24 hours');
    expect(describeHours(null, 'id')).toBe('Jam buka belum diketahui');
    expect(describeHours(hours('unknown'), 'en')).toBe('Opening hours unknown');
    expect(describeHours(hours('Mo 08:00-12:00 "Mo-Fr by appointment"'), 'en')).toBe('Mon 08:00–12:00 "Mo-Fr by appointment"');
  });
});

describe('progress bar', () => {
  it('redraws at most every 100 ms on a terminal, and writes nothing elsewhere', () => {
    let now = 0;
    const tty = capture(true);
    const bar = new ProgressBar(tty, () => now);
    for (let i = 0; i <= 1000; i++) {
      now = i; // one simulated second, a row every millisecond
      bar.update(`row ${i}`, i, 1000);
    }
    bar.clear();
    const draws = tty.text.split('\r').filter((s) => s.startsWith('['));
    expect(draws.length).toBeLessThanOrEqual(1000 / PROGRESS_INTERVAL_MS + 1);
    expect(draws.length).toBeGreaterThanOrEqual(5);
    expect(draws.at(-1)).toContain('100% row 1000');
    expect(tty.text.endsWith('\r\x1b[K')).toBe(true);
    const pipe = capture(false);
    const quiet = new ProgressBar(pipe, () => now);
    quiet.update('row 1', 1, 2);
    quiet.clear();
    expect(pipe.text).toBe('');
  });
});
