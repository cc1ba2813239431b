/**
 * Pintu's Indonesian NLU: `createNlu()` trains the intent and complaint-category classifiers from `intents/`
 * and returns an {@link Nlu} (an `Understander`). Importing this module prints nothing and reads no `.env`.
 */
export { createNlu, Nlu, DEFAULT_THRESHOLD, type NluOptions } from './nlu.js';
export { normalise, Normaliser, MAX_INPUT_CHARS } from './normaliser.js';
export { runNluStream, type StreamOptions } from './stream.js';
export type { TrainingStats } from './models.js';
export {
  EntityExtractor,
  extractDates,
  extractDurations,
  extractLandmarks,
  extractMoney,
  extractNiks,
  extractPhones,
  extractStreets,
  extractTicketIds,
} from './entities/index.js';
