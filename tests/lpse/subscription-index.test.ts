/**
 * SubscriptionIndex: the same matches as checking every subscription with `matchesCriteria`, each once, in id order,
 * while checking only a fraction of the subscriptions. Tenders are parsed from the real captures in
 * data/lpse-fixtures; the random tenders of the property test reuse their real names, jenis, kualifikasi, instansi
 * and satker.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/seeded-random.js';
import type { JenisCode, KualifikasiCode, Subscription, SubscriptionCriteria } from '../../src/features/lpse/model.js';
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
import { SubscriptionIndex } from '../../src/features/lpse/subscription-index.js';
import { jenisOf, kualifikasiOf, matchesCriteria } from '../../src/features/lpse/tender-facets.js';
import { wordsOf } from '../../src/features/lpse/words.js';
import { dataTablesRows, fixtureJson, fixtureText, realTenderRows } from './fixtures.js';

const baseUrl = 'https://spse.inaproc.id/probolinggokota';

/** Every tender and non-tender of the real captures, parsed as the sources do. */
const realTenders: Tender[] = [
  ...checkIsbRows(
    fixtureJson<unknown[]>('isb_satudata/SPSE-TenderPengumuman_D107_2025.json'),
    isbTenderRowSchema,
    'SPSE-TenderPengumuman',
  ).map((row) => isbTenderToTender(row)),
  ...checkIsbRows(
    fixtureJson<unknown[]>('isb_satudata/SPSE-NonTenderPengumuman_D107_2025.subset.json'),
    isbNonTenderRowSchema,
    'SPSE-NonTenderPengumuman',
  ).map((row) => isbNonTenderToTender(row)),
  ...parseDataTablesRows(realTenderRows(), { baseUrl }),
  ...parseDataTablesRows(dataTablesRows('spse_list/dt_nonspk_nasional_2026.pyproc.json'), { baseUrl, list: 'nonspk' }),
  ...parseDataTablesRows(dataTablesRows('spse_list/dt_swakelola_2026.pyproc.json'), { baseUrl, list: 'swakelola' }),
  ...parseDataTablesRows(dataTablesRows('spse_list/dt_darurat-list_2026.pyproc.json'), { baseUrl, list: 'darurat' }),
  ...parseHomepage(
    fixtureText('spse_homepage/kalbarprov_home_tender_table.fragment.html') +
      fixtureText('spse_homepage/kalbarprov_home_nontender_table.fragment.html'),
    { baseUrl, instansi: 'Provinsi Kalimantan Barat' },
  ),
];

/** The first real tender whose name starts with `prefix`. */
function named(prefix: string): Tender {
  const t = realTenders.find((x) => x.name.startsWith(prefix));
  if (!t) throw new Error(`no fixture tender named ${prefix}…`);
  return t;
}

let nextId = 0;
/** A subscription with `criteria` (nothing set but what is given) and the given id, or a fresh one. */
function sub(partial: Partial<SubscriptionCriteria>, id = `s${String(++nextId).padStart(4, '0')}`): Subscription {
  return {
    id,
    userId: `u-${id}`,
    criteria: { keywords: [], exclude: [], ...partial },
    createdAt: new Date('2026-11-29T00:00:00Z'),
  };
}

/** Ids of `subs`, for readable comparisons. */
const ids = (subs: readonly Subscription[]): string[] => subs.map((s) => s.id);

/** What checking every subscription gives: `subs` matching `tender`, in id order. */
function bruteForce(subs: readonly Subscription[], tender: Tender): string[] {
  const words = new Set(wordsOf(tender.name));
  return ids(subs.filter((s) => matchesCriteria(s.criteria, tender, words))).sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
}

/**
 * The match rule written out plainly from its description, independent of the compiled form `matchesCriteria` and
 * the index share: the property test checks both against it.
 */
function reference(c: SubscriptionCriteria, t: Tender): boolean {
  const name = new Set(wordsOf(t.name));
  const place = new Set(wordsOf(`${t.instansi} ${t.satker ?? ''}`));
  const groups = c.keywords.map((g) => g.flatMap(wordsOf)).filter((g) => g.length > 0);
  const instansi = (c.instansi?.words ?? []).flatMap(wordsOf);
  const bounded = (x: number | undefined): x is number => Number.isFinite(x);
  const noFilter =
    c.keywords.length === 0 &&
    !c.jenis?.length &&
    !bounded(c.hpsMin) &&
    !bounded(c.hpsMax) &&
    !c.kualifikasi &&
    instansi.length === 0;
  if (noFilter || (c.keywords.length > 0 && groups.length === 0)) return false;
  if (groups.length > 0 && !groups.some((g) => g.every((w) => name.has(w)))) return false;
  if (c.exclude.map(wordsOf).some((e) => e.length > 0 && e.every((w) => name.has(w)))) return false;
  if (c.jenis?.length) {
    const jenis = jenisOf(t.jenis);
    if (!jenis || !c.jenis.includes(jenis)) return false;
  }
  if (bounded(t.hps)) {
    if (bounded(c.hpsMin) && t.hps < c.hpsMin) return false;
    if (bounded(c.hpsMax) && t.hps > c.hpsMax) return false;
  }
  const admitted = kualifikasiOf(t.kualifikasi);
  if (c.kualifikasi && admitted && !admitted.includes(c.kualifikasi)) return false;
  return instansi.every((w) => place.has(w));
}

const rehabKantor = named('Rehab Kantor Wakil Bupati'); // Pekerjaan Konstruksi, Kecil, HPS 899,369,196.40
const pengawasanJembatan = named('Pengawasan Jembatan Roda Dua Cijeruk'); // Jasa Konsultansi …
const pembangunanJembatan = named('Pembangunan Jembatan Roda Dua Cijeruk'); // Pekerjaan Konstruksi
const jalanCuJongHin = named('Peningkatan Jalan Cu Jong Hin'); // Kota Singkawang list row
const seleksiJabatan = named('Seleksi Pengisian Jabatan'); // swakelola: no jenis

describe('SubscriptionIndex', () => {
  const subs = [
    sub({ keywords: [['jembatan']] }, 'b-jembatan'),
    sub({ keywords: [['jembatan'], ['cijeruk']] }, 'a-two-groups'),
    sub({ keywords: [['jembatan', 'pengawasan']] }, 'c-pengawasan-jembatan'),
    sub({ keywords: [['jembatan']], exclude: ['pengawasan'] }, 'd-no-pengawasan'),
    sub({ jenis: ['konstruksi'] }, 'e-konstruksi'),
    sub({ jenis: ['konsultansi', 'konstruksi'], hpsMax: 1_000_000_000 }, 'f-two-jenis'),
    sub({ kualifikasi: 'kecil' }, 'g-any-jenis-kecil'),
    sub({ instansi: { label: 'Dinas PUPR', words: ['pekerjaan', 'umum'] } }, 'h-pupr'),
    sub({}, 'i-empty'),
    sub({ keywords: [['-']] }, 'j-unmatchable'),
    sub({ keywords: [['Jalan']], jenis: ['konstruksi'] }, 'k-jalan'),
    sub({ keywords: [['jabatan']] }, 'l-jabatan'),
    sub({ keywords: [['jabatan']], jenis: ['jasa_lainnya'] }, 'm-jabatan-jasa'),
  ];
  const index = new SubscriptionIndex(subs);

  it('holds every subscription and indexes those that can match', () => {
    expect(index.size).toBe(13);
    expect(SubscriptionIndex.build(subs).size).toBe(13);
    expect(index.stats).toEqual({
      subscriptions: 13,
      neverMatching: 2,
      // Key words: "jembatan" for b, d and a's first group; "cijeruk" for a's second group; "pengawasan" for c
      // (one group uses it, four use "jembatan"); "jalan" for k; "jabatan" for l and m.
      keywordBuckets: 5,
      keywordEntries: 8,
      largestKeywordBucket: 3,
      jenisEntries: 3,
      anyJenis: 2,
    });
  });

  it('returns each matching subscription once, in id order', () => {
    // 'a-two-groups' matches through both groups; it comes back once.
    expect(ids(index.match(pembangunanJembatan))).toEqual([
      'a-two-groups',
      'b-jembatan',
      'd-no-pengawasan',
      'e-konstruksi',
      'g-any-jenis-kecil',
      'h-pupr',
    ]);
    expect(ids(index.match(pengawasanJembatan))).toEqual([
      'a-two-groups',
      'b-jembatan',
      'c-pengawasan-jembatan',
      'f-two-jenis',
      'g-any-jenis-kecil',
      'h-pupr',
    ]);
    expect(ids(index.match(rehabKantor))).toEqual(['e-konstruksi', 'f-two-jenis', 'g-any-jenis-kecil', 'h-pupr']);
    expect(ids(index.match(jalanCuJongHin))).toEqual(['e-konstruksi', 'g-any-jenis-kecil', 'k-jalan']);
  });

  it('gives an unknown jenis only to subscriptions that do not name jenis', () => {
    expect(ids(index.match(seleksiJabatan))).toEqual(['g-any-jenis-kecil', 'l-jabatan']);
  });

  it('agrees with checking every subscription on every real tender', () => {
    for (const t of realTenders) expect(ids(index.match(t)), t.name).toEqual(bruteForce(subs, t));
  });

  it('checks only the candidates of the tender, not every subscription', () => {
    // Name words of "Rehab Kantor Wakil Bupati" have no bucket: the jenis bucket and the "any jenis" bucket only.
    expect(index.candidateCount(rehabKantor)).toBe(4);
    expect(index.candidateCount(seleksiJabatan)).toBe(4); // l, m (keyword "jabatan"), g, h (any jenis)
  });

  it('accepts no two subscriptions with the same id', () => {
    expect(() => new SubscriptionIndex([sub({ jenis: ['barang'] }, 'x'), sub({ jenis: ['konstruksi'] }, 'x')])).toThrow(
      /duplicate subscription id x/,
    );
  });

  it('sorts ids by code unit, whatever order they come in', () => {
    const unordered = [
      sub({ jenis: ['konstruksi'] }, 'b'),
      sub({ jenis: ['konstruksi'] }, 'B'),
      sub({ jenis: ['konstruksi'] }, 'a10'),
      sub({ jenis: ['konstruksi'] }, 'a9'),
    ];
    expect(ids(new SubscriptionIndex(unordered).match(rehabKantor))).toEqual(['B', 'a10', 'a9', 'b']);
  });

  it('is not changed by later edits to the subscriptions it was built from', () => {
    const s = sub({ keywords: [['kantor']] }, 'edit');
    const idx = new SubscriptionIndex([s]);
    s.criteria.keywords = [['zzz']];
    expect(ids(idx.match(rehabKantor))).toEqual(['edit']);
  });

  it('hands back the very objects it was built from, with their own type', () => {
    const withContact = [{ ...sub({ keywords: [['kantor']] }, 'with-contact'), contact: { channel: 'web', id: 'x' } }];
    const found = SubscriptionIndex.build(withContact).match(rehabKantor);
    expect(found[0]).toBe(withContact[0]);
    expect(found[0]?.contact.channel).toBe('web');
  });

  it('matches nothing when empty', () => {
    const empty = new SubscriptionIndex([]);
    expect(empty.size).toBe(0);
    expect(empty.match(rehabKantor)).toEqual([]);
  });

  it('matchMany gives each kode its matches, an empty list when none, the first tender of a repeated kode', () => {
    const renamed: Tender = { ...rehabKantor, name: 'Pembangunan Jembatan Baru', jenis: 'Pengadaan Barang' };
    const result = index.matchMany([
      rehabKantor,
      seleksiJabatan,
      renamed,
      {
        ...pengawasanJembatan,
        kualifikasi: 'Besar',
        kode: 'nothing',
        jenis: 'Pengadaan Barang',
        name: 'Alat Tulis',
        instansi: '',
        satker: '',
      },
    ]);
    expect([...result.keys()]).toEqual([rehabKantor.kode, seleksiJabatan.kode, 'nothing']);
    expect(ids(result.get(rehabKantor.kode)!)).toEqual(ids(index.match(rehabKantor)));
    expect(ids(result.get(seleksiJabatan.kode)!)).toEqual(['g-any-jenis-kecil', 'l-jabatan']);
    expect(result.get('nothing')).toEqual([]);
  });
});

describe('SubscriptionIndex against checking every subscription (seeded random)', () => {
  const random = seededRandom(20261129);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const chance = (p: number): boolean => random() < p;

  const names = [...new Set(realTenders.map((t) => t.name))];
  const nameWords = [...new Set(names.flatMap(wordsOf))];
  const places = realTenders.map((t) => ({ instansi: t.instansi, satker: t.satker }));
  const placeWords = [...new Set(places.flatMap((p) => wordsOf(`${p.instansi} ${p.satker ?? ''}`)))];
  const jenisTexts = [...new Set(realTenders.flatMap((t) => (t.jenis ? [t.jenis] : [])))];
  const hpsValues = realTenders.flatMap((t) => (t.hps !== undefined ? [t.hps] : []));
  const KUALIFIKASI_TEXTS = [
    'Kecil',
    'Menengah',
    'Non Kecil',
    'Besar',
    'Perorangan',
    'Kecil, Menengah',
    'Belum Pilih Kualifikasi',
  ];
  const JENIS: readonly JenisCode[] = ['barang', 'konstruksi', 'konsultansi', 'jasa_lainnya'];
  const KUALIFIKASI: readonly KualifikasiCode[] = ['kecil', 'non_kecil'];
  // Words no real name has, some of them longer forms of real words ("jalanan"), and unfolded spellings.
  const OTHER_WORDS = [
    'jalanan',
    'komputer',
    'laptop',
    'pembangunanan',
    'jl',
    'Jalan',
    'GEDUNG',
    'kafé',
    'rehab-berat',
  ];

  /** A word a vendor might type: mostly one from real names. */
  const keyword = (): string => (chance(0.9) ? pick(nameWords) : pick(OTHER_WORDS));

  /** A random subscription: keywords 70 %, jenis, HPS bounds, exclusions, kualifikasi and instansi sometimes; a few empty. */
  function randomSubscription(i: number): Subscription {
    const c: SubscriptionCriteria = { keywords: [], exclude: [] };
    if (chance(0.7)) {
      const groups = 1 + Math.floor(random() * 3);
      for (let g = 0; g < groups; g++) c.keywords.push(Array.from({ length: 1 + Math.floor(random() * 2) }, keyword));
      if (chance(0.02)) c.keywords.push(['-']);
    }
    if (chance(c.keywords.length > 0 ? 0.3 : 0.8)) c.jenis = JENIS.filter(() => chance(0.4));
    if (chance(0.25)) c.hpsMin = chance(0.5) ? pick(hpsValues) : Math.round(random() * 2e9);
    if (chance(0.25)) c.hpsMax = chance(0.5) ? pick(hpsValues) : Math.round(random() * 5e9);
    if (chance(0.2)) c.exclude = Array.from({ length: 1 + Math.floor(random() * 2) }, keyword);
    if (chance(0.2)) c.kualifikasi = pick(KUALIFIKASI);
    if (chance(0.15))
      c.instansi = {
        label: 'random',
        words: Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(placeWords)),
      };
    return sub(c, `r${String(i).padStart(5, '0')}`);
  }

  /** A random tender: a real name (sometimes shouted or with a word lengthened), real jenis, HPS, kualifikasi and place. */
  function randomTender(i: number): Tender {
    let name = pick(names);
    if (chance(0.1)) name = name.toUpperCase();
    if (chance(0.1)) name = name.replace(/\bJalan\b/i, 'Jalanan');
    if (chance(0.05)) name = `${name} Kafé`;
    const place = pick(places);
    const t: Tender = { ...pick(realTenders), kode: `t${i}`, name, instansi: place.instansi };
    if (place.satker === undefined) delete t.satker;
    else t.satker = place.satker;
    if (chance(0.15)) delete t.jenis;
    else t.jenis = chance(0.05) ? 'Pekerjaan Konstruksi Terintegrasi' : pick(jenisTexts);
    if (chance(0.15)) delete t.hps;
    else t.hps = pick(hpsValues);
    if (chance(0.3)) delete t.kualifikasi;
    else t.kualifikasi = pick(KUALIFIKASI_TEXTS);
    return t;
  }

  const subs = Array.from({ length: 2000 }, (_, i) => randomSubscription(i));
  // Shuffled, so the index's own id ordering is exercised.
  subs.sort(() => random() - 0.5);
  const tenders = Array.from({ length: 200 }, (_, i) => randomTender(i));
  const index = new SubscriptionIndex(subs);

  it('finds exactly what matchesCriteria (and the plain rule) finds, for 2,000 subscriptions × 200 tenders', () => {
    let total = 0;
    let candidates = 0;
    for (const t of tenders) {
      const got = ids(index.match(t));
      const want = bruteForce(subs, t);
      expect(got, `${t.kode} ${t.name}`).toEqual(want);
      expect(want, `${t.kode} ${t.name}`).toEqual(ids(subs.filter((s) => reference(s.criteria, t))).sort());
      total += got.length;
      candidates += index.candidateCount(t);
    }
    // The data must make the comparison meaningful: plenty of matches, and far fewer candidates than subscriptions.
    expect(total).toBeGreaterThan(5_000);
    expect(candidates / tenders.length).toBeLessThan(subs.length / 2);
  });

  it('matchMany agrees with match', () => {
    const many = index.matchMany(tenders);
    expect(many.size).toBe(tenders.length);
    for (const t of tenders) expect(ids(many.get(t.kode)!)).toEqual(ids(index.match(t)));
  });
});
