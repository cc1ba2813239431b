/** Throwaway databases for tests: a SQLite file under var/ or a fresh PostgreSQL database, dropped afterwards. */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import pg from 'pg';
import type { Dialect } from '../../src/db/orm.js';
import { TEST_PG_URL } from './urls.js';

/** A database URL and how to get rid of it. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database of `dialect`; PostgreSQL ones on the server of `pgUrl` (benches pass their own). */
export async function createTestDatabase(dialect: Dialect, pgUrl: string = TEST_PG_URL): Promise<TestDatabase> {
  const id = randomUUID().replace(/-/g, '').slice(0, 16);
  if (dialect === 'sqlite') {
    mkdirSync('var/test-db', { recursive: true });
    const file = `var/test-db/${id}.sqlite`;
    return { url: file, drop: async () => rmSync(file, { force: true }) };
  }
  const name = `pintu_test_${id}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Both dialects, for `describe.each`. */
export const DIALECTS: Dialect[] = ['sqlite', 'postgresql'];
