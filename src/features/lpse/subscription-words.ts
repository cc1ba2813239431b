/**
 * Word lists for reading a vendor's tender-alert request (`subscription-parse.ts`). Every entry is folded the way
 * `foldText` folds (lower case, no accents), so "bâdâ" is listed as "bada". Phrases are space-separated words.
 */
import type { JenisCode, KualifikasiCode } from './model.js';

/** A map of an object literal's entries (a map, so inherited names such as "constructor" never match). */
function map<T>(entries: Readonly<Record<string, T>>): ReadonlyMap<string, T> {
  return new Map(Object.entries(entries));
}

/** A phrase list indexed by first word, each word list longest first ("jasa konsultansi" before "jasa"). */
export type PhraseTable<T> = ReadonlyMap<string, ReadonlyArray<readonly [readonly string[], T]>>;

/** `list` ([space-separated phrase, value] pairs) as a {@link PhraseTable}. */
function phrases<T>(list: Iterable<readonly [string, T]>): PhraseTable<T> {
  const table = new Map<string, Array<readonly [readonly string[], T]>>();
  for (const [text, value] of list) {
    const words = text.split(' ');
    table.set(words[0]!, [...(table.get(words[0]!) ?? []), [words, value] as const]);
  }
  for (const entries of table.values()) entries.sort((a, b) => b[0].length - a[0].length);
  return table;
}

/** Splits a space-separated list into a set. */
function set(words: string): ReadonlySet<string> {
  return new Set(words.trim().split(/\s+/));
}

/**
 * Words that never become keywords: request words, pronouns and particles, generic procurement words,
 * self-descriptions, greetings, money words and Javanese/Madurese equivalents, as the intent examples write them.
 */
export const STOPWORDS = set(`
  langganan berlangganan subscribe subscription daftar daftarkan didaftarkan mendaftar notif notifikasi notification
  info infokan diinfokan informasi kabar kabari kabarin kabarkan dikabari dikabarin ngabari kirim kirimi kirimin
  dikirim dikirimi dikirimin tolong tolongin mohon mau ingin pengen pingin minta pemberitahuan beritahu diberitahu
  beritahukan kasih kasi alert alerts setting set atur ikut ikutan dapat dapet mendapat mendapatkan terima menerima
  penerima update pengingat ingatkan aktifkan aktifin masukkan masukin tambahkan tambah lagi juga aja saja dong donk
  deh sih nih ya yah yaa iya ok oke please pls plis tlg mhn bisa bisakah boleh apakah gimana bagaimana cara caranya
  saya sy aku gue gw kami kita anda kamu pt cv ud bapak ibu pak bu mas mbak kak gan bang min admin bro
  kalau kalo klo kalu jika bila apabila ada adanya yang yg untuk utk buat tiap setiap baru terbaru di ke dari dengan
  dgn the via lewat melalui whatsapp telegram nomor nomer ini itu sini hari minggu bulan tahun thn anggaran rutin
  segera terus selalu semua seluruh segala macam apa apapun semuanya tentang soal terkait mengenai seputar perihal
  bagian sektor punya memiliki bergerak sebagai adalah dan serta atau maupun hanya lain lainnya dll dsb
  halo hallo hai selamat pagi siang sore malam assalamualaikum salam permisi makasih terimakasih trims thanks thx
  tender lelang pelelangan pengadaan paket proyek project projek lpse spse eproc inaproc pemkot pemkab pemerintah
  kota kabupaten probolinggo pekerjaan kegiatan bidang kategori jenis tipe nilai hps pagu harga kualifikasi
  instansi satker opd skpd jasa
  kontraktor vendor supplier suplier rekanan penyedia perusahaan usaha pengusaha pelaku
  rupiah rp idr juta jt jta ribu rb miliar milyar milyard triliun trilyun minimal maksimal minimum maksimum maks max
  sampai hingga sampe paling lebih kurang antara mulai sebesar senilai keatas kebawah kecuali tanpa bukan selain
  nek yen lek menawi menawa mbok wonten enten onten kulo kula nyuwun dikabari dikabarke ono onok sampeyan
  panjenengan nggih ngih inggih rek cak lur wae mawon iso isa saget karo lan kabeh mun mon bada kaula ghi engghi
`);

/** Words of one or two letters that still make a keyword. */
export const SHORT_KEYWORDS = set('it ac tv pc wc sd');

/** Words that start a new keyword group, like a comma ("komputer atau laptop"). */
export const GROUP_SPLITTERS = set('atau or ataupun maupun utawa');

/** Regional or colloquial words and the word tender names use instead. */
export const WORD_SYNONYMS: ReadonlyMap<string, string> = map({
  dalan: 'jalan',
  kreteg: 'jembatan',
  omah: 'rumah',
  sekolahan: 'sekolah',
});

/**
 * Abbreviations that tender names often spell out: a group made of just the abbreviation gets the spelled-out words
 * as an extra alternative group.
 */
export const KEYWORD_EXPANSIONS: ReadonlyMap<string, readonly string[]> = map({
  atk: ['alat', 'tulis', 'kantor'],
  alkes: ['alat', 'kesehatan'],
  mamin: ['makan', 'minum'],
  bbm: ['bahan', 'bakar', 'minyak'],
});

/** Words that rule out what follows them ("kecuali konsultan"). */
export const EXCLUDE_TRIGGERS = set('kecuali tanpa bukan selain except exclude excluding');

/** Rupiah unit words and the unit `parseMoney` knows them by. */
export const MONEY_UNITS: ReadonlyMap<string, string> = map({
  rb: 'rb',
  ribu: 'rb',
  rebu: 'rb',
  k: 'rb',
  jt: 'jt',
  juta: 'jt',
  jta: 'jt',
  m: 'm',
  miliar: 'm',
  milyar: 'm',
  milyard: 'm',
  miliard: 'm',
  t: 't',
  triliun: 't',
  trilyun: 't',
});

/** Spelled-out numbers that can precede a unit ("satu miliar", "lima ratus juta"). */
export const NUMERAL_WORDS: ReadonlyMap<string, number> = map({
  setengah: 0.5,
  separuh: 0.5,
  satu: 1,
  dua: 2,
  tiga: 3,
  empat: 4,
  lima: 5,
  enam: 6,
  tujuh: 7,
  delapan: 8,
  sembilan: 9,
  sepuluh: 10,
  seratus: 100,
});

/** Multipliers after a spelled-out number ("lima ratus"). */
export const NUMERAL_MULTIPLIERS: ReadonlyMap<string, number> = map({ puluh: 10, ratus: 100 });

/** One-word amounts ("sejuta", "semiliar") as their unit. */
export const ONE_UNIT_WORDS: ReadonlyMap<string, string> = map({
  seribu: 'rb',
  sejuta: 'jt',
  semiliar: 'm',
  semilyar: 'm',
  setriliun: 't',
});

/** Words after a number that make it a count or a date, not money ("2 tahun", "3 paket"). */
export const NOT_MONEY_AFTER = set(`
  tahun thn th bulan bln hari minggu jam kali unit buah paket orang meter km persen lokasi titik lantai kelas ruang
  tahap lot set
`);

/** Words naming an amount ("nilai 300 jt", "minimal nilai Rp 500 juta"): after them a bare number is money too. */
export const AMOUNT_FILLERS = set('nilai nilainya hps hpsnya pagu pagunya sebesar senilai harga');

/** How a bound phrase reads: its direction, and whether a number without a unit still counts as money after it. */
export interface BoundPhrase {
  bound: 'min' | 'max' | 'range';
  /** False for words with other everyday meanings ("dari", "sampai"): a unitless small number after them is ignored. */
  strong: boolean;
}

const MIN: BoundPhrase = { bound: 'min', strong: true };
const MAX: BoundPhrase = { bound: 'max', strong: true };

/** Phrases before an amount that make it a lower or upper HPS bound, or open a range. */
export const BOUND_PREFIXES: PhraseTable<BoundPhrase> = phrases<BoundPhrase>([
  ...[
    'minimal',
    'minimum',
    'min',
    'minim',
    'paling sedikit',
    'paling kecil',
    'paling rendah',
    'sekurang kurangnya',
    'setidaknya',
    'di atas',
    'diatas',
    'lebih dari',
    'lebih besar dari',
    '>',
    '>=',
    '≥',
  ].map((p) => [p, MIN] as const),
  ...[
    'maksimal',
    'maksimum',
    'maks',
    'max',
    'maximal',
    'paling banyak',
    'paling besar',
    'paling tinggi',
    'di bawah',
    'dibawah',
    'kurang dari',
    'tidak lebih dari',
    'tidak sampai',
    'tak lebih dari',
    'gak lebih dari',
    '<',
    '<=',
    '≤',
  ].map((p) => [p, MAX] as const),
  ...['dari', 'mulai', 'mulai dari'].map((p) => [p, { bound: 'min', strong: false }] as const),
  ...['sampai', 'sampai dengan', 'hingga', 'sampe', 'sd'].map((p) => [p, { bound: 'max', strong: false }] as const),
  ...['antara', 'range', 'rentang', 'kisaran'].map((p) => [p, { bound: 'range', strong: true }] as const),
]);

/** Phrases after an amount that give its direction ("1 miliar ke atas"). */
export const BOUND_SUFFIXES: PhraseTable<'min' | 'max'> = phrases<'min' | 'max'>([
  ...['ke atas', 'keatas', 'ke atasnya', 'lebih', 'atau lebih', 'up'].map((p) => [p, 'min'] as const),
  ...['ke bawah', 'kebawah', 'ke bawahnya', 'atau kurang'].map((p) => [p, 'max'] as const),
]);

/** Words joining the two ends of a range ("200 sampai 500 juta"); "dan" only after "antara". */
export const RANGE_JOINERS = set('sampai hingga sampe sd ke to');

/** Combines heads and tails into phrases ("jasa konsultansi" × " badan usaha" …). */
function combine(...parts: ReadonlyArray<readonly string[]>): string[] {
  return parts.reduce<string[]>((acc, part) => acc.flatMap((a) => part.map((p) => `${a}${p}`)), ['']);
}

/** Jenis phrases as SPSE and vendors write them; `null` consumes the words without choosing a jenis. */
export const JENIS_PHRASES: PhraseTable<JenisCode | null> = phrases<JenisCode | null>([
  ...combine(
    ['jasa konsultansi', 'jasa konsultan', 'jasa konsultasi', 'konsultansi', 'konsultan', 'konsultasi'],
    ['', ' badan usaha', ' perorangan'],
    ['', ' konstruksi', ' non konstruksi', ' nonkonstruksi'],
  ).map((p) => [p, 'konsultansi'] as const),
  ...[
    'pekerjaan konstruksi',
    'jasa konstruksi',
    'konstruksi',
    'pekerjaan kontruksi',
    'jasa kontruksi',
    'kontruksi',
  ].map((p) => [p, 'konstruksi'] as const),
  ...['pengadaan barang', 'barang'].map((p) => [p, 'barang'] as const),
  ...['jasa lainnya', 'jasa lainya', 'jasa lain', 'jasa lain lain', 'jasa non konsultansi'].map(
    (p) => [p, 'jasa_lainnya'] as const,
  ),
  // "Pengadaan barang/jasa" names procurement as a whole, and "non konstruksi" is no jenis by itself.
  ...[
    'non konstruksi',
    'nonkonstruksi',
    'barang jasa',
    'pengadaan barang jasa',
    'barang dan jasa',
    'pengadaan barang dan jasa',
  ].map((p) => [p, null] as const),
]);

/** Words after which "kecil"/"menengah"/"besar" name a kualifikasi rather than the size of a thing. */
export const KUALIFIKASI_CONTEXT = set(
  'kualifikasi usaha tender lelang paket pengadaan proyek perusahaan nilai bernilai nilainya',
);

/** Size words read as a kualifikasi after a {@link KUALIFIKASI_CONTEXT} word ("tender kecil", not "perahu kecil"). */
export const KUALIFIKASI_SIZES: ReadonlyMap<string, KualifikasiCode> = new Map([
  ['kecil', 'kecil'],
  ['menengah', 'non_kecil'],
  ['besar', 'non_kecil'],
]);

/** Kualifikasi phrases read wherever they stand. */
export const KUALIFIKASI_PHRASES: PhraseTable<KualifikasiCode> = phrases<KualifikasiCode>([
  ...[
    'umkm',
    'ukm',
    'usaha mikro',
    'usaha mikro kecil',
    'usaha kecil menengah',
    'usaha mikro kecil menengah',
    'usaha kecil dan menengah',
    'kualifikasi usaha kecil',
  ].map((p) => [p, 'kecil'] as const),
  ...['non kecil', 'nonkecil'].map((p) => [p, 'non_kecil'] as const),
]);

/** A local-government abbreviation: how to show it and the words of the satker name it stands for. */
export interface InstansiAlias {
  label: string;
  words: readonly string[];
}

/**
 * Local-government abbreviations (Kota Probolinggo's OPD names and the usual short forms) and a few full names that
 * need no head word ("rumah sakit umum daerah"), keyed by their folded words. The label is the usual spelling.
 */
export const INSTANSI_ALIASES: PhraseTable<InstansiAlias> = phrases(
  (
    [
      ['PUPR|DPUPR', 'pekerjaan umum penataan ruang'],
      ['PUTR', 'pekerjaan umum tata ruang'],
      ['PU|DPU', 'pekerjaan umum'],
      ['Dinkes', 'dinas kesehatan'],
      ['RSUD|Rumah Sakit Umum Daerah', 'rumah sakit umum daerah'],
      ['DLH', 'lingkungan hidup'],
      ['Dispendik|Disdik|Dindik', 'pendidikan'],
      ['BPBD', 'penanggulangan bencana'],
      ['Perkim|Disperkim', 'perumahan permukiman'],
      ['Bappeda|Bappedalitbang', 'perencanaan pembangunan'],
      ['Setda', 'sekretariat daerah'],
      ['Setwan', 'sekretariat dprd'],
      ['DPRD', 'dprd'],
      ['Dishub', 'perhubungan'],
      ['Satpol PP|Satpolpp', 'satuan polisi pamong praja'],
      ['Dinsos', 'sosial'],
      ['Diskominfo|Kominfo', 'komunikasi informatika'],
      ['Disnaker', 'tenaga kerja'],
      ['Dispendukcapil|Disdukcapil|Dukcapil', 'kependudukan pencatatan sipil'],
      ['Damkar', 'kebakaran'],
      ['DPMPTSP', 'penanaman modal pelayanan terpadu satu pintu'],
      ['BPKAD|BPPKAD', 'keuangan aset'],
      ['BKPSDM|BKD', 'kepegawaian'],
      ['Inspektorat', 'inspektorat'],
      ['Disbudpar|Disporapar', 'pariwisata'],
      ['Diskop|DKUPP', 'koperasi'],
      ['Dispusip|Dispersip', 'perpustakaan'],
      ['Kesbangpol|Bakesbangpol', 'kesatuan bangsa politik'],
      ['PDAM', 'pdam'],
    ] as const
  ).flatMap(([labels, words]) =>
    labels.split('|').map((label) => [label.toLowerCase(), { label, words: words.split(' ') }] as const),
  ),
);

/** Words that start an OPD name when an OPD word follows ("dinas kesehatan", not "mobil dinas"). */
export const INSTANSI_HEADS = set('dinas badan sekretariat');

/** Words that introduce an instansi by any name ("satker kecamatan mayangan"). */
export const INSTANSI_POINTERS = set('instansi satker opd skpd');

/**
 * Words of OPD names that may follow a head. Words that mostly name what a tender builds or buys ("pembangunan",
 * "air") or a kualifikasi ("usaha", "kecil") are left out, so "dinas pupr pembangunan jalan" keeps its keywords.
 */
export const INSTANSI_WORDS = set(`
  kesehatan pendidikan kebudayaan pekerjaan umum penataan tata ruang perumahan kawasan permukiman pemukiman
  pertanahan perhubungan lingkungan hidup sosial pemberdayaan perempuan perlindungan anak masyarakat kependudukan
  pencatatan sipil komunikasi informatika statistik persandian koperasi perindustrian perdagangan penanaman modal
  pelayanan terpadu satu pintu ketenagakerjaan tenaga kerja transmigrasi pertanian ketahanan pangan perikanan
  peternakan kelautan kehutanan perkebunan pariwisata kepemudaan pemuda olahraga perpustakaan kearsipan pengendalian
  penduduk keluarga berencana pemadam pemadaman kebakaran penyelamatan penanggulangan bencana daerah perencanaan
  penelitian pengembangan keuangan pendapatan pengelolaan aset kepegawaian kesatuan bangsa politik
`);

/** OPD words allowed only right after a given word ("perencanaan pembangunan", not "dinas pupr pembangunan jalan"). */
export const INSTANSI_WORD_AFTER: ReadonlyMap<string, string> = map({ pembangunan: 'perencanaan' });

/** Words after "rsud" naming Kota Probolinggo's hospital ("RSUD dr. Mohamad Saleh"), kept in the label only. */
export const RSUD_NAME_WORDS = set('dr dokter mohamad mohammad muhammad moh saleh');
