/** Builds a real Pintu (real Redis, real database) for a test, with a unique queue prefix and a quiet logger. */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Dialect } from '../../src/db/orm.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { TEST_REDIS_URL } from './urls.js';

/** A unique Redis key prefix, so tests never see each other's queues. */
export function uniquePrefix(): string {
  return `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** A configuration for tests; `env` overrides the defaults. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: uniquePrefix(), LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', LPSE_POLL_MINUTES: '0', ...env });
}

/** An app and the database behind it; `dispose` closes both. */
export interface TestApp {
  app: App;
  db: TestDatabase;
  dispose(): Promise<void>;
}

/** Builds an app on a fresh database of `dialect` (or `db`, to share one between apps). */
export async function startTestApp(
  opts: Omit<AppOptions, 'config'> & { env?: Record<string, string>; dialect?: Dialect; db?: TestDatabase } = {},
): Promise<TestApp> {
  const db = opts.db ?? (await createTestDatabase(opts.dialect ?? 'sqlite'));
  const config = testConfig({ DATABASE_URL: db.url, ...opts.env });
  const app = await createApp({ logger: pino({ level: 'silent' }), workers: false, ...opts, config });
  return {
    app,
    db,
    async dispose() {
      await app.close();
      if (!opts.db) await db.drop();
    },
  };
}
