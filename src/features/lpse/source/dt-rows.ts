/**
 * SPSE list endpoints (`POST /{lpse}/dt/{list}`) answer DataTables JSON whose rows are bare arrays. The layout
 * differs by list and by SPSE version:
 *
 * - SPSE 4.5 tender list, 16 columns: kode, nama (with badge HTML), instansi, tahap, HPS "15,9 M",
 *   metode kualifikasi, metode pemilihan, metode evaluasi, "Pekerjaan Konstruksi - TA 2026", versi,
 *   nilai kontrak, then flags and nulls.
 * - Older tender list, 9 columns: kode, nama, instansi, tahap, "", tahun, "", "", "Pengadaan Barang - 2025".
 * - Pencatatan (nonspk) 9 columns, swakelola and darurat 8 columns: HPS, metode, jenis, tahun, versi, status.
 *
 * Every layout starts with kode, nama, instansi (checked by content). The remaining columns are recognised by
 * what they contain, not where they sit, so a reordered or extended layout still parses, and a column that no
 * longer makes sense fails with a {@link SourceFormatError} naming it.
 */
import { SourceFormatError, SourceUnavailableError } from './errors.js';
import { stripBadges } from './html-text.js';
import { normalizeSpace } from './plain-text.js';
import { isAbbreviatedMoney, isRupiahAmount, parseMoney } from './money.js';
import type { Tender, TenderKind } from './tender.js';

/** The SPSE list a row came from: it decides the detail URL and the kind. */
export type SpseList = 'lelang' | 'nontender' | 'nonspk' | 'swakelola' | 'darurat';

/** Options of the row parsers. */
export interface DataTablesRowOptions {
  /** The LPSE base URL, e.g. "https://spse.inaproc.id/probolinggokota" (no trailing slash needed). */
  baseUrl: string;
  /** Which list the rows came from (default "lelang"). */
  list?: SpseList;
}

/** The public announcement page of package `kode` in `list`. */
export function spseDetailUrl(baseUrl: string, list: SpseList, kode: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  switch (list) {
    case 'lelang':
      return `${base}/lelang/${kode}/pengumumanlelang`;
    case 'nontender':
      return `${base}/nontender/${kode}/pengumumanpl`;
    case 'nonspk':
      return `${base}/pencatatan/pengumumannonspk?id=${kode}`;
    case 'swakelola':
      return `${base}/swakelola/${kode}/pengumuman`;
    case 'darurat':
      return `${base}/darurat/pengumumandarurat?id=${kode}`;
  }
}

const KIND_OF_LIST: Record<SpseList, TenderKind> = {
  lelang: 'tender',
  nontender: 'nontender',
  nonspk: 'nontender',
  swakelola: 'nontender',
  darurat: 'nontender',
};

/** Jenis pengadaan as SPSE names them (the start is enough: "Jasa Konsultansi Badan Usaha Non Konstruksi"). */
const JENIS = /^(?:pengadaan barang|pekerjaan konstruksi|jasa konsultansi|jasa lainnya|terintegrasi)\b/i;
/** "Pekerjaan Konstruksi - TA 2026" (SPSE 4.5) or "Pengadaan Barang - 2025" (older). */
const JENIS_TAHUN = /^(.+?)\s+-\s+(TA\s+)?((?:19|20)\d{2})$/i;
const METODE =
  /^(?:tender(?: cepat)?|seleksi|pengadaan langsung|penunjukan langsung|e-?purchasing|darurat|dikecualikan|swakelola|kontes|sayembara)$/i;
const METODE_KUALIFIKASI = /^(?:pasca|pra)\s*(?:kualifikasi)?\s*(?:satu|dua)\s+(?:file|tahap)/i;
const METODE_EVALUASI = /(?:harga terendah|kualitas|biaya terendah|pagu anggaran|sistem nilai|umur ekonomis)/i;
const CONTRACT_NOTE = /^nilai kontrak\b/i;
const YEAR = /^(?:19|20)\d{2}$/;
const SMALL_NUMBER = /^\d{1,3}$/;
/** Words of SPSE stage and status texts ("Tender Sudah Selesai", "Upload Dokumen Penawaran", "Paket Sedang Berjalan"). */
const STAGE_WORDS = [
  'selesai', 'berlangsung', 'berjalan', 'batal', 'ditutup', 'gagal', 'pengumuman', 'pendaftaran', 'download', 'unduh',
  'penjelasan', 'upload', 'pemasukan', 'pembukaan', 'evaluasi', 'pembuktian', 'klarifikasi', 'negosiasi', 'penetapan',
  'sanggah', 'penunjukan', 'penandatanganan', 'belum dilaksanakan', 'tidak ada jadwal',
];
const STAGE = new RegExp(`(?:${STAGE_WORDS.join('|')})`, 'i');
/** A cell of only digits and separators: never a name or an instansi. */
const LOOKS_NUMERIC = /^[\d.,\s]+$/;

/** One tail cell, recognised by content. */
type CellRole =
  | { role: 'empty' }
  | { role: 'hpsAbbreviated' | 'rupiah'; text: string }
  | { role: 'jenisTahun'; jenis: string; tahun: number }
  | { role: 'tahun'; tahun: number }
  | { role: 'number' | 'contractNote' }
  | { role: 'jenis' | 'metode' | 'metodeKualifikasi' | 'metodeEvaluasi' | 'text'; text: string };

/** A cell as plain text ("" for null), or null when it is not a scalar. */
function cellText(cell: unknown): string | null {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell);
  if (typeof cell === 'string') return /[<&]/.test(cell) ? stripBadges(cell).text : normalizeSpace(cell);
  return null;
}

function classify(text: string): CellRole {
  if (text === '') return { role: 'empty' };
  if (isAbbreviatedMoney(text)) return { role: 'hpsAbbreviated', text };
  if (isRupiahAmount(text)) return { role: 'rupiah', text };
  if (YEAR.test(text)) return { role: 'tahun', tahun: Number(text) };
  if (SMALL_NUMBER.test(text)) return { role: 'number' };
  if (CONTRACT_NOTE.test(text)) return { role: 'contractNote' };
  const jenisTahun = JENIS_TAHUN.exec(text);
  if (jenisTahun && (JENIS.test(jenisTahun[1]!) || jenisTahun[2])) {
    return { role: 'jenisTahun', jenis: jenisTahun[1]!, tahun: Number(jenisTahun[3]) };
  }
  if (JENIS.test(text) && text.length <= 80) return { role: 'jenis', text };
  if (METODE_KUALIFIKASI.test(text)) return { role: 'metodeKualifikasi', text };
  if (METODE.test(text)) return { role: 'metode', text };
  if (METODE_EVALUASI.test(text) && text.length <= 80) return { role: 'metodeEvaluasi', text };
  return { role: 'text', text };
}

/** Column `index` as non-empty text that is not a number or amount, or a {@link SourceFormatError}. */
function requireText(row: unknown[], index: number, label: string): string {
  const raw = row[index];
  const text = cellText(raw);
  if (!text || LOOKS_NUMERIC.test(text) || isAbbreviatedMoney(text) || isRupiahAmount(text)) {
    throw new SourceFormatError(`expected ${label} text`, {
      field: `column ${index} (${label})`,
      value: raw,
      hint: 'SPSE lists start with kode, nama paket, instansi; the column order may have changed: compare a fresh capture with data/lpse-fixtures.',
    });
  }
  return text;
}

/** The tail column holding the stage/status text, picked among the unrecognised texts. */
function pickStage(texts: { index: number; text: string }[], row: unknown[]): string {
  const staged = texts.filter((t) => STAGE.test(t.text));
  const pick = staged[0] ?? (texts.length === 1 ? texts[0] : undefined);
  if (!pick) {
    throw new SourceFormatError(
      texts.length === 0 ? 'no column holds a stage or status text' : 'cannot tell which column is the stage',
      {
        field: 'tahap',
        value: row,
        hint: 'Expected a text such as "Tender Sudah Selesai" or "Paket Sedang Berjalan" after kode, nama, instansi: update STAGE in dt-rows.ts if SPSE uses new wording.',
      },
    );
  }
  return pick.text;
}

/**
 * One DataTables row (any known SPSE layout) as a {@link Tender}. Throws {@link SourceFormatError} naming the
 * column when the row does not fit.
 */
export function parseDataTablesRow(row: unknown, options: DataTablesRowOptions): Tender {
  if (!Array.isArray(row) || row.length < 4) {
    throw new SourceFormatError('expected an array of at least 4 columns', {
      field: 'row',
      value: row,
      hint: 'SPSE DataTables rows are arrays; if rows are now objects, the endpoint changed: capture a response and update dt-rows.ts.',
    });
  }
  const kode = cellText(row[0]);
  if (!kode || !/^\d{4,}$/.test(kode)) {
    throw new SourceFormatError('expected the package code (digits)', { field: 'column 0 (kode)', value: row[0] });
  }
  const nameCell = row[1];
  requireText(row, 1, 'nama paket');
  const name = stripBadges(String(nameCell));
  const instansi = requireText(row, 2, 'instansi');

  const tender: Tender = {
    kode,
    name: name.text,
    retender: name.retender,
    badges: name.badges,
    kind: KIND_OF_LIST[options.list ?? 'lelang'],
    instansi,
    tahap: '',
    url: spseDetailUrl(options.baseUrl, options.list ?? 'lelang', kode),
    source: 'spse',
  };
  const texts: { index: number; text: string }[] = [];
  let rupiah: string | undefined;
  for (let index = 3; index < row.length; index++) {
    const text = cellText(row[index]);
    if (text === null) {
      throw new SourceFormatError('expected a text or number cell', { field: `column ${index}`, value: row[index] });
    }
    const cell = classify(text);
    switch (cell.role) {
      case 'hpsAbbreviated':
        if (tender.hpsText === undefined) {
          tender.hpsText = cell.text;
          tender.hps = parseMoney(cell.text, `column ${index} (hps)`);
          tender.hpsExact = false;
        }
        break;
      case 'rupiah':
        rupiah ??= cell.text;
        break;
      case 'jenisTahun':
        tender.jenis ??= cell.jenis;
        tender.tahunAnggaran ??= cell.tahun;
        break;
      case 'tahun':
        tender.tahunAnggaran ??= cell.tahun;
        break;
      case 'jenis':
        tender.jenis ??= cell.text;
        break;
      case 'metode':
        tender.metode ??= cell.text;
        break;
      case 'metodeKualifikasi':
        tender.metodeKualifikasi ??= cell.text;
        break;
      case 'metodeEvaluasi':
        tender.metodeEvaluasi ??= cell.text;
        break;
      case 'text':
        texts.push({ index, text: cell.text });
        break;
      default:
        break;
    }
  }
  // A full "Rp" amount is the contract value when an abbreviated HPS is present, else the only amount shown.
  if (tender.hpsText === undefined && rupiah !== undefined) {
    tender.hpsText = rupiah;
    tender.hps = parseMoney(rupiah, 'hps');
    tender.hpsExact = true;
  }
  tender.tahap = pickStage(texts, row);
  return tender;
}

/** Every row of a DataTables `data` array; a bad row fails with its row number in the error. */
export function parseDataTablesRows(rows: unknown[], options: DataTablesRowOptions): Tender[] {
  return rows.map((row, i) => {
    try {
      return parseDataTablesRow(row, options);
    } catch (err) {
      throw err instanceof SourceFormatError ? err.at(`${options.list ?? 'lelang'} row ${i}`) : err;
    }
  });
}

/**
 * The `data` rows of a DataTables response body. `recordsTotal` is ignored on purpose: SPSE sends the fake maximum
 * 2147483647, so callers page until a short page. A DataTables `error` field means the server refused.
 */
export function readDataTablesPage(body: unknown, url: string): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SourceFormatError('expected a DataTables object {draw, recordsTotal, data}', {
      field: 'DataTables response',
      value: body,
      location: url,
    });
  }
  const record = body as Record<string, unknown>;
  if (typeof record.error === 'string' && record.error) {
    throw new SourceUnavailableError(`SPSE DataTables answered an error: ${record.error}`, { url });
  }
  if (!Array.isArray(record.data)) {
    throw new SourceFormatError('expected a "data" array', {
      field: 'data',
      value: record.data,
      location: url,
      hint: 'The DataTables endpoint changed its response: capture one and update dt-rows.ts.',
    });
  }
  return record.data;
}
