/**
 * The daily reminder planner on a BullMQ job scheduler: every hour from 05:00 to 20:00 WIB (one scheduler id, so
 * any number of processes share one schedule). The first run of the day plans and queues the day's reminders for
 * 07:00; later runs only catch what a process that was down missed, because planning is idempotent.
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/ports.js';
import type { PlanResult, ReminderPlanner } from '../features/siskia/reminder-planner.js';
import { ScheduledQueue } from './scheduled-queue.js';
import type { Queue } from 'bullmq';

/** The queue the planner runs on. */
export const SISKIA_QUEUE = 'siskia-reminders';
const SCHEDULER_ID = 'siskia-plan-day';

/** Schedules and runs the reminder planner. */
export class SiskiaReminderJob {
  private readonly jobs: ScheduledQueue;

  /** The BullMQ queue (for the operators' queue view). */
  get queue(): Queue {
    return this.jobs.queue;
  }

  constructor(
    private readonly deps: { connection: Redis; workerConnection?: Redis; prefix: string; planner: ReminderPlanner; clock: Clock; logger: Logger; pattern?: string },
  ) {
    this.jobs = new ScheduledQueue({ name: SISKIA_QUEUE, label: 'SISKIA reminder', connection: deps.connection, workerConnection: deps.workerConnection, prefix: deps.prefix, logger: deps.logger });
  }

  /** Registers the schedule and, with a worker connection, processes it. */
  async start(): Promise<void> {
    await this.jobs.queue.upsertJobScheduler(
      SCHEDULER_ID,
      { pattern: this.deps.pattern ?? '0 5-20 * * *', tz: 'Asia/Jakarta' },
      { name: 'plan-day', opts: { removeOnComplete: 50, removeOnFail: 50 } },
    );
    this.jobs.work(() => this.runOnce(), 'the next hourly run plans again');
  }

  /** Plans today's reminders now. */
  async runOnce(): Promise<PlanResult> {
    const result = await this.deps.planner.planDay(this.deps.clock.now());
    // Counts only: who gets which reminder is health data.
    this.deps.logger.info({ day: result.day, considered: result.considered, planned: result.planned, unplannable: result.unplannable, quiet: result.quiet }, 'SISKIA reminders planned');
    if (result.unreadable) {
      this.deps.logger.error(
        { unreadable: result.unreadable },
        'SISKIA: some registrations could not be decrypted and got no reminder; check that HEALTH_DATA_KEY lists every key ever used (id:key,id:key)',
      );
    }
    return result;
  }

  /** Stops the worker and closes the queue. */
  async close(): Promise<void> {
    await this.jobs.close();
  }
}
