/**
 * Rupiah amounts and Indonesian dates as SPSE writes them. The amounts are the real ones from the captures
 * (list rows "15,9 M", "414,4 Jt"-style, homepage "Rp. 927.897.900,00"); the dates are the homepage's
 * "Akhir Pendaftaran" texts and the forms SPSE pages use.
 */
import { describe, expect, it } from 'vitest';
import { SourceFormatError } from '../../src/features/lpse/source/errors.js';
import { parseIndonesianDateTime, parseWibTimestamp } from '../../src/features/lpse/source/indonesian-date.js';
import { parseMoney } from '../../src/features/lpse/source/money.js';
import { stripBadges } from '../../src/features/lpse/source/html-text.js';
import { realTenderRows } from './fixtures.js';

describe('parseMoney', () => {
  it.each([
    ['15,9 M', 15_900_000_000],
    ['414,4 Jt', 414_400_000],
    ['1,2 T', 1_200_000_000_000],
    ['3 M', 3_000_000_000],
    ['500 Jt', 500_000_000],
    ['3,8 Jt', 3_800_000],
    ['176,3 Jt', 176_300_000],
    ['0,5 M', 500_000_000],
    ['12 Rb', 12_000],
    ['2 Miliar', 2_000_000_000],
    ['Rp 1.234.567.890,00', 1_234_567_890],
    ['Rp. 15.602.948.688,00', 15_602_948_688],
    [' Rp. 927.897.900,00 ', 927_897_900],
    ['Rp. 9.999.000,00', 9_999_000],
    ['Rp 899.369.196,40', 899_369_196.4],
    ['IDR 1.000', 1_000],
    ['1.500', 1_500],
  ])('reads %j as %d rupiah', (text, expected) => {
    expect(parseMoney(text)).toBe(expected);
  });

  it('expands the abbreviated HPS of the real 16-column rows exactly (no float noise)', () => {
    const [withBadge, plain] = realTenderRows();
    expect(parseMoney(withBadge![4])).toBe(15_900_000_000);
    expect(parseMoney(plain![4])).toBe(3_000_000_000);
    expect(parseMoney(withBadge![10])).toBe(15_602_948_688);
  });

  it.each(['Nilai Kontrak belum dibuat', '', '-', '15,9 X', 'Rp 1.23.4', null, {}])(
    'refuses %j with a SourceFormatError naming the field',
    (text) => {
      const error = (() => {
        try {
          parseMoney(text, 'hps');
        } catch (err) {
          return err;
        }
      })();
      expect(error).toBeInstanceOf(SourceFormatError);
      expect((error as SourceFormatError).field).toBe('hps');
      expect((error as SourceFormatError).message).toMatch(/^hps: /);
    },
  );
});

describe('parseIndonesianDateTime (WIB)', () => {
  it.each([
    ['12 Desember 2026 23:59', '2026-12-12T16:59:00.000Z'],
    ['12 Des 2026', '2026-12-11T17:00:00.000Z'],
    ['18 September 2026 12:00', '2026-09-18T05:00:00.000Z'],
    ['15 September 2026 07:30', '2026-09-15T00:30:00.000Z'],
    ['14 September 2026 14:59', '2026-09-14T07:59:00.000Z'],
    ['10 Juni 2026', '2026-06-09T17:00:00.000Z'],
    ['1 Januari 2026 00:00', '2025-12-31T17:00:00.000Z'],
    ['Senin, 3 Agu 2026 08.00 WIB', '2026-08-03T01:00:00.000Z'],
    ['3 Agustus 2026 08:00:30', '2026-08-03T01:00:30.000Z'],
    ['21 Okt 2025 15:01', '2025-10-21T08:01:00.000Z'],
    ['5 Mei 2025 9:05', '2025-05-05T02:05:00.000Z'],
  ])('reads %j', (text, iso) => {
    expect(parseIndonesianDateTime(text).toISOString()).toBe(iso);
  });

  it.each(['31 Februari 2026', '12 Foo 2026', '2026-12-12', '', '12 Desember 2026 25:00'])(
    'refuses %j with a SourceFormatError',
    (text) => {
      expect(() => parseIndonesianDateTime(text, 'Akhir Pendaftaran')).toThrow(SourceFormatError);
      expect(() => parseIndonesianDateTime(text, 'Akhir Pendaftaran')).toThrow(/^Akhir Pendaftaran: /);
    },
  );

  it('reads ISB timestamps as WIB wall clock, ignoring the bogus trailing Z', () => {
    expect(parseWibTimestamp('2025-10-09 12:00:00').toISOString()).toBe('2025-10-09T05:00:00.000Z');
    expect(parseWibTimestamp('2025-01-31 14:00:00.000000Z').toISOString()).toBe('2025-01-31T07:00:00.000Z');
    expect(() => parseWibTimestamp('09/10/2025', 'tgl_akhir')).toThrow(/^tgl_akhir: /);
  });
});

describe('stripBadges', () => {
  it('splits the real SPSE 4.5 name cell into text and the "Tender Ulang" badge', () => {
    const [withBadge] = realTenderRows();
    expect(stripBadges(String(withBadge![1]))).toEqual({
      text: 'Peningkatan Perkuatan Tebing Sungai Singkawang Segmen II',
      badges: ['Tender Ulang'],
      retender: true,
    });
  });

  it('decodes entities, treats <br> as a space and keeps non-retender badges apart', () => {
    expect(stripBadges('Jalan &amp; Jembatan<br>Tahap II <span class="label label-info">Pengadaan Barang</span>')).toEqual({
      text: 'Jalan & Jembatan Tahap II',
      badges: ['Pengadaan Barang'],
      retender: false,
    });
    expect(stripBadges('Paket <span class="badge badge-danger">Seleksi Ulang</span>').retender).toBe(true);
    expect(stripBadges('  plain   text ')).toEqual({ text: 'plain text', badges: [], retender: false });
  });
});
