/**
 * The key for health data at rest. Production sets `HEALTH_DATA_KEY`; without it (a developer's `npm start`), a key
 * is generated once into `var/health-data.key` (readable only by its owner) so data written today is readable
 * tomorrow, with a loud warning. The key itself is never logged.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from './core/ports.js';
import { FieldCrypto } from './core/field-crypto.js';
import { PROJECT_ROOT } from './core/data-path.js';

/** Where the development key is kept when `HEALTH_DATA_KEY` is not set. */
export const DEV_KEY_FILE = path.join(PROJECT_ROOT, 'var', 'health-data.key');

/** The field encryption for health data, from the configuration or the development key file. */
export function healthCrypto(configured: string | undefined, logger: Logger, file = DEV_KEY_FILE): FieldCrypto {
  if (configured) return FieldCrypto.fromConfig(configured);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `dev:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  logger.warn({ file }, 'HEALTH_DATA_KEY is not set: health data is encrypted with a development key kept on this disk. Set HEALTH_DATA_KEY in production (openssl rand -base64 32) and keep it in your secret store.');
  return FieldCrypto.fromConfig(readFileSync(file, 'utf8').trim());
}
