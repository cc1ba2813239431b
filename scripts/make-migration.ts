/**
 * Developer tool: writes a new migration for each dialect from the difference between the entities and a database
 * migrated to the latest migration. Needs a PostgreSQL at PG_URL (default the local `test` database).
 * Usage: tsx scripts/make-migration.ts; then add the new classes to src/db/migrations/<dialect>/index.ts.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/core';
import { ormOptions } from '../src/db/orm.js';

const pgBase = process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

async function make(url: string, dialect: string): Promise<void> {
  const options = await ormOptions(url);
  const orm = await MikroORM.init({
    ...options,
    migrations: { ...options.migrations, path: `src/db/migrations/${dialect}`, pathTs: `src/db/migrations/${dialect}`, emit: 'ts', fileName: (ts: string) => `migration-${ts}` },
  });
  await orm.getMigrator().up();
  const result = await orm.getMigrator().createMigration(`src/db/migrations/${dialect}`);
  console.log(dialect, result.fileName || '(no changes)');
  await orm.close();
}

const sqliteFile = `var/make-migration-${randomUUID()}.sqlite`;
await make(sqliteFile, 'sqlite');
rmSync(sqliteFile, { force: true });

const dbName = `pintu_mig_${randomUUID().replace(/-/g, '')}`;
const admin = new pg.Client({ connectionString: pgBase });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
try {
  const u = new URL(pgBase);
  u.pathname = `/${dbName}`;
  await make(u.toString(), 'postgresql');
} finally {
  await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await admin.end();
}
