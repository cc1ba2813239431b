/** The homepage Tender and Non Tender tables (real kalbarprov excerpts): exact HPS and registration deadlines. */
import { describe, expect, it } from 'vitest';
import { SourceFormatError } from '../../src/features/lpse/source/errors.js';
import { parseHomepage } from '../../src/features/lpse/source/homepage.js';
import { fixtureText } from './fixtures.js';

const baseUrl = 'https://spse.inaproc.id/kalbarprov';
const tenderTable = fixtureText('spse_homepage/kalbarprov_home_tender_table.fragment.html');
const nonTenderTable = fixtureText('spse_homepage/kalbarprov_home_nontender_table.fragment.html');

describe('parseHomepage', () => {
  it('reads the tender table: kode from the link, exact HPS, deadline in WIB, jenis from the group row', () => {
    const tenders = parseHomepage(tenderTable, { baseUrl, instansi: 'Provinsi Kalimantan Barat' });
    expect(tenders).toEqual([
      {
        kode: '10166709000',
        name: 'PEMELIHARAAN RUTIN JALAN PROV. KALBAR WILAYAH II (KLASTER IV TERSEBAR)',
        retender: false,
        badges: ['spse 4.5', 'Tender'],
        kind: 'tender',
        instansi: 'Provinsi Kalimantan Barat',
        tahap: '',
        hps: 927_897_900,
        hpsExact: true,
        hpsText: 'Rp. 927.897.900,00',
        jenis: 'Pekerjaan Konstruksi',
        metode: 'Tender',
        registrationDeadline: new Date('2026-09-18T05:00:00.000Z'),
        url: 'https://spse.inaproc.id/kalbarprov/lelang/10166709000/pengumumanlelang',
        source: 'spse',
      },
      expect.objectContaining({
        kode: '10166425000',
        hps: 1_763_180_700,
        registrationDeadline: new Date('2026-09-15T00:30:00.000Z'),
        jenis: 'Pekerjaan Konstruksi',
      }),
    ]);
  });

  it('reads the non-tender table (pengadaan langsung) and both tables of a whole page', () => {
    const page = `<html><body><div>${tenderTable}</div><div>${nonTenderTable}</div></body></html>`;
    const tenders = parseHomepage(page, { baseUrl });
    expect(tenders.map((t) => t.kode)).toEqual(['10166709000', '10166425000', '11040489000']);
    expect(tenders[2]).toMatchObject({
      kind: 'nontender',
      name: 'Konsultansi Perencanaan Rehabilitasi Ruang Kelas (Program Khusus) SMAS Al - Islah Baitul Mal',
      jenis: 'Jasa Konsultansi Badan Usaha Non Konstruksi',
      metode: 'Pengadaan Langsung',
      hps: 9_999_000,
      registrationDeadline: new Date('2026-09-14T07:59:00.000Z'),
      url: 'https://spse.inaproc.id/kalbarprov/nontender/11040489000/pengumumanpl',
      instansi: '',
    });
  });

  it('names the column when a header changes', () => {
    const renamed = tenderTable.replace('>HPS<', '>Nilai<');
    expect(() => parseHomepage(renamed + nonTenderTable.replace('>HPS<', '>Nilai<'), { baseUrl })).toThrow(/homepage tables/);
    const noName = tenderTable.replace('Nama Paket', 'Paket');
    expect(() => parseHomepage(noName, { baseUrl })).toThrow(SourceFormatError);
  });

  it('names the row when a cell cannot be read', () => {
    const badDate = tenderTable.replace('18 September 2026 12:00', 'besok siang');
    try {
      parseHomepage(badDate, { baseUrl });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SourceFormatError);
      expect((err as SourceFormatError).field).toBe('homepage "Akhir Pendaftaran"');
      expect((err as SourceFormatError).location).toBe('homepage table 1, row 4') // header = row 1, two group rows;
    }
    const badLink = tenderTable.replace('/kalbarprov/lelang/10166709000/pengumumanlelang', '/kalbarprov/paket?id=x');
    expect(() => parseHomepage(badLink, { baseUrl })).toThrow(/Nama Paket" link/);
  });
});
