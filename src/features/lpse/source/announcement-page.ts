/**
 * SPSE announcement pages (pengumuman lelang, pengumuman non tender, pencatatan, darurat, swakelola): one table of
 * label/value rows (`th` label, `td` value; SPSE 4.5 marks labels `th.bgwarning`). Labels, not positions, decide
 * what a row means; nested tables (the RUP list) are skipped.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { Element } from 'domhandler';
import { SourceFormatError } from './errors.js';
import { loadPage, stripBadges, textOf } from './html-text.js';
import { directRows } from './html-table.js';
import { parseMoney } from './money.js';
import type { Tender } from './tender.js';

/** The announcement fields a page can fill. */
export type AnnouncementFields = Partial<
  Pick<
    Tender,
    | 'kode'
    | 'name'
    | 'retender'
    | 'badges'
    | 'instansi'
    | 'satker'
    | 'tahap'
    | 'hps'
    | 'hpsExact'
    | 'hpsText'
    | 'pagu'
    | 'jenis'
    | 'tahunAnggaran'
    | 'metode'
    | 'kualifikasi'
    | 'metodeKualifikasi'
    | 'metodeEvaluasi'
  >
>;

type Setter = (fields: AnnouncementFields, value: string, html: string, label: string) => void;

/** Year in "APBN 2026", "2026", "APBD 2025, APBD 2026" (the first). */
function yearIn(text: string, label: string): number {
  const year = /\b((?:19|20)\d{2})\b/.exec(text)?.[1];
  if (!year) throw new SourceFormatError('expected a fiscal year', { field: label, value: text });
  return Number(year);
}

/** Label patterns and what each fills, first match wins. */
const LABELS: [RegExp, Setter][] = [
  [
    /^kode (?:tender|lelang|paket|non tender|swakelola|pl)$/i,
    (f, v, _h, label) => {
      const kode = v.replace(/\s/g, '');
      if (!/^\d+$/.test(kode)) {
        throw new SourceFormatError('expected the package code (digits)', { field: label, value: v });
      }
      f.kode = kode;
    },
  ],
  [
    /^nama (?:tender|lelang|paket|non tender|swakelola|pl)$/i,
    (f, _v, html) => {
      const name = stripBadges(html);
      f.name = name.text;
      f.badges = name.badges;
      f.retender = name.retender;
    },
  ],
  [/^tahap .*saat ini$/i, (f, v) => (f.tahap = v)],
  [/^(?:k\/l\/pd|instansi)/i, (f, v) => (f.instansi = v)],
  [/^satuan kerja$/i, (f, v) => (f.satker = v)],
  [/^jenis pengadaan$/i, (f, v) => (f.jenis = v)],
  [/^metode (?:pengadaan|pemilihan)$/i, (f, v) => (f.metode = v)],
  [/^metode kualifikasi$/i, (f, v) => (f.metodeKualifikasi = v)],
  [/^metode evaluasi$/i, (f, v) => (f.metodeEvaluasi = v)],
  [/^kualifikasi usaha$/i, (f, v) => (f.kualifikasi = v)],
  [/^tahun anggaran$/i, (f, v, _h, label) => (f.tahunAnggaran = yearIn(v, label))],
  [/^nilai pagu/i, (f, v, _h, label) => (f.pagu = parseMoney(v, label))],
  [
    /^nilai hps/i,
    (f, v, _h, label) => {
      f.hps = parseMoney(v, label);
      f.hpsExact = true;
      f.hpsText = v;
    },
  ],
];

/** The label/value table of the page: the first table under `.content` with `th` labels, else any such table. */
function findFieldTable($: CheerioAPI): Cheerio<Element> {
  const hasLabels = (_: number, el: Element) => directRows($(el)).children('th').length > 1;
  const inContent = $('.content table').filter(hasLabels).first();
  return inContent.length ? inContent : $('table').filter(hasLabels).first();
}

/**
 * The announcement fields of an SPSE package page. Throws {@link SourceFormatError} when the page has no
 * label table or neither a package code nor a name, or when a known field (HPS, pagu, year) is unreadable.
 */
export function parseAnnouncementPage(html: string, location = 'announcement page'): AnnouncementFields {
  const $ = loadPage(html);
  const table = findFieldTable($);
  const fields: AnnouncementFields = {};
  try {
    directRows(table).each((_, tr) => {
      const labels = $(tr).children('th');
      const values = $(tr).children('td');
      labels.each((i, th) => {
        const td = values.eq(i);
        if (!td.length) return;
        const label = textOf($(th));
        const entry = LABELS.find(([pattern]) => pattern.test(label));
        if (entry) entry[1](fields, textOf(td), td.html() ?? '', `pengumuman "${label}"`);
      });
    });
  } catch (err) {
    throw err instanceof SourceFormatError ? err.at(location) : err;
  }
  if (fields.kode === undefined && fields.name === undefined) {
    throw new SourceFormatError('no package code or name found', {
      field: 'pengumuman table',
      location,
      hint: 'Expected rows like "Kode Tender" / "Nama Tender": open the page in a browser and update announcement-page.ts if the labels changed.',
    });
  }
  return fields;
}
