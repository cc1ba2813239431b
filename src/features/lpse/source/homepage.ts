/**
 * The LPSE homepage (`GET /{lpse}/`, no session needed) lists the packages open for registration in two tables,
 * Tender and Non Tender: "No | Nama Paket | HPS | Akhir Pendaftaran", grouped by jenis pengadaan under full-width
 * group rows. It is the cheapest source of an exact HPS and the registration deadline.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { Element } from 'domhandler';
import { SourceFormatError } from './errors.js';
import { isRetenderBadge, loadPage, textOf } from './html-text.js';
import { normalizeSpace } from './plain-text.js';
import { directRows, headerTexts, mapColumns } from './html-table.js';
import { parseIndonesianDateTime } from './indonesian-date.js';
import { parseMoney } from './money.js';
import type { Tender, TenderKind } from './tender.js';

/** Options of {@link parseHomepage}. */
export interface HomepageOptions {
  /** The LPSE base URL; package links are resolved against it. */
  baseUrl: string;
  /** The LPSE's own instansi (the homepage does not show one), e.g. "Kota Probolinggo". Default "". */
  instansi?: string;
}

const COLUMNS = { name: /^nama paket$/i, hps: /^hps$/i, deadline: /akhir pendaftaran/i };
/** Package links: `/{lpse}/lelang/{kode}/pengumumanlelang`, `/{lpse}/nontender/{kode}/pengumumanpl`. */
const PACKAGE_LINK = /\/(lelang|nontender|pl)\/(\d+)\//;
/** Badges that only say which SPSE version runs the package. */
const VERSION_BADGE = /^spse\b/i;

function isPackageTable($: CheerioAPI, table: Cheerio<Element>): boolean {
  const headers = headerTexts($, table);
  return headers.some((h) => COLUMNS.name.test(h)) && headers.some((h) => COLUMNS.hps.test(h));
}

/** The jenis named by a group row ("Pekerjaan Konstruksi" with its count badge removed). */
function groupName(cell: Cheerio<Element>): string {
  const bold = cell.find('b, strong').first();
  if (bold.length) return textOf(bold);
  const copy = cell.clone();
  copy.find('.badge').remove();
  return textOf(copy);
}

function parseRow(
  $: CheerioAPI,
  cells: Cheerio<Element>,
  columns: { name: number; hps: number; deadline?: number },
  jenis: string | undefined,
  options: HomepageOptions,
): Tender {
  const nameCell = cells.eq(columns.name);
  const link = nameCell.find('a[href]').first();
  const href = link.attr('href') ?? '';
  const match = PACKAGE_LINK.exec(href);
  if (!match) {
    throw new SourceFormatError('expected a package link like /lelang/{kode}/pengumumanlelang', {
      field: 'homepage "Nama Paket" link',
      value: href || textOf(nameCell),
    });
  }
  const kind: TenderKind = match[1] === 'lelang' ? 'tender' : 'nontender';
  const badges = nameCell
    .find('.badge, .label')
    .toArray()
    .map((el) => textOf($(el)))
    .filter(Boolean);
  const metode = badges.find((b) => !VERSION_BADGE.test(b) && !isRetenderBadge(b));
  const hpsText = textOf(cells.eq(columns.hps));
  const tender: Tender = {
    kode: match[2]!,
    name: normalizeSpace(link.text()),
    retender: badges.some(isRetenderBadge),
    badges,
    kind,
    instansi: options.instansi ?? '',
    tahap: '',
    hps: parseMoney(hpsText, 'homepage "HPS"'),
    hpsExact: true,
    hpsText,
    url: new URL(href, options.baseUrl).href,
    source: 'spse',
  };
  if (jenis) tender.jenis = jenis;
  if (metode) tender.metode = metode;
  if (columns.deadline !== undefined) {
    tender.registrationDeadline = parseIndonesianDateTime(
      textOf(cells.eq(columns.deadline)),
      'homepage "Akhir Pendaftaran"',
    );
  }
  return tender;
}

/**
 * Every package in the homepage's Tender and Non Tender tables (or in a fragment holding one of them). Throws
 * {@link SourceFormatError} when no such table is found or a row cannot be read.
 */
export function parseHomepage(html: string, options: HomepageOptions): Tender[] {
  const $ = loadPage(html);
  const tables = $('table').filter((_, el) => isPackageTable($, $(el)));
  if (!tables.length) {
    throw new SourceFormatError('no package table (headers "Nama Paket", "HPS")', {
      field: 'homepage tables',
      location: options.baseUrl,
      hint: 'Open the LPSE homepage in a browser; if its Tender/Non Tender tables changed, update homepage.ts.',
    });
  }
  const tenders: Tender[] = [];
  tables.each((t, el) => {
    const table = $(el);
    const columns = mapColumns(headerTexts($, table), COLUMNS, ['name', 'hps'], 'homepage');
    let jenis: string | undefined;
    directRows(table).each((r, tr) => {
      const cells = $(tr).children('td');
      if (!cells.length) return;
      if (cells.length === 1 && Number(cells.attr('colspan') ?? 1) > 1) {
        jenis = groupName(cells.first()) || undefined;
        return;
      }
      try {
        tenders.push(parseRow($, cells, columns as { name: number; hps: number; deadline?: number }, jenis, options));
      } catch (err) {
        // Rows are counted as the page shows them: the header row is row 1.
        throw err instanceof SourceFormatError ? err.at(`homepage table ${t + 1}, row ${r + 1}`) : err;
      }
    });
  });
  return tenders;
}
