/**
 * "Is it open now?" for the recommender: the check it is given, and the default one reading a place's
 * OpenStreetMap `opening_hours` through `opening-hours.ts`.
 */
import { isOpenAt, parseOpeningHours } from './opening-hours.js';
import type { Place } from './place.js';

/** Whether a place is open at `now`; `'unknown'` when its hours are missing or unreadable. */
export type OpenNowFn = (place: Place, now: Date) => boolean | 'unknown';

/** Open now by the place's `openingHours` (WIB); `'unknown'` without hours or with hours that do not parse. */
export const openNowByHours: OpenNowFn = (place, now) => {
  if (!place.openingHours) return 'unknown';
  const parsed = parseOpeningHours(place.openingHours);
  return parsed.ok ? isOpenAt(parsed.hours, now) : 'unknown';
};
