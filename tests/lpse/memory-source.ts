/**
 * An in-memory {@link TenderSource} for watcher and conversation tests: tests set the listed tenders and the
 * announcements between rounds, and can make the next listing fail the way real sources do.
 */
import type { Tender, TenderDetail, TenderKind, TenderSource } from '../../src/features/lpse/source/index.js';

/** A tender with sensible defaults: a Probolinggo construction package open for offers. */
export function tender(kode: string, overrides: Partial<Tender> = {}): Tender {
  return {
    kode,
    name: `Rehabilitasi Jalan Lingkungan Paket ${kode}`,
    retender: false,
    badges: [],
    kind: 'tender',
    instansi: 'Kota Probolinggo',
    tahap: 'Pengumuman Pascakualifikasi',
    hps: 750_000_000,
    hpsExact: true,
    hpsText: 'Rp 750.000.000,00',
    jenis: 'Pekerjaan Konstruksi',
    tahunAnggaran: 2026,
    metode: 'Tender',
    url: `https://spse.inaproc.id/probolinggokota/lelang/${kode}/pengumumanlelang`,
    source: 'spse',
    ...overrides,
  };
}

/** A source the test controls. */
export class MemorySource implements TenderSource {
  listed: Tender[] = [];
  details = new Map<string, TenderDetail>();
  /** The next `listYear` call throws this (once). */
  failNext?: Error;
  detailCalls: string[] = [];
  /** Codes whose announcement cannot be read. */
  failDetails = new Set<string>();

  async listOpen(year: number): Promise<Tender[]> {
    return (await this.listYear(year)).filter((t) => !/selesai|batal/i.test(t.tahap));
  }

  async listYear(year: number): Promise<Tender[]> {
    if (this.failNext) {
      const err = this.failNext;
      this.failNext = undefined;
      throw err;
    }
    return this.listed.filter((t) => (t.tahunAnggaran ?? year) === year).map((t) => ({ ...t }));
  }

  async detail(kode: string, _kind?: TenderKind): Promise<TenderDetail> {
    this.detailCalls.push(kode);
    if (this.failDetails.has(kode)) throw new Error(`the announcement of ${kode} did not load`);
    return structuredClone(this.details.get(kode) ?? { kode, schedule: [] });
  }

  /** Replaces one listed tender's fields. */
  update(kode: string, patch: Partial<Tender>): void {
    this.listed = this.listed.map((t) => (t.kode === kode ? { ...t, ...patch } : t));
  }
}

/** An announcement with an offer-upload stage ending at `uploadEnd`, as the SPSE detail parser produces it. */
export function detailWithUpload(kode: string, uploadEnd: Date, extra: Partial<TenderDetail> = {}): TenderDetail {
  const day = 24 * 3600_000;
  return {
    kode,
    satker: 'DINAS PEKERJAAN UMUM DAN PENATAAN RUANG',
    kualifikasi: 'Kecil',
    schedule: [
      { name: 'Pengumuman Pascakualifikasi', start: new Date(uploadEnd.getTime() - 10 * day), end: new Date(uploadEnd.getTime() - 6 * day) },
      { name: 'Download Dokumen Pemilihan', start: new Date(uploadEnd.getTime() - 10 * day), end: new Date(uploadEnd.getTime() - day) },
      { name: 'Upload Dokumen Penawaran', start: new Date(uploadEnd.getTime() - 9 * day), end: uploadEnd },
    ],
    uploadDeadline: uploadEnd,
    registrationDeadline: new Date(uploadEnd.getTime() - day),
    ...extra,
  };
}
