/**
 * `pintu places import FILE.csv [--dry-run] [--mode merge|replace]`: checks every row of a places CSV and loads
 * them all in one transaction, or nothing. One line per bad row on stderr; a wrong header stops before any row
 * (exit 2); any bad row imports nothing (exit 1). A progress bar on stderr when it is a terminal; the outcome on
 * stdout.
 *
 * The database is reached through `openStore` (wired in `cli.ts`), so this feature module does not import `db/`,
 * and `--dry-run` never opens the database at all.
 */
import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCityMap, type CityMap } from '../../geo/city-map.js';
import { COORD_PRECISIONS, type Place, type PlaceStore } from './place.js';
import { PlacesCsvSyntaxError, PlacesHeaderError, formatBadRow, readPlacesCsv } from './places-csv.js';
import { ProgressBar, type ProgressOutput } from './places-progress.js';

/** Usage of the places import command. */
export const PLACES_IMPORT_USAGE = `  places import FILE.csv [--dry-run] [--mode merge|replace]
                 check a places CSV (columns as data/places/kota_probolinggo_poi_seed.csv) and load
                 all of it in one transaction: merge (default) adds and updates by id, replace also
                 removes places not in the file; any bad row imports nothing; --dry-run only checks
`;

/** How an import treats the places already stored. */
export type ImportMode = 'merge' | 'replace';

/** What the command talks to. */
export interface PlacesImportIo {
  stdout: { write(text: string): unknown };
  /** Bad rows, errors and (on a terminal) the progress bar. */
  stderr: ProgressOutput;
  /** Opens the store to write to; called only when the file is good and it is not a dry run. */
  openStore(): Promise<{ store: PlaceStore; close(): Promise<void> }>;
  /** Default: the shipped map of `data/geo`. */
  cityMap?: CityMap;
  /** The import's timestamp. Default: the current time. */
  now?: () => Date;
}

/** A bad command line: exit code 2. */
class UsageError extends Error {}

function options(args: string[]): { file: string; dryRun: boolean; mode: ImportMode } {
  let parsed;
  try {
    parsed = parseArgs({ args, strict: true, allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, mode: { type: 'string' } } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the CSV file to import' : `give one CSV file, not ${positionals.length}`);
  const mode = values.mode ?? 'merge';
  if (mode !== 'merge' && mode !== 'replace') throw new UsageError(`--mode must be merge or replace, not "${mode}"`);
  return { file: positionals[0]!, dryRun: values['dry-run'] === true, mode };
}

/** "1,234". */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "2 published, 19 kelurahan, 3 kecamatan, 10 unknown". */
function precisions(places: readonly Place[]): string {
  return COORD_PRECISIONS.map((p) => [p, places.filter((x) => x.coordPrecision === p).length] as const)
    .filter(([, n]) => n > 0)
    .map(([p, n]) => `${count(n)} ${p}`)
    .join(', ');
}

/** Seconds from `from` to `to` (default now), to a tenth. */
function seconds(from: number, to: number = performance.now()): string {
  return ((to - from) / 1000).toFixed(1);
}

/** Runs `places import` with `args` (the words after `import`); returns the exit code. */
export async function placesImportCommand(args: string[], io: PlacesImportIo): Promise<number> {
  let opts: ReturnType<typeof options>;
  let size: number;
  try {
    opts = options(args);
    try {
      size = statSync(opts.file).size;
    } catch (err) {
      throw new UsageError(`cannot read ${opts.file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give the path of a CSV file`);
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`pintu places import: ${err.message}\nUsage:\n${PLACES_IMPORT_USAGE}`);
    return 2;
  }
  const { file, dryRun, mode } = opts;
  const started = performance.now();
  const progress = new ProgressBar(io.stderr);
  const input = createReadStream(file);
  let result;
  try {
    result = await readPlacesCsv(input, {
      cityMap: io.cityMap ?? loadCityMap(),
      onBadRow: (bad) => {
        progress.clear();
        io.stderr.write(`${formatBadRow(bad)}\n`);
      },
      onRow: (rows) => progress.update(`checking row ${count(rows)}`, input.bytesRead, size),
    });
  } catch (err) {
    progress.clear();
    if (err instanceof PlacesHeaderError) {
      io.stderr.write(`pintu places import: ${file}: ${err.message} Nothing was imported.\n`);
      return 2;
    }
    if (err instanceof PlacesCsvSyntaxError) {
      io.stderr.write(`pintu places import: ${file}: ${err.message}. Nothing was imported.\n`);
      return 1;
    }
    throw err;
  }
  progress.clear();
  const { places, rows, bad } = result;
  if (bad.length > 0) {
    io.stderr.write(`${count(bad.length)} of ${count(rows)} rows are bad (listed above), so nothing was imported. Fix them and run the import again.\n`);
    return 1;
  }
  if (places.length === 0) {
    io.stderr.write(`${file} has a header but no places, so nothing was imported. Add one row per place.\n`);
    return 1;
  }
  if (dryRun) {
    io.stdout.write(`Dry run: all ${count(rows)} rows of ${file} are good (coordinates: ${precisions(places)}); nothing was written. Run it again without --dry-run to import (--mode ${mode}).\n`);
    return 0;
  }
  const checked = performance.now();
  const { store, close } = await io.openStore();
  try {
    const before = await store.count();
    const at = io.now?.() ?? new Date();
    const onProgress = (written: number, total: number) => progress.update(`writing ${count(written)} of ${count(total)} places`, written, total);
    try {
      await (mode === 'replace' ? store.replaceAll(places, at, onProgress) : store.upsertMany(places, at, onProgress));
    } catch (err) {
      progress.clear();
      io.stderr.write(`pintu places import: writing to the database failed (${(err as Error).message}); the transaction was rolled back, so nothing was imported. Check the database and run the import again.\n`);
      return 1;
    }
    progress.clear();
    const after = await store.count();
    const what =
      `${count(places.length)} places from ${file} in ${seconds(started)} s (checking ${seconds(started, checked)} s, writing ${seconds(checked)} s; ` +
      `coordinates: ${precisions(places)})`;
    if (mode === 'replace') {
      io.stdout.write(`Imported ${what}; they replace the ${count(before)} stored before.\n`);
    } else {
      const added = after - before;
      const kept = before - (places.length - added);
      io.stdout.write(
        `Imported ${what}: ${count(added)} added, ${count(places.length - added)} updated; ${count(kept)} stored places not in the file were kept` +
          `${kept > 0 ? ' (--mode replace removes them)' : ''}.\n`,
      );
    }
    return 0;
  } finally {
    await close();
  }
}
