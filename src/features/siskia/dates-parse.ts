/**
 * Reading a date as people type it in chat or on a form: `2026-03-14`, `14/03/2026`, `14-3-2026`, `14.3.26`,
 * `14 Maret 2026`, `14 mar 26`, `Sabtu, 14 Maret 2026`, `March 14, 2026`. Day before month for numbers (Indonesian
 * order); Indonesian and English month names and abbreviations; two-digit years are 20yy.
 */
import { DateTime } from 'luxon';
import { WIB } from '../../core/clock.js';
import { toIsoDate, type IsoDate } from './dates.js';

/** Month names and abbreviations (Indonesian, old spellings, English), lower case, to month numbers. */
const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, 'januari jan january'],
      [2, 'februari pebruari feb peb february'],
      [3, 'maret mar march'],
      [4, 'april apr'],
      [5, 'mei may'],
      [6, 'juni jun june'],
      [7, 'juli jul july'],
      [8, 'agustus agu agt ags aug august'],
      [9, 'september sep sept'],
      [10, 'oktober okt oct october'],
      [11, 'november nopember nov nop'],
      [12, 'desember des dec december'],
    ] as const
  ).flatMap(([month, names]) => names.split(' ').map((name) => [name, month] as const)),
);

/** Leading words that add nothing to the date: "tgl", "tanggal" and weekday names. */
const PREFIX =
  /^(?:(?:tgl\.?|tanggal)\s*)?(?:(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s*)?/;

const ISO = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const DAY_MONTH_YEAR = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/;
const DAY_NAME_YEAR = /^(\d{1,2})[\s-]*([a-z]+)\.?,?[\s-]*(\d{4}|\d{2})$/;
const NAME_DAY_YEAR = /^([a-z]+)\.?\s*(\d{1,2}),?\s+(\d{4}|\d{2})$/;

/**
 * The date written in `text` as `YYYY-MM-DD`, or undefined when it is not one of the accepted shapes, names an
 * impossible day (31/02/2026) or is relative ("bulan lalu", "kemarin").
 */
export function parseDateId(text: string): IsoDate | undefined {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ').replace(PREFIX, '');
  let m: RegExpExecArray | null;
  if ((m = ISO.exec(s))) return build(m[1], m[3], m[4]);
  if ((m = DAY_MONTH_YEAR.exec(s))) return build(m[4], m[3], m[1]);
  if ((m = DAY_NAME_YEAR.exec(s))) return build(m[3], MONTHS.get(m[2]!), m[1]);
  if ((m = NAME_DAY_YEAR.exec(s))) return build(m[3], MONTHS.get(m[1]!), m[2]);
  return undefined;
}

/** The date from its parts, or undefined for an unknown month, a year outside 1900–2199 or an impossible day. */
function build(yearText: string | undefined, month: string | number | undefined, dayText: string | undefined): IsoDate | undefined {
  if (yearText === undefined || month === undefined || dayText === undefined) return undefined;
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  if (year < 1900 || year > 2199) return undefined;
  const dt = DateTime.fromObject({ year, month: Number(month), day: Number(dayText) }, { zone: WIB });
  return dt.isValid ? toIsoDate(dt) : undefined;
}
