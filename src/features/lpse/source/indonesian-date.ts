/**
 * Dates as SPSE pages write them ("12 Desember 2026 23:59", "12 Des 2026", "Senin, 3 Agu 2026 08.00 WIB") and as
 * ISB rows write them ("2025-02-11 10:00:00"), all WIB wall-clock times, turned into instants.
 */
import { DateTime } from 'luxon';
import { WIB } from '../../../core/clock.js';
import { SourceFormatError } from './errors.js';
import { normalizeSpace } from './plain-text.js';

/** Month number by every spelling seen on SPSE pages (Indonesian full names, abbreviations, English fallbacks). */
const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, feb: 2, pebruari: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, agus: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nov: 11, nop: 11, nopember: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

// Optional weekday ("Senin, "), day, month word, year, optional time "23:59" / "23.59" / "23:59:00", optional "WIB".
const INDONESIAN_DATE =
  /^(?:[a-z]+,?\s+)?(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})(?:\s*,?\s*(?:pukul\s+|jam\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?(?:\s*wib)?$/i;

/** A luxon result as a Date, or a {@link SourceFormatError} naming `field`. */
function toDate(dt: DateTime, field: string, text: string): Date {
  if (!dt.isValid) {
    throw new SourceFormatError(`impossible date (${dt.invalidExplanation ?? dt.invalidReason ?? 'invalid'})`, {
      field,
      value: text,
    });
  }
  return dt.toJSDate();
}

/**
 * An Indonesian date (and optional time) in WIB as an instant. Without a time it is midnight WIB. Throws
 * {@link SourceFormatError} naming `field` when `text` is not such a date or names an impossible day.
 *
 * @example parseIndonesianDateTime("12 Desember 2026 23:59").toISOString() === "2026-12-12T16:59:00.000Z"
 */
export function parseIndonesianDateTime(text: unknown, field = 'date'): Date {
  const cleaned = typeof text === 'string' ? normalizeSpace(text) : '';
  const match = INDONESIAN_DATE.exec(cleaned);
  const month = match ? MONTHS[match[2]!.toLowerCase()] : undefined;
  if (!match || month === undefined) {
    throw new SourceFormatError('not an Indonesian date (expected e.g. "12 Desember 2026 23:59" or "12 Des 2026")', {
      field,
      value: text,
    });
  }
  const [, day, , year, hour, minute, second] = match;
  const dt = DateTime.fromObject(
    {
      year: Number(year),
      month,
      day: Number(day),
      hour: hour === undefined ? 0 : Number(hour),
      minute: minute === undefined ? 0 : Number(minute),
      second: second === undefined ? 0 : Number(second),
    },
    { zone: WIB },
  );
  return toDate(dt, field, cleaned);
}

/**
 * A date cell that may be empty or a dash ("-", "", "Tidak ada"): undefined then, otherwise
 * {@link parseIndonesianDateTime}.
 */
export function parseOptionalIndonesianDateTime(text: unknown, field = 'date'): Date | undefined {
  if (text === null || text === undefined) return undefined;
  if (typeof text === 'string' && /^\s*(?:-+|tidak ada.*|belum.*)?\s*$/i.test(text)) return undefined;
  return parseIndonesianDateTime(text, field);
}

/**
 * An ISB timestamp "YYYY-MM-DD HH:mm:ss" (optionally with fractional seconds and a trailing "Z") read as WIB
 * wall-clock time. ISB exports local SPSE times; the "Z" some datasets append is not a real zone (announcement
 * times such as 08:00 and 16:00 only make sense as office hours in WIB), so it is ignored on purpose.
 */
export function parseWibTimestamp(text: unknown, field = 'timestamp'): Date {
  const match =
    typeof text === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?Z?$/.exec(text.trim()) : null;
  if (!match) {
    throw new SourceFormatError('not a timestamp (expected "YYYY-MM-DD HH:mm:ss", WIB)', { field, value: text });
  }
  const [, year, month, day, hour, minute, second] = match;
  const dt = DateTime.fromObject(
    {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour ?? 0),
      minute: Number(minute ?? 0),
      second: Number(second ?? 0),
    },
    { zone: WIB },
  );
  return toDate(dt, field, String(text));
}
