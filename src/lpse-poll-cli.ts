/**
 * `pintu lpse poll --once`: one polling round against the configured source, with what changed printed. Alerts it
 * finds are queued in the outbox like the scheduled rounds' (a running worker delivers them).
 */
import type { Writable } from 'node:stream';
import type { Config } from './config.js';

/** Runs the command; returns the exit code (1 when the source failed). */
export async function lpsePollCommand(config: Config, args: string[], out: { stdout: Writable; stderr: Writable }): Promise<number> {
  if (!args.includes('--once')) {
    out.stderr.write('Usage: pintu lpse poll --once\nScheduled polling runs inside `pintu start` and `pintu worker` every LPSE_POLL_MINUTES.\n');
    return 2;
  }
  const [{ pino }, { createApp }, { createLogger }, { ensureRedis }, { formatRound }] = await Promise.all([
    import('pino'),
    import('./app.js'),
    import('./observability/logger.js'),
    import('./redis/autostart.js'),
    import('./features/lpse/round-report.js'),
  ]);
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, pino.destination(2));
  const owned = await ensureRedis(config.REDIS_URL, { autostart: config.REDIS_AUTOSTART, logger });
  const app = await createApp({ config, logger, http: false, workers: false });
  try {
    out.stdout.write(`Polling ${config.LPSE_SOURCE === 'spse' ? config.LPSE_BASE_URL : 'the ISB datasets'}…\n`);
    const result = await app.lpseJobs.pollOnce();
    out.stdout.write(formatRound(result));
    return result.error ? 1 : 0;
  } finally {
    await app.close();
    await owned?.stop();
  }
}
