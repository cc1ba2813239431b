/** ISB Satu Data rows (real, Kab. Bandung TA 2025, officials' names redacted) → Tender and Stage. */
import { describe, expect, it } from 'vitest';
import { SourceFormatError } from '../../src/features/lpse/source/errors.js';
import {
  checkIsbRows,
  isbNonTenderRowSchema,
  isbNonTenderToTender,
  isbSchedules,
  isbStageRowSchema,
  isbTenderRowSchema,
  isbTenderToTender,
} from '../../src/features/lpse/source/isb-records.js';
import { fixtureJson } from './fixtures.js';

const tenderRows = fixtureJson<Record<string, unknown>[]>('isb_satudata/SPSE-TenderPengumuman_D107_2025.json');
const tenders = checkIsbRows(tenderRows, isbTenderRowSchema, 'SPSE-TenderPengumuman');
const stageRows = checkIsbRows(fixtureJson<unknown[]>('isb_satudata/SPSE-JadwalTahapanTender_D107_2025.json'), isbStageRowSchema, 'jadwal');
const nonTenders = checkIsbRows(
  fixtureJson<unknown[]>('isb_satudata/SPSE-NonTenderPengumuman_D107_2025.subset.json'),
  isbNonTenderRowSchema,
  'SPSE-NonTenderPengumuman',
);

describe('ISB rows', () => {
  it('checks every real row', () => {
    expect(tenders).toHaveLength(92);
    expect(stageRows).toHaveLength(1428);
    expect(nonTenders).toHaveLength(32);
  });

  it('maps a running tender with exact HPS (cents kept), schedule deadlines and the running stage', () => {
    const schedules = isbSchedules(stageRows);
    const row = tenders.find((t) => t.kd_tender === '10088019000')!;
    expect(isbTenderToTender(row, schedules.get('10088019000'), { now: new Date('2025-10-06T06:00:00Z') })).toEqual({
      kode: '10088019000',
      name: 'Rehab Kantor Wakil Bupati',
      retender: false,
      badges: [],
      kind: 'tender',
      instansi: 'Kab. Bandung',
      satker: 'DINAS PEKERJAAN UMUM DAN TATA RUANG',
      tahap: 'Upload Dokumen Penawaran',
      hps: 899_369_196.4,
      hpsExact: true,
      hpsText: '899369196.4',
      pagu: 900_000_000,
      jenis: 'Pekerjaan Konstruksi',
      tahunAnggaran: 2025,
      metode: 'Tender',
      kualifikasi: 'Kecil',
      metodeKualifikasi: 'Pasca Satu File',
      metodeEvaluasi: 'Harga Terendah Sistem Gugur',
      registrationDeadline: new Date('2025-10-09T05:00:00Z'),
      uploadDeadline: new Date('2025-10-09T05:00:00Z'),
      url: 'https://lpse.bandungkab.go.id/eproc4/lelang/10088019000/pengumumanlelang',
      source: 'isb',
    });
  });

  it('falls back to the ISB status without "now", and links to the configured LPSE', () => {
    const row = tenders.find((t) => t.kd_tender === '10011868000')!;
    const tender = isbTenderToTender(row, [], { lpseBaseUrl: 'https://spse.inaproc.id/bandungkab' });
    expect(tender).toMatchObject({ tahap: 'Selesai', hps: 999_995_334.78, jenis: 'Jasa Konsultansi Badan Usaha Non Konstruksi' });
    expect(tender.kualifikasi).toBeUndefined();
    expect(tender.url).toBe('https://spse.inaproc.id/bandungkab/lelang/10011868000/pengumumanlelang');
  });

  it('maps non-tenders', () => {
    const row = nonTenders.find((t) => t.kd_nontender === '10384166000')!;
    expect(isbNonTenderToTender(row)).toMatchObject({
      kode: '10384166000',
      kind: 'nontender',
      tahap: 'Berlangsung',
      hps: 16_933_050,
      metode: 'Pengadaan Langsung',
      satker: 'DINAS KESEHATAN',
      url: 'https://lpse.bandungkab.go.id/eproc4/nontender/10384166000/pengumumanpl',
    });
  });

  it('groups schedules by tender, sorted by start, naming nameless stages by their code', () => {
    const schedules = isbSchedules(stageRows);
    expect(schedules.size).toBe(92);
    const stages = schedules.get('10088019000')!;
    expect(stages).toHaveLength(12);
    expect(stages[0]).toEqual({ name: 'Pengumuman pascakualifikasi', start: new Date('2025-10-03T01:00:00Z'), end: new Date('2025-10-09T05:00:00Z') });
    expect(stages.map((s) => s.name)).toContain('Tahap 18843');
    expect(stages.at(-1)!.name).toBe('Penandatanganan kontrak');
  });

  it('fails naming the field and row when a row no longer fits', () => {
    const broken = tenderRows.map((row, i) => (i === 3 ? { ...row, kd_tender: 'T-1' } : row));
    try {
      checkIsbRows(broken, isbTenderRowSchema, 'SPSE-TenderPengumuman');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SourceFormatError);
      expect((err as SourceFormatError).field).toBe('kd_tender');
      expect((err as SourceFormatError).location).toBe('SPSE-TenderPengumuman row 3');
      expect((err as SourceFormatError).message).toContain('T-1');
    }
    const badDate = [{ kd_tender: 1, kd_tahapan: 2, nama_tahapan: 'Upload', tgl_awal: '03/10/2025', tgl_akhir: null }];
    expect(() => isbSchedules(checkIsbRows(badDate, isbStageRowSchema, 'jadwal'))).toThrow(/^tgl_awal: .*row 0/);
  });

  it('keeps the officials redacted', () => {
    for (const row of tenderRows) {
      for (const key of ['nip_ppk', 'nama_ppk', 'nip_pokja', 'nama_pokja']) expect(row[key]).toBe('REDACTED');
    }
  });
});
