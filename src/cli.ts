/**
 * The `pintu` command. Each subcommand is documented in the README; unknown ones print the usage.
 */
import { ConfigError, describeConfig, loadConfig } from './config.js';

// Each command imports what it needs, so `pintu nlu` or `pintu config` don't load the database and queue libraries.

const USAGE = `Usage: pintu <command>

  start          run Pintu: HTTP (web chat, health, metrics), channels and workers
  worker         run only the background workers (outbox) — start several for scale-out
  chat           talk to Pintu in this terminal (user id "console")
  nlu            JSON lines {"text": "..."} on stdin -> {"intent", "confidence", "entities"} on stdout
  db migrate     apply pending database migrations
  config         print the configuration in effect (secrets hidden)
  admin token create --name NAME (--office CODE | --coordinator | --open311)
                 a bearer token for the admin API or Open311 (printed once; stored hashed)
  admin token list | admin token revoke ID
  admin add --role ROLE --name USERNAME [--office CODE] [--puskesmas NAME] [--display "Nama"]
                 a dashboard account (coordinator, office, midwife, operator); prints a one-time password once
  siskia schedule (--hpht DATE | --hpl DATE | --birth DATE...) [--today DATE] [--json]
                 a mother's ANC, postpartum, newborn, immunisation and vitamin A dates (no database)
  places import FILE.csv [--dry-run] [--mode merge|replace]
                 check a GOVIS places CSV and load all of it in one transaction (any bad row: nothing)
  lpse poll --once
                 one LPSE polling round against LPSE_BASE_URL (or the ISB datasets), printing what changed
`;

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  switch (command) {
    case 'start':
    case undefined: {
      const { runServer } = await import('./main.js');
      await runServer('all');
      return -1;
    }
    case 'worker': {
      const { runServer } = await import('./main.js');
      await runServer('worker');
      return -1;
    }
    case 'chat': {
      const config = loadConfig();
      const [{ pino }, { createApp }, { runConsoleChat }, { createLogger }, { ensureRedis }] = await Promise.all([
        import('pino'),
        import('./app.js'),
        import('./channels/console/console-chat.js'),
        import('./observability/logger.js'),
        import('./redis/autostart.js'),
      ]);
      const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, pino.destination(2));
      const owned = await ensureRedis(config.REDIS_URL, { autostart: config.REDIS_AUTOSTART, logger });
      const app = await createApp({ config, logger, http: false, workers: false });
      try {
        await runConsoleChat(app.engine, process.stdin, process.stdout);
      } finally {
        await app.close();
        await owned?.stop();
      }
      return 0;
    }
    case 'nlu': {
      const [{ createNlu }, { runNluStream }] = await Promise.all([import('./nlu/index.js'), import('./nlu/stream.js')]);
      const nlu = await createNlu();
      await runNluStream(process.stdin, process.stdout, nlu);
      return 0;
    }
    case 'db':
      if (sub === 'migrate') {
        const config = loadConfig();
        const { migrate, openDatabase } = await import('./db/orm.js');
        const orm = await openDatabase(config.DATABASE_URL, { migrate: false });
        const applied = await migrate(orm);
        await orm.close(true);
        process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
        return 0;
      }
      break;
    case 'admin':
      if (sub === 'token') {
        const { adminTokenCommand } = await import('./admin-tokens-cli.js');
        return adminTokenCommand(loadConfig(), argv.slice(2), process.stdout);
      }
      if (sub === 'add') {
        const { officerAddCommand } = await import('./officers-cli.js');
        return officerAddCommand(loadConfig(), argv.slice(2), process.stdout);
      }
      break;
    case 'siskia':
      if (sub === 'schedule') {
        const { siskiaScheduleCommand } = await import('./features/siskia/schedule-cli.js');
        return siskiaScheduleCommand(argv.slice(2), process.stdout, new Date());
      }
      break;
    case 'places':
      if (sub === 'import') {
        const { placesImportCommand } = await import('./features/govis/places-import-cli.js');
        return placesImportCommand(argv.slice(2), {
          stdout: process.stdout,
          stderr: process.stderr,
          openStore: async () => (await import('./db/place-store.js')).openPlaceStore(loadConfig().DATABASE_URL),
        });
      }
      break;
    case 'lpse':
      if (sub === 'poll') {
        const { lpsePollCommand } = await import('./lpse-poll-cli.js');
        return lpsePollCommand(loadConfig(), argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
      }
      break;
    case 'config':
      for (const [k, v] of Object.entries(describeConfig(loadConfig()))) process.stdout.write(`${k}=${v}\n`);
      return 0;
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
  }
  process.stderr.write(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`pintu: ${(err as Error).message}\n`);
    process.exitCode = err instanceof ConfigError ? 2 : 1;
  },
);
