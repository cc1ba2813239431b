/**
 * Before any test: make sure a real Redis and a real PostgreSQL answer. Redis is started as a child when
 * nothing answers (the same code `npm start` uses); PostgreSQL must be running (`scripts/ensure-services.sh`,
 * which `npm test` runs first, starts it).
 */
import pg from 'pg';
import { ensureRedis, type OwnedRedis } from '../src/redis/autostart.js';
import { TEST_PG_URL, TEST_REDIS_URL } from './support/urls.js';

let owned: OwnedRedis | null = null;

export async function setup(): Promise<void> {
  const logger = { info() {}, warn() {}, error() {}, debug() {} };
  owned = await ensureRedis(TEST_REDIS_URL, { autostart: true, dataDir: 'var/test-redis', logger });
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(
      `PostgreSQL does not answer at ${TEST_PG_URL} (${(err as Error).message}). Run "bash scripts/ensure-services.sh" ` +
        '(it starts or installs PostgreSQL), or set TEST_PG_URL.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function teardown(): Promise<void> {
  await owned?.stop();
}
