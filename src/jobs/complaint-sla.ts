/**
 * The complaint deadline clock: a BullMQ job scheduler runs the sweep every few minutes (flag and escalate overdue
 * tickets, auto-close resolved ones nobody answered). One scheduler id, so any number of processes share one
 * schedule, and the sweep itself is idempotent.
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/ports.js';
import type { ComplaintService, SweepResult } from '../features/complaints/complaint-service.js';
import { ScheduledQueue } from './scheduled-queue.js';
import type { Queue } from 'bullmq';

/** The queue the sweep runs on. */
export const SLA_QUEUE = 'complaint-sla';
const SCHEDULER_ID = 'complaint-sla-sweep';

/** Schedules and runs the complaint deadline sweep. */
export class ComplaintSlaJob {
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
      everyMs: number;
      service: ComplaintService;
      clock: Clock;
      logger: Logger;
      onSwept?(result: SweepResult): void;
    },
  ) {
    this.jobs = new ScheduledQueue({ name: SLA_QUEUE, label: 'complaint SLA', connection: deps.connection, workerConnection: deps.workerConnection, prefix: deps.prefix, logger: deps.logger });
  }

  /** Registers (or updates) the schedule and, with a worker connection, starts processing it. */
  async start(): Promise<void> {
    await this.jobs.queue.upsertJobScheduler(SCHEDULER_ID, { every: this.deps.everyMs }, { name: 'sweep', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    this.jobs.work(() => this.runOnce(), 'the sweep runs again at the next tick');
  }

  /** One sweep now (also what each scheduled job does). */
  async runOnce(): Promise<SweepResult> {
    const result = await this.deps.service.sweep(this.deps.clock.now());
    if (result.escalated.length || result.autoClosed.length) {
      this.deps.logger.info({ escalated: result.escalated.length, autoClosed: result.autoClosed.length }, 'complaint deadlines swept');
    }
    this.deps.onSwept?.(result);
    return result;
  }

  /** Stops the worker and closes the queue. */
  async close(): Promise<void> {
    await this.jobs.close();
  }
}
