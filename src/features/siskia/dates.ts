/**
 * Calendar dates for SISKIA: every date is a WIB calendar day written `YYYY-MM-DD`, and all arithmetic goes through
 * luxon in Asia/Jakarta so no UTC offset or daylight-saving rule can shift a day.
 */
import { DateTime } from 'luxon';
import { WIB } from '../../core/clock.js';

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
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: WIB }).toISODate() === value;
}

/** The start of the WIB day `date`; throws RangeError when `date` is not a real `YYYY-MM-DD` date. */
export function wibDay(date: IsoDate): DateTime {
  if (!isIsoDate(date)) throw new RangeError(`"${date}" is not a real date written YYYY-MM-DD`);
  return DateTime.fromISO(date, { zone: WIB });
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
  return toIsoDate(wibDay(date).plus({ days }));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(wibDay(to).diff(wibDay(from), 'days').days);
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
  return toIsoDate(wibDay(anchor).plus({ months: offset.months ?? 0 }).plus({ days }));
}

/** A date in words, "Senin, 14 Desember 2026" (id) or "Monday, 14 December 2026" (en). */
export function formatDate(date: IsoDate, locale: 'id' | 'en' = 'id'): string {
  return wibDay(date).setLocale(locale).toFormat('cccc, d MMMM yyyy');
}
