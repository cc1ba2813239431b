/** The working-day calendar for SP4N-LAPOR! deadlines, checked against real dates of the 2025–2027 calendars. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCalendar, HOLIDAYS_FILE, WorkingCalendar } from '../../src/core/working-days.js';

/** A wall-clock time in WIB, e.g. `wib('2026-11-27T16:00')`. */
const wib = (local: string): Date => new Date(`${local}+07:00`);
/** The last millisecond of a WIB day: what a deadline looks like. */
const endOf = (day: string): Date => new Date(`${day}T23:59:59.999+07:00`);

const cal = defaultCalendar();

describe('isWorkingDay', () => {
  it('is Monday to Friday in WIB', () => {
    expect(cal.isWorkingDay(wib('2026-11-27T16:00'))).toBe(true); // Friday
    expect(cal.isWorkingDay(wib('2026-11-28T10:00'))).toBe(false); // Saturday
    expect(cal.isWorkingDay(wib('2026-11-29T10:00'))).toBe(false); // Sunday
    expect(cal.isWorkingDay(wib('2026-11-30T08:00'))).toBe(true); // Monday
  });

  it('takes the day in WIB, not in UTC', () => {
    // Thursday 3 Dec 2026 in UTC, already Friday 01:30 in WIB.
    expect(cal.isWorkingDay(new Date('2026-12-03T18:30:00Z'))).toBe(true);
    // Friday 23:59:59.999 WIB is still Friday; one millisecond later it is Saturday in WIB (still Friday in UTC).
    expect(cal.isWorkingDay(new Date('2026-12-04T16:59:59.999Z'))).toBe(true);
    expect(cal.isWorkingDay(new Date('2026-12-04T17:00:00.000Z'))).toBe(false);
  });

  it('knows libur nasional and cuti bersama', () => {
    expect(cal.isWorkingDay(wib('2026-12-23T12:00'))).toBe(true); // Wednesday
    expect(cal.isWorkingDay(wib('2026-12-24T12:00'))).toBe(false); // Thursday, cuti bersama Natal
    expect(cal.isWorkingDay(wib('2026-12-25T12:00'))).toBe(false); // Friday, Natal
    expect(cal.isWorkingDay(wib('2026-12-28T12:00'))).toBe(true); // Monday
    expect(cal.isWorkingDay(wib('2026-01-01T12:00'))).toBe(false); // Thursday, Tahun Baru
    expect(cal.isWorkingDay(wib('2027-01-01T12:00'))).toBe(false); // Friday, Tahun Baru
    expect(cal.isWorkingDay(wib('2025-08-18T12:00'))).toBe(false); // Monday, cuti bersama HUT RI ke-80 (amended SKB)
    expect(cal.isWorkingDay(wib('2025-12-26T12:00'))).toBe(false); // Friday, cuti bersama Natal 2025
    for (const day of ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24']) {
      expect(cal.isWorkingDay(wib(`${day}T09:00`)), day).toBe(false); // Nyepi + Idul Fitri 1447 H block
    }
    expect(cal.isWorkingDay(wib('2026-03-17T09:00'))).toBe(true);
    expect(cal.isWorkingDay(wib('2026-03-25T09:00'))).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('Friday 16:00 + 3 is due at the end of next Wednesday', () => {
    const due = cal.addWorkingDays(wib('2026-11-27T16:00'), 3);
    expect(due).toEqual(endOf('2026-12-02'));
    expect(due.toISOString()).toBe('2026-12-02T16:59:59.999Z');
  });

  it('never counts the day of filing, whatever its hour', () => {
    expect(cal.addWorkingDays(wib('2026-11-30T00:00'), 1)).toEqual(endOf('2026-12-01'));
    expect(cal.addWorkingDays(wib('2026-11-30T23:59'), 1)).toEqual(endOf('2026-12-01'));
  });

  it('a ticket filed on Saturday with n = 3 is due at the end of Wednesday', () => {
    expect(cal.addWorkingDays(wib('2026-11-28T10:00'), 3)).toEqual(endOf('2026-12-02'));
    expect(cal.addWorkingDays(wib('2026-11-29T22:00'), 3)).toEqual(endOf('2026-12-02')); // Sunday
  });

  it('counts from the WIB day of a UTC instant', () => {
    // 2026-12-03T18:30Z is Friday 4 Dec 01:30 WIB: Mon 7, Tue 8, Wed 9. (From Thursday it would be Tuesday 8.)
    expect(cal.addWorkingDays(new Date('2026-12-03T18:30:00Z'), 3)).toEqual(endOf('2026-12-09'));
    // One minute before WIB midnight it is still Thursday 3 Dec: Fri 4, Mon 7, Tue 8.
    expect(cal.addWorkingDays(new Date('2026-12-03T16:59:00Z'), 3)).toEqual(endOf('2026-12-08'));
  });

  it('skips the Christmas 2026 cuti bersama (24 Dec) and Natal (25 Dec)', () => {
    const filed = wib('2026-12-22T10:00'); // Tuesday
    expect(cal.addWorkingDays(filed, 1)).toEqual(endOf('2026-12-23'));
    expect(cal.addWorkingDays(filed, 2)).toEqual(endOf('2026-12-28')); // Thu 24, Fri 25, weekend skipped
    expect(cal.addWorkingDays(filed, 3)).toEqual(endOf('2026-12-29'));
    expect(cal.addWorkingDays(filed, 5)).toEqual(endOf('2026-12-31'));
  });

  it('crosses the year boundary over the 1 January holiday', () => {
    // 2025→2026: Thursday 1 Jan 2026 is a holiday.
    expect(cal.addWorkingDays(wib('2025-12-31T15:00'), 1)).toEqual(endOf('2026-01-02'));
    // 2026→2027: Thu 31 Dec, (Fri 1 Jan holiday, weekend), Mon 4 Jan.
    expect(cal.addWorkingDays(wib('2026-12-30T15:00'), 2)).toEqual(endOf('2027-01-04'));
    // Filed on Thursday 31 Dec 2026: Mon 4 Jan 2027 is the first working day.
    expect(cal.addWorkingDays(wib('2026-12-31T08:00'), 1)).toEqual(endOf('2027-01-04'));
  });

  it('skips the long Nyepi and Idul Fitri 1447 H block (18–24 March 2026)', () => {
    const filed = wib('2026-03-17T09:00'); // Tuesday, the last working day before the block
    expect(cal.addWorkingDays(filed, 1)).toEqual(endOf('2026-03-25'));
    expect(cal.addWorkingDays(filed, 3)).toEqual(endOf('2026-03-27'));
    expect(cal.addWorkingDays(filed, 5)).toEqual(endOf('2026-03-31'));
    expect(cal.addWorkingDays(wib('2026-03-16T14:00'), 3)).toEqual(endOf('2026-03-26'));
  });

  it('auto-close 10 working days after a response spans Idul Fitri and Good Friday 2026', () => {
    // Response on Friday 13 Mar 2026: 16, 17, 25, 26, 27, 30, 31 Mar, 1, 2 Apr, (Fri 3 Apr Wafat Yesus Kristus), 6 Apr.
    expect(cal.addWorkingDays(wib('2026-03-13T11:00'), 10)).toEqual(endOf('2026-04-06'));
  });

  it('skips the Idul Fitri 1446 H block of 2025', () => {
    // Friday 28 Mar cuti Nyepi, 31 Mar–1 Apr Idul Fitri, 2–4 and 7 Apr cuti bersama.
    expect(cal.addWorkingDays(wib('2025-03-27T10:00'), 1)).toEqual(endOf('2025-04-08'));
  });

  it('n = 0 is the end of the same day if it is a working day, else of the next working day', () => {
    expect(cal.addWorkingDays(wib('2026-11-27T16:00'), 0)).toEqual(endOf('2026-11-27'));
    expect(cal.addWorkingDays(wib('2026-11-28T10:00'), 0)).toEqual(endOf('2026-11-30'));
    expect(cal.addWorkingDays(wib('2026-12-24T10:00'), 0)).toEqual(endOf('2026-12-28'));
  });

  it('rejects a negative or fractional n with a RangeError', () => {
    const from = wib('2026-11-27T16:00');
    expect(() => cal.addWorkingDays(from, -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(from, 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(from, Number.NaN)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(from, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('rejects an invalid Date', () => {
    expect(() => cal.addWorkingDays(new Date('not a date'), 3)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts full working days after the first day up to and including the last', () => {
    expect(cal.workingDaysBetween(wib('2026-11-27T16:00'), wib('2026-12-02T08:00'))).toBe(3);
    expect(cal.workingDaysBetween(wib('2026-12-22T10:00'), wib('2026-12-29T10:00'))).toBe(3);
    expect(cal.workingDaysBetween(wib('2026-03-17T09:00'), wib('2026-03-25T09:00'))).toBe(1);
    expect(cal.workingDaysBetween(wib('2026-03-17T09:00'), wib('2026-03-24T23:00'))).toBe(0);
  });

  it('is 0 when to is on or before from’s day', () => {
    expect(cal.workingDaysBetween(wib('2026-11-30T08:00'), wib('2026-11-30T20:00'))).toBe(0);
    expect(cal.workingDaysBetween(wib('2026-11-30T08:00'), wib('2026-11-20T08:00'))).toBe(0);
  });

  it('uses WIB days', () => {
    // Thursday 3 Dec 23:30 UTC = Friday 4 Dec 06:30 WIB, counted from Thursday 3 Dec WIB: one working day.
    expect(cal.workingDaysBetween(wib('2026-12-03T10:00'), new Date('2026-12-03T23:30:00Z'))).toBe(1);
  });

  it('agrees with addWorkingDays for n = 1..12 from many start instants', () => {
    const start = Date.parse('2024-12-20T00:00:00Z');
    const end = Date.parse('2027-12-31T00:00:00Z');
    const failures: string[] = [];
    let checks = 0;
    // Every 37 hours: walks through every hour of the day and every weekday, including the holiday blocks.
    for (let t = start; t < end; t += 37 * 3600_000) {
      const from = new Date(t);
      for (let n = 1; n <= 12; n++) {
        const due = cal.addWorkingDays(from, n);
        const between = cal.workingDaysBetween(from, due);
        const endsAtWibMidnight = (due.getTime() + 1 + 7 * 3600_000) % 86_400_000 === 0;
        if (between !== n || !cal.isWorkingDay(due) || !endsAtWibMidnight) {
          failures.push(`${from.toISOString()} + ${n} → ${due.toISOString()} (between ${between})`);
        }
        checks++;
      }
    }
    expect(failures).toEqual([]);
    expect(checks).toBeGreaterThan(8000);
  });
});

describe('isOverdue', () => {
  it('is overdue only after the last millisecond of the deadline day in WIB', () => {
    const due = cal.addWorkingDays(wib('2026-11-27T16:00'), 3);
    expect(cal.isOverdue(due, wib('2026-12-02T23:59:59.999'))).toBe(false);
    expect(cal.isOverdue(due, wib('2026-12-02T09:00'))).toBe(false);
    expect(cal.isOverdue(due, wib('2026-12-03T00:00'))).toBe(true);
    expect(cal.isOverdue(due, new Date('2026-12-02T17:00:00Z'))).toBe(true);
  });
});

describe('formatDate', () => {
  it('writes the WIB date in Indonesian or English', () => {
    expect(cal.formatDate(endOf('2026-12-02'), 'id')).toBe('Rabu, 2 Desember 2026');
    expect(cal.formatDate(endOf('2026-12-02'), 'en')).toBe('Wednesday, 2 December 2026');
    expect(cal.formatDate(new Date('2026-12-03T18:30:00Z'), 'id')).toBe('Jumat, 4 Desember 2026');
    expect(cal.formatDate(wib('2027-01-04T08:00'), 'en')).toBe('Monday, 4 January 2027');
  });
});

describe('the holidays file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pintu-holidays-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown): string => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const header = { version: 'test', source: 'test', verify: true };

  it('covers 2025–2027 and says it must be verified', () => {
    const data = JSON.parse(readFileSync(HOLIDAYS_FILE, 'utf8')) as {
      verify: boolean;
      holidays: { date: string; kind: string }[];
    };
    expect(data.verify).toBe(true);
    const count = (year: string, kind: string) =>
      data.holidays.filter((h) => h.date.startsWith(year) && h.kind === kind).length;
    // The SKB counts: 2025 17 libur nasional + 11 days of cuti bersama (with 18 Aug), 2026 17 + 8.
    expect([count('2025', 'libur_nasional'), count('2025', 'cuti_bersama')]).toEqual([17, 11]);
    expect([count('2026', 'libur_nasional'), count('2026', 'cuti_bersama')]).toEqual([17, 8]);
    expect(count('2027', 'libur_nasional')).toBeGreaterThanOrEqual(17);
  });

  it('defaultCalendar is loaded once', () => {
    expect(defaultCalendar()).toBe(cal);
  });

  it('a custom file replaces the default holidays', () => {
    const file = write('custom.json', {
      ...header,
      holidays: [{ date: '2026-12-01', name: 'Hari libur daerah', kind: 'libur_nasional', note: 'test' }],
    });
    const custom = WorkingCalendar.load(file);
    expect(custom.isWorkingDay(wib('2026-12-01T10:00'))).toBe(false);
    expect(custom.isWorkingDay(wib('2026-12-25T10:00'))).toBe(true);
  });

  it('a bad date names the file and the entry', () => {
    const file = write('bad-date.json', {
      ...header,
      holidays: [
        { date: '2026-12-25', name: 'Natal', kind: 'libur_nasional' },
        { date: '2026-02-30', name: 'Tanggal salah', kind: 'cuti_bersama' },
      ],
    });
    expect(() => WorkingCalendar.load(file)).toThrow(Error);
    expect(() => WorkingCalendar.load(file)).toThrow(file);
    expect(() => WorkingCalendar.load(file)).toThrow(/holidays\.1\.date .*2026-02-30.*Tanggal salah/);
  });

  it('an unknown kind or a missing name is reported with the entry', () => {
    const file = write('bad-kind.json', {
      ...header,
      holidays: [
        { date: '2026-12-24', name: 'Cuti', kind: 'cuti' },
        { date: '2026-12-25', kind: 'libur_nasional' },
      ],
    });
    expect(() => WorkingCalendar.load(file)).toThrow(/holidays\.0\.kind .*"cuti"/);
    expect(() => WorkingCalendar.load(file)).toThrow(/holidays\.1\.name .*2026-12-25/);
  });

  it('a missing header field is reported', () => {
    const file = write('no-source.json', { version: 1, verify: true, holidays: [] });
    expect(() => WorkingCalendar.load(file)).toThrow(/no-source\.json.*source/);
  });

  it('a file that is not JSON, or is missing, names the file', () => {
    const notJson = write('not-json.json', '{ "holidays": [ ');
    expect(() => WorkingCalendar.load(notJson)).toThrow(/not-json\.json: cannot read it as JSON/);
    const missing = path.join(dir, 'missing.json');
    expect(() => WorkingCalendar.load(missing)).toThrow(/missing\.json: cannot read/);
  });

  it('the constructor rejects a date that is not YYYY-MM-DD', () => {
    expect(() => new WorkingCalendar(['2026-12-25', '25/12/2026'])).toThrow(/25\/12\/2026/);
  });
});
