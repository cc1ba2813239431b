/**
 * Calendar dates for SISKIA: every date is a WIB calendar day written `YYYY-MM-DD`, and all arithmetic goes through
 * luxon in Asia/Jakarta so no UTC offset or daylight-saving rule can shift a day.
 */
import { DateTime, FixedOffsetZone } from 'luxon';
import { WIB } from '../../core/clock.js';

/** WIB has been UTC+7 without daylight saving since 1964: a fixed zone is exact and far cheaper than the IANA rules. */
const WIB_FIXED = FixedOffsetZone.instance(7 * 60);
const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real `YYYY-MM-DD` date, or NaN. */
function dayNumber(value: string): number {
  const m = ISO.exec(value);
  if (!m) return NaN;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NaN;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return Math.round(t.getTime() / DAY_MS);
}

function daysInMonth(y: number, mo: number): number {
  return mo === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
}

function fromDayNumber(n: number): IsoDate {
  const t = new Date(n * DAY_MS);
  const y = t.getUTCFullYear();
  if (y < 0 || y > 9999) return toIsoDate(DateTime.fromMillis(n * DAY_MS, { zone: 'utc' }));
  return `${String(y).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

function checkedDay(date: IsoDate): number {
  const n = dayNumber(date);
  if (Number.isNaN(n)) throw new RangeError(`"${date}" is not a real date written YYYY-MM-DD`);
  return n;
}

/** A WIB calendar date written `YYYY-MM-DD`. */
export type IsoDate = string;

/**
 * An offset from an anchor (HPHT or birth). Calendar months are added first (luxon clamps to the end of a shorter
 * month: 31 January + 1 month = 28 February), then weeks and days; hours only move the date (see {@link applyOffset}).
 */
export interface Offset {
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
}

/** Which end of a window an offset marks; it decides how an hour offset becomes a date. */
export type OffsetEdge = 'start' | 'end';

const MINUTES_PER_DAY = 1440;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (rejects `2026-02-31`). */
export function isIsoDate(value: string): boolean {
  return !Number.isNaN(dayNumber(value));
}

/** The start of the WIB day `date`; throws RangeError when `date` is not a real `YYYY-MM-DD` date. */
export function wibDay(date: IsoDate): DateTime {
  if (!isIsoDate(date)) throw new RangeError(`"${date}" is not a real date written YYYY-MM-DD`);
  return DateTime.fromISO(date, { zone: WIB_FIXED });
}

/** `dt`'s calendar day as `YYYY-MM-DD`. */
export function toIsoDate(dt: DateTime): IsoDate {
  return dt.toFormat('yyyy-MM-dd');
}

/** The WIB calendar date of the instant `now`. */
export function wibToday(now: Date): IsoDate {
  return toIsoDate(DateTime.fromJSDate(now, { zone: WIB }));
}

/** `date` moved by `days` calendar days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(checkedDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return checkedDay(to) - checkedDay(from);
}

/** The earlier of two dates. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

/** The later of two dates. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/**
 * The date `offset` after `anchor`. With only a date known, an hour offset is read conservatively: a window
 * `start` h hours after birth falls on the date h hours after a birth at 00:00, an `end` on the date h hours after
 * a birth at 23:59 (so "6–48 h" after a birth on D is D … D+2).
 */
export function applyOffset(anchor: IsoDate, offset: Offset, edge: OffsetEdge = 'start'): IsoDate {
  const minutes = (offset.hours ?? 0) * 60 + (edge === 'end' ? MINUTES_PER_DAY - 1 : 0);
  const hourDays = offset.hours === undefined ? 0 : Math.floor(minutes / MINUTES_PER_DAY);
  const days = (offset.weeks ?? 0) * 7 + (offset.days ?? 0) + hourDays;
  let n = checkedDay(anchor);
  if (offset.months) {
    const [y, mo, d] = anchor.split('-').map(Number) as [number, number, number];
    const total = y * 12 + (mo - 1) + offset.months;
    const ny = Math.floor(total / 12), nmo = (total % 12) + 1;
    const t = new Date(0);
    t.setUTCFullYear(ny, nmo - 1, Math.min(d, daysInMonth(ny, nmo)));
    n = Math.round(t.getTime() / DAY_MS);
  }
  return fromDayNumber(n + days);
}

/** A date in words, "Senin, 14 Desember 2026" (id) or "Monday, 14 December 2026" (en). */
export function formatDate(date: IsoDate, locale: 'id' | 'en' = 'id'): string {
  return wibDay(date).setLocale(locale).toFormat('cccc, d MMMM yyyy');
}
