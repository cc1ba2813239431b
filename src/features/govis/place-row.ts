/**
 * One row of a places CSV (the columns of `data/places/kota_probolinggo_poi_seed.csv`) checked and turned into a
 * {@link Place}. Every message names what to write instead; location rules are in `places-location.ts`.
 */
import { z } from 'zod';
import { COORD_PRECISIONS, PLACE_CATEGORIES, type CoordPrecision, type Place } from './place.js';
import { parseOpeningHours } from './opening-hours.js';
import type { PlaceLocator, ResolvedLocation } from './places-location.js';

/** Columns every places CSV must have. */
export const REQUIRED_COLUMNS = ['id', 'name', 'category', 'lat', 'lng', 'sources'] as const;

/**
 * Columns a places CSV may have. `kelurahan_label_lat`/`_lng` and `in_kota_evidence` are accepted for the seed's
 * sake but not stored: the label point comes from `data/geo`, the evidence stays in the CSV.
 */
export const OPTIONAL_COLUMNS = [
  'aliases',
  'subcategory',
  'tags',
  'address',
  'kelurahan',
  'kecamatan',
  'kode_kelurahan',
  'coord_precision',
  'kelurahan_label_lat',
  'kelurahan_label_lng',
  'hours',
  'opening_hours',
  'price',
  'price_level',
  'in_kota_evidence',
  'notes',
] as const;

/** A column of a places CSV. */
export type PlaceCsvColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** One CSV row by column; a column the file lacks is `''`. */
export type PlaceCsvRow = Record<PlaceCsvColumn, string>;

/** Ids: lower-case letters, digits, `-` and `_`, starting with a letter or digit (`w-museum-probolinggo`). */
const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Decimal degrees with a dot. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

const cell = z.string().trim();

/** A text cell stored in a column of at most `max` characters; empty → null. */
function optionalText(max?: number) {
  const checked = max === undefined ? cell : cell.max(max, `at most ${max} characters`);
  return checked.transform((v) => (v === '' ? null : v));
}

/** `a; b; c` → `['a', 'b', 'c']`, without empties or repeats. */
function list(lowerCase: boolean) {
  return cell.transform((v) => [...new Set(v.split(';').map((s) => (lowerCase ? s.trim().toLowerCase() : s.trim())).filter(Boolean))]);
}

/** A coordinate cell: empty → null, else a number within ±`limit`. */
function coordinate(limit: 90 | 180, other: 'lat' | 'lng') {
  return cell.transform((v, ctx) => {
    if (v === '') return null;
    const n = Number(v);
    if (!DECIMAL.test(v) || !Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: `not a number ("${v}"); write decimal degrees with a dot, e.g. ${limit === 90 ? '-7.7498' : '113.2157'}` });
      return z.NEVER;
    }
    if (Math.abs(n) > limit) {
      ctx.addIssue({ code: 'custom', message: `${v} is beyond ±${limit}; are lat and lng swapped? (${other} is the other one)` });
      return z.NEVER;
    }
    return n;
  });
}

const category = cell
  .toLowerCase()
  .transform((v) => (v === 'oleh-oleh' ? 'oleh_oleh' : v))
  .pipe(z.enum(PLACE_CATEGORIES, { error: (iss) => `"${String(iss.input)}" is not a category; use ${PLACE_CATEGORIES.join(', ')} (or oleh-oleh)` }));

/** The `coord_precision` cell: its text, and the precision its first word declares (null when empty). */
const coordPrecision = cell.transform((v, ctx): { text: string; declared: CoordPrecision | null } => {
  if (v === '') return { text: v, declared: null };
  const word = (/^[a-z_]+/i.exec(v)?.[0] ?? '').toLowerCase();
  if ((COORD_PRECISIONS as readonly string[]).includes(word)) return { text: v, declared: word as CoordPrecision };
  ctx.addIssue({ code: 'custom', message: `"${v}" must start with ${COORD_PRECISIONS.join(', ')} (or be empty to work it out)` });
  return z.NEVER;
});

const priceLevel = cell.transform((v, ctx) => {
  if (v === '') return null;
  if (/^[0-3]$/.test(v)) return Number(v);
  ctx.addIssue({ code: 'custom', message: `"${v}" is not a price level; use 0 (gratis), 1 (murah), 2 (sedang), 3 (mahal) or leave it empty` });
  return z.NEVER;
});

const openingHours = cell.transform((v, ctx) => {
  if (v === '') return null;
  const parsed = parseOpeningHours(v);
  if (parsed.ok) return parsed.hours.text;
  ctx.addIssue({ code: 'custom', message: `${parsed.error}; leave it empty when the hours are unknown (the hours column keeps the text)` });
  return z.NEVER;
});

/** The source's wording where it says more than the stored area ("Mangunharjo (perlu konfirmasi)"), for the notes. */
function locationNote(row: { kelurahan: string; kecamatan: string; coordPrecision: string }, at: ResolvedLocation): string | null {
  const parts: string[] = [];
  if (row.kelurahan && row.kelurahan !== at.kelurahan) parts.push(`kelurahan "${row.kelurahan}"`);
  if (row.kecamatan && row.kecamatan !== at.kecamatan) parts.push(`kecamatan "${row.kecamatan}"`);
  if (row.coordPrecision && row.coordPrecision.toLowerCase() !== at.coordPrecision) parts.push(`koordinat: ${row.coordPrecision}`);
  return parts.length ? `Lokasi menurut sumber: ${parts.join('; ')}` : null;
}

/**
 * The schema of one row: checks every cell, then the location with `locator` (published coordinates inside the
 * city, or a known kelurahan, or a coarser precision the row declares). Issues carry the column as their path.
 */
export function placeRowSchema(locator: PlaceLocator) {
  return z
    .object({
      id: cell.min(1, 'required').regex(ID, 'use lower-case letters, digits, "-" and "_" (at most 64), e.g. w-museum-probolinggo'),
      name: cell.min(1, 'required').max(200, 'at most 200 characters'),
      aliases: list(false),
      category,
      subcategory: optionalText(100),
      tags: list(true),
      address: optionalText(300),
      kelurahan: cell,
      kecamatan: cell,
      kode_kelurahan: cell,
      lat: coordinate(90, 'lng'),
      lng: coordinate(180, 'lat'),
      coord_precision: coordPrecision,
      hours: optionalText(),
      opening_hours: openingHours,
      price: optionalText(),
      price_level: priceLevel,
      sources: cell.min(1, 'say where the facts come from: web pages separated by " | "'),
      notes: optionalText(),
    })
    .transform((row, ctx): Place => {
      const found = locator.resolve({
        lat: row.lat,
        lon: row.lng,
        kelurahan: row.kelurahan,
        kecamatan: row.kecamatan,
        kelurahanCode: row.kode_kelurahan,
        declared: row.coord_precision.declared,
      });
      if (!found.ok) {
        ctx.addIssue({ code: 'custom', path: [found.problem.column], message: found.problem.message });
        return z.NEVER;
      }
      const at = found.location;
      const note = locationNote({ kelurahan: row.kelurahan, kecamatan: row.kecamatan, coordPrecision: row.coord_precision.text }, at);
      return {
        id: row.id,
        name: row.name,
        aliases: row.aliases,
        category: row.category,
        subcategory: row.subcategory,
        tags: row.tags,
        address: row.address,
        kelurahan: at.kelurahan,
        kecamatan: at.kecamatan,
        kelurahanCode: at.kelurahanCode,
        lat: at.lat,
        lon: at.lon,
        coordPrecision: at.coordPrecision,
        openingHours: row.opening_hours,
        hoursText: row.hours,
        priceLevel: row.price_level,
        priceText: row.price,
        sources: row.sources,
        notes: [row.notes, note].filter(Boolean).join('\n') || null,
      };
    });
}
