/**
 * `npm start` on a fresh machine: when nothing answers at REDIS_URL on this host and `redis-server` is installed,
 * start one as a child process with its data under `var/redis`, and stop it on exit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../core/ports.js';
import { redisAnswers } from './connection.js';

/** Raised when no Redis answers and none can be started; the message says how to get one. */
export class RedisUnavailableError extends Error {
  constructor(url: string, reason: string) {
    super(
      `No Redis answers at ${url} (${reason}). Install one with "apt-get install redis-server" ` +
        '(it is then started automatically), or run "docker compose up -d redis", or set REDIS_URL to a running server.',
    );
    this.name = 'RedisUnavailableError';
  }
}

/** A Redis we started; `stop()` shuts it down. */
export interface OwnedRedis {
  stop(): Promise<void>;
}

function isLocal(host: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);
}

/** Makes sure a Redis answers at `url`; returns the child we started, or `null` when one was already running. */
export async function ensureRedis(url: string, opts: { autostart: boolean; dataDir?: string; logger: Logger }): Promise<OwnedRedis | null> {
  if (await redisAnswers(url)) return null;
  const u = new URL(url);
  if (!opts.autostart) throw new RedisUnavailableError(url, 'REDIS_AUTOSTART is off');
  if (!isLocal(u.hostname)) throw new RedisUnavailableError(url, 'it is not on this machine, so Pintu will not start one');
  if (spawnSync('redis-server', ['--version']).status !== 0) throw new RedisUnavailableError(url, 'redis-server is not installed');

  const dir = resolve(opts.dataDir ?? 'var/redis');
  mkdirSync(dir, { recursive: true });
  const port = u.port || '6379';
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', port, '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no'],
    { stdio: 'ignore' },
  );
  opts.logger.info({ port, dir }, 'no Redis was running: started redis-server as a child process');
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url, 500)) {
      return {
        async stop() {
          if (child.exitCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await Promise.race([exited, sleep(5000)]);
        },
      };
    }
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError(url, 'redis-server was started but did not answer within 5 s');
}
