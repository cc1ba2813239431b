import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTENTS, type Understanding } from '../../src/core/understanding.js';
import { createNlu, type Nlu } from '../../src/nlu/index.js';

/** 10:00 WIB on Saturday 28 November 2026. */
const NOW = new Date('2026-11-28T03:00:00Z');
let nlu: Nlu;

beforeAll(() => {
  nlu = createNlu();
});

function understand(text: string): Understanding {
  return nlu.understand(text, NOW);
}

describe('the example messages', () => {
  it('"lampu pju di gg 3 jl. mastrip mati udh seminggu min" is a street-light complaint', () => {
    const u = understand('lampu pju di gg 3 jl. mastrip mati udh seminggu min');
    expect(u.intent).toBe('complaint.file');
    expect(u.confidence).toBeGreaterThanOrEqual(nlu.threshold);
    expect(u.category?.label).toBe('lampu');
    expect(u.entities.streets).toEqual(['Jalan Mastrip']);
    expect(u.entities.durations).toEqual([{ text: 'seminggu', value: 1, unit: 'minggu', days: 7 }]);
    expect(u.normalized).toContain('sudah seminggu');
  });
  it('"jalan depan sdn jrebeng kidul 2 rusak parah bgt bnyk yg jatuh" is a road complaint, not an emergency', () => {
    const u = understand('jalan depan sdn jrebeng kidul 2 rusak parah bgt bnyk yg jatuh');
    expect(u.intent).toBe('complaint.file');
    expect(u.category?.label).toBe('jalan_selokan');
    expect(u.entities.kelurahan.map((k) => k.name)).toEqual(['Jrebeng Kidul']);
    expect(u.entities.landmarks).toEqual(['SDN Jrebeng Kidul 2']);
    const emergency = u.alternatives.find((a) => a.label === 'emergency')?.confidence ?? 0;
    expect(emergency).toBeLessThan(0.3);
  });
  it('"bu bidan sy hamil 3 bln mau daftar pengingat" registers for SISKIA', () => {
    const u = understand('bu bidan sy hamil 3 bln mau daftar pengingat');
    expect(u.intent).toBe('siskia.register');
    expect(u.entities.durations[0]).toMatchObject({ value: 3, unit: 'bulan', days: 90 });
    expect(u.category).toBeUndefined();
  });
  it('"ada info lelang konstruksi gak?" lists tenders', () => {
    expect(understand('ada info lelang konstruksi gak?').intent).toBe('lpse.list');
  });
  it('"piye carane ngurus ktp sing ilang" is a (permintaan informasi) complaint about kependudukan', () => {
    // LAPOR! treats an information request as a report type routed to the office in charge (Dispendukcapil),
    // so Pintu files it as complaint.file with the kependudukan category rather than showing its own help.
    const u = understand('piye carane ngurus ktp sing ilang');
    expect(u.intent).toBe('complaint.file');
    expect(u.category?.label).toBe('kependudukan');
    expect(u.normalized).toBe('bagaimana caranya mengurus ktp yang hilang');
  });
  it('"mbak, hotel murah deket stasiun ada?" asks for a recommendation', () => {
    const u = understand('mbak, hotel murah deket stasiun ada?');
    expect(u.intent).toBe('govis.recommend');
    expect(u.entities.landmarks).toContain('Stasiun');
  });
});

describe('rules and commands', () => {
  it('a ticket id asks about that complaint', () => {
    const u = understand('cek PBL-2026-000123');
    expect(u.intent).toBe('complaint.status');
    expect(u.confidence).toBeGreaterThan(0.9);
    expect(u.entities.ticketIds).toEqual(['PBL-2026-000123']);
    expect(understand('pbl 2026 123').intent).toBe('complaint.status');
  });
  it('whole-message commands are sure', () => {
    expect(understand('batal')).toMatchObject({ intent: 'cancel' });
    expect(understand('batal').confidence).toBeGreaterThanOrEqual(0.85);
    expect(understand('gak jadi').intent).toBe('cancel');
    expect(understand('menu').intent).toBe('help');
    expect(understand('hapus data saya').intent).toBe('data.delete');
  });
  it('greetings and thanks, alone or with a vocative', () => {
    expect(understand('halo min').intent).toBe('greeting');
    expect(understand('assalamualaikum').intent).toBe('greeting');
    expect(understand('السلام عليكم').intent).toBe('greeting');
    expect(understand('matur nuwun bu').intent).toBe('thanks');
    expect(understand('makasih banyak ya kak').intent).toBe('thanks');
    expect(understand('🙏').intent).toBe('thanks');
  });
  it('keeps the verb that separates subscribe from unsubscribe', () => {
    expect(understand('langganan info tender konstruksi').intent).toBe('lpse.subscribe');
    expect(understand('berhenti langganan info tender').intent).toBe('lpse.unsubscribe');
  });
  it('a greeting followed by a complaint is a complaint', () => {
    expect(understand('assalamualaikum min, lampu jalan di gang saya mati').intent).toBe('complaint.file');
  });
});

describe('safety intents favour recall', () => {
  it.each([
    'saya hamil 7 bulan keluar darah banyak',
    'bu bidan ketuban saya pecah padahal baru 32 minggu',
    'ketubane wis pecah',
    'istri saya kejang kejang habis melahirkan',
    'hamil 8 bulan pandangan kabur dan kepala pusing banget',
    'bayi saya tidak mau menyusu sejak tadi pagi',
    'bayine gak gelem mimik',
    'bayi saya kuning sekali badannya',
    'anak saya demam tinggi sudah 3 hari',
    'gerakan janin berkurang sejak kemarin',
    'hamil muda muntah terus tidak bisa makan',
    'habis lahiran rasanya ingin bunuh diri',
    'kepikiran menyakiti bayi saya',
    'metu getih teko kemaluan, meteng 6 wulan',
    'tali pusar bayi bernanah dan bau',
    'bayi napasnya cepat dan sesak',
  ])('siskia.danger: %s', (text) => {
    const u = understand(text);
    expect(u.intent).toBe('siskia.danger');
    expect(u.confidence).toBeGreaterThanOrEqual(0.9);
  });
  it.each([
    'tolong ada kebakaran di kebonsari',
    'rumah tetangga terbakar api besar',
    'kobongan omah e pak rt',
    'ada kecelakaan motor di jl soekarno hatta korban tergeletak',
    'maling sedang masuk rumah saya sekarang',
    'ada perampokan di toko depan',
    'anak kecil tenggelam di sungai',
    'bocah klelep nang kali',
    'bapak saya pingsan tidak sadarkan diri',
    'banjir bandang rumah hanyut',
    'tolong ada yang mau bunuh diri di jembatan',
    'tetangga sesak nafas parah bibirnya biru',
  ])('emergency: %s', (text) => {
    const u = understand(text);
    expect(u.intent).toBe('emergency');
    expect(u.confidence).toBeGreaterThanOrEqual(0.9);
  });
  it('keeps the other safety intent as a strong alternative when both apply', () => {
    const u = understand('tolong ada yang mau bunuh diri di jembatan');
    expect(u.alternatives.find((a) => a.label === 'siskia.danger')?.confidence).toBeGreaterThanOrEqual(0.5);
  });
  it('does not raise the alarm for complaints about risk or past events', () => {
    const risk = understand('jalan ini rawan kecelakaan tolong diperbaiki');
    expect(risk.intent).not.toBe('emergency');
    expect(risk.alternatives.find((a) => a.label === 'emergency')?.confidence ?? 0).toBeLessThan(0.3);
    const past = understand('rumah saya kebakaran bulan lalu, mau minta bantuan');
    expect(past.intent).not.toBe('emergency');
    expect(understand('gelap gulita jalan kampung sy, rawan maling').intent).toBe('complaint.file');
  });
});

describe('bad input never throws and gives a sensible intent', () => {
  it.each([
    ['', 'unknown'],
    ['   ', 'unknown'],
    ['😀', 'unknown'],
    ['12345', 'unknown'],
    ['https://example.com/abc', 'unknown'],
    ["'; DROP TABLE users; --", 'unknown'],
    ['<script>alert(1)</script>', 'unknown'],
    ['asdfghjkl qwertyuiop', 'unknown'],
  ])('%j → %s', (text, intent) => {
    const u = understand(text);
    expect(u.intent).toBe(intent);
    expect(u.confidence).toBeGreaterThanOrEqual(0);
    expect(u.confidence).toBeLessThanOrEqual(1);
  });
  it('handles 10,000 characters quickly', () => {
    const started = performance.now();
    const u = understand('lampu mati '.repeat(1000));
    expect(performance.now() - started).toBeLessThan(200);
    expect(INTENTS).toContain(u.intent);
  });
  it('handles non-string input and an invalid date', () => {
    expect(() => nlu.understand(undefined as unknown as string, NOW)).not.toThrow();
    expect(() => nlu.understand('besok', new Date(Number.NaN))).not.toThrow();
    expect(nlu.understand(null as unknown as string, NOW).intent).toBe('unknown');
  });
  it('always returns every entity list and calibrated, ordered alternatives', () => {
    const u = understand('lampu mati');
    expect(Object.keys(u.entities).sort()).toEqual(
      ['dates', 'durations', 'kecamatan', 'kelurahan', 'landmarks', 'money', 'niks', 'phones', 'streets', 'ticketIds'].sort(),
    );
    expect(u.alternatives.length).toBeGreaterThan(0);
    expect(u.alternatives.every((a) => a.label !== u.intent && a.confidence <= u.confidence)).toBe(true);
    const sorted = [...u.alternatives].sort((a, b) => b.confidence - a.confidence);
    expect(u.alternatives).toEqual(sorted);
  });
});

describe('training', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pintu-nlu-'));
    const write = (rel: string, lines: string[]): void => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), `# comment line\n${lines.join('\n')}\n\n`);
    };
    write('intent/greeting.txt', ['halo', 'selamat pagi', 'hai min', 'permisi', 'assalamualaikum', 'halo kak']);
    write('intent/govis.recommend.txt', ['hotel murah', 'tempat wisata keluarga', 'kuliner enak', 'oleh oleh khas', 'penginapan dekat alun alun', 'wisata sejarah']);
    write('intent/unknown.txt', ['skor bola', 'cuaca besok', 'resep kue', 'main game', 'harga emas', 'film bagus']);
    write('category/lampu.txt', ['lampu jalan mati', 'pju padam', 'lampu gang mati', 'lampu merah rusak', 'tiang lampu roboh', 'lampu kedip kedip']);
    write('category/jalan_selokan.txt', ['jalan berlubang', 'selokan mampet', 'aspal rusak', 'got buntu', 'jalan retak', 'trotoar rusak']);
    // The held-out split must never be used for training: a test-only label would show up in the model.
    write('test/intent/siskia.birth.txt', ['bayi saya sudah lahir']);
    write('intent/not-a-label.txt', ['ignored']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains from a folder, counts complaint lines as complaint.file and ignores test/ and unknown labels', () => {
    const small = createNlu({ intentsDir: dir });
    expect(small.stats.intentUtterances).toBe(18 + 12);
    expect(small.stats.categoryUtterances).toBe(12);
    expect(small.stats.intentLabels).toBe(4);
    expect(small.stats.ignoredFiles).toEqual(['intent/not-a-label.txt']);
    const u = small.understand('lampu jalan di gang saya mati', NOW);
    expect(u.intent).toBe('complaint.file');
    expect(u.category?.label).toBe('lampu');
    expect(small.understand('bayi saya sudah lahir', NOW).intent).not.toBe('siskia.birth');
  });
  it('is deterministic', () => {
    const a = createNlu({ intentsDir: dir }).understand('hotel murah dekat stasiun', NOW);
    const b = createNlu({ intentsDir: dir }).understand('hotel murah dekat stasiun', NOW);
    expect(a).toEqual(b);
  });
  it('works with no training files at all', () => {
    const empty = createNlu({ intentsDir: path.join(dir, 'missing') });
    expect(empty.understand('lampu mati', NOW).intent).toBe('unknown');
    expect(empty.understand('batal', NOW).intent).toBe('cancel');
  });
  it('exposes the threshold', () => {
    expect(createNlu({ intentsDir: dir, threshold: 0.7 }).threshold).toBe(0.7);
    expect(nlu.threshold).toBe(0.5);
  });
});
