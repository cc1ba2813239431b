/**
 * Announcement pages (real SPSE 4.5 pencatatan, darurat and swakelola pages; pyproc's hand-written tender page for
 * the shape only), the jadwal page (pyproc's shape), deadlines from a real ISB schedule, and SPSE error pages.
 */
import { describe, expect, it } from 'vitest';
import { parseAnnouncementPage } from '../../src/features/lpse/source/announcement-page.js';
import { SourceFormatError, SourceUnavailableError } from '../../src/features/lpse/source/errors.js';
import { checkIsbRows, isbSchedules, isbStageRowSchema } from '../../src/features/lpse/source/isb-records.js';
import { parseSchedulePage } from '../../src/features/lpse/source/jadwal-page.js';
import {
  assertNotSpseErrorPage,
  assertUnderBaseUrl,
  detectSpseErrorPage,
} from '../../src/features/lpse/source/spse-page-check.js';
import { currentStage, deadlinesFromSchedule, isOpenStage } from '../../src/features/lpse/source/tender-stage.js';
import { fixtureJson, fixtureText } from './fixtures.js';

describe('parseAnnouncementPage (real SPSE 4.5 pages)', () => {
  it('reads the pencatatan page, skipping the nested RUP table', () => {
    expect(parseAnnouncementPage(fixtureText('spse_detail/pencatatan_pengumumannonspk_10942236000.pyproc.html'))).toEqual({
      kode: '10942236000',
      name: 'Pengadaan Jasa Lainnya Pengadaan Biaya Paket Data dan Informasi untuk kegiatan Pengelolaan Informasi dan Komunikasi Keimigrasian Layanan Data dan Informasi pada Kantor Imigrasi Kelas II TPI Sabang-Provinsi Aceh Tahun Anggaran 2026',
      badges: [],
      retender: false,
      instansi: 'Kementerian Imigrasi dan Pemasyarakatan',
      satker: 'IM01 KANTOR IMIGRASI KELAS II TPI SABANG',
      jenis: 'Jasa Lainnya',
      metode: 'Pengadaan Langsung',
      tahunAnggaran: 2026,
      pagu: 3_800_000,
    });
  });

  it('reads the darurat and swakelola pages', () => {
    expect(parseAnnouncementPage(fixtureText('spse_detail/darurat_pengumumandarurat_106802.pyproc.html'))).toMatchObject({
      kode: '106802',
      instansi: 'Kab. Lampung Selatan',
      satker: 'Dinas Pekerjaan Umum dan Penataan Ruang',
      jenis: 'Pekerjaan Konstruksi',
      metode: 'Darurat',
      tahunAnggaran: 2026,
      pagu: 500_000_000,
    });
    expect(parseAnnouncementPage(fixtureText('spse_detail/swakelola_pengumuman_10336514000.pyproc.html'))).toMatchObject({
      kode: '10336514000',
      name: 'Seleksi Pengisian Jabatan',
      tahunAnggaran: 2026,
      pagu: 176_320_000,
    });
  });

  it('reads the tender-page shape: HPS, stage, kualifikasi usaha, badge, and a <th>…</td> mismatch', () => {
    // pyproc's hand-written page: only the shape matters, the values are made up.
    const fields = parseAnnouncementPage(fixtureText('synthetic_shape_only/pyproc_pengumuman_lelang.html'));
    expect(fields).toMatchObject({
      kode: '10080116000',
      name: 'Paket Lelang Test 1',
      badges: ['Pengadaan Barang'],
      tahap: 'Tender Sudah Selesai',
      satker: 'DIREKTORAT JENDERAL PERBENDAHARAAN',
      hps: 950_000_000,
      hpsExact: true,
      kualifikasi: 'Kecil',
      tahunAnggaran: 2025,
    });
  });

  it('fails naming the field when a known value is unreadable, or the table is missing', () => {
    const page = fixtureText('spse_detail/darurat_pengumumandarurat_106802.pyproc.html').replace('Rp. 500.000.000,00', 'lima ratus juta');
    expect(() => parseAnnouncementPage(page, 'darurat 106802')).toThrow(/^pengumuman "Nilai Pagu Paket": .*\(darurat 106802\)/);
    expect(() => parseAnnouncementPage('<html><body><p>kosong</p></body></html>')).toThrow(SourceFormatError);
  });
});

describe('parseSchedulePage (pyproc jadwal shape)', () => {
  it('reads stages with WIB start and end, by header names', () => {
    expect(parseSchedulePage(fixtureText('synthetic_shape_only/pyproc_jadwal.html'))).toEqual([
      { name: 'Pengadaan Langsung / Pemilihan Langsung', start: new Date('2025-01-15T01:00:00Z'), end: new Date('2025-01-20T10:00:00Z') },
      { name: 'Evaluasi', start: new Date('2025-01-21T01:00:00Z'), end: new Date('2025-01-25T10:00:00Z') },
    ]);
  });

  it('keeps a stage without dates, and names the stage whose date is broken', () => {
    const page = fixtureText('synthetic_shape_only/pyproc_jadwal.html');
    const noDates = page.replace('<td>21 Januari 2025 08:00</td>', '<td>-</td>').replace('<td>25 Januari 2025 17:00</td>', '<td></td>');
    expect(parseSchedulePage(noDates)[1]).toEqual({ name: 'Evaluasi' });
    const broken = page.replace('25 Januari 2025 17:00', '25/01/2025');
    expect(() => parseSchedulePage(broken, 'jadwal 1')).toThrow(/^jadwal "Evaluasi" Sampai: .*\(jadwal 1\)/);
    expect(() => parseSchedulePage('<table><tr><th>No</th><th>Nama</th></tr></table>')).toThrow(/jadwal table/);
  });
});

describe('schedule meaning (real ISB schedules of Kab. Bandung)', () => {
  const schedules = isbSchedules(
    checkIsbRows(fixtureJson<unknown[]>('isb_satudata/SPSE-JadwalTahapanTender_D107_2025.json'), isbStageRowSchema, 'jadwal'),
  );

  it('registration ends with the document download, upload with "Upload Dokumen Penawaran"', () => {
    expect(deadlinesFromSchedule(schedules.get('10088019000')!)).toEqual({
      registrationDeadline: new Date('2025-10-09T05:00:00Z'),
      uploadDeadline: new Date('2025-10-09T05:00:00Z'),
    });
    // A prakualifikasi tender: registration closes with "Download dokumen prakualifikasi" weeks before the offers.
    expect(deadlinesFromSchedule(schedules.get('10011868000')!)).toEqual({
      registrationDeadline: new Date('2025-02-18T03:00:00Z'),
      uploadDeadline: new Date('2025-03-17T00:00:00Z'),
    });
  });

  it('names the running stage at a given moment', () => {
    expect(currentStage(schedules.get('10088019000')!, new Date('2025-10-03T03:00:00Z'))?.name).toBe(
      'Download dokumen pemilihan dan kualifikasi',
    );
    expect(currentStage(schedules.get('10088019000')!, new Date('2025-12-01T00:00:00Z'))).toBeUndefined();
  });

  it('tells running from finished stage texts', () => {
    for (const open of ['Upload Dokumen Penawaran', 'Paket Sedang Berjalan', 'Berlangsung', 'Tender Sedang Berlangsung']) {
      expect(isOpenStage(open)).toBe(true);
    }
    for (const closed of ['Tender Sudah Selesai', 'Paket Sudah Selesai', 'Gagal/Batal', 'Selesai', 'Tender Ditutup', '-', '']) {
      expect(isOpenStage(closed)).toBe(false);
    }
  });
});

describe('SPSE error pages and portal redirects', () => {
  const errorPage =
    '<html><head><title>Error</title></head><body><h1>Maaf, terjadi error pada aplikasi SPSE.</h1><p>Kode Error: 7F3A9C21B</p></body></html>';

  it('recognises the error page served with status 200, with its code', () => {
    expect(detectSpseErrorPage(errorPage)).toMatchObject({ code: '7F3A9C21B' });
    expect(() => assertNotSpseErrorPage(errorPage, 'https://spse.inaproc.id/x/lelang', 200)).toThrow(SourceUnavailableError);
    expect(() => assertNotSpseErrorPage(errorPage, 'u', 200)).toThrow(/Kode Error 7F3A9C21B/);
  });

  it('does not mistake real pages for error pages', () => {
    for (const file of [
      'spse_detail/pencatatan_pengumumannonspk_10942236000.pyproc.html',
      'spse_detail/darurat_pengumumandarurat_106802.pyproc.html',
      'spse_detail/swakelola_pengumuman_10336514000.pyproc.html',
      'spse_homepage/kalbarprov_home_tender_table.fragment.html',
    ]) {
      expect(detectSpseErrorPage(fixtureText(file))).toBeNull();
    }
  });

  it('refuses a redirect outside the LPSE (the portal home)', () => {
    const base = 'https://spse.inaproc.id/probolinggokota';
    expect(() => assertUnderBaseUrl('https://spse.inaproc.id/', base, `${base}/lelang`)).toThrow(/portal/);
    expect(() => assertUnderBaseUrl('https://spse.inaproc.id/probolinggokotaX/lelang', base, `${base}/lelang`)).toThrow(SourceUnavailableError);
    expect(() => assertUnderBaseUrl(`${base}/lelang`, base, `${base}/lelang`)).not.toThrow();
    expect(() => assertUnderBaseUrl(base, base, `${base}/`)).not.toThrow();
  });
});
