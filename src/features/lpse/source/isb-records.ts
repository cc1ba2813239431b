/**
 * ISB / INAPROC Satu Data rows (the legacy "SPSE-TenderPengumuman", "SPSE-NonTenderPengumuman" and
 * "SPSE-JadwalTahapanTender" datasets) as {@link Tender} and {@link Stage}. Rows are checked with zod; a row that
 * does not fit fails with a {@link SourceFormatError} naming the field and the row.
 *
 * Times are WIB wall-clock without zone (see {@link parseWibTimestamp}). HPS is exact (a number, cents included).
 */
import { z } from 'zod';
import { SourceFormatError } from './errors.js';
import { normalizeSpace } from './plain-text.js';
import { parseWibTimestamp } from './indonesian-date.js';
import { currentStage, deadlinesFromSchedule } from './tender-stage.js';
import type { Stage, Tender } from './tender.js';

const code = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);
const year = z.union([z.number().int(), z.string().regex(/^\d{4}$/)]).transform(Number);
const text = z.string().nullish();
const amount = z.number().nonnegative().nullish();

const common = {
  tahun_anggaran: year,
  nama_klpd: z.string(),
  nama_satker: text,
  nama_paket: z.string(),
  pagu: amount,
  hps: amount,
  jenis_pengadaan: text,
  mtd_pemilihan: text,
  kualifikasi_paket: text,
  ket_diulang: text,
  url_lpse: text,
};

/** One row of SPSE-TenderPengumuman. */
export const isbTenderRowSchema = z.looseObject({
  ...common,
  kd_tender: code,
  status_tender: z.string(),
  mtd_evaluasi: text,
  mtd_kualifikasi: text,
});
/** One row of SPSE-NonTenderPengumuman. */
export const isbNonTenderRowSchema = z.looseObject({ ...common, kd_nontender: code, status_nontender: text });
/** One row of SPSE-JadwalTahapanTender. */
export const isbStageRowSchema = z.looseObject({
  kd_tender: code,
  kd_tahapan: z.union([z.number(), z.string()]).nullish(),
  nama_tahapan: text,
  tgl_awal: text,
  tgl_akhir: text,
});

/** A checked ISB tender row. */
export type IsbTenderRow = z.infer<typeof isbTenderRowSchema>;
/** A checked ISB non-tender row. */
export type IsbNonTenderRow = z.infer<typeof isbNonTenderRowSchema>;
/** A checked ISB schedule row. */
export type IsbStageRow = z.infer<typeof isbStageRowSchema>;

/** Every row of `rows` checked against `schema`; the first misfit fails naming its field and row. */
export function checkIsbRows<T>(rows: unknown[], schema: z.ZodType<T>, dataset: string): T[] {
  return rows.map((row, i) => {
    const result = schema.safeParse(row);
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    const field = issue.path.map(String).join('.') || 'row';
    const value = issue.path.reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined),
      row,
    );
    throw new SourceFormatError(issue.message, {
      field,
      value,
      location: `${dataset} row ${i}`,
      hint: `The ISB dataset ${dataset} changed: compare a fresh download with data/lpse-fixtures/isb_satudata and update isb-records.ts.`,
    });
  });
}

/** Options of the ISB mappers. */
export interface IsbMapOptions {
  /**
   * Base URL for package links (SPSE moved to `https://spse.inaproc.id/{lpse}`); default the row's `url_lpse`.
   */
  lpseBaseUrl?: string;
  /** "Now", to name the current stage from the schedule. */
  now?: Date;
}

function linkBase(row: { url_lpse?: string | null }, options: IsbMapOptions, kode: string): string {
  const base = options.lpseBaseUrl ?? row.url_lpse;
  if (!base) {
    throw new SourceFormatError('no url_lpse to link the package to', {
      field: 'url_lpse',
      location: `package ${kode}`,
      hint: 'Set lpseBaseUrl (e.g. "https://spse.inaproc.id/probolinggokota") in the ISB client options.',
    });
  }
  return base.replace(/\/+$/, '');
}

/** Present optional text, trimmed, or undefined for null/empty. */
function opt(value: string | null | undefined): string | undefined {
  const trimmed = value === null || value === undefined ? '' : normalizeSpace(value);
  return trimmed === '' ? undefined : trimmed;
}

function commonFields(row: IsbTenderRow | IsbNonTenderRow): Omit<Tender, 'kode' | 'kind' | 'tahap' | 'url'> {
  const tender: Omit<Tender, 'kode' | 'kind' | 'tahap' | 'url'> = {
    name: normalizeSpace(row.nama_paket),
    retender: opt(row.ket_diulang) !== undefined,
    badges: [],
    instansi: normalizeSpace(row.nama_klpd),
    tahunAnggaran: row.tahun_anggaran,
    source: 'isb',
  };
  const satker = opt(row.nama_satker);
  if (satker) tender.satker = satker;
  if (row.hps !== null && row.hps !== undefined) {
    tender.hps = row.hps;
    tender.hpsExact = true;
    tender.hpsText = String(row.hps);
  }
  if (row.pagu !== null && row.pagu !== undefined) tender.pagu = row.pagu;
  const jenis = opt(row.jenis_pengadaan);
  if (jenis) tender.jenis = jenis;
  const metode = opt(row.mtd_pemilihan);
  if (metode) tender.metode = metode;
  const kualifikasi = opt(row.kualifikasi_paket);
  if (kualifikasi) tender.kualifikasi = kualifikasi;
  return tender;
}

/**
 * An ISB tender row as a {@link Tender}. With its schedule, deadlines are filled and, given `now`, `tahap` is the
 * running stage's name (else the ISB status, e.g. "Berlangsung").
 */
export function isbTenderToTender(row: IsbTenderRow, schedule: Stage[] = [], options: IsbMapOptions = {}): Tender {
  const tender: Tender = {
    ...commonFields(row),
    kode: row.kd_tender,
    kind: 'tender',
    tahap: (options.now && currentStage(schedule, options.now)?.name) || normalizeSpace(row.status_tender),
    url: `${linkBase(row, options, row.kd_tender)}/lelang/${row.kd_tender}/pengumumanlelang`,
    ...deadlinesFromSchedule(schedule),
  };
  const evaluasi = opt(row.mtd_evaluasi);
  if (evaluasi) tender.metodeEvaluasi = evaluasi;
  const kualifikasi = opt(row.mtd_kualifikasi);
  if (kualifikasi) tender.metodeKualifikasi = kualifikasi;
  return tender;
}

/** An ISB non-tender row as a {@link Tender} (no schedule dataset is read for non-tenders). */
export function isbNonTenderToTender(row: IsbNonTenderRow, options: IsbMapOptions = {}): Tender {
  return {
    ...commonFields(row),
    kode: row.kd_nontender,
    kind: 'nontender',
    tahap: opt(row.status_nontender) ?? '',
    url: `${linkBase(row, options, row.kd_nontender)}/nontender/${row.kd_nontender}/pengumumanpl`,
  };
}

/** Schedule rows grouped by tender code, each schedule sorted by start (rows without a name get "Tahap {kd}"). */
export function isbSchedules(rows: IsbStageRow[], dataset = 'SPSE-JadwalTahapanTender'): Map<string, Stage[]> {
  const byTender = new Map<string, Stage[]>();
  rows.forEach((row, i) => {
    const where = `${dataset} row ${i}`;
    try {
      const stage: Stage = { name: opt(row.nama_tahapan) ?? `Tahap ${row.kd_tahapan ?? '?'}` };
      if (row.tgl_awal) stage.start = parseWibTimestamp(row.tgl_awal, 'tgl_awal');
      if (row.tgl_akhir) stage.end = parseWibTimestamp(row.tgl_akhir, 'tgl_akhir');
      const list = byTender.get(row.kd_tender) ?? [];
      list.push(stage);
      byTender.set(row.kd_tender, list);
    } catch (err) {
      throw err instanceof SourceFormatError ? err.at(where) : err;
    }
  });
  for (const stages of byTender.values()) {
    stages.sort((a, b) => (a.start?.getTime() ?? Infinity) - (b.start?.getTime() ?? Infinity));
  }
  return byTender;
}
