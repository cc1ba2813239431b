/**
 * Reading a vendor's tender-alert request into subscription criteria. Every case asserts the whole result, so a
 * stray keyword or an extra field fails. Tender, jenis and satker names come from the SPSE/ISB captures in
 * `data/lpse-fixtures/`; the requests from `intents/intent/lpse.subscribe.txt`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/core/data-path.js';
import type { SubscriptionCriteria } from '../../src/features/lpse/model.js';
import { parseSubscription, withAmount, type ParsedSubscription } from '../../src/features/lpse/subscription-parse.js';
import { wordsOf } from '../../src/features/lpse/words.js';
import { fixtureJson } from './fixtures.js';

/** Criteria with no keyword and no exclusion, plus `more`. */
function crit(more: Partial<SubscriptionCriteria> = {}): SubscriptionCriteria {
  return { keywords: [], exclude: [], ...more };
}

/** The full result for criteria that name something. */
function found(more: Partial<SubscriptionCriteria>): ParsedSubscription {
  return { criteria: crit(more), empty: false };
}

const NOTHING: ParsedSubscription = { criteria: crit(), empty: true };

type Case = readonly [text: string, expected: ParsedSubscription];

function table(name: string, cases: readonly Case[]): void {
  describe(name, () => {
    it.each(cases)('%j', (text, expected) => {
      expect(parseSubscription(text)).toStrictEqual(expected);
    });
  });
}

const PUPR = ['dinas', 'pekerjaan', 'umum', 'penataan', 'ruang'];

table('the rules of the brief', [
  ['langganan tender konstruksi jalan minimal 500 juta', found({ jenis: ['konstruksi'], keywords: [['jalan']], hpsMin: 500_000_000 })],
  ['kabari kalau ada pengadaan komputer', found({ keywords: [['komputer']] })],
  ['langganan komputer, laptop -konsultan', found({ keywords: [['komputer'], ['laptop']], exclude: ['konsultan'] })],
  ['alat tulis kantor', found({ keywords: [['alat', 'tulis', 'kantor']] })],
  ['nilai 1 miliar ke atas', found({ hpsMin: 1_000_000_000 })],
]);

table('keyword groups', [
  ['komputer atau laptop', found({ keywords: [['komputer'], ['laptop']] })],
  ['komputer / laptop; printer', found({ keywords: [['komputer'], ['laptop'], ['printer']] })],
  ['pengadaan komputer. laptop juga', found({ keywords: [['komputer'], ['laptop']] })],
  // "dan" stays inside the group: tender names say "Rehabilitasi dan Pemeliharaan Jalan".
  ['rehabilitasi dan pemeliharaan jalan', found({ keywords: [['rehabilitasi', 'pemeliharaan', 'jalan']] })],
  ['kabari tender ac & tv', found({ keywords: [['ac', 'tv']] })],
  ['pembangunan jalan usaha tani', found({ keywords: [['pembangunan', 'jalan', 'tani']] })],
  ['Pengawasan Jembatan Roda Dua Cijeruk', found({ keywords: [['pengawasan', 'jembatan', 'roda', 'dua', 'cijeruk']] })],
  ['penyusunan DED gedung paseh-cikancung', found({ keywords: [['penyusunan', 'ded', 'gedung', 'paseh', 'cikancung']] })],
  ['komputer, komputer, laptop laptop', found({ keywords: [['komputer'], ['laptop']] })],
  ['laptop komputer laptop', found({ keywords: [['laptop', 'komputer']] })],
  ['laptop, komputer', found({ keywords: [['laptop'], ['komputer']] })],
  ['pengadaan laptopnya', found({ keywords: [['laptop']] })],
  ['pengadaan atk', found({ keywords: [['atk'], ['alat', 'tulis', 'kantor']] })],
  ['alkes, atk', found({ keywords: [['alkes'], ['alat', 'kesehatan'], ['atk'], ['alat', 'tulis', 'kantor']] })],
  ['vendor IT', found({ keywords: [['it']] })],
  ['pengadaan x ab cctv', found({ keywords: [['cctv']] })],
  ['smpn 3 kutawaringin', found({ keywords: [['smpn', 'kutawaringin']] })],
]);

table('exclusions', [
  ['komputer -printer', found({ keywords: [['komputer']], exclude: ['printer'] })],
  ['komputer,-printer', found({ keywords: [['komputer']], exclude: ['printer'] })],
  ['tender jalan kecuali konsultan', found({ keywords: [['jalan']], exclude: ['konsultan'] })],
  ['tender gedung tanpa pengawasan', found({ keywords: [['gedung']], exclude: ['pengawasan'] })],
  ['laptop bukan yang bekas', found({ keywords: [['laptop']], exclude: ['bekas'] })],
  ['konstruksi selain drainase', found({ jenis: ['konstruksi'], exclude: ['drainase'] })],
  ['gedung kecuali konsultan dan pengawas, laptop', found({ keywords: [['gedung'], ['laptop']], exclude: ['konsultan', 'pengawas'] })],
  ['tender gedung -Pengawasan -PENGAWASAN', found({ keywords: [['gedung']], exclude: ['pengawasan'] })],
  // A hyphen inside a word is no exclusion.
  ['non-medis', found({ keywords: [['non', 'medis']] })],
  ['laptop - printer', found({ keywords: [['laptop', 'printer']] })],
  // Only an exclusion: nothing to subscribe to yet (it would match almost every tender), so the vendor is asked.
  ['langganan -konsultan', { criteria: crit({ exclude: ['konsultan'] }), empty: true }],
  ['bukan konstruksi', { criteria: crit({ exclude: ['konstruksi'] }), empty: true }],
  ['kecuali', NOTHING],
]);

table('jenis', [
  ['pekerjaan konstruksi', found({ jenis: ['konstruksi'] })],
  ['tender kontruksi gedung', found({ jenis: ['konstruksi'], keywords: [['gedung']] })],
  ['pengadaan barang', found({ jenis: ['barang'] })],
  ['barang elektronik', found({ jenis: ['barang'], keywords: [['elektronik']] })],
  ['jasa konsultansi', found({ jenis: ['konsultansi'] })],
  ['Jasa Konsultansi Badan Usaha Non Konstruksi', found({ jenis: ['konsultansi'] })],
  ['jasa konsultansi badan usaha konstruksi', found({ jenis: ['konsultansi'] })],
  ['konsultan perencana', found({ jenis: ['konsultansi'], keywords: [['perencana']] })],
  ['jasa konsultasi', found({ jenis: ['konsultansi'] })],
  ['jasa lainnya', found({ jenis: ['jasa_lainnya'] })],
  ['jasa lain', found({ jenis: ['jasa_lainnya'] })],
  ['jasa kebersihan', found({ keywords: [['kebersihan']] })],
  ['barang, konstruksi atau jasa lainnya', found({ jenis: ['barang', 'konstruksi', 'jasa_lainnya'] })],
  ['konstruksi dan konsultansi', found({ jenis: ['konstruksi', 'konsultansi'] })],
  // "Barang/jasa" is procurement as a whole, not the jenis "barang".
  ['info pengadaan barang/jasa komputer', found({ keywords: [['komputer']] })],
  ['pengadaan barang dan jasa', NOTHING],
]);

table('kualifikasi', [
  ['langganan tender kualifikasi kecil', found({ kualifikasi: 'kecil' })],
  ['usaha kecil', found({ kualifikasi: 'kecil' })],
  ['saya umkm', found({ kualifikasi: 'kecil' })],
  ['tender untuk ukm', found({ kualifikasi: 'kecil' })],
  ['usaha kecil menengah', found({ kualifikasi: 'kecil' })],
  ['kualifikasi non kecil', found({ kualifikasi: 'non_kecil' })],
  ['tender non-kecil', found({ kualifikasi: 'non_kecil' })],
  ['nonkecil', found({ kualifikasi: 'non_kecil' })],
  ['kualifikasi menengah', found({ kualifikasi: 'non_kecil' })],
  ['proyek besar', found({ kualifikasi: 'non_kecil' })],
  ['tender konstruksi kecil', found({ jenis: ['konstruksi'], kualifikasi: 'kecil' })],
  // Next to a thing, a size word describes the thing.
  ['pengadaan perahu kecil', found({ keywords: [['perahu', 'kecil']] })],
  ['mebel sekolah menengah', found({ keywords: [['mebel', 'sekolah', 'menengah']] })],
  ['jalan kecil', found({ keywords: [['jalan', 'kecil']] })],
  // Both kualifikasi named: no kualifikasi filter.
  ['kualifikasi kecil atau non kecil', NOTHING],
]);

table('HPS bounds', [
  ['minimal 500 juta', found({ hpsMin: 500_000_000 })],
  ['min 200jt', found({ hpsMin: 200_000_000 })],
  ['minimum 1,5 M', found({ hpsMin: 1_500_000_000 })],
  ['paling sedikit 300 jt', found({ hpsMin: 300_000_000 })],
  ['di atas 200 juta', found({ hpsMin: 200_000_000 })],
  ['diatas 1 milyar', found({ hpsMin: 1_000_000_000 })],
  ['lebih dari 2 M', found({ hpsMin: 2_000_000_000 })],
  ['> 500jt', found({ hpsMin: 500_000_000 })],
  ['maksimal 15,9 M', found({ hpsMax: 15_900_000_000 })],
  ['maks 500 jta', found({ hpsMax: 500_000_000 })],
  ['max 1 T', found({ hpsMax: 1_000_000_000_000 })],
  ['paling banyak 750 juta', found({ hpsMax: 750_000_000 })],
  ['di bawah 200 juta', found({ hpsMax: 200_000_000 })],
  ['dibawah 200 juta', found({ hpsMax: 200_000_000 })],
  ['kurang dari Rp 500.000.000', found({ hpsMax: 500_000_000 })],
  ['sampai 1 miliar', found({ hpsMax: 1_000_000_000 })],
  ['hingga 2 triliun', found({ hpsMax: 2_000_000_000_000 })],
  ['< 100 ribu', found({ hpsMax: 100_000 })],
  ['300 jt ke atas', found({ hpsMin: 300_000_000 })],
  ['1 M keatas', found({ hpsMin: 1_000_000_000 })],
  ['500 juta ke bawah', found({ hpsMax: 500_000_000 })],
  ['antara 200 - 500 juta', found({ hpsMin: 200_000_000, hpsMax: 500_000_000 })],
  ['antara 200 dan 500 juta', found({ hpsMin: 200_000_000, hpsMax: 500_000_000 })],
  ['200-500 juta', found({ hpsMin: 200_000_000, hpsMax: 500_000_000 })],
  ['200jt-1M', found({ hpsMin: 200_000_000, hpsMax: 1_000_000_000 })],
  ['500 juta sampai 1 miliar', found({ hpsMin: 500_000_000, hpsMax: 1_000_000_000 })],
  ['1 s.d. 2 M', found({ hpsMin: 1_000_000_000, hpsMax: 2_000_000_000 })],
  ['1 s/d 2 M', found({ hpsMin: 1_000_000_000, hpsMax: 2_000_000_000 })],
  ['1 sd 2 M', found({ hpsMin: 1_000_000_000, hpsMax: 2_000_000_000 })],
  ['dari 200 sampai 500 juta', found({ hpsMin: 200_000_000, hpsMax: 500_000_000 })],
  ['1 - 2 M', found({ hpsMin: 1_000_000_000, hpsMax: 2_000_000_000 })],
  ['500 juta - 200 juta', found({ hpsMin: 200_000_000, hpsMax: 500_000_000 })],
  ['minimal 1 M maksimal 5 M', found({ hpsMin: 1_000_000_000, hpsMax: 5_000_000_000 })],
  ['minimal Rp. 1.234.567,00', found({ hpsMin: 1_234_567 })],
  ['minimal Rp 500.000.000,-', found({ hpsMin: 500_000_000 })],
  ['minimal 500000000', found({ hpsMin: 500_000_000 })],
  ['minimal 100k', found({ hpsMin: 100_000 })],
  ['minimal setengah miliar', found({ hpsMin: 500_000_000 })],
  ['lima ratus juta ke atas', found({ hpsMin: 500_000_000 })],
  ['sejuta ke atas', found({ hpsMin: 1_000_000 })],
  ['minimal nilai 500 juta', found({ hpsMin: 500_000_000 })],
  // An amount with a unit but no direction is read as a minimum (the size the vendor works from).
  ['tender konstruksi 500 juta', found({ jenis: ['konstruksi'], hpsMin: 500_000_000 })],
  ['hps 2 M', found({ hpsMin: 2_000_000_000 })],
  // A vendor correcting themselves writes the right amount last.
  ['minimal 100 juta, eh minimal 200 juta', found({ hpsMin: 200_000_000 })],
]);

table('amounts without a unit are asked about', [
  ['minimal 500', { criteria: crit(), unclearAmount: { bound: 'min', value: 500 }, empty: false }],
  ['maksimal 2', { criteria: crit(), unclearAmount: { bound: 'max', value: 2 }, empty: false }],
  ['di atas 1,5', { criteria: crit(), unclearAmount: { bound: 'min', value: 1.5 }, empty: false }],
  ['nilai 300 ke atas', { criteria: crit(), unclearAmount: { bound: 'min', value: 300 }, empty: false }],
  ['konstruksi jalan min 500', { criteria: crit({ jenis: ['konstruksi'], keywords: [['jalan']] }), unclearAmount: { bound: 'min', value: 500 }, empty: false }],
  // A unitless range asks about its lower end only (one question at a time).
  ['antara 200 - 500', { criteria: crit(), unclearAmount: { bound: 'min', value: 200 }, empty: false }],
  // A clear amount for the same bound makes the unclear one moot.
  ['minimal 500 atau minimal 200 juta', found({ hpsMin: 200_000_000 })],
  ['maksimal 900, minimal 200 juta', { criteria: crit({ hpsMin: 200_000_000 }), unclearAmount: { bound: 'max', value: 900 }, empty: false }],
]);

table('numbers that are not amounts', [
  ['tender 2026', NOTHING],
  ['pengadaan komputer TA 2027', found({ keywords: [['komputer']] })],
  ['sampai 2026', NOTHING],
  ['minimal 2026', NOTHING],
  ['tahun anggaran 2025-2026 minimal 1 M', found({ hpsMin: 1_000_000_000 })],
  ['pengadaan 2 laptop', found({ keywords: [['laptop']] })],
  ['lebih dari 2 tahun', NOTHING],
  ['dari 3 paket', NOTHING],
  ['kirim ke 081234567890', NOTHING],
  ['minimal 99999999999999999999', NOTHING],
  ['minimal 0 juta', NOTHING],
  ['minimal 9999999 triliun', NOTHING],
]);

table('instansi', [
  ['dinas pupr', found({ instansi: { label: 'Dinas PUPR', words: PUPR } })],
  ['pupr', found({ instansi: { label: 'PUPR', words: ['pekerjaan', 'umum', 'penataan', 'ruang'] } })],
  ['tender dari dinas kesehatan', found({ instansi: { label: 'Dinas Kesehatan', words: ['dinas', 'kesehatan'] } })],
  ['DINAS PEKERJAAN UMUM DAN PENATAAN RUANG', found({ instansi: { label: 'Dinas Pekerjaan Umum dan Penataan Ruang', words: PUPR } })],
  ['Dinas Kebudayaan dan Pariwisata', found({ instansi: { label: 'Dinas Kebudayaan dan Pariwisata', words: ['dinas', 'kebudayaan', 'pariwisata'] } })],
  ['instansi dinas pendidikan', found({ instansi: { label: 'Dinas Pendidikan', words: ['dinas', 'pendidikan'] } })],
  ['satker kecamatan mayangan', found({ instansi: { label: 'Kecamatan Mayangan', words: ['kecamatan', 'mayangan'] } })],
  ['pengadaan alkes di rsud', found({ keywords: [['alkes'], ['alat', 'kesehatan']], instansi: { label: 'RSUD', words: ['rumah', 'sakit', 'umum', 'daerah'] } })],
  ['rsud dr. mohamad saleh', found({ instansi: { label: 'RSUD Dr Mohamad Saleh', words: ['rumah', 'sakit', 'umum', 'daerah'] } })],
  ['dinkes', found({ instansi: { label: 'Dinkes', words: ['dinas', 'kesehatan'] } })],
  ['dispendik', found({ instansi: { label: 'Dispendik', words: ['pendidikan'] } })],
  ['disdik', found({ instansi: { label: 'Disdik', words: ['pendidikan'] } })],
  ['bpbd', found({ instansi: { label: 'BPBD', words: ['penanggulangan', 'bencana'] } })],
  ['dlh', found({ instansi: { label: 'DLH', words: ['lingkungan', 'hidup'] } })],
  ['setda', found({ instansi: { label: 'Setda', words: ['sekretariat', 'daerah'] } })],
  ['sekretariat daerah', found({ instansi: { label: 'Sekretariat Daerah', words: ['sekretariat', 'daerah'] } })],
  ['Sekretariat DPRD', found({ instansi: { label: 'Sekretariat DPRD', words: ['sekretariat', 'dprd'] } })],
  ['bappeda', found({ instansi: { label: 'Bappeda', words: ['perencanaan', 'pembangunan'] } })],
  ['badan perencanaan pembangunan daerah', found({ instansi: { label: 'Badan Perencanaan Pembangunan Daerah', words: ['badan', 'perencanaan', 'pembangunan', 'daerah'] } })],
  ['Badan Penanggulangan Bencana Daerah', found({ instansi: { label: 'Badan Penanggulangan Bencana Daerah', words: ['badan', 'penanggulangan', 'bencana', 'daerah'] } })],
  ['disperkim', found({ instansi: { label: 'Disperkim', words: ['perumahan', 'permukiman'] } })],
  ['dishub', found({ instansi: { label: 'Dishub', words: ['perhubungan'] } })],
  ['satpol pp', found({ instansi: { label: 'Satpol PP', words: ['satuan', 'polisi', 'pamong', 'praja'] } })],
  // The instansi ends where its name does; the rest is keywords.
  ['dinas pupr pembangunan jalan', found({ keywords: [['pembangunan', 'jalan']], instansi: { label: 'Dinas PUPR', words: PUPR } })],
  ['dari dinas kesehatan pengadaan obat', found({ keywords: [['obat']], instansi: { label: 'Dinas Kesehatan', words: ['dinas', 'kesehatan'] } })],
  ['konstruksi dinas pu minimal 1 M', found({ jenis: ['konstruksi'], hpsMin: 1_000_000_000, instansi: { label: 'Dinas PU', words: ['dinas', 'pekerjaan', 'umum'] } })],
  // "dinas" with no OPD word after it is part of a tender name ("Pembangunan Rumah Dinas Kejari").
  ['pembangunan rumah dinas kejari', found({ keywords: [['pembangunan', 'rumah', 'dinas', 'kejari']] })],
  ['mobil dinas', found({ keywords: [['mobil', 'dinas']] })],
  // "Badan usaha" is the vendor, not an instansi.
  ['badan usaha', found({ keywords: [['badan']] })],
  // Criteria hold one instansi: the first named wins and the others are not keywords.
  ['dinkes atau dispendik', found({ instansi: { label: 'Dinkes', words: ['dinas', 'kesehatan'] } })],
]);

table('stopwords and bad input', [
  ['', NOTHING],
  ['   ', NOTHING],
  ['langganan tender', NOTHING],
  ['mau info lelang dong', NOTHING],
  ['tolong kabarin ya min, makasih', NOTHING],
  ['🙏🙏🙏', NOTHING],
  ['👍 laptop 👍', found({ keywords: [['laptop']] })],
  ['?!.,;/-', NOTHING],
  ['a b c d', NOTHING],
  ['LANGGANAN Tender KONSTRUKSI Jalan MINIMAL 500 JUTA', found({ jenis: ['konstruksi'], keywords: [['jalan']], hpsMin: 500_000_000 })],
  ['pengadaan Café', found({ keywords: [['cafe']] })],
  ['pengadaan Cafe\u0301', found({ keywords: [['cafe']] })],
  ['kaula kontraktor, mun bâdâ tender kabâri ghi', NOTHING],
  ['kabari aku nek ono lelang proyek dalan', found({ keywords: [['jalan']] })],
  ['nyuwun dikabari menawi wonten lelang kreteg', found({ keywords: [['jembatan']] })],
  ['constructor prototype toString', found({ keywords: [['constructor', 'prototype', 'tostring']] })],
  ['minimal', NOTHING],
  ['rp', NOTHING],
]);

table('intent examples (lpse.subscribe)', [
  ['langganan tender konstruksi jalan minimal 500 juta', found({ jenis: ['konstruksi'], keywords: [['jalan']], hpsMin: 500_000_000 })],
  ['kabari kalau ada pengadaan komputer', found({ keywords: [['komputer']] })],
  ['daftar notifikasi lelang', NOTHING],
  ['saya kontraktor mau info tender', NOTHING],
  ['mau langganan info lelang', NOTHING],
  ['subscribe tender', NOTHING],
  ['daftar alert pengadaan', NOTHING],
  ['tolong kabarin kalau ada tender jasa konsultansi', found({ jenis: ['konsultansi'] })],
  ['saya punya cv bidang pengadaan alat tulis kantor, mau dapat notifikasi', found({ keywords: [['alat', 'tulis', 'kantor']] })],
  ['kirimi saya info tender pekerjaan drainase', found({ keywords: [['drainase']] })],
  ['langganan lelang barang di atas 200 juta', found({ jenis: ['barang'], hpsMin: 200_000_000 })],
  ['mau berlangganan pemberitahuan tender pemkot', NOTHING],
  ['notif tender konstruksi gedung', found({ jenis: ['konstruksi'], keywords: [['gedung']] })],
  ['saya vendor it, minta diinfokan tiap ada pengadaan laptop', found({ keywords: [['it'], ['laptop']] })],
  ['kalo ada lelang katering kabari ya min', found({ keywords: [['katering']] })],
  ['daftar langganan pengadaan jasa kebersihan', found({ keywords: [['kebersihan']] })],
  ['saya rekanan mau dapat info pengadaan terbaru tiap minggu', NOTHING],
  ['setting notif tender nilai 1 miliar ke atas', found({ hpsMin: 1_000_000_000 })],
  ['tolong daftarkan pt kami untuk notifikasi tender', NOTHING],
  ['ingin menerima notifikasi paket pengadaan bidang kesehatan', found({ keywords: [['kesehatan']] })],
  ['ikut notif lelang alkes', found({ keywords: [['alkes'], ['alat', 'kesehatan']] })],
  ['langganan tender pengadaan seragam', found({ keywords: [['seragam']] })],
  ['kulo kontraktor, nyuwun dikabari menawi wonten tender', NOTHING],
  ['kabari aku nek ono lelang proyek dalan', found({ keywords: [['jalan']] })],
  ['mau ikut pemberitahuan lelang konstruksi', found({ jenis: ['konstruksi'] })],
  ['pengen dapet info tender tiap ada yg baru', NOTHING],
  ['saya supplier mebel sekolah mau langganan info pengadaan', found({ keywords: [['mebel', 'sekolah']] })],
  ['saya ingin berlangganan informasi lelang untuk kategori jasa lainnya', found({ jenis: ['jasa_lainnya'] })],
  ['langganan tender kualifikasi kecil', found({ kualifikasi: 'kecil' })],
  ['tender percetakan kabari', found({ keywords: [['percetakan']] })],
  ['pengadaan atk tolong diinfokan tiap ada', found({ keywords: [['atk'], ['alat', 'tulis', 'kantor']] })],
  ['alert tender renovasi sekolah', found({ keywords: [['renovasi', 'sekolah']] })],
  ['kabarin kalo ada tender pembangunan jembatan', found({ keywords: [['pembangunan', 'jembatan']] })],
  ['minta dikirim info lelang jasa konsultan perencana', found({ jenis: ['konsultansi'], keywords: [['perencana']] })],
  ['mau dapet update tender via wa', NOTHING],
  ['daftar pengingat tender', NOTHING],
  ['saya cv bangunan, minta didaftarkan info tender', found({ keywords: [['bangunan']] })],
  ['ikut langganan lpse', NOTHING],
  ['langganan lpse kota probolinggo', NOTHING],
  ['notifikasi tender pengadaan bibit tanaman', found({ keywords: [['bibit', 'tanaman']] })],
  ['info tender konstruksi kirim ke nomor ini ya', found({ jenis: ['konstruksi'] })],
  ['tolong masukkan saya ke daftar penerima info tender', NOTHING],
  ['kaula kontraktor, mun bâdâ tender kabâri ghi', NOTHING],
  ['subscribe pengadaan makan minum', found({ keywords: [['makan', 'minum']] })],
  ['pengadaan sound system kalo ada kabari', found({ keywords: [['sound', 'system']] })],
  ['tolong infokan lelang bidang pengairan nilai 300 jt ke atas', found({ keywords: [['pengairan']], hpsMin: 300_000_000 })],
  ['mau terima info tender tiap hari', NOTHING],
  ['aktifkan notifikasi lelang', NOTHING],
  ['saya bergerak di bidang jasa konstruksi, mohon didaftarkan notifikasi tender', found({ jenis: ['konstruksi'] })],
  ['mau langganan lagi info tender pengadaan kendaraan', found({ keywords: [['kendaraan']] })],
  ['nek enten lelang pengadaan komputer kabari kulo nggih', found({ keywords: [['komputer']] })],
]);

describe('parseSubscription as a whole', () => {
  const examples = readFileSync(path.join(PROJECT_ROOT, 'intents/intent/lpse.subscribe.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));

  it('reads every subscribe intent example the same way twice, without throwing', () => {
    expect(examples.length).toBeGreaterThan(40);
    for (const line of examples) expect(parseSubscription(line)).toStrictEqual(parseSubscription(line));
  });

  it('never keeps a request word, a stopword or a short word as a keyword in the intent examples', () => {
    const words = examples.flatMap((line) => parseSubscription(line).criteria.keywords.flat());
    for (const w of ['langganan', 'tender', 'lelang', 'info', 'notif', 'kabari', 'saya', 'mau', 'min', 'ya', 'wa']) {
      expect(words).not.toContain(w);
    }
  });

  it('does not share state between calls', () => {
    const first = parseSubscription('komputer -printer minimal 500 juta dinas pupr');
    first.criteria.keywords.push(['x']);
    first.criteria.exclude.push('y');
    expect(parseSubscription('komputer -printer minimal 500 juta dinas pupr')).toStrictEqual(
      found({ keywords: [['komputer']], exclude: ['printer'], hpsMin: 500_000_000, instansi: { label: 'Dinas PUPR', words: PUPR } }),
    );
  });

  it('reads long and adversarial input quickly', () => {
    const inputs = [
      'langganan tender konstruksi jalan minimal 500 juta, komputer -konsultan kecuali bekas dinas pupr '.repeat(25).slice(0, 2000),
      '1,'.repeat(1000),
      '1.'.repeat(1000) + 'x',
      '- '.repeat(1000),
      's. '.repeat(700),
      'rp. '.repeat(500),
      'barang' + ' '.repeat(2000) + '/',
      'minimal '.repeat(250),
      'kecuali '.repeat(250),
      'nilai '.repeat(330),
      'tender ' + 'barang '.repeat(140) + 'kecil '.repeat(140),
      'dinas ' + 'dan '.repeat(500),
      'a'.repeat(2000),
      '🙏'.repeat(1000),
    ];
    for (const text of inputs) {
      const started = performance.now();
      parseSubscription(text);
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(200);
    }
  });

  it('still finds what a long message asks for', () => {
    const text = `${'halo selamat pagi, '.repeat(110)}langganan pengadaan laptop minimal 200 juta`;
    expect(text.length).toBeGreaterThan(2000);
    expect(parseSubscription(text)).toStrictEqual(found({ keywords: [['laptop']], hpsMin: 200_000_000 }));
  });
});

describe('names from the SPSE/ISB captures', () => {
  interface IsbRow { nama_satker: string; jenis_pengadaan: string }
  const rows = [
    ...fixtureJson<IsbRow[]>('isb_satudata/SPSE-TenderPengumuman_D107_2025.json'),
    ...fixtureJson<IsbRow[]>('isb_satudata/SPSE-NonTenderPengumuman_D107_2025.subset.json'),
  ];
  const JENIS_OF: Record<string, SubscriptionCriteria['jenis']> = {
    'Pengadaan Barang': ['barang'],
    'Pekerjaan Konstruksi': ['konstruksi'],
    'Jasa Konsultansi Badan Usaha Konstruksi': ['konsultansi'],
    'Jasa Konsultansi Badan Usaha Non Konstruksi': ['konsultansi'],
    'Jasa Konsultansi Perorangan Konstruksi': ['konsultansi'],
    'Jasa Lainnya': ['jasa_lainnya'],
  };

  it('reads every jenis name SPSE uses as its jenis alone', () => {
    const names = [...new Set(rows.map((r) => r.jenis_pengadaan))];
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) expect(parseSubscription(name), name).toStrictEqual(found({ jenis: JENIS_OF[name] }));
  });

  it('reads every satker name as an instansi whose words the satker name contains', () => {
    const names = [...new Set(rows.map((r) => r.nama_satker))];
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) {
      const { instansi } = parseSubscription(name).criteria;
      expect(instansi, name).toBeDefined();
      const satkerWords = new Set(wordsOf(name));
      expect(instansi!.words.filter((w) => !satkerWords.has(w)), name).toStrictEqual([]);
    }
  });
});

describe('withAmount', () => {
  it('sets the bound the vendor confirmed', () => {
    const { criteria, unclearAmount } = parseSubscription('konstruksi jalan minimal 500');
    expect(unclearAmount).toStrictEqual({ bound: 'min', value: 500 });
    expect(withAmount(criteria, 'min', 500 * 1e6)).toStrictEqual(
      crit({ jenis: ['konstruksi'], keywords: [['jalan']], hpsMin: 500_000_000 }),
    );
    expect(withAmount(crit({ hpsMin: 1e8 }), 'max', 2e9)).toStrictEqual(crit({ hpsMin: 1e8, hpsMax: 2e9 }));
  });

  it('leaves the given criteria alone', () => {
    const before = crit({ keywords: [['laptop']] });
    withAmount(before, 'max', 1e9);
    expect(before).toStrictEqual(crit({ keywords: [['laptop']] }));
  });

  it('replaces an earlier value and swaps a minimum above the maximum', () => {
    expect(withAmount(crit({ hpsMin: 1e8 }), 'min', 3e8)).toStrictEqual(crit({ hpsMin: 3e8 }));
    expect(withAmount(crit({ hpsMax: 2e8 }), 'min', 5e8)).toStrictEqual(crit({ hpsMin: 2e8, hpsMax: 5e8 }));
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d rupiah', (rupiah) => {
    expect(() => withAmount(crit(), 'min', rupiah)).toThrow(RangeError);
  });
});
