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
    const niks = findNiks(input.clean);
    const phones = findPhones(input.clean, niks);
    const { kelurahan, kecamatan } = this.areas.find(input.norm);
    return {
      ticketIds: extractTicketIds(input.clean),
      dates: extractDates(input.norm, input.now),
      durations: extractDurations(input.norm),
      // Money reads the cleaned text: the case of "M" (miliar) versus "m" (metres) matters.
      money: extractMoney(input.clean),
      kelurahan,
      kecamatan,
      streets: extractStreets(input.clean),
      landmarks: extractLandmarks(input.norm),
      phones: [...new Set(phones.map((p) => p.phone))],
      niks: [...new Set(niks.map((n) => n.nik))],
    };
  }
}
