/** Instants as the HTTP APIs write them: ISO 8601 in WIB with its offset, e.g. `2026-11-30T09:15:00+07:00`. */
import { inWib } from '../core/clock.js';

/** `date` as ISO 8601 in WIB to the second (`2026-11-30T09:15:00+07:00`). */
export function isoWib(date: Date): string;
/** `undefined` stays `undefined`, so optional instants stay absent. */
export function isoWib(date: Date | undefined): string | undefined;
export function isoWib(date: Date | undefined): string | undefined {
  return date ? inWib(date).set({ millisecond: 0 }).toISO({ suppressMilliseconds: true })! : undefined;
}
