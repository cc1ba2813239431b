/** Instants as the HTTP APIs write them: ISO 8601 in WIB with its offset, e.g. `2026-11-30T09:15:00+07:00`. */
import { inWib } from '../core/clock.js';

/** `date` as ISO 8601 in WIB to the second (`2026-11-30T09:15:00+07:00`). */
export function isoWib(date: Date): string;
/** `undefined` stays `undefined`, so optional instants stay absent. */
export function isoWib(date: Date | undefined): string | undefined;
export function isoWib(date: Date | undefined): string | undefined {
  return date ? inWib(date).set({ millisecond: 0 }).toISO({ suppressMilliseconds: true })! : undefined;
}

/** How much of an instant the dashboard shows. */
export type WibTextStyle = 'date' | 'minute' | 'second';

const WIB_FORMATS: Record<WibTextStyle, string> = { date: 'd LLL yyyy', minute: 'd LLL yyyy HH.mm', second: 'd LLL yyyy HH.mm.ss' };

/** `date` for a dashboard page in WIB ("30 Nov 2026 09.15"), in the page's language; "—" when absent. */
export function wibText(date: Date | undefined, locale: 'id' | 'en', style: WibTextStyle = 'minute'): string {
  return date ? inWib(date).setLocale(locale === 'en' ? 'en-GB' : 'id').toFormat(WIB_FORMATS[style]) : '—';
}
