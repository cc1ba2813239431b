/**
 * LPSE's schedules on one BullMQ queue: the polling round (every `LPSE_POLL_MINUTES`), the deadline-reminder sweep
 * (every 5 minutes) and the daily digest (at `LPSE_DIGEST_HOUR` WIB). Job schedulers with fixed ids, so any number
 * of processes share one schedule; one job at a time, so rounds never overlap. A failing source is logged with
 * what to do and counted in `pintu_lpse_polls_total`; it never stops the other jobs or the rest of Pintu.
 */
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/ports.js';
import type { LpseFeature } from '../features/lpse/index.js';
import { SourceFormatError, SourceUnavailableError } from '../features/lpse/source/index.js';
import type { RoundResult } from '../features/lpse/tender-watcher.js';
import { ScheduledQueue } from './scheduled-queue.js';

/** The queue LPSE's jobs run on. */
export const LPSE_QUEUE = 'lpse';
const REMINDER_EVERY_MS = 5 * 60_000;

/** Which kind of failure a round ended with, for the metric. */
export function outcomeOf(result: RoundResult): 'ok' | 'unavailable' | 'format' | 'error' {
  if (!result.error) return 'ok';
  if (result.error instanceof SourceFormatError) return 'format';
  if (result.error instanceof SourceUnavailableError) return 'unavailable';
  return 'error';
}

/** Schedules and runs LPSE's polling, reminders and digest. */
export class LpseJobs {
  private readonly jobs: ScheduledQueue;

  /** The BullMQ queue (for the operators' queue view). */
  get queue(): Queue {
    return this.jobs.queue;
  }

  constructor(
    private readonly deps: {
      connection: Redis;
      workerConnection?: Redis;
      prefix: string;
      lpse: LpseFeature;
      sourceName: string;
      /** Minutes between rounds; 0: no polling (reminders and digest still run). */
      pollMinutes: number;
      digestHour: number;
      clock: Clock;
      logger: Logger;
      onPoll?(result: RoundResult): void;
    },
  ) {
    this.jobs = new ScheduledQueue({ name: LPSE_QUEUE, label: 'LPSE', connection: deps.connection, workerConnection: deps.workerConnection, prefix: deps.prefix, logger: deps.logger });
  }

  /** Registers the schedules and, with a worker connection, processes them. */
  async start(): Promise<void> {
    const opts = { removeOnComplete: 50, removeOnFail: 50 };
    const { queue } = this.jobs;
    if (this.deps.pollMinutes > 0) await queue.upsertJobScheduler('lpse-poll', { every: this.deps.pollMinutes * 60_000 }, { name: 'poll', opts });
    else await queue.removeJobScheduler('lpse-poll');
    await queue.upsertJobScheduler('lpse-remind', { every: REMINDER_EVERY_MS }, { name: 'remind', opts });
    await queue.upsertJobScheduler('lpse-digest', { pattern: `0 ${this.deps.digestHour} * * *`, tz: 'Asia/Jakarta' }, { name: 'digest', opts });
    this.jobs.work((job: Job) => this.run(job.name), 'it runs again at its next time');
  }

  private async run(name: string): Promise<unknown> {
    if (name === 'poll') return this.pollOnce();
    if (name === 'remind') return this.deps.lpse.reminders.sweep(this.deps.clock.now());
    if (name === 'digest') return this.deps.lpse.alerts.digest((kodes) => this.deps.lpse.repo.tenders(kodes));
    throw new Error(`Unknown LPSE job "${name}"; a newer or older process may share this queue.`);
  }

  /** One polling round now, logged and counted. */
  async pollOnce(): Promise<RoundResult> {
    const { logger, sourceName } = this.deps;
    const now = this.deps.clock.now();
    const result = await this.deps.lpse.watcher.pollOnce(now);
    const outcome = outcomeOf(result);
    this.deps.onPoll?.(result);
    if (outcome === 'ok') {
      logger.info(
        { source: sourceName, listed: result.listed, created: result.created.length, changes: result.changes.length, closed: result.closed.length, details: result.details, alerts: result.alerts, baseline: result.baseline },
        'LPSE polled',
      );
    } else if (outcome === 'format') {
      logger.error({ source: sourceName, err: result.error!.message }, 'LPSE source changed its format: tenders are not updated until the parser is fixed (see the fixtures in data/lpse-fixtures)');
    } else {
      logger.warn({ source: sourceName, err: result.error!.message }, 'LPSE source could not be read this round; the next round tries again');
    }
    return result;
  }

  /** Stops the worker and closes the queue. */
  async close(): Promise<void> {
    await this.jobs.close();
  }
}
