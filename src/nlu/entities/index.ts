/**
 * Fills {@link Entities} for one message by running every extractor on the view of the text it needs.
 */
import type { Entities } from '../../core/understanding.js';
import { AreaFinder } from './areas.js';
import { extractDates } from './dates.js';
import { extractDurations } from './durations.js';
import type { EntityInput } from './input.js';
import { extractLandmarks } from './landmarks.js';
import { extractMoney } from './money.js';
import { findNiks } from './nik.js';
import { findPhones } from './phones.js';
import { extractStreets } from './streets.js';
import { extractTicketIds } from './ticket-ids.js';

export type { EntityInput } from './input.js';
export { AreaFinder, loadAreas } from './areas.js';
export { extractDates } from './dates.js';
export { extractDurations } from './durations.js';
export { extractLandmarks } from './landmarks.js';
export { extractMoney, parseAmount } from './money.js';
export { extractNiks, findNiks } from './nik.js';
export { extractPhones, findPhones } from './phones.js';
export { extractStreets } from './streets.js';
export { extractTicketIds } from './ticket-ids.js';

/** Runs all extractors. Create once: it holds the compiled area patterns. */
export class EntityExtractor {
  constructor(private readonly areas: AreaFinder = new AreaFinder()) {}

  /** Every entity in the message; lists are always present, possibly empty. */
  extract(input: EntityInput): Entities {
    const { clean, norm, now } = input;
    // Cheap gates first: most messages have no digits, no "pbl", no "jl", and every extractor costs a scan.
    const digits = /\d/.test(clean);
    const niks = digits ? findNiks(clean) : [];
    const phones = digits ? findPhones(clean, niks) : [];
    const { kelurahan, kecamatan } = this.areas.find(norm);
    return {
      ticketIds: digits && /pbl/i.test(clean) ? extractTicketIds(clean) : [],
      dates: extractDates(norm, now),
      durations: DURATION_HINT.test(norm) ? extractDurations(norm) : [],
      // Money reads the cleaned text: the case of "M" (miliar) versus "m" (metres) matters.
      money: digits ? extractMoney(clean) : [],
      kelurahan,
      kecamatan,
      streets: STREET_HINT.test(clean) ? extractStreets(clean) : [],
      landmarks: extractLandmarks(norm),
      phones: [...new Set(phones.map((p) => p.phone))],
      niks: [...new Set(niks.map((n) => n.nik))],
    };
  }
}

const DURATION_HINT = /hari|minggu|pekan|bulan|tahun/;
const STREET_HINT = /\bj(?:l|ln|lan|alan)\b/i;
