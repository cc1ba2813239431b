/**
 * Opening hours in OpenStreetMap `opening_hours` syntax (`Tu-Su 08:00-14:00`, `Mo-Fr 08:00-16:00; Sa 08:00-12:00`,
 * `24/7`), checked and evaluated with the reference implementation (the `opening_hours` npm package), always in
 * WIB whatever the server's time zone.
 *
 * The library reads a Date's local fields, so {@link isOpenAt} hands it a Date whose local fields are the WIB wall
 * clock. That is exact on servers whose zone has no daylight saving (UTC, Asia/*); in a zone with daylight
 * saving, a WIB time that falls in the local hour skipped in spring is answered `'unknown'`, and rules near
 * midnight can be an hour off on the two switch-over days.
 */
import OpeningHoursEvaluator from 'opening_hours';
import { inWib } from '../../core/clock.js';
import type { Locale } from '../../core/i18n.js';

/** OSM caps tag values at 255 characters; so does the `places.opening_hours` column. */
export const OPENING_HOURS_MAX_LENGTH = 255;

/**
 * Where the hours apply, for `sunrise`/`sunset` and the like: the centre of Kota Probolinggo. The library has no
 * public holidays for Indonesia, so `PH`/`SH` are refused by {@link parseOpeningHours}.
 */
const PROBOLINGGO = { lat: -7.7738, lon: 113.2055, address: { country_code: 'id', state: 'Jawa Timur' } };

/** Time ranges only (the `opening_hours` key), warnings at the library's default level. */
const MODE_TIME_RANGES = 0;

/** `PH` (public holiday) or `SH` (school holiday) outside a quoted comment. */
const HOLIDAY_SELECTOR = /(^|[^A-Za-z"])(PH|SH)([^A-Za-z]|$)/;

/** Checked opening hours, ready to evaluate. Make them with {@link parseOpeningHours}. */
export interface OpeningHours {
  /** The text as given (trimmed). */
  readonly text: string;
}

/** The library's evaluator of each parsed value. */
const evaluators = new WeakMap<OpeningHours, OpeningHoursEvaluator>();

/** The outcome of {@link parseOpeningHours}. */
export type ParsedOpeningHours = { ok: true; hours: OpeningHours } | { ok: false; error: string };

/** Parsed values by text: the import sees the same few values over and over. */
const cache = new Map<string, ParsedOpeningHours>();
const CACHE_MAX = 1000;

/** Quoted comments removed, so their words are not taken for selectors. */
function withoutComments(text: string): string {
  return text.replace(/"[^"]*"/g, '""');
}

function check(text: string): ParsedOpeningHours {
  if (text === '') return { ok: false, error: 'empty opening hours; leave the column empty when the hours are unknown' };
  if (text.length > OPENING_HOURS_MAX_LENGTH) {
    return { ok: false, error: `opening hours are ${text.length} characters; OpenStreetMap allows at most ${OPENING_HOURS_MAX_LENGTH}` };
  }
  if (HOLIDAY_SELECTOR.test(withoutComments(text))) {
    return {
      ok: false,
      error: `"${text}" uses PH/SH, but no public or school holidays are known for Indonesia; write the rule without them (the hours text can mention holidays)`,
    };
  }
  let evaluator: OpeningHoursEvaluator;
  try {
    evaluator = new OpeningHoursEvaluator(text, PROBOLINGGO, { mode: MODE_TIME_RANGES, tag_key: 'opening_hours', map_value: false, warnings_severity: 4, locale: 'en' });
  } catch (err) {
    return { ok: false, error: `"${text}" is not OpenStreetMap opening_hours syntax (${String(err).trim()}); e.g. "Tu-Su 08:00-14:00" or "24/7"` };
  }
  const warnings = evaluator.getWarnings();
  if (warnings.length > 0) return { ok: false, error: `"${text}": ${warnings.join('; ')}` };
  const hours: OpeningHours = Object.freeze({ text });
  evaluators.set(hours, evaluator);
  return { ok: true, hours };
}

/**
 * Checks `text` as OSM `opening_hours` (time ranges: `Mo-Fr 08:00-16:00`, `Sa,Su 09:00-12:00,13:00-15:00`,
 * `Mo-Su 22:00-02:00`, `Su off`, `24/7`, comments in quotes…). Anything the reference library warns about
 * (German or Indonesian day names, odd forms) is refused too, so what is stored is canonical. Never throws.
 */
export function parseOpeningHours(text: string): ParsedOpeningHours {
  const trimmed = text.trim();
  let parsed = cache.get(trimmed);
  if (!parsed) {
    parsed = check(trimmed);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(trimmed, parsed);
  }
  return parsed;
}

/** The evaluator of `hours`; a look-alike object not made by {@link parseOpeningHours} is parsed now. */
function evaluatorOf(hours: OpeningHours): OpeningHoursEvaluator | undefined {
  const known = evaluators.get(hours);
  if (known) return known;
  const parsed = parseOpeningHours(hours.text);
  return parsed.ok ? evaluators.get(parsed.hours) : undefined;
}

/** A Date whose local fields (what the library reads) are the WIB wall clock at `date`. */
function wibWallClock(date: Date): Date | undefined {
  const w = inWib(date);
  const local = new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  // In a server zone with daylight saving, that wall time may not exist locally (the hour it skips).
  return local.getHours() === w.hour && local.getDate() === w.day ? local : undefined;
}

/**
 * Whether a place with these hours is open at `date`, judged on the WIB clock: `true`, `false`, or `'unknown'`
 * when the hours are unknown (`null`) or the rule itself says so (`unknown`, or a comment such as
 * `"by appointment"` on the matching rule), and in the rare case described in the module comment.
 */
export function isOpenAt(hours: OpeningHours | null | undefined, date: Date): boolean | 'unknown' {
  if (!hours) return 'unknown';
  const at = wibWallClock(date);
  if (!at) return 'unknown';
  const evaluator = evaluatorOf(hours);
  if (!evaluator) return 'unknown';
  if (evaluator.getUnknown(at)) return 'unknown';
  return evaluator.getState(at);
}

/** Words of a locale for {@link describeHours}. */
interface HoursWords {
  days: Record<string, string>;
  closed: string;
  always: string;
  unknown: string;
  /** `08:00` as the locale writes it. */
  time(hh: string, mm: string): string;
}

const WORDS: Record<Locale, HoursWords> = {
  id: {
    days: { Mo: 'Sen', Tu: 'Sel', We: 'Rab', Th: 'Kam', Fr: 'Jum', Sa: 'Sab', Su: 'Min' },
    closed: 'tutup',
    always: 'Buka 24 jam',
    unknown: 'Jam buka belum diketahui',
    time: (hh, mm) => `${hh}.${mm}`,
  },
  en: {
    days: { Mo: 'Mon', Tu: 'Tue', We: 'Wed', Th: 'Thu', Fr: 'Fri', Sa: 'Sat', Su: 'Sun' },
    closed: 'closed',
    always: 'Open 24 hours',
    unknown: 'Opening hours unknown',
    time: (hh, mm) => `${hh}:${mm}`,
  },
};

/** Localises one stretch of canonical syntax outside quotes. */
function localise(part: string, words: HoursWords): string {
  return part
    .replace(/\b(Mo|Tu|We|Th|Fr|Sa|Su)\b/g, (d) => words.days[d] ?? d)
    .replace(/\b(off|closed)\b/g, words.closed)
    .replace(/\b(\d{2}):(\d{2})\b/g, (_, hh: string, mm: string) => words.time(hh, mm))
    .replace(/(\S)-(\S)/g, '$1–$2')
    .replace(/;\s*/g, ', ');
}

/**
 * The hours for a card, in `locale`: `Sel–Min 08.00–14.00` / `Tue–Sun 08:00–14:00`, `Buka 24 jam` /
 * `Open 24 hours`; a fixed phrase when the hours are unknown. Comments in quotes are kept as written.
 */
export function describeHours(hours: OpeningHours | null | undefined, locale: Locale): string {
  const words = WORDS[locale];
  if (!hours) return words.unknown;
  const evaluator = evaluatorOf(hours);
  if (!evaluator) return words.unknown;
  const canonical = evaluator.prettifyValue();
  if (canonical === '24/7') return words.always;
  if (canonical === 'unknown') return words.unknown;
  const text = canonical
    .split(/("[^"]*")/)
    .map((part) => (part.startsWith('"') ? part : localise(part, words)))
    .join('');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
