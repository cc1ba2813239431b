/**
 * Working days for government service deadlines (SP4N-LAPOR!: verify or forward within 3 working days, the
 * office answers within 5, a ticket closes 10 working days after an answer).
 *
 * A working day is Monday to Friday in WIB that is neither a libur nasional nor a cuti bersama. The holidays
 * come from `data/calendar/holidays-id.json` so the city can correct them without a code release; the file is
 * read once per process by {@link defaultCalendar}, so a corrected file takes effect on restart.
 * Days outside the years the file covers count as working days when they fall on a weekday.
 */
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { WIB } from './clock.js';
import { dataPath } from './data-path.js';

/** `data/calendar/holidays-id.json`, resolved from this file so it works from any working directory. */
export const HOLIDAYS_FILE = dataPath('calendar', 'holidays-id.json');

/** True when `value` is a real calendar date written `YYYY-MM-DD` (rejects `2026-02-30`). */
function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: WIB }).toISODate() === value;
}

const isoDate = z.string().refine(isIsoDate, 'expected a real date written YYYY-MM-DD');

/** One row of the holidays file. */
const holidayEntrySchema = z.object({
  date: isoDate,
  name: z.string().trim().min(1, 'expected a non-empty name'),
  kind: z.enum(['libur_nasional', 'cuti_bersama']),
  note: z.string().optional(),
});

/** The whole holidays file. */
const holidaysFileSchema = z.object({
  version: z.union([z.string().min(1), z.number()]),
  source: z.string().min(1),
  verify: z.boolean(),
  coverage: z.record(z.string(), z.string()).optional(),
  holidays: z.array(holidayEntrySchema).min(1, 'expected at least one holiday'),
});

/** A libur nasional or cuti bersama as written in the holidays file. */
export type HolidayEntry = z.infer<typeof holidayEntrySchema>;

/** The Indonesian government working-day calendar; every day boundary is taken in WIB. */
export class WorkingCalendar {
  /** Holidays as day numbers (see {@link dayNumber}). */
  private readonly holidays: ReadonlySet<number>;

  /** `holidayDates`: the non-working weekdays (libur nasional and cuti bersama) as `YYYY-MM-DD` in WIB. */
  constructor(holidayDates: Iterable<string>) {
    const days = new Set<number>();
    for (const date of holidayDates) {
      if (!isIsoDate(date)) throw new Error(`WorkingCalendar: "${date}" is not a date written YYYY-MM-DD`);
      days.add(dayNumber(DateTime.fromISO(date, { zone: WIB })));
    }
    this.holidays = days;
  }

  /**
   * Reads and validates a holidays file (default {@link HOLIDAYS_FILE}).
   * Throws an Error naming the file and each bad entry when the file is missing, not JSON or malformed.
   */
  static load(file: string = HOLIDAYS_FILE): WorkingCalendar {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`holidays file ${file}: cannot read it as JSON (${(err as Error).message})`, { cause: err });
    }
    const parsed = holidaysFileSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => {
        const [top, index] = issue.path;
        const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
        const entry =
          top === 'holidays' && typeof index === 'number'
            ? ` ${JSON.stringify((raw as { holidays: unknown[] }).holidays[index])}`
            : '';
        return `${where}${entry}: ${issue.message}`;
      });
      throw new Error(`holidays file ${file} is invalid: ${problems.join('; ')}`);
    }
    return new WorkingCalendar(parsed.data.holidays.map((h) => h.date));
  }

  /** True on Monday to Friday in WIB when the day is neither a libur nasional nor a cuti bersama. */
  isWorkingDay(d: Date): boolean {
    return this.isWorkingDayNumber(wibDayNumber(d));
  }

  /**
   * The deadline n working days after `from`: the end (23:59:59.999 WIB) of the n-th working day after the WIB
   * day of `from`. The day of filing never counts, whatever its hour. With n = 0: the end of `from`'s day when
   * it is a working day, else the end of the next working day. Throws RangeError unless n is a whole number ≥ 0.
   */
  addWorkingDays(from: Date, n: number): Date {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
    let day = wibDayNumber(from);
    if (n === 0) {
      while (!this.isWorkingDayNumber(day)) day++;
    } else {
      for (let counted = 0; counted < n; ) {
        day++;
        if (this.isWorkingDayNumber(day)) counted++;
      }
    }
    return endOfWibDay(day);
  }

  /**
   * The number of working days after `from`'s WIB day, up to and including `to`'s WIB day; 0 when `to`'s day
   * is not after `from`'s. `workingDaysBetween(from, addWorkingDays(from, n)) === n` for every n ≥ 1.
   */
  workingDaysBetween(from: Date, to: Date): number {
    const last = wibDayNumber(to);
    let count = 0;
    for (let day = wibDayNumber(from) + 1; day <= last; day++) {
      if (this.isWorkingDayNumber(day)) count++;
    }
    return count;
  }

  /** True once `now` is past `deadline` (a deadline from {@link addWorkingDays} holds until 23:59:59.999 WIB). */
  isOverdue(deadline: Date, now: Date): boolean {
    return checked(now).getTime() > checked(deadline).getTime();
  }

  /** The WIB date in words: "Rabu, 2 Desember 2026" (id) or "Wednesday, 2 December 2026" (en). */
  formatDate(d: Date, locale: 'id' | 'en'): string {
    return DateTime.fromJSDate(checked(d), { zone: WIB }).setLocale(locale).toFormat('cccc, d MMMM yyyy');
  }

  private isWorkingDayNumber(day: number): boolean {
    return weekdayOf(day) <= 5 && !this.holidays.has(day);
  }
}

const MS_PER_DAY = 86_400_000;

/** `d` itself, or a RangeError when it is an invalid Date. */
function checked(d: Date): Date {
  if (Number.isNaN(d.getTime())) throw new RangeError('WorkingCalendar: invalid Date');
  return d;
}

/**
 * A calendar day as a whole number (days since 1970-01-01), so the day-by-day walks are integer steps.
 * `dt`'s own year, month and day are used: pass it in the zone whose calendar counts (WIB).
 */
function dayNumber(dt: DateTime): number {
  return Math.round(DateTime.utc(dt.year, dt.month, dt.day).toMillis() / MS_PER_DAY);
}

/** The day number of the WIB calendar day holding the instant `d`. */
function wibDayNumber(d: Date): number {
  return dayNumber(DateTime.fromJSDate(checked(d), { zone: WIB }));
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; day 0, 1970-01-01, was a Thursday. */
function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The last millisecond (23:59:59.999 WIB) of the WIB calendar day `day`. */
function endOfWibDay(day: number): Date {
  const date = DateTime.fromMillis(day * MS_PER_DAY, { zone: 'utc' });
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone: WIB })
    .endOf('day')
    .toJSDate();
}

let cached: WorkingCalendar | undefined;

/** The calendar from {@link HOLIDAYS_FILE}, loaded on first use and kept for the life of the process. */
export function defaultCalendar(): WorkingCalendar {
  cached ??= WorkingCalendar.load();
  return cached;
}
