/**
 * {@link PlaceStore} over the `places` table, in plain SQL both dialects take. Writes go in one transaction as
 * multi-row inserts of {@link PLACE_BATCH} rows, so a 100,000-place import is a few hundred statements and a failure
 * anywhere leaves the table as it was.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { Place, PlaceStore, StoredPlace, WriteProgress } from '../features/govis/place.js';
import { openDatabase } from './orm.js';
import { Sql, type SqlTx } from './sql.js';

/**
 * Rows per insert: 20 parameters each, so 10,000 per statement, well under SQLite's 32,766 and PostgreSQL's
 * 65,535 and large enough that statement overhead stops mattering.
 */
export const PLACE_BATCH = 500;

/** The columns written, in order; all but the key are replaced when merging. */
const COLUMNS = [
  'id',
  'name',
  'aliases',
  'category',
  'subcategory',
  'tags',
  'address',
  'kelurahan',
  'kecamatan',
  'kelurahan_code',
  'lat',
  'lon',
  'coord_precision',
  'opening_hours',
  'hours_text',
  'price_level',
  'price_text',
  'sources',
  'notes',
  'updated_at',
] as const;

/** A `places` row as the drivers return it (SQLite: the date as epoch ms, JSON as text). */
type PlaceRow = Record<(typeof COLUMNS)[number], unknown>;

const ROW_PLACEHOLDERS = `(${COLUMNS.map(() => '?').join(', ')})`;
const MERGE = `on conflict (id) do update set ${COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`;

/** An insert of `rows` places; with `merge`, an existing id is updated instead. */
function insertSql(rows: number, merge: boolean): string {
  const values = Array.from({ length: rows }, () => ROW_PLACEHOLDERS).join(', ');
  return `insert into places (${COLUMNS.join(', ')}) values ${values}${merge ? ` ${MERGE}` : ''}`;
}

/** Throws before anything is written when an id repeats: one statement would otherwise fail halfway. */
function assertUniqueIds(places: readonly Place[]): void {
  const seen = new Set<string>();
  for (const p of places) {
    if (seen.has(p.id)) throw new RangeError(`Place id "${p.id}" appears more than once; ids must be unique. Nothing was written.`);
    seen.add(p.id);
  }
}

/** Stores GOVIS places; see {@link PlaceStore}. */
export class SqlPlaceStore implements PlaceStore {
  private readonly sql: Sql;

  constructor(orm: MikroORM) {
    this.sql = new Sql(orm);
  }

  async all(): Promise<StoredPlace[]> {
    const rows = await this.sql.all<PlaceRow>(`select ${COLUMNS.join(', ')} from places order by id`);
    return rows.map((row) => this.toPlace(row));
  }

  async count(): Promise<number> {
    const [row] = await this.sql.all<{ n: number | string }>('select count(*) as n from places');
    return Number(row?.n ?? 0);
  }

  async replaceAll(places: readonly Place[], at: Date, onProgress?: WriteProgress): Promise<void> {
    assertUniqueIds(places);
    await this.sql.transaction(async (tx) => {
      await tx.run('delete from places');
      await this.insert(tx, places, at, false, onProgress);
    });
  }

  async upsertMany(places: readonly Place[], at: Date, onProgress?: WriteProgress): Promise<void> {
    assertUniqueIds(places);
    await this.sql.transaction((tx) => this.insert(tx, places, at, true, onProgress));
  }

  private async insert(tx: SqlTx, places: readonly Place[], at: Date, merge: boolean, onProgress?: WriteProgress): Promise<void> {
    const updatedAt = this.sql.date(at);
    for (let i = 0; i < places.length; i += PLACE_BATCH) {
      const batch = places.slice(i, i + PLACE_BATCH);
      await tx.run(
        insertSql(batch.length, merge),
        batch.flatMap((p) => [
          p.id,
          p.name,
          this.sql.json(p.aliases),
          p.category,
          p.subcategory,
          this.sql.json(p.tags),
          p.address,
          p.kelurahan,
          p.kecamatan,
          p.kelurahanCode,
          p.lat,
          p.lon,
          p.coordPrecision,
          p.openingHours,
          p.hoursText,
          p.priceLevel,
          p.priceText,
          p.sources,
          p.notes,
          updatedAt,
        ]),
      );
      onProgress?.(i + batch.length, places.length);
    }
  }

  private toPlace(row: PlaceRow): StoredPlace {
    const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
    return {
      id: String(row.id),
      name: String(row.name),
      aliases: this.sql.readJson<string[]>(row.aliases) ?? [],
      category: String(row.category) as Place['category'],
      subcategory: text(row.subcategory),
      tags: this.sql.readJson<string[]>(row.tags) ?? [],
      address: text(row.address),
      kelurahan: text(row.kelurahan),
      kecamatan: text(row.kecamatan),
      kelurahanCode: text(row.kelurahan_code),
      lat: Number(row.lat),
      lon: Number(row.lon),
      coordPrecision: String(row.coord_precision) as Place['coordPrecision'],
      openingHours: text(row.opening_hours),
      hoursText: text(row.hours_text),
      priceLevel: row.price_level === null || row.price_level === undefined ? null : Number(row.price_level),
      priceText: text(row.price_text),
      sources: String(row.sources),
      notes: text(row.notes),
      updatedAt: this.sql.readDate(row.updated_at),
    };
  }
}

/** A {@link SqlPlaceStore} on its own connection (for commands), and how to close it. */
export async function openPlaceStore(databaseUrl: string): Promise<{ store: SqlPlaceStore; close(): Promise<void> }> {
  const orm = await openDatabase(databaseUrl, { poolMax: 1 });
  return { store: new SqlPlaceStore(orm), close: () => orm.close(true) };
}
