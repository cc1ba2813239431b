/**
 * Where shipped data files live (`data/…` in the project), resolved from this file so it works from any working
 * directory (tsx, vitest, the `pintu` command).
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The project root: the folder holding `data/`, `locales/` and `intents/`. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A path under the project's `data/` folder. */
export function dataPath(...parts: string[]): string {
  return path.join(PROJECT_ROOT, 'data', ...parts);
}
