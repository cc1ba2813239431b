/**
 * The composition root for long-running processes: `pintu start` (HTTP, web chat, channels and workers) and
 * `pintu worker` (workers only). Validates configuration, makes sure Redis answers, builds the app, and shuts it
 * down gracefully on SIGINT/SIGTERM.
 */
import { performance } from 'node:perf_hooks';
import { createApp, type App } from './app.js';
import { loadConfig, type Config } from './config.js';
import { createLogger } from './observability/logger.js';
import { ensureRedis, type OwnedRedis } from './redis/autostart.js';

/** What to run in this process. */
export type ProcessRole = 'all' | 'worker';

/** Starts Pintu and resolves once it is ready; shutdown is wired to SIGINT/SIGTERM. */
export async function runServer(role: ProcessRole, config: Config = loadConfig()): Promise<App> {
  const logger = createLogger(config.LOG_LEVEL);
  const owned: OwnedRedis | null = await ensureRedis(config.REDIS_URL, { autostart: config.REDIS_AUTOSTART, logger });
  let app: App;
  try {
    app = await createApp({ config, logger, workers: role === 'worker' || config.WORKERS_ENABLED, http: role === 'all' });
  } catch (err) {
    await owned?.stop();
    throw err;
  }
  if (role === 'all') {
    const address = await app.listen();
    logger.info({ address, readyMs: Math.round(performance.now()) }, `Pintu is ready: open ${address.replace('0.0.0.0', '127.0.0.1')} to chat`);
  } else {
    logger.info({ readyMs: Math.round(performance.now()) }, 'Pintu worker is ready');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new messages, finishing in-flight work');
    const force = setTimeout(() => {
      logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS * 2 }, 'shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS * 2);
    force.unref();
    try {
      await app.close();
      await owned?.stop();
      logger.info('stopped cleanly');
      process.exitCode = 0;
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'error during shutdown');
      process.exitCode = 1;
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return app;
}
