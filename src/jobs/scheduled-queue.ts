/**
 * A BullMQ queue that job schedulers fill, with at most one worker in this process running one job at a time: the
 * shape of every periodic job here (complaint deadlines, SISKIA reminders, LPSE). Redis trouble is logged and
 * retried by BullMQ; a failed job is logged with what happens next.
 */
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../core/ports.js';

/** Where the queue lives and how it reports. */
export interface ScheduledQueueOptions {
  /** Queue name. */
  name: string;
  /** Who this is in log lines, e.g. "complaint SLA". */
  label: string;
  connection: Redis;
  /** Without it this process only registers schedules; another process does the work. */
  workerConnection?: Redis;
  prefix: string;
  logger: Logger;
}

/** A scheduler-fed queue and its optional worker. */
export class ScheduledQueue {
  /** The queue, for registering job schedulers. */
  readonly queue: Queue;
  private worker?: Worker;

  constructor(private readonly options: ScheduledQueueOptions) {
    this.queue = new Queue(options.name, { connection: options.connection, prefix: options.prefix });
    this.queue.on('error', (err) => options.logger.warn({ err: err.message }, `${options.label} queue: Redis problem; retrying`));
  }

  /** Starts running jobs with `run`, when this process works; `whenFailed` tells the operator what happens next. */
  work(run: (job: Job) => Promise<unknown>, whenFailed: string): void {
    const { workerConnection, name, prefix, logger, label } = this.options;
    if (!workerConnection) return;
    this.worker = new Worker(name, run, { connection: workerConnection, prefix, concurrency: 1 });
    this.worker.on('error', (err) => logger.warn({ err: err.message }, `${label} worker: Redis problem; retrying`));
    this.worker.on('failed', (job, err) => logger.error({ err, job: job?.name }, `${label} job failed; ${whenFailed}`));
  }

  /** Stops the worker (letting its job finish) and closes the queue. */
  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
