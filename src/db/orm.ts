/**
 * Opens the database with MikroORM: a SQLite file (libsql driver, prebuilt) by default, PostgreSQL when
 * `DATABASE_URL` is a postgres URL. The schema is created and changed only by migrations, one set per dialect
 * because their SQL differs.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { complaintEntities } from './complaint-entities.js';
import { foundationEntities } from './entities.js';
import { postgresqlMigrations } from './migrations/postgresql/index.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';
import { placeEntities } from './place-entities.js';
import { siskiaEntities } from './siskia-entities.js';
import { lpseEntities } from './lpse-entities.js';
import { officerEntities } from './officer-entities.js';
import { whatsappEntities } from './whatsapp-entities.js';

/** The two databases Pintu runs on. */
export type Dialect = 'sqlite' | 'postgresql';

/** The dialect a `DATABASE_URL` names. */
export function dialectOf(databaseUrl: string): Dialect {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? 'postgresql' : 'sqlite';
}

/** MikroORM options for `databaseUrl`, with the right driver and migrations. Loads only that dialect's driver. */
export async function ormOptions(databaseUrl: string, poolMax = 10): Promise<Options> {
  const dialect = dialectOf(databaseUrl);
  const common = {
    entities: [...foundationEntities, ...complaintEntities, ...siskiaEntities, ...placeEntities, ...lpseEntities, ...whatsappEntities, ...officerEntities],
    extensions: [Migrator],
    debug: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: true },
  } satisfies Options;
  if (dialect === 'postgresql') {
    const { PostgreSqlDriver } = await import('@mikro-orm/postgresql');
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: databaseUrl,
      pool: { min: 0, max: poolMax },
      migrations: { migrationsList: postgresqlMigrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    } as Options;
  }
  const { LibSqlDriver } = await import('@mikro-orm/libsql');
  const file = databaseUrl.replace(/^(sqlite|file):(\/\/)?/i, '');
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  return {
    ...common,
    driver: LibSqlDriver,
    dbName: file,
    // One connection: SQLite has one writer, and libsql serialises on it anyway.
    pool: { min: 1, max: 1 },
    migrations: { migrationsList: sqliteMigrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
  } as Options;
}

/** Thrown when the database cannot be opened; says which one and what to check. */
export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

/** Opens the database; with `migrate` (the default) brings its schema up to date first. */
export async function openDatabase(databaseUrl: string, opts: { migrate?: boolean; poolMax?: number } = {}): Promise<MikroORM> {
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(await ormOptions(databaseUrl, opts.poolMax));
  } catch (err) {
    throw new DatabaseError(
      `Cannot open the ${dialectOf(databaseUrl)} database from DATABASE_URL: ${(err as Error).message}. ` +
        'Check that the server is running and the URL (user, host, port, database name) is right.',
      { cause: err },
    );
  }
  if (dialectOf(databaseUrl) === 'sqlite') await tuneSqlite(orm);
  if (opts.migrate ?? true) await migrate(orm);
  return orm;
}

/**
 * SQLite settings for a chat server: write-ahead logging (readers don't block the writer; kept in the file) and,
 * per connection, fsync at checkpoints rather than on every commit (a crash can lose the last moments, never
 * corrupt the file) and a busy timeout so a second process waits for the lock instead of failing. The pool
 * replaces its connection every 10 s, so `sql.ts` applies the per-connection settings to each new one too.
 */
async function tuneSqlite(orm: MikroORM): Promise<void> {
  const conn = orm.em.getConnection();
  await conn.execute('PRAGMA journal_mode = WAL');
  await conn.execute('PRAGMA synchronous = NORMAL');
  await conn.execute('PRAGMA busy_timeout = 5000');
}

/** Applies pending migrations and returns their names. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
