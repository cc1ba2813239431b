/**
 * Jenis and kualifikasi codes of real tenders, and every rule of `matchesCriteria`, on tenders parsed from the real
 * captures in data/lpse-fixtures (ISB Kab. Bandung TA 2025, SPSE list rows, the Kalimantan Barat homepage). Names
 * that are not real are marked as made up where they are built.
 */
import { describe, expect, it } from 'vitest';
import type { JenisCode, KualifikasiCode, SubscriptionCriteria } from '../../src/features/lpse/model.js';
import { parseDataTablesRows } from '../../src/features/lpse/source/dt-rows.js';
import { parseHomepage } from '../../src/features/lpse/source/homepage.js';
import {
  checkIsbRows,
  isbNonTenderRowSchema,
  isbNonTenderToTender,
  isbTenderRowSchema,
  isbTenderToTender,
} from '../../src/features/lpse/source/isb-records.js';
import type { Tender } from '../../src/features/lpse/source/tender.js';
import { CriteriaTable, jenisOf, kualifikasiOf, matchesCriteria } from '../../src/features/lpse/tender-facets.js';
import { wordsOf } from '../../src/features/lpse/words.js';
import { parseSubscription } from '../../src/features/lpse/subscription-parse.js';
import { dataTablesRows, fixtureJson, fixtureText, realTenderRows } from './fixtures.js';

const baseUrl = 'https://spse.inaproc.id/probolinggokota';

const isbTenders = checkIsbRows(
  fixtureJson<unknown[]>('isb_satudata/SPSE-TenderPengumuman_D107_2025.json'),
  isbTenderRowSchema,
  'SPSE-TenderPengumuman',
).map((row) => isbTenderToTender(row));
const isbNonTenders = checkIsbRows(
  fixtureJson<unknown[]>('isb_satudata/SPSE-NonTenderPengumuman_D107_2025.subset.json'),
  isbNonTenderRowSchema,
  'SPSE-NonTenderPengumuman',
).map((row) => isbNonTenderToTender(row));
const lelang = parseDataTablesRows(realTenderRows(), { baseUrl });
const nonspk = parseDataTablesRows(dataTablesRows('spse_list/dt_nonspk_nasional_2026.pyproc.json'), {
  baseUrl,
  list: 'nonspk',
});
const swakelola = parseDataTablesRows(dataTablesRows('spse_list/dt_swakelola_2026.pyproc.json'), {
  baseUrl,
  list: 'swakelola',
});
const darurat = parseDataTablesRows(dataTablesRows('spse_list/dt_darurat-list_2026.pyproc.json'), {
  baseUrl,
  list: 'darurat',
});
const homepage = parseHomepage(
  fixtureText('spse_homepage/kalbarprov_home_tender_table.fragment.html') +
    fixtureText('spse_homepage/kalbarprov_home_nontender_table.fragment.html'),
  { baseUrl, instansi: 'Provinsi Kalimantan Barat' },
);
const all = [...isbTenders, ...isbNonTenders, ...lelang, ...nonspk, ...swakelola, ...darurat, ...homepage];

/** The real tender or non-tender with this kode. */
function real(kode: string): Tender {
  const t = all.find((x) => x.kode === kode);
  if (!t) throw new Error(`no fixture tender ${kode}`);
  return t;
}

/** Criteria with nothing set but what is given. */
function criteria(partial: Partial<SubscriptionCriteria>): SubscriptionCriteria {
  return { keywords: [], exclude: [], ...partial };
}

/** Whether `partial` matches `tender` (shorthand). */
function matches(partial: Partial<SubscriptionCriteria>, tender: Tender): boolean {
  return matchesCriteria(criteria(partial), tender);
}

/** Real tenders used below (all from the fixtures). */
const rehabKantor = real('10088019000'); // "Rehab Kantor Wakil Bupati", Pekerjaan Konstruksi, Kecil, DINAS PEKERJAAN UMUM DAN TATA RUANG
const ipal = real('10036883000'); // "Pembangunan IPAL dan Sarana Lainnya Pendukung Operasional RSUD Arjasari", Menengah
const jalanCuJongHin = real('10130232000'); // "Peningkatan Jalan Cu Jong Hin (Kong Mui)", Kota Singkawang, HPS "3 M"
const jlSanggarIndah = isbNonTenders.find((t) => t.name.startsWith('Peningkatan Jl Sanggar Indah'))!;
const pengawasanJalanJembatan = isbNonTenders.find(
  (t) => t.name === 'Pengawasan Penyelenggaraan Jalan / Jembatan Wilayah 16',
)!;
const pembangunanJembatan = isbTenders.find((t) => t.name === 'Pembangunan Jembatan Roda Dua Cijeruk')!;
const pengawasanJembatan = isbTenders.find((t) => t.name === 'Pengawasan Jembatan Roda Dua Cijeruk')!;
const pengurugan = isbTenders.find((t) => t.name.startsWith('PENGURUGAN,PEMBANGUNAN RUANG KELAS BARU'))!;
const pemeliharaanJalanProv = homepage.find((t) => t.name.startsWith('PEMELIHARAAN RUTIN JALAN PROV. KALBAR'))!;
const noKualifikasi = real('10011868000'); // ISB tender without kualifikasi_paket
const swakelolaNoJenis = swakelola[0]!; // "Seleksi Pengisian Jabatan": the swakelola list gives no jenis

describe('real tender fields', () => {
  it('found the fixture tenders the tests rely on', () => {
    expect(all.length).toBeGreaterThan(170);
    for (const t of [
      jlSanggarIndah,
      pengawasanJalanJembatan,
      pembangunanJembatan,
      pengawasanJembatan,
      pengurugan,
      pemeliharaanJalanProv,
    ]) {
      expect(t).toBeDefined();
    }
    expect(rehabKantor).toMatchObject({
      jenis: 'Pekerjaan Konstruksi',
      kualifikasi: 'Kecil',
      satker: 'DINAS PEKERJAAN UMUM DAN TATA RUANG',
    });
    expect(ipal.kualifikasi).toBe('Menengah');
    expect(noKualifikasi.kualifikasi).toBeUndefined();
    expect(swakelolaNoJenis.jenis).toBeUndefined();
  });
});

describe('jenisOf', () => {
  it('codes every jenis the real captures contain', () => {
    const seen = new Map<string, string | undefined>();
    for (const t of all) if (t.jenis) seen.set(t.jenis, jenisOf(t.jenis));
    expect(Object.fromEntries(seen)).toEqual({
      'Pekerjaan Konstruksi': 'konstruksi',
      'Jasa Konsultansi Badan Usaha Konstruksi': 'konsultansi',
      'Jasa Konsultansi Badan Usaha Non Konstruksi': 'konsultansi',
      'Jasa Konsultansi Perorangan Konstruksi': 'konsultansi',
      'Pengadaan Barang': 'barang',
      'Jasa Lainnya': 'jasa_lainnya',
    });
  });

  it('codes the other SPSE labels, including design and build', () => {
    expect(jenisOf('Jasa Konsultansi Perorangan Non Konstruksi')).toBe('konsultansi');
    expect(jenisOf('Pekerjaan Konstruksi Terintegrasi')).toBe('konstruksi');
    expect(jenisOf('Terintegrasi')).toBe('konstruksi');
    expect(jenisOf('PENGADAAN BARANG')).toBe('barang');
    expect(jenisOf('Pekerjaan Konstruksi - TA 2026')).toBe('konstruksi');
    expect(jenisOf('jasa_lainnya')).toBe('jasa_lainnya');
  });

  it('gives undefined for a missing or unknown jenis', () => {
    expect(jenisOf(undefined)).toBeUndefined();
    expect(jenisOf('')).toBeUndefined();
    expect(jenisOf('Swakelola')).toBeUndefined();
    expect(jenisOf('Barang dan Jasa')).toBeUndefined();
  });
});

describe('kualifikasiOf', () => {
  it('codes the real values', () => {
    const seen = new Map<string, unknown>();
    for (const t of all) if (t.kualifikasi) seen.set(t.kualifikasi, kualifikasiOf(t.kualifikasi));
    expect(Object.fromEntries(seen)).toEqual({ Kecil: ['kecil'], Menengah: ['non_kecil'] });
  });

  it('codes the other SPSE wordings and combinations', () => {
    expect(kualifikasiOf('Non Kecil')).toEqual(['non_kecil']);
    expect(kualifikasiOf('Perusahaan Non Kecil')).toEqual(['non_kecil']);
    expect(kualifikasiOf('Usaha Non-Kecil')).toEqual(['non_kecil']);
    expect(kualifikasiOf('Besar')).toEqual(['non_kecil']);
    expect(kualifikasiOf('Menengah, Besar')).toEqual(['non_kecil']);
    expect(kualifikasiOf('Perusahaan Kecil')).toEqual(['kecil']);
    expect(kualifikasiOf('Usaha Mikro, Usaha Kecil')).toEqual(['kecil']);
    expect(kualifikasiOf('Perorangan')).toEqual(['kecil']);
    expect(kualifikasiOf('Kecil, Menengah')).toEqual(['kecil', 'non_kecil']);
    expect(kualifikasiOf('Kecil / Non Kecil')).toEqual(['kecil', 'non_kecil']);
    expect(kualifikasiOf('Gabungan')).toEqual(['kecil', 'non_kecil']);
  });

  it('gives undefined when nothing known is named', () => {
    expect(kualifikasiOf(undefined)).toBeUndefined();
    expect(kualifikasiOf('')).toBeUndefined();
    expect(kualifikasiOf('Belum Pilih Kualifikasi')).toBeUndefined();
  });
});

describe('matchesCriteria: keywords', () => {
  it('matches whole folded words of the name, in any case', () => {
    expect(matches({ keywords: [['jalan']] }, jalanCuJongHin)).toBe(true);
    expect(matches({ keywords: [['jalan']] }, pemeliharaanJalanProv)).toBe(true); // "PEMELIHARAAN RUTIN JALAN PROV."
    expect(matches({ keywords: [['pengurugan']] }, pengurugan)).toBe(true); // "PENGURUGAN,PEMBANGUNAN …": comma splits words
    expect(matches({ keywords: [['pembangunan']] }, pengurugan)).toBe(true);
    expect(matches({ keywords: [['kantor']] }, jalanCuJongHin)).toBe(false);
  });

  it('does not match part of a word, nor an abbreviation', () => {
    // Made-up name: only "Jalanan" in it.
    const jalanan: Tender = { ...jalanCuJongHin, name: 'Peningkatan Jalanan Kampung Cu Jong Hin' };
    expect(matches({ keywords: [['jalan']] }, jalanan)).toBe(false);
    expect(matches({ keywords: [['jalan']] }, jlSanggarIndah)).toBe(false); // "Peningkatan Jl Sanggar Indah …"
    expect(matches({ keywords: [['jl']] }, jlSanggarIndah)).toBe(true);
    expect(matches({ keywords: [['bangun']] }, pembangunanJembatan)).toBe(false);
  });

  it('ignores accents on both sides and folds keywords stored unfolded', () => {
    // Made-up names with accents.
    const cafe: Tender = { ...rehabKantor, name: 'Pengadaan Peralatan Café Taman Wisata' };
    expect(matches({ keywords: [['cafe']] }, cafe)).toBe(true);
    expect(matches({ keywords: [['Café']] }, cafe)).toBe(true);
    expect(matches({ keywords: [['JALAN']] }, jalanCuJongHin)).toBe(true);
    expect(
      matches({ keywords: [['jalan lingkungan']] }, { ...jalanCuJongHin, name: 'Rehabilitasi Jalan Lingkungan RW 04' }),
    ).toBe(true);
  });

  it('needs every word of some group; words of different groups do not add up', () => {
    const twoWords = { keywords: [['jembatan', 'pengawasan']] };
    expect(matches(twoWords, pengawasanJembatan)).toBe(true);
    expect(matches(twoWords, pembangunanJembatan)).toBe(false);
    const twoGroups = { keywords: [['drainase'], ['jembatan', 'pengawasan']] };
    expect(matches(twoGroups, pengawasanJembatan)).toBe(true);
    expect(matches(twoGroups, real('10130232000'))).toBe(false);
    expect(
      matches(
        {
          keywords: [
            ['jalan', 'lingkungan'],
            ['kantor', 'rehab'],
          ],
        },
        rehabKantor,
      ),
    ).toBe(true);
    expect(
      matches(
        {
          keywords: [
            ['jalan', 'rehab'],
            ['kantor', 'lingkungan'],
          ],
        },
        rehabKantor,
      ),
    ).toBe(false);
    // Order of words in the name does not matter.
    expect(matches({ keywords: [['jembatan', 'jalan']] }, pengawasanJalanJembatan)).toBe(true);
  });

  it('uses the folded name words when the caller passes them', () => {
    const words = new Set(wordsOf(pengawasanJembatan.name));
    expect(matchesCriteria(criteria({ keywords: [['pengawasan']] }), pengawasanJembatan, words)).toBe(true);
    expect(matchesCriteria(criteria({ keywords: [['rehab']] }), pengawasanJembatan, words)).toBe(false);
  });
});

describe('matchesCriteria: exclusions', () => {
  it('rules a tender out when any excluded word is in its name', () => {
    const jembatanNoPengawasan = { keywords: [['jembatan']], exclude: ['pengawasan'] };
    expect(matches(jembatanNoPengawasan, pembangunanJembatan)).toBe(true);
    expect(matches(jembatanNoPengawasan, pengawasanJembatan)).toBe(false);
    expect(matches({ keywords: [['jembatan']], exclude: ['konsultan', 'Pengawasan'] }, pengawasanJembatan)).toBe(false);
    expect(matches({ jenis: ['konstruksi'], exclude: ['rehab'] }, rehabKantor)).toBe(false);
  });

  it('excludes whole words only, and looks at the name only', () => {
    expect(matches({ keywords: [['jembatan']], exclude: ['awas'] }, pengawasanJembatan)).toBe(true);
    // "PEKERJAAN" is in the satker, not in the name.
    expect(matches({ keywords: [['kantor']], exclude: ['pekerjaan'] }, rehabKantor)).toBe(true);
  });
});

describe('matchesCriteria: jenis', () => {
  it('needs the tender jenis among the subscription jenis', () => {
    expect(matches({ jenis: ['konstruksi'] }, rehabKantor)).toBe(true);
    expect(matches({ jenis: ['barang', 'konstruksi'] }, rehabKantor)).toBe(true);
    expect(matches({ jenis: ['konsultansi'] }, rehabKantor)).toBe(false);
    expect(matches({ keywords: [['pengawasan']], jenis: ['konsultansi'] }, pengawasanJembatan)).toBe(true);
    expect(matches({ keywords: [['jembatan']], jenis: ['konsultansi'] }, pembangunanJembatan)).toBe(false);
  });

  it('fails an unknown jenis when the subscription names jenis, passes it otherwise', () => {
    expect(matches({ jenis: ['jasa_lainnya'] }, swakelolaNoJenis)).toBe(false);
    expect(matches({ keywords: [['jabatan']] }, swakelolaNoJenis)).toBe(true);
    expect(
      matches(
        { keywords: [['jabatan']], jenis: ['konstruksi', 'barang', 'konsultansi', 'jasa_lainnya'] },
        swakelolaNoJenis,
      ),
    ).toBe(false);
  });

  it('matches nothing for a stored jenis or kualifikasi that is not a code (rather than anything)', () => {
    const bogusJenis = ['swakelola' as JenisCode];
    expect(matches({ jenis: bogusJenis }, rehabKantor)).toBe(false);
    expect(matches({ jenis: bogusJenis }, swakelolaNoJenis)).toBe(false);
    expect(matches({ jenis: [...bogusJenis, 'konstruksi'] }, rehabKantor)).toBe(true);
    expect(matches({ jenis: ['konstruksi'], kualifikasi: 'mikro' as KualifikasiCode }, rehabKantor)).toBe(false);
    // An unknown tender kualifikasi still passes.
    expect(matches({ jenis: ['konstruksi'], kualifikasi: 'mikro' as KualifikasiCode }, jalanCuJongHin)).toBe(true);
    const table = new CriteriaTable([criteria({ jenis: bogusJenis })]);
    expect(table.jenisCodes(0)).toEqual([]);
  });

  it('treats an empty jenis list as no jenis filter', () => {
    expect(matches({ keywords: [['jabatan']], jenis: [] }, swakelolaNoJenis)).toBe(true);
  });
});

describe('matchesCriteria: HPS', () => {
  const hps = rehabKantor.hps!; // 899,369,196.40

  it('includes both bounds', () => {
    expect(hps).toBe(899_369_196.4);
    expect(matches({ jenis: ['konstruksi'], hpsMin: hps }, rehabKantor)).toBe(true);
    expect(matches({ jenis: ['konstruksi'], hpsMax: hps }, rehabKantor)).toBe(true);
    expect(matches({ jenis: ['konstruksi'], hpsMin: hps, hpsMax: hps }, rehabKantor)).toBe(true);
    expect(matches({ jenis: ['konstruksi'], hpsMin: hps + 0.01 }, rehabKantor)).toBe(false);
    expect(matches({ jenis: ['konstruksi'], hpsMax: hps - 0.01 }, rehabKantor)).toBe(false);
    expect(matches({ jenis: ['konstruksi'], hpsMin: 500_000_000, hpsMax: 1_000_000_000 }, rehabKantor)).toBe(true);
    // "3 M" on the list: 3,000,000,000 exactly.
    expect(matches({ keywords: [['jalan']], hpsMax: 3_000_000_000 }, jalanCuJongHin)).toBe(true);
    expect(matches({ keywords: [['jalan']], hpsMax: 2_999_999_999 }, jalanCuJongHin)).toBe(false);
  });

  it('lets an unknown HPS through', () => {
    const unknownHps: Tender = { ...rehabKantor };
    delete unknownHps.hps;
    expect(matches({ jenis: ['konstruksi'], hpsMin: 10_000_000_000 }, unknownHps)).toBe(true);
    expect(matches({ jenis: ['konstruksi'], hpsMax: 1 }, { ...rehabKantor, hps: Number.NaN })).toBe(true);
  });

  it('counts HPS bounds alone as a filter', () => {
    expect(matches({ hpsMin: 15_000_000_000 }, real('10144220000'))).toBe(true); // "15,9 M"
    expect(matches({ hpsMin: 15_000_000_000 }, jalanCuJongHin)).toBe(false);
  });
});

describe('matchesCriteria: kualifikasi', () => {
  it('needs the tender kualifikasi to admit the subscription one', () => {
    expect(matches({ jenis: ['konstruksi'], kualifikasi: 'kecil' }, rehabKantor)).toBe(true);
    expect(matches({ jenis: ['konstruksi'], kualifikasi: 'non_kecil' }, rehabKantor)).toBe(false);
    expect(matches({ keywords: [['ipal']], kualifikasi: 'non_kecil' }, ipal)).toBe(true); // Menengah
    expect(matches({ keywords: [['ipal']], kualifikasi: 'kecil' }, ipal)).toBe(false);
    expect(matches({ kualifikasi: 'non_kecil' }, { ...rehabKantor, kualifikasi: 'Kecil, Menengah' })).toBe(true);
    expect(matches({ kualifikasi: 'kecil' }, { ...rehabKantor, kualifikasi: 'Perorangan' })).toBe(true);
  });

  it('lets an unknown kualifikasi through', () => {
    expect(matches({ jenis: ['konsultansi'], kualifikasi: 'non_kecil' }, noKualifikasi)).toBe(true);
    expect(matches({ jenis: ['konstruksi'], kualifikasi: 'kecil' }, jalanCuJongHin)).toBe(true); // the list shows none
    expect(matches({ kualifikasi: 'kecil' }, { ...rehabKantor, kualifikasi: 'Belum Pilih Kualifikasi' })).toBe(true);
  });
});

describe('matchesCriteria: instansi', () => {
  const pupr = { label: 'Dinas PUPR', words: ['pekerjaan', 'umum'] };

  it('needs every instansi word among the instansi and satker words', () => {
    expect(matches({ instansi: pupr }, rehabKantor)).toBe(true);
    expect(matches({ instansi: { label: 'Dinkes', words: ['kesehatan'] } }, rehabKantor)).toBe(false);
    expect(
      matches({ instansi: { label: 'Kab. Bandung PUPR', words: ['bandung', 'pekerjaan', 'umum'] } }, rehabKantor),
    ).toBe(true);
    expect(matches({ instansi: { label: 'Singkawang', words: ['singkawang'] } }, jalanCuJongHin)).toBe(true);
    expect(
      matches(
        { keywords: [['jalan']], instansi: { label: 'Singkawang', words: ['Singkawang'] } },
        pemeliharaanJalanProv,
      ),
    ).toBe(false);
  });

  it('does not look for instansi words in the name', () => {
    // "Singkawang" is in the name of 10144220000 and in its instansi; "sungai" only in the name.
    expect(matches({ instansi: { label: 'x', words: ['sungai'] } }, real('10144220000'))).toBe(false);
  });

  it('matches whole words there too', () => {
    expect(matches({ instansi: { label: 'x', words: ['pekerja'] } }, rehabKantor)).toBe(false);
  });
});

describe('matchesCriteria: empty and degenerate criteria', () => {
  it('matches nothing without any filter', () => {
    for (const t of all) {
      expect(matches({}, t)).toBe(false);
      expect(matches({ exclude: ['zzz'] }, t)).toBe(false);
      expect(matches({ jenis: [] }, t)).toBe(false);
      expect(matches({ instansi: { label: 'x', words: [] } }, t)).toBe(false);
    }
  });

  it('matches nothing when every keyword group folds to nothing', () => {
    expect(matches({ keywords: [[]] }, rehabKantor)).toBe(false);
    expect(matches({ keywords: [['-', '']] }, rehabKantor)).toBe(false);
    expect(matches({ keywords: [['-'], ['kantor']] }, rehabKantor)).toBe(true);
  });

  it('matches every tender of a jenis when only the jenis is set', () => {
    const konstruksi = all.filter((t) => jenisOf(t.jenis) === 'konstruksi');
    expect(konstruksi.length).toBeGreaterThan(70);
    expect(all.filter((t) => matches({ jenis: ['konstruksi'] }, t))).toEqual(konstruksi);
  });
});

describe('CriteriaTable', () => {
  const list: SubscriptionCriteria[] = [
    criteria({ keywords: [['jalan'], ['jembatan', 'pembangunan']], exclude: ['pengawasan'] }),
    criteria({ jenis: ['konsultansi'], hpsMax: 1_000_000_000 }),
    criteria({
      keywords: [['belanja', 'modal']],
      instansi: { label: 'Dinkes', words: ['kesehatan'] },
      kualifikasi: 'kecil',
    }),
    criteria({}),
    criteria({ keywords: [['-']], jenis: ['barang', 'jasa_lainnya'] }),
    criteria({ keywords: [['Jalan', 'lingkungan'], ['jalan']], jenis: ['barang', 'jasa_lainnya'] }),
  ];
  const table = new CriteriaTable(list);

  it('gives, row by row, the answers of matchesCriteria on every real tender', () => {
    expect(table.length).toBe(list.length);
    for (const t of all) {
      const facets = table.facets(t);
      for (const [row, c] of list.entries())
        expect(table.matches(row, facets), `${row} ${t.name}`).toBe(matchesCriteria(c, t));
    }
  });

  it('tells which rows can match, their jenis and their keyword groups as folded words', () => {
    expect(list.map((_, row) => table.canMatch(row))).toEqual([true, true, true, false, false, true]);
    expect(table.jenisCodes(0)).toBeUndefined();
    expect(table.jenisCodes(5)).toEqual(['barang', 'jasa_lainnya']);
    expect(table.keywordGroups(5).map((g) => g.map((id) => table.word(id)))).toEqual([
      ['jalan', 'lingkungan'],
      ['jalan'],
    ]);
    expect(table.keywordGroups(1)).toEqual([]);
    // jalan, jembatan, pembangunan, pengawasan, belanja, modal, kesehatan, lingkungan ("Jalan" folds to "jalan").
    expect(table.wordCount).toBe(8);
  });

  it('refuses facets made by another table', () => {
    const other = new CriteriaTable(list);
    expect(() => table.matches(0, other.facets(rehabKantor))).toThrow(/another table/);
  });

  it('is not changed by later edits to the criteria', () => {
    const c = criteria({ keywords: [['kantor']] });
    const one = new CriteriaTable([c]);
    c.keywords[0]!.push('zzz');
    c.hpsMax = 1;
    expect(one.matches(0, one.facets(rehabKantor))).toBe(true);
  });
});

describe('instansi abbreviations on the tender side', () => {
  it('"rsud" in a subscription finds a satker written as "RSUD dr. Mohamad Saleh"', () => {
    const { criteria } = parseSubscription('langganan tender alkes di rsud');
    const rsud = { kode: '1', name: 'Pengadaan Alkes Ruang Operasi', retender: false, badges: [], kind: 'tender' as const, instansi: 'Kota Probolinggo', satker: 'RSUD dr. Mohamad Saleh', tahap: '', url: 'u', source: 'spse' as const };
    expect(criteria.instansi?.words).toEqual(['rumah', 'sakit', 'umum', 'daerah']);
    expect(matchesCriteria(criteria, rsud)).toBe(true);
    expect(matchesCriteria(criteria, { ...rsud, satker: 'DINAS KESEHATAN' })).toBe(false);
  });
});
