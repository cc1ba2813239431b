/**
 * The sqlite migrations, oldest first. Listed explicitly (not discovered by glob) so they load the same under
 * tsx, vitest and a bundle. Add each new file from `scripts/make-migration.ts` here.
 */
import { Migration20261128032951 } from './migration-20261128032951.js';
import { Migration20261129182119 } from './migration-20261129182119.js';
import { Migration20261129184646 } from './migration-20261129184646.js';
import { Migration20261129191023 } from './migration-20261129191023.js';
import { Migration20261129211648 } from './migration-20261129211648.js';
import { Migration20261129213911 } from './migration-20261129213911.js';
import { Migration20261129215156 } from './migration-20261129215156.js';
import { Migration20261129222121 } from './migration-20261129222121.js';

/** Every sqlite migration, in order. */
export const sqliteMigrations = [
  { name: 'Migration20261128032951', class: Migration20261128032951 },
  { name: 'Migration20261129182119', class: Migration20261129182119 },
  { name: 'Migration20261129184646', class: Migration20261129184646 },
  { name: 'Migration20261129191023', class: Migration20261129191023 },
  { name: 'Migration20261129211648', class: Migration20261129211648 },
  { name: 'Migration20261129213911', class: Migration20261129213911 },
  { name: 'Migration20261129215156', class: Migration20261129215156 },
  { name: 'Migration20261129222121', class: Migration20261129222121 },
];
