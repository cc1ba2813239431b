import { describe, expect, it } from 'vitest';
import type { Entities } from '../../src/core/understanding.js';
import { EntityExtractor } from '../../src/nlu/index.js';
import { Normaliser } from '../../src/nlu/normaliser.js';

const normaliser = new Normaliser();
const extractor = new EntityExtractor();
/** 10:00 WIB on Saturday 28 November 2026. */
const NOW = new Date('2026-11-28T03:00:00Z');

function entities(text: string, now = NOW): Entities {
  const clean = normaliser.clean(text);
  return extractor.extract({ clean, norm: normaliser.normaliseCleaned(clean), now });
}

describe('ticket ids', () => {
  it.each(['PBL-2026-000123', 'pbl 2026 123', 'PBL2026000123', 'pbl-2026-123', 'cek #pbl_2026_000123 dong'])('%s → PBL-2026-000123', (text) => {
    expect(entities(text).ticketIds).toEqual(['PBL-2026-000123']);
  });
  it('finds several, once each, and nothing in plain numbers', () => {
    expect(entities('PBL-2026-000001 dan pbl 2026 2 dan PBL-2026-000001').ticketIds).toEqual(['PBL-2026-000001', 'PBL-2026-000002']);
    expect(entities('nomor 2026000123').ticketIds).toEqual([]);
  });
});

describe('dates in WIB', () => {
  it.each([
    ['12 Agustus 2026', '2026-08-12'],
    ['12 agt', '2026-08-12'],
    ['12/8/26', '2026-08-12'],
    ['12-08-2026', '2026-08-12'],
    ['2026-08-12', '2026-08-12'],
    ['kemarin', '2026-11-27'],
    ['kmrn', '2026-11-27'],
    ['hari ini', '2026-11-28'],
    ['besok', '2026-11-29'],
    ['lusa', '2026-11-30'],
    ['3 hari lalu', '2026-11-25'],
    ['seminggu yang lalu', '2026-11-21'],
    ['2 minggu lalu', '2026-11-14'],
    ['bulan depan', '2026-12-28'],
    ['minggu depan', '2026-12-05'],
    ['senin kemarin', '2026-11-23'],
    ['jumat depan', '2026-12-04'],
    ['hari minggu kemarin', '2026-11-22'],
  ])('%s → %s', (text, date) => {
    expect(entities(text).dates.map((d) => d.date)).toEqual([date]);
  });
  it('uses the WIB calendar day: at 01:00 WIB on 28 Nov (18:00 UTC on 27 Nov) "kemarin" is 27 Nov', () => {
    const lateUtc = new Date('2026-11-27T18:00:00Z');
    expect(entities('kemarin', lateUtc).dates[0]?.date).toBe('2026-11-27');
    expect(entities('hari ini', lateUtc).dates[0]?.date).toBe('2026-11-28');
  });
  it('rejects impossible dates and does not read RT/RW or money as dates', () => {
    expect(entities('31/2/2026').dates).toEqual([]);
    expect(entities('rt 02/03').dates).toEqual([]);
    expect(entities('Rp 1.500.000').dates).toEqual([]);
  });
});

describe('durations', () => {
  it('reads counts with a unit and converts to days', () => {
    expect(entities('hamil 3 bln').durations).toEqual([{ text: '3 bulan', value: 3, unit: 'bulan', days: 90 }]);
    expect(entities('usia kandungan 20 minggu').durations[0]).toMatchObject({ value: 20, unit: 'minggu', days: 140 });
    expect(entities('udh seminggu').durations[0]).toMatchObject({ value: 1, unit: 'minggu', days: 7 });
  });
  it('does not take a relative date for a duration', () => {
    expect(entities('3 hari lalu').durations).toEqual([]);
    expect(entities('seminggu lagi').durations).toEqual([]);
  });
});

describe('money', () => {
  it.each([
    ['200 juta', 200_000_000],
    ['1,5 M', 1_500_000_000],
    ['1.5 miliar', 1_500_000_000],
    ['Rp 750.000', 750_000],
    ['rp750rb', 750_000],
    ['500jt', 500_000_000],
    ['15,9 M', 15_900_000_000],
    ['414,4 Jt', 414_400_000],
    ['Rp 1.250.000,00', 1_250_000],
    ['hps rp 2 m', 2_000_000_000],
  ])('%s → %d', (text, rupiah) => {
    expect(entities(text).money.map((m) => m.rupiah)).toEqual([rupiah]);
  });
  it('needs a currency or a unit, and reads a lower-case "m" as metres', () => {
    expect(entities('nomor 750000').money).toEqual([]);
    expect(entities('lubangnya 2 m').money).toEqual([]);
  });
});

describe('kelurahan and kecamatan', () => {
  it.each([
    ['kebonsari wetan', 'Kebonsari Wetan'],
    ['kebonsariwetan', 'Kebonsari Wetan'],
    ['jrebeng kidul', 'Jrebeng Kidul'],
    ['jerebeng kidul', 'Jrebeng Kidul'],
    ['curah grinting', 'Curahgrinting'],
    ['kedung asem', 'Kedung Asem'],
    ['kedungasem', 'Kedung Asem'],
    ['pohsangit kidul', 'Pohsangit Kidul'],
    ['poh sangit kidul', 'Pohsangit Kidul'],
    ['wiroborang', 'Wiroborang'],
  ])('%s → %s', (text, name) => {
    expect(entities(`banjir di ${text}`).kelurahan.map((k) => k.name)).toEqual([name]);
  });
  it('knows all 29 kelurahan and 5 kecamatan with their Kemendagri codes', () => {
    const e = entities('kelurahan sukabumi');
    expect(e.kelurahan).toEqual([{ text: 'sukabumi', code: '35.74.03.1007', name: 'Sukabumi' }]);
  });
  it('reads a shared name as the kecamatan after "kec." and as the kelurahan otherwise', () => {
    expect(entities('kec. kademangan').kecamatan.map((k) => k.code)).toEqual(['35.74.01']);
    expect(entities('kec. kademangan').kelurahan).toEqual([]);
    expect(entities('di kademangan').kelurahan.map((k) => k.code)).toEqual(['35.74.01.1008']);
    expect(entities('di kademangan').kecamatan).toEqual([]);
  });
  it('reads "jati" (teak) as the kelurahan only after "kelurahan"/"kel."', () => {
    expect(entities('pohon jati tumbang').kelurahan).toEqual([]);
    expect(entities('kel. jati').kelurahan.map((k) => k.name)).toEqual(['Jati']);
  });
});

describe('streets and landmarks', () => {
  it('reads street names after jl./jln/jalan', () => {
    expect(entities('lampu pju di gg 3 jl. mastrip mati').streets).toEqual(['Jalan Mastrip']);
    expect(entities('jl soekarno hatta dekat stasiun').streets).toEqual(['Jalan Soekarno Hatta']);
    expect(entities('jln.Suroyo').streets).toEqual(['Jalan Suroyo']);
  });
  it('does not take the common noun "jalan" for a street', () => {
    expect(entities('jalan rusak parah').streets).toEqual([]);
    expect(entities('jalan berlubang depan sekolah').streets).toEqual([]);
    expect(entities('jalan depan sdn jrebeng kidul 2 rusak').streets).toEqual([]);
  });
  it('finds landmarks with their names', () => {
    expect(entities('jalan depan sdn jrebeng kidul 2 rusak').landmarks).toEqual(['SDN Jrebeng Kidul 2']);
    expect(entities('depan masjid').landmarks).toEqual(['Masjid']);
    expect(entities('sampah numpuk di alun-alun').landmarks).toEqual(['Alun-Alun']);
    expect(entities('hotel deket stasiun').landmarks).toEqual(['Hotel', 'Stasiun']);
  });
});

describe('phones and NIK (detected for masking)', () => {
  it('normalises phone numbers to 62…', () => {
    expect(entities('hubungi 0812-3456-7890 atau +62 812 3456 7891 atau 6281234567892').phones).toEqual([
      '6281234567890',
      '6281234567891',
      '6281234567892',
    ]);
  });
  it('finds a 16-digit NIK, plain or grouped, and does not read it as a phone', () => {
    const e = entities('nik saya 3574011203900001, adik 3574 0152 0390 0002');
    expect(e.niks).toEqual(['3574011203900001', '3574015203900002']);
    expect(e.phones).toEqual([]);
  });
  it('ignores 16-digit numbers that cannot be a NIK', () => {
    expect(entities('1234567890123456').niks).toEqual([]);
  });
});
