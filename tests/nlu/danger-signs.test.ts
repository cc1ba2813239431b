/**
 * Danger signs in pregnancy, after birth and in newborns (DESIGN §4) must reach the engine's danger hook
 * (`src/core/intent-safety-hook.ts`): a `siskia.danger` score ≥ 0.6 — as the intent or as an alternative — gives
 * the full danger answer at once, a score ≥ 0.3 a one-line reminder before the ordinary answer.
 *
 * - Every phrasing in SIGNS must give the full answer. Over-triggering is acceptable, missing one is not.
 * - GENERAL_EMERGENCIES are signs that are also an emergency for anyone (not breathing, collapse): either the danger
 *   answer or the emergency answer (`emergency` ≥ 0.6, the hook that runs next) is right.
 * - ROUTINE messages (registration, schedules, births, replies to reminders, complaints, tourism, tenders,
 *   places, dates) must give neither full answer; a reminder is tolerated.
 * - VAGUE_SYMPTOMS should give at least the reminder; the full answer is acceptable too, so only a lower bound.
 *
 * The phrasings are written from the sign list, in the ways residents write: formal and chat Indonesian,
 * misspellings, capitals, no punctuation, Javanese, Madurese and 2 a.m. messages to the midwife. When one fails,
 * fix the data first (data/nlu/safety-triggers.json, the lexicons in data/nlu, intents/intent/*.txt).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { IntentName, Understanding } from '../../src/core/understanding.js';
import { createNlu, type Nlu } from '../../src/nlu/index.js';

/** 02:00 WIB on Sunday 29 November 2026: danger signs arrive at night. */
const NOW = new Date('2026-11-28T19:00:00Z');
/** The hook's thresholds (intentSafetyHook defaults). */
const FULL_ANSWER = 0.6;
const REMINDER = 0.3;

let nlu: Nlu;

beforeAll(() => {
  nlu = createNlu();
});

/** The score a safety hook reads: the confidence of `label` as the intent or as an alternative. */
function score(u: Understanding, label: IntentName): number {
  return u.intent === label ? u.confidence : (u.alternatives.find((a) => a.label === label)?.confidence ?? 0);
}

function describeResult(text: string, u: Understanding): string {
  return `${JSON.stringify(text)} → normalised ${JSON.stringify(u.normalized)}, intent ${u.intent} ${u.confidence}, alternatives ${JSON.stringify(u.alternatives)}`;
}

/** DESIGN §4 danger signs → phrasings that must give the full danger answer. */
const SIGNS: Record<string, string[]> = {
  'pregnancy: bleeding': [
    'saya hamil 6 bulan keluar darah dari jalan lahir',
    'bumil 7 bln tiba2 berdarah',
    'HAMIL 5 BULAN KELUAR DARAH SEGAR BANYAK',
    'istri sy hamil muda ada darah keluar terus',
    'kehamilan 30 minggu mengalami perdarahan',
    'hamil 3 bln ngeflek merah terus dr kemarin',
    'pendarahan hebat pas hamil tua',
    'perdarahn hamil 20 minggu',
    'bumil keluar drh bnyk',
    'meteng 7 sasi metu getih akeh',
    'kulo ngandhut, getihe metu terus',
    "kaula ngandung kaloar dhârâ bânnya'",
  ],
  'pregnancy: water breaking early': [
    'ketuban saya pecah padahal baru 7 bulan',
    'air ketuban merembes terus usia kandungan 33 minggu',
    'keluar air banyak dari jalan lahir padahal belum waktunya',
    'KETUBAN PECAH DINI',
    'ketuban bocor hamil 30 minggu',
    'istri saya hamil 8 bulan celananya basah terus, kayaknya air ketuban',
    'ketubane pecah durung wayahe lairan',
    'banyu ketubane wis metu',
    'binek kaula ketubanna pecah',
  ],
  'pregnancy: severe headache, blurred vision, swelling, fits': [
    'hamil 8 bulan sakit kepala hebat dan pandangan kabur',
    'bumil pusing bgt mata berkunang2',
    'kaki dan muka bengkak, kepala sakit banget, hamil 34 minggu',
    'wajah dan tangan sembab, kepala pusing berat, hamil 9 bulan',
    'tensi tinggi muka bengkak pandangan kabur lagi hamil',
    'mata kabur pas hamil',
    'penglihatan gelap tiba-tiba hamil 7 bulan',
    'istri saya hamil kejang kejang',
    'hamil tua tiba2 kejang terus nggak sadar',
    'bumil kejang2',
    'ndase mumet banget mripate burem meteng 8 sasi',
    'sirahku ngelu banget sikil abuh aku meteng',
  ],
  'pregnancy: high fever': [
    'hamil 5 bulan demam tinggi menggigil',
    'bumil panas tinggi udah 3 hari',
    'saya hamil badan panas terus sejak kemarin',
    'DEMAM TINGGI LAGI HAMIL 6 BULAN',
    'hamil 4 bulan meriang dan menggigil',
    'meteng awakku panas banget',
    'kaula ngandung badhan panas',
  ],
  'pregnancy: baby moving less': [
    'gerakan bayi dalam kandungan berkurang',
    'dedek di perut gak gerak sejak semalam',
    'janin saya tidak bergerak sejak pagi',
    'udah seharian gak kerasa tendangan bayi hamil 36 minggu',
    'gerak janin jarang banget hari ini',
    'si kecil di kandungan jarang nendang',
    'bayine ora obah ning weteng',
  ],
  'pregnancy: constant vomiting': [
    'hamil muda muntah terus ga bisa makan minum',
    'bumil muntah2 terus sampai lemas',
    'HAMIL 2 BULAN MUNTAH TIAP MAKAN SAMPAI LEMES',
    'setiap makan muntah, hamil 10 minggu, badan lemas sekali',
    'mutah terus mboten saged nedi, kulo meteng',
  ],
  'postpartum: heavy bleeding': [
    'habis melahirkan darah keluar banyak sekali',
    'istri saya baru lahiran darahnya ngocor terus',
    'setelah persalinan pendarahan hebat',
    'nifas hari ke 5 darah menggumpal besar2',
    'pasca melahirkan pembalut penuh darah tiap jam',
    'bar nglairake getihe metu akeh banget',
    "binek kaula bâru lahiran, dhârâna kaloar bânnya'",
  ],
  'postpartum: foul discharge': [
    'setelah melahirkan keluar cairan berbau busuk',
    'nifas baunya amis busuk banget',
    'darah nifas bau tidak enak',
    'jahitan habis lahiran bernanah dan bau',
    'keputihan bau busuk pasca lahiran',
    'sak wise babaran metu cairan mambu bacin',
  ],
  'postpartum: fever for more than 2 days': [
    'habis lahiran demam sudah 3 hari',
    'nifas hari ke 7 badan panas tidak turun turun',
    'ibu baru melahirkan meriang 2 hari ini',
    'wis telung dino panas terus bar babaran',
  ],
  'postpartum: fits': [
    'istri saya kejang setelah melahirkan',
    'ibu nifas kejang-kejang',
    'habis lairan bojoku kejet',
  ],
  'postpartum: deep sadness, thoughts of harming herself or the baby': [
    'sejak melahirkan saya sedih terus tiap hari dan gak mau ngurus bayi',
    'saya pengen mati aja sejak punya bayi',
    'kepikiran mau nyakitin bayi saya sendiri',
    'saya rasanya ingin membuang bayi saya',
    'habis lahiran aku nangis terus gak berhenti, capek hidup',
    'ingin bunuh diri setelah melahirkan',
    'saya takut melukai anak saya, pikiran gelap terus sejak lahiran',
    'ibu nifas depresi berat gak mau makan',
    'kulo sedih sanget sak sampune babaran, kepingin mati mawon',
    'aku ora kuat, pengen nyekik bayiku',
  ],
  'newborn: not feeding': [
    'bayi saya gak mau nyusu dari tadi pagi',
    'dedek ga mau netek',
    'bayi baru lahir susah menyusu dan lemas',
    'BAYI TIDAK MAU MINUM ASI SEHARIAN',
    'anak saya umur 5 hari males nyusu terus tidur',
    'bayi menolak menyusu sejak semalam',
    'newborn ga mau mimik asi',
    'hisapan bayi lemah sekali',
    'bayine ora gelem mimik',
    "bâji' ta' endâ' nyoso",
  ],
  'newborn: fits': [
    'bayi saya kejang',
    'dedek bayi step',
    'anak saya umur seminggu kelojotan',
    'bayine kejet-kejet',
    "bâji' kaula kejang",
  ],
  'newborn: fast or difficult breathing': [
    'bayi napasnya cepat sekali',
    'napas bayi ngos-ngosan dada tertarik ke dalam',
    'dedek sesak nafas',
    'bayi baru lahir susah bernapas',
    'BAYI SAYA SESAK NAPAS TOLONG',
    'bayi 3 hari nafasnya berbunyi grok grok',
    'bayine ambegane cepet banget',
  ],
  'newborn: fever or very cold': [
    'bayi saya demam',
    'bayi umur 4 hari badannya panas',
    'dedek panas tinggi',
    'bayi saya menggigil',
    'anak saya baru lahir suhunya 39 derajat',
    'bayi badannya dingin sekali',
    'bayi baru lahir kedinginan dan membiru',
    'badan bayi adem banget',
    'bayine awake panas',
    "bâji' kaula panas",
  ],
  'newborn: yellow skin': [
    'bayi saya kuning',
    'kulit bayi menguning sampai ke perut',
    'mata dedek kuning',
    'bayi baru lahir kulitnya kuning semua',
    'anak saya umur 3 hari kok kuning ya',
    'bayine kuning',
    "bâji' kaula koneng",
  ],
  'newborn: infected cord': [
    'tali pusat bayi bernanah',
    'pusar bayi merah dan bau',
    'tali pusarnya basah dan berbau busuk',
    'tali pusar infeksi merah bengkak',
    'TALI PUSAT BAYI BAU BUSUK',
    'puser dedek keluar nanah',
    'udel bayiku merah bernanah',
  ],
  'messages to the midwife at 2 a.m.': [
    'tolong bu bidan istri saya keluar darah banyak',
    'bu bidan maaf malam2, sy hamil 8 bulan celana dalam penuh darah',
    'bu tolong anak saya baru lahir kejang',
    'mbak bidan maaf mengganggu malam2 ketuban istri saya pecah',
    'tolong cepat istri hamil 9 bulan pingsan',
    'bu bidan bayi saya biru gak nangis',
    'tlg bu bidan istriku habis lahiran darah terus keluar gak berhenti2',
    'bu bidan sy panik bayiku sesak nafas',
  ],
};

/** Danger signs that are also an emergency for anyone: the danger answer or the emergency answer. */
const GENERAL_EMERGENCIES = [
  'bayi saya tidak bernapas',
  'bayi saya bibirnya biru tidak bernafas',
  'istri saya hamil jatuh tidak sadarkan diri',
  'istri habis lahiran tiba2 ambruk gak sadar',
  'bumil semaput neng kamar mandi',
  'ibu hamil kecelakaan motor berdarah',
];

/** Everyday messages that must give neither the full danger answer nor the full emergency answer. */
const ROUTINE = {
  'pregnancy and baby talk': [
    'bayi saya sehat',
    'bayi',
    'hamil',
    'bumil',
    'dedek',
    'nifas',
    'bayine sehat',
    "bâji' kaula sehat",
    'anak saya sudah bisa tengkurap',
    'bayi saya sudah bisa merangkak',
    'berat badan bayi naik 500 gram bulan ini',
    'bayi saya menyusu dengan lancar',
    'alhamdulillah dedek kuat nyusunya',
    'bayi saya suka minum asi',
    'dedek bayi lucu banget',
    'dedek sudah mulai makan bubur',
    'anak saya ulang tahun pertama besok',
    'bayinya sudah pulang dari rumah sakit',
    'bayi saya lahir prematur tapi sekarang sudah sehat',
    'ibu saya sehat',
    'saya sedang menyusui, boleh vaksin?',
    'mau tanya tentang asi eksklusif',
    'bayi umur berapa boleh mpasi',
    'vitamin untuk ibu hamil apa saja',
    'minta info kelas ibu hamil',
    'kapan jadwal senam hamil',
    'jadwal donor darah pmi',
    'cek gula darah gratis di mana',
  ],
  'registration and schedules': [
    'mau daftar kehamilan',
    'mau daftar pengingat kehamilan',
    'mau daftar siskia',
    'saya hamil anak pertama',
    'istri saya hamil 4 bulan mau daftar',
    'kulo meteng 3 sasi badhe daftar pengingat',
    'saya ingin daftar pengingat untuk bayi saya',
    'suami saya ingin daftar pengingat untuk istrinya',
    'tolong daftarkan bayi saya ke bpjs',
    'hpl saya kapan',
    'hpl saya 20 januari',
    'hpht saya 12 mei 2026',
    'usia kandungan saya 20 minggu',
    'hamil 3 bulan mau periksa kehamilan',
    'sudah periksa ke bidan',
    'kapan jadwal usg',
    'kapan jadwal K4 saya',
    'jadwal imunisasi anak saya',
    'jadwal imunisasi campak',
    'imunisasi dpt kapan ya',
    'kapan imunisasi polio',
    'bayi saya umur 2 bulan imunisasinya apa saja',
    'mbak mau tanya, imunisasi hexavalent sudah ada?',
    'kapan vitamin A',
    'vitamin A kapsul biru kapan dibagikan',
    'kapan posyandu bulan ini',
    'kapan jadwal posyandu',
    'jadwal posyandu di kelurahan wiroborang',
    'posyandu lansia kapan',
    'di mana posyandu terdekat',
    'kapan kunjungan nifas',
    'jadwal kontrol setelah melahirkan',
    'mau ganti tanggal kontrol kehamilan',
    'tolong ingatkan jadwal imunisasi',
    'jadwal praktik bidan di puskesmas jati',
    'bidan praktik dekat rumah saya di mana',
    'puskesmas buka jam berapa',
  ],
  'births and replies to reminders': [
    'anak saya lahir kemarin',
    'bayi saya lahir tanggal 3 november',
    'istri saya sudah melahirkan dengan selamat',
    'bayi kembar kami lahir sehat',
    'anak kedua saya lahir normal di puskesmas',
    'bayinya laki-laki beratnya 3,2 kg',
    'anak saya lahir 25 november berat 3 kilo',
    'anak saya lahir di rsud ar-rozy',
    'sudah lahir bu, laki laki',
    'saya sudah melahirkan kemarin sore',
    'lahir 5 desember',
    'lahir tgl 20 nov, perempuan 3,1 kg',
    'bayiku wis lair wingi',
    'sudah',
    'sudah bu, tadi pagi',
    'sudah imunisasi BCG',
    'imunisasi campak sudah',
    'sudah imunisasi kemarin di posyandu',
    'saya sudah bawa anak imunisasi campak',
    'anakku wis imunisasi',
    'tunda',
    'tunda ke minggu depan',
    'ubah tanggal',
    'berhenti',
    'berhenti kirim pengingat',
    'stop pengingat',
    'hapus data',
    'hapus data saya dan anak saya',
    'hapus data anak saya',
    'batal',
    'ya',
    'tidak',
    'iya bu',
    'ok',
    'ok bu, nanti saya ke posyandu',
    'iya bu, besok saya kontrol',
    'terima kasih bu bidan',
    'terima kasih sudah mengingatkan imunisasi',
    'makasih infonya',
    'halo',
    'selamat pagi',
  ],
  'complaints, tourism, tenders': [
    'lampu jalan mati di gang 3',
    'jalan berlubang depan pasar baru',
    'sampah menumpuk di selokan',
    'air pdam mati sudah 2 hari',
    'ada pungli di kantor kelurahan',
    'banjir di jalan mastrip',
    'pohon tumbang menghalangi jalan',
    'selokan mampet bau busuk',
    'jalan rusak parah rawan kecelakaan',
    'air sumur keruh dan bau',
    'bikin akta kelahiran anak di mana',
    'kartu identitas anak saya hilang',
    'status laporan PBL-2026-000123',
    'hotel murah dekat stasiun',
    'tempat wisata di probolinggo',
    'kuliner enak malam ini',
    'oleh oleh khas probolinggo',
    'pantai bentar buka jam berapa',
    'ada lelang konstruksi baru?',
    'langganan info tender',
    'berhenti langganan tender',
    'daftar paket pengadaan dinas kesehatan',
  ],
  // Known gap, not asserted: a bare address on a street named in an emergency training line ("jl soekarno hatta
  // no 5", "jl panglima sudirman no 20") scores `emergency` ≥ 0.6 from the classifier alone. Teaching the classifier
  // bare addresses as `unknown` pulled real complaints on those streets to `unknown` too, so it is left for now.
  'places and dates': [
    'di rumah',
    'dekat pasar',
    'depan masjid',
    'jl mastrip no 5',
    'gang mawar rt 3 rw 2',
    'rumah saya di kelurahan jati',
    'di puskesmas kanigaran',
    'besok',
    'tanggal 12',
    '12/8/26',
    'minggu depan',
    'senin pagi',
  ],
};

/** Vague symptoms: at least the reminder (the full answer is acceptable, so no upper bound). */
const VAGUE_SYMPTOMS = [
  'bayi saya batuk pilek',
  'bayi saya sering gumoh',
  'hamil 5 bulan kadang pusing sedikit',
  'ibu hamil boleh minum obat sakit kepala?',
  'bayiku ruam merah di pipi',
];

describe('danger signs give the full danger answer', () => {
  for (const [sign, phrasings] of Object.entries(SIGNS)) {
    describe(sign, () => {
      it.each(phrasings)('%s', (text) => {
        const u = nlu.understand(text, NOW);
        expect(score(u, 'siskia.danger'), describeResult(text, u)).toBeGreaterThanOrEqual(FULL_ANSWER);
      });
    });
  }

  it.each(GENERAL_EMERGENCIES)('general emergency: %s gives the danger or the emergency answer', (text) => {
    const u = nlu.understand(text, NOW);
    const strongest = Math.max(score(u, 'siskia.danger'), score(u, 'emergency'));
    expect(strongest, describeResult(text, u)).toBeGreaterThanOrEqual(FULL_ANSWER);
  });

  it('covers every sign of DESIGN §4 with at least 110 phrasings', () => {
    const all = [...Object.values(SIGNS).flat(), ...GENERAL_EMERGENCIES];
    expect(new Set(all.map((t) => t.toLowerCase())).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(110);
    expect(Object.keys(SIGNS).filter((k) => k.startsWith('pregnancy:'))).toHaveLength(6);
    expect(Object.keys(SIGNS).filter((k) => k.startsWith('postpartum:'))).toHaveLength(5);
    expect(Object.keys(SIGNS).filter((k) => k.startsWith('newborn:'))).toHaveLength(6);
  });

  it('a danger sign is a danger sign whether written in capitals, without punctuation or with stretched letters', () => {
    for (const text of ['BAYI SAYA KEJANG!!!', 'bayi saya kejanggggg', 'bayi.saya.kejang', '  bayi   saya   kejang  ']) {
      const u = nlu.understand(text, NOW);
      expect(score(u, 'siskia.danger'), describeResult(text, u)).toBeGreaterThanOrEqual(FULL_ANSWER);
    }
  });
});

describe('routine messages do not trigger the full answer', () => {
  for (const [group, messages] of Object.entries(ROUTINE)) {
    describe(group, () => {
      it.each(messages)('%s', (text) => {
        const u = nlu.understand(text, NOW);
        expect(score(u, 'siskia.danger'), describeResult(text, u)).toBeLessThan(FULL_ANSWER);
        expect(score(u, 'emergency'), describeResult(text, u)).toBeLessThan(FULL_ANSWER);
      });
    });
  }

  it('has at least 110 routine messages', () => {
    const all = Object.values(ROUTINE).flat();
    expect(new Set(all.map((t) => t.toLowerCase())).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(110);
  });
});

describe('vague symptoms get at least the reminder', () => {
  it.each(VAGUE_SYMPTOMS)('%s', (text) => {
    const u = nlu.understand(text, NOW);
    expect(score(u, 'siskia.danger'), describeResult(text, u)).toBeGreaterThanOrEqual(REMINDER);
  });
});
