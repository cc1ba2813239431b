/**
 * Where the NLU finds its data: the lexicons under `data/`, the training utterances under `intents/`.
 * Paths are resolved from this file, so they work from any working directory (tsx, vitest, `pintu nlu`).
 */
import path from 'node:path';
import { dataPath, PROJECT_ROOT } from '../core/data-path.js';

/** The project root (the folder holding `data/` and `intents/`). */
export { PROJECT_ROOT };

/** `data/nlu`: slang lists, Javanese/Madurese lexicon, stemming overrides, safety triggers. */
export const NLU_DATA_DIR = dataPath('nlu');

/** `data/geo`: the Kemendagri list of the city's kecamatan and kelurahan. */
export const GEO_DATA_DIR = dataPath('geo');

/** `intents`: training utterances (`intent/`, `category/`) and the held-out `test/` split. */
export const DEFAULT_INTENTS_DIR = path.join(PROJECT_ROOT, 'intents');
