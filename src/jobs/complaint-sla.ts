/**
 * The complaint deadline clock: a BullMQ job scheduler runs the sweep every few minutes (flag and escalate overdue
 * tickets, auto-close resolved ones nobody answered). One scheduler id, so any number of processes share one
 * schedule, and the sweep itself is idempotent.
 */
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/ports.js';
import type { ComplaintService, SweepResult } from '../features/complaints/complaint-service.js';

/** The queue the sweep runs on. */
export const SLA_QUEUE = 'complaint-sla';
const SCHEDULER_ID = 'complaint-sla-sweep';

/** Schedules and runs the complaint deadline sweep. */
export class ComplaintSlaJob {
  private readonly queue: Queue;
  private worker?: Worker;

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
    this.queue = new Queue(SLA_QUEUE, { connection: deps.connection, prefix: deps.prefix });
    this.queue.on('error', (err) => deps.logger.warn({ err: err.message }, 'complaint SLA queue: Redis problem; retrying'));
  }

  /** Registers (or updates) the schedule and, with a worker connection, starts processing it. */
  async start(): Promise<void> {
    await this.queue.upsertJobScheduler(SCHEDULER_ID, { every: this.deps.everyMs }, { name: 'sweep', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    if (!this.deps.workerConnection) return;
    this.worker = new Worker(SLA_QUEUE, () => this.runOnce(), { connection: this.deps.workerConnection, prefix: this.deps.prefix, concurrency: 1 });
    this.worker.on('error', (err) => this.deps.logger.warn({ err: err.message }, 'complaint SLA worker: Redis problem; retrying'));
    this.worker.on('failed', (_job, err) => this.deps.logger.error({ err }, 'complaint SLA sweep failed; it runs again at the next tick'));
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
    await this.worker?.close();
    await this.queue.close();
  }
}
