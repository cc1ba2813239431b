/**
 * GOVIS's `places` table: the places the recommender suggests (seeded from `data/places`, replaced or merged by
 * `pintu places import`). Read and written with plain SQL (`place-store.ts`); the entity exists for the schema and
 * its migrations.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A place. `lat`/`lon` are always set, but only `coord_precision = 'published'` makes them the place's own point
 * (see `CoordPrecision` in `features/govis/place.ts`). `id` is the CSV's id, stable across imports.
 */
export const PlaceEntity = defineEntity({
  name: 'PlaceEntity',
  tableName: 'places',
  properties: {
    id: p.string().length(64).primary(),
    name: p.string().length(200),
    aliases: p.json<string[]>(),
    category: p.string().length(16).index(),
    subcategory: p.string().length(100).nullable(),
    tags: p.json<string[]>(),
    address: p.string().length(300).nullable(),
    kelurahan: p.string().length(100).nullable(),
    kecamatan: p.string().length(100).nullable(),
    kelurahanCode: p.string().length(20).nullable(),
    lat: p.double(),
    lon: p.double(),
    coordPrecision: p.string().length(16),
    // OpenStreetMap caps tag values at 255 characters.
    openingHours: p.string().length(255).nullable(),
    hoursText: p.text().nullable(),
    priceLevel: p.integer().nullable(),
    priceText: p.text().nullable(),
    sources: p.text(),
    notes: p.text().nullable(),
    updatedAt: p.datetime(),
  },
  // Bounding-box searches ("near me") filter on both.
  indexes: [{ properties: ['lat', 'lon'] }],
});
/** A row of {@link PlaceEntity}. */
export type PlaceEntityRow = InferEntity<typeof PlaceEntity>;

/** Every entity of GOVIS, for the ORM's discovery. */
export const placeEntities = [PlaceEntity];
