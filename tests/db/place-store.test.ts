/** GOVIS places in the database, on SQLite and PostgreSQL: round trips, replace and merge, all or nothing, the seed. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { openDatabase } from '../../src/db/orm.js';
import { PLACE_BATCH, SqlPlaceStore } from '../../src/db/place-store.js';
import type { Place } from '../../src/features/govis/place.js';
import { ensureSeedPlaces } from '../../src/features/govis/places-seed.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';

/** A complete place: every field set, doubles with many digits, text with quotes and non-ASCII. */
function place(id: string, overrides: Partial<Place> = {}): Place {
  return {
    id,
    name: `Warung "Bu Sri" ${id} – ayam geprek`,
    aliases: ['Warung Sri', "Sri's"],
    category: 'kuliner',
    subcategory: 'warung/lesehan',
    tags: ['keluarga', 'murah'],
    address: 'Jl. Suroyo No. 17',
    kelurahan: 'Tisnonegaran',
    kecamatan: 'Kanigaran',
    kelurahanCode: '35.74.04.1001',
    lat: -7.749833123456,
    lon: 113.215750987654,
    coordPrecision: 'published',
    openingHours: 'Tu-Su 08:00-14:00',
    hoursText: 'Selasa–Minggu 08.00–14.00',
    priceLevel: 1,
    priceText: 'Rp15.000/porsi',
    sources: 'https://example.org/a | https://example.org/b',
    notes: 'Baris 1\nBaris 2',
    ...overrides,
  };
}

/** A place with every optional fact unknown. */
function bare(id: string): Place {
  return place(id, {
    aliases: [],
    tags: [],
    subcategory: null,
    address: null,
    kelurahan: null,
    kecamatan: null,
    kelurahanCode: null,
    coordPrecision: 'unknown',
    openingHours: null,
    hoursText: null,
    priceLevel: null,
    priceText: null,
    notes: null,
  });
}

describe.each(DIALECTS)('places store on %s', (dialect) => {
  let db: TestDatabase;
  let orm: MikroORM;
  let store: SqlPlaceStore;
  const at = new Date('2026-11-29T10:00:00.123Z');

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    orm = await openDatabase(db.url);
    store = new SqlPlaceStore(orm);
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });
  beforeEach(async () => {
    await store.replaceAll([], at);
  });

  it('round-trips every field, unknown ones as null', async () => {
    await store.replaceAll([place('k-b'), bare('k-a')], at);
    expect(await store.count()).toBe(2);
    expect(await store.all()).toEqual([
      { ...bare('k-a'), updatedAt: at },
      { ...place('k-b'), updatedAt: at },
    ]);
  });

  it('replaceAll removes what the new list lacks; upsertMany updates, adds and keeps', async () => {
    await store.replaceAll([place('k-1'), place('k-2'), place('k-3')], at);
    const later = new Date('2026-11-30T00:00:00Z');
    await store.upsertMany([place('k-2', { name: 'Dua baru', priceLevel: null }), place('k-4')], later);
    const merged = await store.all();
    expect(merged.map((p) => [p.id, p.name.slice(0, 8), p.updatedAt.toISOString()])).toEqual([
      ['k-1', 'Warung "', at.toISOString()],
      ['k-2', 'Dua baru', later.toISOString()],
      ['k-3', 'Warung "', at.toISOString()],
      ['k-4', 'Warung "', later.toISOString()],
    ]);
    expect(merged[1]!.priceLevel).toBeNull();
    await store.replaceAll([place('k-9')], later);
    expect((await store.all()).map((p) => p.id)).toEqual(['k-9']);
  });

  it('writes many batches, and a failure in a late batch leaves the previous places untouched', async () => {
    const n = PLACE_BATCH * 3 + 7;
    const many = Array.from({ length: n }, (_, i) => place(`p-${String(i).padStart(5, '0')}`));
    const progress: number[] = [];
    await store.replaceAll(many, at, (written) => progress.push(written));
    expect(await store.count()).toBe(n);
    expect(progress).toEqual([PLACE_BATCH, PLACE_BATCH * 2, PLACE_BATCH * 3, n]);
    const before = await store.all();
    // NOT NULL `sources` fails in the third batch, after two batches went in.
    const broken = Array.from({ length: n }, (_, i) => place(`q-${i}`, i === PLACE_BATCH * 2 + 3 ? { sources: null as unknown as string } : {}));
    await expect(store.replaceAll(broken, at)).rejects.toThrow();
    expect(await store.all()).toEqual(before);
    await expect(store.upsertMany(broken, at)).rejects.toThrow();
    expect(await store.count()).toBe(n);
  });

  it('refuses repeated ids before writing anything', async () => {
    await store.replaceAll([place('k-1')], at);
    await expect(store.replaceAll([place('k-2'), place('k-2')], at)).rejects.toThrow('Place id "k-2" appears more than once; ids must be unique. Nothing was written.');
    await expect(store.upsertMany([place('k-3'), place('k-3')], at)).rejects.toThrow(/appears more than once/);
    expect((await store.all()).map((p) => p.id)).toEqual(['k-1']);
  });

  it('loads the shipped seed on first start only', async () => {
    expect(await ensureSeedPlaces(store, { now: at })).toBe(34);
    const seeded = await store.all();
    expect(seeded).toHaveLength(34);
    expect(seeded.find((p) => p.id === 'w-museum-probolinggo')).toMatchObject({ coordPrecision: 'published', lat: -7.749833, lon: 113.21575 });
    expect(seeded.filter((p) => p.coordPrecision === 'unknown')).toHaveLength(10);
    // Something is stored: an operator's import is never overwritten by the seed.
    await store.replaceAll([place('k-own')], at);
    expect(await ensureSeedPlaces(store)).toBe(0);
    expect((await store.all()).map((p) => p.id)).toEqual(['k-own']);
  });

  it('two processes starting at once both seed without failing', async () => {
    const other = await openDatabase(db.url);
    try {
      const results = await Promise.all([ensureSeedPlaces(store, { now: at }), ensureSeedPlaces(new SqlPlaceStore(other), { now: at })]);
      expect(results.every((n) => n === 0 || n === 34)).toBe(true);
      expect(await store.count()).toBe(34);
    } finally {
      await other.close(true);
    }
  });
});
