/**
 * Dates written in Indonesian, resolved to calendar dates in WIB (Asia/Jakarta) relative to `now`:
 * "12 Agustus 2026", "12 agt", "12/8/26", "12-08-2026", "2026-08-12", "tanggal 12/8", "kemarin", "hari ini",
 * "besok", "lusa", "3 hari lalu", "seminggu yang lalu", "2 minggu lalu", "minggu depan", "bulan depan",
 * "senin kemarin", "jumat depan".
 *
 * Choices: a day and month without a year ("12 agt") is in the current WIB year; a bare weekday ("hari senin")
 * is too ambiguous and is ignored unless qualified ("senin kemarin/lalu" → the latest one before today,
 * "senin depan/besok" → the next one after today, "senin ini" → the one in this week). "minggu lalu/kemarin"
 * means a week ago, "hari minggu kemarin" means last Sunday.
 */
import { DateTime, FixedOffsetZone } from 'luxon';
import type { DateEntity } from '../../core/understanding.js';

/**
 * WIB. Asia/Jakarta has been UTC+7 without daylight saving since 1964, so a fixed offset gives the same calendar
 * dates as the IANA zone without an Intl look-up per message (which dominated the NLU profile).
 */
const ZONE = FixedOffsetZone.instance(7 * 60);

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, pebruari: 2, feb: 2, peb: 2, maret: 3, mar: 3, april: 4, apr: 4, mei: 5,
  juni: 6, jun: 6, juli: 7, jul: 7, agustus: 8, agu: 8, agt: 8, agst: 8, ags: 8, aug: 8, agus: 8, september: 9,
  sep: 9, sept: 9, oktober: 10, okt: 10, oct: 10, november: 11, nov: 11, nop: 11, nopember: 11,
  desember: 12, des: 12, dec: 12,
};
const MONTH_ALT = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

const WEEKDAYS: Record<string, number> = { senin: 1, selasa: 2, rabu: 3, kamis: 4, jumat: 5, "jum'at": 5, sabtu: 6, minggu: 7, ahad: 7 };
const WEEKDAY_ALT = Object.keys(WEEKDAYS).join('|');

const NUMBER_WORDS: Record<string, number> = {
  se: 1, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9, sepuluh: 10,
  sebelas: 11, 'dua belas': 12,
};

/** Parses "3", "tiga", "se" into a number. */
export function numberWord(s: string): number | undefined {
  const t = s.trim();
  if (/^\d+$/.test(t)) return Number(t);
  return NUMBER_WORDS[t];
}

interface Found {
  start: number;
  end: number;
  text: string;
  date: DateTime;
}

const ISO_RE = /(?<![\d])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])/g;
const DMY_RE = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])/g;
const TGL_DM_RE = /\btanggal (\d{1,2})\/(\d{1,2})(?![\d/])/g;
const DAY_MONTH_RE = new RegExp(`(?<![\\d])(\\d{1,2}) ?(${MONTH_ALT})\\b\\.?(?: ?'?(\\d{4}|\\d{2})(?![\\d]))?`, 'g');
const RELATIVE_WORDS: ReadonlyArray<[RegExp, number]> = [
  [/\bkemarin lusa\b/g, -2],
  [/\bbesok lusa\b/g, 2],
  [/\bhari ini\b/g, 0],
  [/\bkemarin\b/g, -1],
  [/\bbesok\b/g, 1],
  [/\blusa\b/g, 2],
];
const N_AGO_RE = /\b(\d+|se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh) ?(hari|minggu|pekan|bulan|tahun) (?:yang )?(lalu|kemarin|sebelumnya|lagi|kedepan|ke depan|mendatang)\b/g;
const NEXT_LAST_RE = /\b(minggu|pekan|bulan|tahun) (depan|lalu|kemarin)\b/g;
const WEEKDAY_RE = new RegExp(`\\b(hari )?(${WEEKDAY_ALT}) (kemarin|lalu|depan|besok|ini)\\b`, 'g');

const DATE_HINT_RE = new RegExp(
  `\\d[/.-]\\d|\\d{4}-|(?:hari|minggu|pekan|bulan|tahun) (?:yang )?(?:lalu|lagi|depan|kemarin|kedepan|ke depan|mendatang|sebelumnya)|` +
    `\\b(?:${MONTH_ALT}|kemarin|besok|lusa|hari ini|(?:${WEEKDAY_ALT}) (?:kemarin|lalu|depan|besok|ini))\\b`,
);

function valid(d: DateTime): boolean {
  return d.isValid && d.year >= 1900 && d.year <= 2200;
}

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

function overlaps(found: readonly Found[], start: number, end: number): boolean {
  return found.some((f) => start < f.end && end > f.start);
}

/** Dates in `norm` (normalised text), resolved against `now` in WIB, in reading order. */
export function extractDates(norm: string, now: Date): DateEntity[] {
  // Most messages hold no date: skip the (costly) time-zone work for them.
  if (!DATE_HINT_RE.test(norm)) return [];
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
  const found: Found[] = [];
  const add = (start: number, text: string, date: DateTime): void => {
    const end = start + text.length;
    if (!valid(date) || overlaps(found, start, end)) return;
    found.push({ start, end, text: text.trim(), date });
  };

  for (const m of norm.matchAll(ISO_RE)) {
    add(m.index, m[0], DateTime.fromObject({ year: +m[1]!, month: +m[2]!, day: +m[3]! }, { zone: ZONE }));
  }
  for (const m of norm.matchAll(DMY_RE)) {
    add(m.index, m[0], DateTime.fromObject({ year: fullYear(m[4]!), month: +m[3]!, day: +m[1]! }, { zone: ZONE }));
  }
  for (const m of norm.matchAll(TGL_DM_RE)) {
    const at = m.index + 'tanggal '.length;
    add(at, m[0].slice('tanggal '.length), DateTime.fromObject({ year: today.year, month: +m[2]!, day: +m[1]! }, { zone: ZONE }));
  }
  for (const m of norm.matchAll(DAY_MONTH_RE)) {
    const month = MONTHS[m[2]!];
    if (!month) continue;
    const year = m[3] ? fullYear(m[3]) : today.year;
    add(m.index, m[0], DateTime.fromObject({ year, month, day: +m[1]! }, { zone: ZONE }));
  }
  for (const m of norm.matchAll(N_AGO_RE)) {
    const n = numberWord(m[1]!);
    if (n === undefined) continue;
    const unit = m[2] === 'pekan' ? 'minggu' : m[2]!;
    const sign = m[3] === 'lalu' || m[3] === 'kemarin' || m[3] === 'sebelumnya' ? -1 : 1;
    add(m.index, m[0], shift(today, unit, sign * n));
  }
  for (const m of norm.matchAll(WEEKDAY_RE)) {
    const weekday = WEEKDAYS[m[2]!]!;
    // "minggu lalu" without "hari" is "last week", handled below.
    if (m[2] === 'minggu' && !m[1] && (m[3] === 'lalu' || m[3] === 'depan' || m[3] === 'kemarin' || m[3] === 'ini')) continue;
    add(m.index, m[0], weekdayDate(today, weekday, m[3]!));
  }
  for (const m of norm.matchAll(NEXT_LAST_RE)) {
    add(m.index, m[0], shift(today, m[1] === 'pekan' ? 'minggu' : m[1]!, m[2] === 'depan' ? 1 : -1));
  }
  for (const [re, days] of RELATIVE_WORDS) {
    for (const m of norm.matchAll(re)) add(m.index, m[0], today.plus({ days }));
  }

  return found
    .sort((a, b) => a.start - b.start)
    .map((f) => ({ text: f.text, date: f.date.toISODate()! }));
}

function shift(today: DateTime, unit: string, n: number): DateTime {
  switch (unit) {
    case 'hari':
      return today.plus({ days: n });
    case 'minggu':
      return today.plus({ weeks: n });
    case 'bulan':
      return today.plus({ months: n });
    default:
      return today.plus({ years: n });
  }
}

function weekdayDate(today: DateTime, weekday: number, qualifier: string): DateTime {
  const diff = weekday - today.weekday;
  if (qualifier === 'ini') return today.plus({ days: diff });
  if (qualifier === 'depan' || qualifier === 'besok') return today.plus({ days: diff > 0 ? diff : diff + 7 });
  return today.plus({ days: diff < 0 ? diff : diff - 7 });
}
