/**
 * Reads a places CSV as a stream (csv-parse): the header is checked before any row, then every row goes through
 * {@link placeRowSchema} and the id-uniqueness check. Bad rows are reported as they come and collected; the caller
 * decides (an import writes nothing when any row is bad).
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1, the first place row 2.
 */
import type { Readable } from 'node:stream';
import { CsvError, parse, type Parser } from 'csv-parse';
import type { CityMap } from '../../geo/city-map.js';
import type { Place } from './place.js';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS, placeRowSchema, type PlaceCsvColumn, type PlaceCsvRow } from './place-row.js';
import { PlaceLocator } from './places-location.js';

/** A row that cannot be imported, with every problem found in it. */
export interface BadRow {
  row: number;
  /** The row's id cell, when it has one. */
  id: string | null;
  /** `column: what is wrong and what to do` (or a problem of the whole row). */
  problems: string[];
}

/** What a CSV held. */
export interface PlacesCsvResult {
  /** The good rows as places, in file order. */
  places: Place[];
  /** Place rows read (good and bad). */
  rows: number;
  bad: BadRow[];
}

/** The header is wrong: the file cannot be read as places at all. */
export class PlacesHeaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlacesHeaderError';
  }
}

/** The file is not well-formed CSV (e.g. an unclosed quote) from some row on. */
export class PlacesCsvSyntaxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PlacesCsvSyntaxError';
  }
}

/** Options of {@link readPlacesCsv}. */
export interface ReadPlacesOptions {
  cityMap: CityMap;
  /** Called with each bad row as soon as it is found. */
  onBadRow?: (bad: BadRow) => void;
  /** Called after each row with the number of place rows read so far. */
  onRow?: (rows: number) => void;
}

const KNOWN = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

/** Likely meant: the seed's names for columns people often spell differently. */
const SPELLINGS: Record<string, PlaceCsvColumn> = {
  lon: 'lng',
  long: 'lng',
  longitude: 'lng',
  latitude: 'lat',
  kelurahan_code: 'kode_kelurahan',
  kode: 'kode_kelurahan',
  source: 'sources',
  tag: 'tags',
  alias: 'aliases',
  price_text: 'price',
  hours_text: 'hours',
};

/** `name → "name" (did you mean "x"?)`. */
function describeUnknown(name: string): string {
  const meant = SPELLINGS[name.toLowerCase()];
  return meant ? `"${name}" (did you mean "${meant}"?)` : `"${name}"`;
}

/** The header's column names, checked: all required ones, no unknown or repeated ones. */
export function checkHeader(header: readonly string[]): PlaceCsvColumn[] {
  const names = header.map((h) => h.trim());
  const problems: string[] = [];
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) problems.push(`missing ${missing.map((c) => `"${c}"`).join(', ')}`);
  const unknown = names.filter((n) => !KNOWN.has(n));
  if (unknown.length) problems.push(`unknown ${unknown.map(describeUnknown).join(', ')}`);
  const repeated = names.filter((n, i) => n !== '' && names.indexOf(n) !== i);
  if (repeated.length) problems.push(`repeated ${[...new Set(repeated)].map((c) => `"${c}"`).join(', ')}`);
  if (problems.length) {
    throw new PlacesHeaderError(
      `The CSV header is wrong: ${problems.join('; ')}. The first line must name the columns: required ${REQUIRED_COLUMNS.join(', ')}; ` +
        `optional ${OPTIONAL_COLUMNS.join(', ')} (see data/places/kota_probolinggo_poi_seed.csv).`,
    );
  }
  return names as PlaceCsvColumn[];
}

/** Builds rows from cells for one header: every known column, `''` where the file lacks it. */
function rowBuilder(columns: readonly PlaceCsvColumn[]): (cells: readonly string[]) => PlaceCsvRow {
  // Copies of one template share its shape, which keeps the per-row work cheap.
  const template = Object.fromEntries([...KNOWN].map((c) => [c, ''])) as PlaceCsvRow;
  return (cells) => {
    const row = { ...template };
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = cells[i] ?? '';
    return row;
  };
}

/**
 * Feeds each record of `parser` to `onRecord` as fast as it comes (a synchronous loop per chunk, no promise per
 * record). Resolves at the end; rejects when the parser fails or `onRecord` throws (and stops the parser).
 */
function eachRecord(parser: Parser, onRecord: (cells: string[]) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    parser.on('readable', () => {
      try {
        for (let cells = parser.read() as string[] | null; cells !== null; cells = parser.read() as string[] | null) onRecord(cells);
      } catch (err) {
        parser.destroy();
        reject(err);
      }
    });
    parser.once('error', reject);
    parser.once('end', resolve);
  });
}

/**
 * Reads places from `input` (UTF-8 CSV, optional BOM). Throws {@link PlacesHeaderError} before reading any row
 * when the header is wrong, and {@link PlacesCsvSyntaxError} when the CSV is malformed.
 */
export async function readPlacesCsv(input: Readable, options: ReadPlacesOptions): Promise<PlacesCsvResult> {
  const schema = placeRowSchema(new PlaceLocator(options.cityMap));
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  input.once('error', (err) => parser.destroy(err));
  const places: Place[] = [];
  const bad: BadRow[] = [];
  const firstRowOfId = new Map<string, number>();
  let columns: PlaceCsvColumn[] | undefined;
  let rowOf: ReturnType<typeof rowBuilder> = () => ({}) as PlaceCsvRow;
  let idAt = -1;
  let rows = 0;

  const onRecord = (cells: string[]) => {
    if (!columns) {
      columns = checkHeader(cells);
      rowOf = rowBuilder(columns);
      idAt = columns.indexOf('id');
      return;
    }
    rows++;
    const rowNumber = rows + 1;
    const id = cells[idAt]?.trim() || null;
    const problems: string[] = [];
    if (cells.length !== columns.length) problems.push(`has ${cells.length} cells but the header has ${columns.length} columns; check the quotes and commas`);
    if (id !== null) {
      const first = firstRowOfId.get(id);
      if (first !== undefined) problems.push(`id: "${id}" is already used by row ${first}; ids must be unique`);
      else firstRowOfId.set(id, rowNumber);
    }
    if (problems.length === 0) {
      const parsed = schema.safeParse(rowOf(cells));
      if (parsed.success) places.push(parsed.data);
      else problems.push(...parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`));
    }
    if (problems.length) {
      const b: BadRow = { row: rowNumber, id, problems };
      bad.push(b);
      options.onBadRow?.(b);
    }
    options.onRow?.(rows);
  };

  try {
    await eachRecord(parser, onRecord);
  } catch (err) {
    if (err instanceof CsvError) {
      throw new PlacesCsvSyntaxError(`row ${rows + 2}: the file is not valid CSV (${err.message}); fix the quoting there`, { cause: err });
    }
    throw err;
  } finally {
    parser.destroy();
    if (!input.destroyed) input.destroy();
  }
  if (!columns) throw new PlacesHeaderError(`The file is empty; it needs a header line (${REQUIRED_COLUMNS.join(', ')}, …) and one row per place.`);
  return { places, rows, bad };
}

/** `row 17 (id w-xyz): lat: outside Kota Probolinggo (3.2 km from the boundary)` */
export function formatBadRow(bad: BadRow): string {
  return `row ${bad.row}${bad.id ? ` (id ${bad.id})` : ''}: ${bad.problems.join('; ')}`;
}
