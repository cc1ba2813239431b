/**
 * The normalised shape every LPSE source adapter produces, and the port the rest of Pintu will talk to.
 *
 * All dates are real instants (`Date`); the sources give wall-clock times in WIB (Asia/Jakarta), and the parsers
 * convert them (see `indonesian-date.ts`). Money is in whole rupiah as a plain number.
 */

/** Where a tender record came from. */
export type TenderOrigin = 'spse' | 'isb';

/** Tender (lelang / seleksi) or non-tender (pengadaan langsung, penunjukan langsung, …): their detail pages differ. */
export type TenderKind = 'tender' | 'nontender';

/** One procurement package, normalised from any source. */
export interface Tender {
  /** The SPSE package code (kode lelang / kode paket), digits only, e.g. "10144220000". */
  kode: string;
  /** Plain-text name: HTML and badges removed, whitespace collapsed. */
  name: string;
  /** True when the source marks the package as re-tendered ("Tender Ulang", "Seleksi Ulang" badge, `ket_diulang`). */
  retender: boolean;
  /** Every badge label the source put next to the name, as written (e.g. "Tender Ulang", "spse 4.5"). */
  badges: string[];
  /** Tender or non-tender. */
  kind: TenderKind;
  /** K/L/PD (instansi), e.g. "Kota Singkawang". Empty only when the source does not say (homepage rows without a configured instansi). */
  instansi: string;
  /** Satuan kerja, when the source gives it (detail pages, ISB). */
  satker?: string;
  /**
   * Stage or status text as the source writes it ("Tender Sudah Selesai", "Upload Dokumen Penawaran",
   * "Paket Sedang Berjalan"). Empty when the source does not tell (homepage rows: open for registration).
   */
  tahap: string;
  /** HPS in rupiah. Exact when {@link hpsExact}; otherwise expanded from an abbreviation like "15,9 M". */
  hps?: number;
  /** True when {@link hps} came from a full amount ("Rp. 927.897.900,00", ISB number), false when from "15,9 M". */
  hpsExact?: boolean;
  /** HPS exactly as the source wrote it ("15,9 M", "Rp. 9.999.000,00"). */
  hpsText?: string;
  /** Pagu (budget ceiling) in rupiah, when the source gives it (detail pages, ISB). */
  pagu?: number;
  /** Jenis pengadaan: "Pekerjaan Konstruksi", "Pengadaan Barang", "Jasa Konsultansi Badan Usaha Non Konstruksi", … */
  jenis?: string;
  /** Tahun anggaran (fiscal year). */
  tahunAnggaran?: number;
  /** Metode pemilihan: "Tender", "Seleksi", "Pengadaan Langsung", "Darurat", … */
  metode?: string;
  /** Kualifikasi usaha: "Kecil", "Menengah", "Non Kecil", … (what subscriptions filter on). */
  kualifikasi?: string;
  /** Metode kualifikasi / dokumen: "Pascakualifikasi Satu File", "Pra Dua File Kualitas Biaya", … */
  metodeKualifikasi?: string;
  /** Metode evaluasi: "Harga Terendah Sistem Gugur", "Kualitas dan Biaya", … */
  metodeEvaluasi?: string;
  /** Last moment to register / download the documents (homepage "Akhir Pendaftaran", or from the schedule). */
  registrationDeadline?: Date;
  /** Last moment to upload the offer (end of "Upload Dokumen Penawaran"), from the schedule. */
  uploadDeadline?: Date;
  /** The package's public announcement page. */
  url: string;
  /** Which adapter produced this record. */
  source: TenderOrigin;
}

/** One stage of a tender schedule (jadwal). */
export interface Stage {
  /** Stage name as the source writes it, e.g. "Upload Dokumen Penawaran". */
  name: string;
  /** Start of the stage (WIB wall clock converted to an instant). */
  start?: Date;
  /** End of the stage. */
  end?: Date;
}

/** What a source knows about one package beyond its list row: announcement fields plus the schedule. */
export type TenderDetail = Partial<Tender> & { schedule: Stage[] };

/** A place tenders come from: the SPSE website of one LPSE, or the ISB/INAPROC data API. */
export interface TenderSource {
  /** Packages of fiscal year `year` that are still running (not finished, cancelled or closed). */
  listOpen(year: number): Promise<Tender[]>;
  /**
   * Every package of fiscal year `year` the source lists, whatever its stage: what the poller watches, so a
   * cancellation or a winner is seen as a change rather than as a package vanishing.
   */
  listYear(year: number): Promise<Tender[]>;
  /** Announcement fields and schedule of one package, when the source can tell. */
  detail?(kode: string, kind?: TenderKind): Promise<TenderDetail>;
}
