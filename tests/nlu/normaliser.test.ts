import { describe, expect, it } from 'vitest';
import { Normaliser, normalise } from '../../src/nlu/index.js';

const n = new Normaliser();

describe('normaliser: cleanup', () => {
  it('lower-cases, applies NFKC and strips control and zero-width characters', () => {
    expect(n.normalise('LAMPU\u200b Mati\u0007 ＪＡＬＡＮ')).toBe('lampu mati jalan');
  });
  it('strips diacritics but keeps the letters', () => {
    expect(n.normalise('bhâli')).toBe('pulang');
  });
  it('removes URLs, e-mail addresses, HTML tags and script bodies', () => {
    expect(n.normalise('cek https://evil.example/x?y=1 min')).toBe('cek admin');
    expect(n.normalise('kirim ke a.b@example.com')).toBe('kirim ke');
    expect(n.normalise('<b>halo</b> <script>alert(1)</script>min')).toBe('halo admin');
  });
  it('drops emoji and non-Latin words but maps Arabic greetings, also with harakat', () => {
    expect(n.normalise('😀🔥')).toBe('');
    expect(n.normalise('السلام عليكم')).toBe('assalamualaikum');
    expect(n.normalise('اَلسَّلَامُ عَلَيْكُمْ')).toBe('assalamualaikum');
  });
  it('keeps numbers with their inner punctuation so entities can be read', () => {
    expect(n.normalise('Rp 750.000 tgl 12/8/26 PBL-2026-000123')).toBe('rp 750.000 tanggal 12/8/26 pbl-2026-000123');
  });
  it('never throws on odd input', () => {
    for (const x of [undefined, null, 42, {}, '', ' '.repeat(100), 'a'.repeat(10_000), '\u0000\u0001']) {
      expect(() => n.normalise(x)).not.toThrow();
    }
    expect(n.normalise('x'.repeat(10_000)).length).toBeLessThanOrEqual(4000);
  });
});

describe('normaliser: spelling repairs', () => {
  it('undoes elongation but keeps real double letters', () => {
    expect(n.normalise('parahhhh bangettt tolooong')).toBe('parah banget tolong');
    expect(n.normalise('maaaaf')).toBe('maaf');
    expect(n.normalise('pagii')).toBe('pagi');
    expect(n.normalise('saat taat maaf')).toBe('saat taat maaf');
  });
  it('undoes number-letter mixes', () => {
    expect(n.normalise('s4ya')).toBe('saya');
    expect(n.normalise('t4u')).toBe('tahu');
    expect(n.normalise('b1sa')).toBe('bisa');
  });
  it('expands reduplication written with 2 and splits numbers glued to units', () => {
    expect(n.normalise('anak2 org2')).toBe('anak-anak orang-orang');
    expect(n.normalise('rp750rb 500jt gg3')).toBe('rp 750 ribu 500 juta gang 3');
  });
  it('leaves ids that only look like number-letter mixes alone', () => {
    expect(n.normalise('PBL2026000123')).toBe('pbl2026000123');
  });
});

describe('normaliser: slang and abbreviations', () => {
  it.each([
    ['gak ga gk nggak ndak', 'tidak tidak tidak tidak tidak'],
    ['udh udah', 'sudah sudah'],
    ['yg bgt', 'yang banget'],
    ['jln jl. mastrip', 'jalan jalan mastrip'],
    ['gg 3', 'gang 3'],
    ['kel. jati kec mayangan', 'kelurahan jati kecamatan mayangan'],
    ['sy hamil 3 bln', 'saya hamil 3 bulan'],
    ['makasih min', 'terima kasih admin'],
  ])('%s → %s', (input, expected) => {
    expect(n.normalise(input)).toBe(expected);
  });
  it('uses the louisowen6 list for words Pintu has no entry for', () => {
    expect(n.normalise('dgn ortu')).toBe('dengan orang tua');
  });
  it('skips louisowen6 entries that would change domain words', () => {
    // The external list maps these to "asli tetapi palsu", "sesegera mungkin", "kakak", "sama".
    expect(n.normalise('aspal asap kk sma')).toBe('aspal asap kk sma');
  });
});

describe('normaliser: Javanese and Madurese', () => {
  it.each([
    ['dalan e rusak', 'jalan e rusak'],
    ['lampune mati', 'lampu mati'],
    ['ktp ku ilang', 'ktp ku hilang'],
    ['piye carane', 'bagaimana caranya'],
    ['opo sampeyan iso', 'apa anda bisa'],
    ['nyuwun tulung', 'minta tolong'],
    ['mboten enten', 'tidak ada'],
    ['dereng sampun', 'belum sudah'],
    ['kulo', 'saya'],
    ['banyu mati', 'air mati'],
    ['metu getih', 'keluar darah'],
    ['wetenge loro', 'perut sakit'],
    ['matur nuwun', 'terima kasih'],
    ['suwun', 'terima kasih'],
    ['sakalangkong', 'terima kasih'],
    ["ta' bada", 'tidak ada'],
    ['tak bisa', 'tidak bisa'],
    ['bhali', 'pulang'],
  ])('%s → %s', (input, expected) => {
    expect(n.normalise(input)).toBe(expected);
  });
  it('does not translate lor/kidul/wetan/kulon, which are part of kelurahan names', () => {
    expect(n.normalise('jrebeng kidul triwung lor kebonsari wetan')).toBe('jrebeng kidul triwung lor kebonsari wetan');
  });
});

describe('normaliser: negations and question words survive', () => {
  it.each(['tidak', 'belum', 'bukan', 'jangan', 'kapan', 'apa', 'bagaimana', 'dimana', 'berapa', 'siapa', 'kenapa'])('%s', (w) => {
    expect(normalise(`${w} lampu`)).toBe(`${w} lampu`);
  });
  it('maps their slang forms to them', () => {
    expect(normalise('blm bkn jgn kpn gmn dmn brp knp')).toBe('belum bukan jangan kapan bagaimana dimana berapa kenapa');
  });
});
