/** Reading the LPSE captures shipped in data/lpse-fixtures (see its PROVENANCE.md). */
import { readFileSync } from 'node:fs';
import { dataPath } from '../../src/core/data-path.js';

/** A fixture file as text, e.g. `fixtureText('spse_homepage/kalbarprov_home_tender_table.fragment.html')`. */
export function fixtureText(relative: string): string {
  return readFileSync(dataPath('lpse-fixtures', relative), 'utf8');
}

/** A fixture file as parsed JSON. */
export function fixtureJson<T = unknown>(relative: string): T {
  return JSON.parse(fixtureText(relative)) as T;
}

/** The two real 16-column SPSE 4.5 tender rows (Kota Singkawang, TA 2026). */
export function realTenderRows(): unknown[][] {
  return fixtureJson<unknown[][]>('spse_list/dt_lelang_singkawangkota_2026.rows.json');
}

/** The `data` rows of a DataTables capture. */
export function dataTablesRows(relative: string): unknown[][] {
  return fixtureJson<{ data: unknown[][] }>(relative).data;
}
