/**
 * DataTables rows → Tender on the real captures: the 16-column SPSE 4.5 tender list (Kota Singkawang), the
 * 9-column pencatatan list and the 8-column swakelola and darurat lists (nasional), plus pyproc's hand-written
 * rows for the shape of the old 9-column tender list (values there are not real and are not asserted as such).
 */
import { describe, expect, it } from 'vitest';
import {
  parseDataTablesRow,
  parseDataTablesRows,
  readDataTablesPage,
} from '../../src/features/lpse/source/dt-rows.js';
import { SourceFormatError, SourceUnavailableError } from '../../src/features/lpse/source/errors.js';
import { dataTablesRows, fixtureJson, realTenderRows } from './fixtures.js';

const baseUrl = 'https://spse.inaproc.id/singkawangkota';

function formatError(fn: () => unknown): SourceFormatError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SourceFormatError) return err;
    throw err;
  }
  throw new Error('expected a SourceFormatError');
}

describe('SPSE 4.5 tender list, 16 columns (real rows)', () => {
  const [withBadge, plain] = parseDataTablesRows(realTenderRows(), { baseUrl });

  it('reads the re-tendered row with its badge, abbreviated HPS and "jenis - TA year"', () => {
    expect(withBadge).toEqual({
      kode: '10144220000',
      name: 'Peningkatan Perkuatan Tebing Sungai Singkawang Segmen II',
      retender: true,
      badges: ['Tender Ulang'],
      kind: 'tender',
      instansi: 'Kota Singkawang',
      tahap: 'Tender Sudah Selesai',
      hps: 15_900_000_000,
      hpsExact: false,
      hpsText: '15,9 M',
      jenis: 'Pekerjaan Konstruksi',
      tahunAnggaran: 2026,
      metode: 'Tender',
      metodeKualifikasi: 'Pascakualifikasi Satu File',
      metodeEvaluasi: 'Harga Terendah Sistem Gugur',
      url: 'https://spse.inaproc.id/singkawangkota/lelang/10144220000/pengumumanlelang',
      source: 'spse',
    });
  });

  it('does not take the contract value ("Rp. 15.602.948.688,00") or "Nilai Kontrak belum dibuat" for the HPS', () => {
    expect(withBadge!.hps).toBe(15_900_000_000);
    expect(plain).toMatchObject({ kode: '10130232000', name: 'Peningkatan Jalan Cu Jong Hin (Kong Mui)', retender: false, hps: 3_000_000_000, hpsText: '3 M' });
  });

  it('finds the tail columns by content when SPSE reorders them', () => {
    const row = realTenderRows()[0]!;
    // kode, nama, instansi stay first; the rest shuffled: jenis-TA, HPS, versi, evaluasi, tahap, metode, kontrak, kualifikasi, flags.
    const reordered = [row[0], row[1], row[2], row[8], row[4], row[9], row[7], row[3], row[6], row[10], row[5], row[11], row[12], row[13], row[14], row[15]];
    expect(parseDataTablesRow(reordered, { baseUrl })).toEqual(withBadge);
  });

  it('takes a full "Rp" amount as the exact HPS when no abbreviated one is present', () => {
    const row = [...realTenderRows()[1]!];
    row[4] = null;
    row[10] = 'Rp. 2.987.654.321,00';
    expect(parseDataTablesRow(row, { baseUrl })).toMatchObject({ hps: 2_987_654_321, hpsExact: true, hpsText: 'Rp. 2.987.654.321,00' });
  });
});

describe('9-column layouts', () => {
  it('reads the real pencatatan (nonspk) list: HPS, metode, jenis, year, status', () => {
    const tenders = parseDataTablesRows(dataTablesRows('spse_list/dt_nonspk_nasional_2026.pyproc.json'), {
      baseUrl: 'https://spse.inaproc.id/nasional',
      list: 'nonspk',
    });
    expect(tenders).toHaveLength(25);
    expect(tenders[0]).toMatchObject({
      kode: '10942236000',
      instansi: 'Kementerian Imigrasi dan Pemasyarakatan',
      hps: 3_800_000,
      hpsText: '3,8 Jt',
      metode: 'Pengadaan Langsung',
      jenis: 'Jasa Lainnya',
      tahunAnggaran: 2026,
      tahap: 'Paket Sedang Berjalan',
      kind: 'nontender',
      url: 'https://spse.inaproc.id/nasional/pencatatan/pengumumannonspk?id=10942236000',
    });
    expect(tenders[1]).toMatchObject({ kode: '10942215000', hps: 67_400_000 });
    const stages = tenders.map((t) => t.tahap);
    expect(stages.filter((t) => t === 'Paket Sedang Berjalan')).toHaveLength(21);
    expect(stages.filter((t) => t === 'Paket Sudah Selesai')).toHaveLength(4);
    expect(tenders.every((t) => t.tahunAnggaran === 2026)).toBe(true);
  });

  it('reads the old 9-column tender layout by content (pyproc shape: tahap, year and "jenis - year" columns)', () => {
    const [first, second] = parseDataTablesRows(dataTablesRows('synthetic_shape_only/pyproc_dt_lelang.json'), { baseUrl });
    expect(first).toMatchObject({ kode: '10080116000', tahap: 'Tender Sudah Selesai', jenis: 'Pengadaan Barang', tahunAnggaran: 2025 });
    expect(first!.hps).toBeUndefined();
    expect(second).toMatchObject({ tahap: 'Tender Sedang Berlangsung', jenis: 'Jasa Konsultansi' });
  });
});

describe('8-column layouts (real swakelola and darurat lists)', () => {
  it('reads swakelola rows', () => {
    const tenders = parseDataTablesRows(dataTablesRows('spse_list/dt_swakelola_2026.pyproc.json'), {
      baseUrl: 'https://spse.inaproc.id/nasional',
      list: 'swakelola',
    });
    expect(tenders).toHaveLength(25);
    expect(tenders[0]).toMatchObject({ kode: '10336514000', name: 'Seleksi Pengisian Jabatan', hps: 176_300_000, tahunAnggaran: 2026, tahap: 'Paket Sedang Berjalan' });
  });

  it('reads darurat rows with their jenis', () => {
    const tenders = parseDataTablesRows(dataTablesRows('spse_list/dt_darurat-list_2026.pyproc.json'), {
      baseUrl: 'https://spse.inaproc.id/nasional',
      list: 'darurat',
    });
    expect(tenders.map((t) => [t.kode, t.hps, t.jenis])).toEqual([
      ['106802', 500_000_000, 'Pekerjaan Konstruksi'],
      ['105802', 900_000_000, 'Pekerjaan Konstruksi'],
      ['104802', 200_000_000, 'Pekerjaan Konstruksi'],
    ]);
    expect(tenders[0]!.url).toBe('https://spse.inaproc.id/nasional/darurat/pengumumandarurat?id=106802');
  });
});

describe('rows that no longer fit fail with the column that broke', () => {
  const good = () => [...realTenderRows()[0]!];

  it('a non-numeric kode', () => {
    const row = good();
    row[0] = 'PKT-1';
    expect(formatError(() => parseDataTablesRow(row, { baseUrl })).field).toBe('column 0 (kode)');
  });

  it('the HPS where the name should be (columns moved)', () => {
    const row = good();
    [row[1], row[4]] = [row[4], row[1]];
    const error = formatError(() => parseDataTablesRow(row, { baseUrl }));
    expect(error.field).toBe('column 1 (nama paket)');
    expect(error.message).toContain('15,9 M');
    expect(error.hint).toMatch(/column order/);
  });

  it('no stage text left', () => {
    const row = good();
    row[3] = null;
    expect(formatError(() => parseDataTablesRow(row, { baseUrl })).field).toBe('tahap');
  });

  it('an object instead of an array, with the row number in the error', () => {
    const rows = [realTenderRows()[1], { kode: '1', nama: 'x' }];
    const error = formatError(() => parseDataTablesRows(rows, { baseUrl }));
    expect(error.field).toBe('row');
    expect(error.location).toBe('lelang row 1');
    expect(error.message).toContain('(lelang row 1)');
  });

  it('a nested value in a tail column', () => {
    const row = good();
    row[6] = { text: 'Tender' };
    expect(formatError(() => parseDataTablesRow(row, { baseUrl })).field).toBe('column 6');
  });
});

describe('readDataTablesPage', () => {
  it('returns the data rows and ignores the fake recordsTotal', () => {
    const body = fixtureJson<{ recordsTotal: number }>('spse_list/dt_nonspk_nasional_2026.pyproc.json');
    expect(body.recordsTotal).toBe(2147483647);
    expect(readDataTablesPage(body, 'x')).toHaveLength(25);
  });

  it('turns a DataTables error into SourceUnavailableError and a missing data array into SourceFormatError', () => {
    expect(() => readDataTablesPage({ error: 'Session expired' }, 'u')).toThrow(SourceUnavailableError);
    expect(formatError(() => readDataTablesPage({ draw: 1, rows: [] }, 'u')).field).toBe('data');
    expect(formatError(() => readDataTablesPage([], 'u')).field).toBe('DataTables response');
  });
});
