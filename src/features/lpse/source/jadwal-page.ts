/**
 * The SPSE schedule page (`/lelang/{kode}/jadwal`): a table "No | Tahap | Mulai | Sampai | Perubahan" with WIB
 * dates in Indonesian ("12 Desember 2026 08:00"). Columns are found by their header texts.
 */
import { SourceFormatError } from './errors.js';
import { loadPage, textOf } from './html-text.js';
import { directRows, headerTexts, mapColumns } from './html-table.js';
import { parseOptionalIndonesianDateTime } from './indonesian-date.js';
import type { Stage } from './tender.js';

const COLUMNS = {
  tahap: /^tahap/i,
  mulai: /^(?:mulai|tanggal mulai|awal)/i,
  sampai: /^(?:sampai|selesai|akhir|tanggal selesai)/i,
};

/**
 * The stages of a jadwal page, in page order. Empty or "-" dates become undefined. Throws
 * {@link SourceFormatError} when there is no schedule table or a date cell is not a date.
 */
export function parseSchedulePage(html: string, location = 'jadwal page'): Stage[] {
  const $ = loadPage(html);
  const table = $('table')
    .filter((_, el) => {
      const headers = headerTexts($, $(el));
      const has = (pattern: RegExp) => headers.some((h) => pattern.test(h));
      return has(COLUMNS.tahap) && (has(COLUMNS.mulai) || has(COLUMNS.sampai));
    })
    .first();
  if (!table.length) {
    throw new SourceFormatError('no schedule table (headers "Tahap", "Mulai", "Sampai")', {
      field: 'jadwal table',
      location,
      hint: 'Open the jadwal page in a browser; if the table changed, update jadwal-page.ts.',
    });
  }
  const columns = mapColumns(headerTexts($, table), COLUMNS, ['tahap', 'mulai', 'sampai'], 'jadwal');
  const stages: Stage[] = [];
  directRows(table).each((_, tr) => {
    const cells = $(tr).children('td');
    if (!cells.length) return;
    const name = textOf(cells.eq(columns.tahap!));
    if (!name) return;
    try {
      const start = parseOptionalIndonesianDateTime(textOf(cells.eq(columns.mulai!)), `jadwal "${name}" Mulai`);
      const end = parseOptionalIndonesianDateTime(textOf(cells.eq(columns.sampai!)), `jadwal "${name}" Sampai`);
      stages.push({ name, ...(start && { start }), ...(end && { end }) });
    } catch (err) {
      throw err instanceof SourceFormatError ? err.at(location) : err;
    }
  });
  return stages;
}
