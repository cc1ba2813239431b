/**
 * The outbox: every outgoing message is a BullMQ job on one queue. A worker hands each to its channel's sender,
 * retries with exponential backoff, respects per-channel rate limits and the channel's own "wait" answers, and
 * records the outcome in the outbound log. Failed deliveries stay in the queue's failed set and in the log.
 */
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { DeliveryRetryLater, Undeliverable } from '../core/errors.js';
import type { ChannelName, OutboundMessage, Reply } from '../core/messages.js';
import type { ChannelSender, Logger, MessageLog, Outbox } from '../core/ports.js';
import { SendPacer } from './send-pacer.js';

/** The data of one outbox job. */
export interface OutboxJobData {
  logId: string;
  channel: ChannelName;
  address: string;
  userId?: string;
  kind: OutboundMessage['kind'];
  reply: Reply;
  /**
   * The moment this job reserved (epoch ms) for attempt `attempt`; it waits for it in the delayed set. `address`:
   * only its chat's moment, the channel's is reserved when it comes.
   */
  slot?: { at: number; attempt: number; address?: boolean };
}

/** The outbox queue's name (keys live under the configured prefix). */
export const OUTBOX_QUEUE = 'outbox';

/** Retry policy for outbox jobs. */
export interface OutboxRetry {
  attempts: number;
  backoffMs: number;
}

/** Producer side: adds messages to the outbox queue. */
export class OutboxQueue implements Outbox {
  readonly queue: Queue<OutboxJobData>;

  constructor(
    connection: Redis,
    private readonly opts: { prefix: string; retry: OutboxRetry; logger: Logger },
  ) {
    this.queue = new Queue<OutboxJobData>(OUTBOX_QUEUE, { connection, prefix: opts.prefix });
    // Without a listener, connection errors during a Redis outage would be printed raw on every retry.
    this.queue.on('error', (err) => opts.logger.warn({ err: err.message }, 'outbox queue: Redis problem; retrying'));
  }

  async enqueue(messages: OutboundMessage[], logIds: string[]): Promise<void> {
    await this.queue.addBulk(
      messages.map((m, i) => {
        const logId = logIds[i];
        if (!logId) throw new Error('Outbox.enqueue needs one log id per message; the caller logged fewer.');
        return {
          name: m.kind,
          data: { logId, channel: m.channel, address: m.address, userId: m.userId, kind: m.kind, reply: m.reply },
          opts: {
            // The log id as job id: a message enqueued twice (a retried request) is queued once.
            jobId: logId,
            attempts: this.opts.retry.attempts,
            backoff: { type: 'exponential', delay: this.opts.retry.backoffMs, jitter: 0.2 },
            removeOnComplete: { count: 1000 },
            removeOnFail: false,
            ...(m.delayMs && m.delayMs > 0 ? { delay: Math.round(m.delayMs) } : {}),
          },
        };
      }),
    );
  }

  /** Jobs per state, for /metrics and /readyz. */
  async depth(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** Per-channel send limits: at most `max` messages per `duration` ms. */
export type ChannelRates = Partial<Record<ChannelName, { max: number; duration: number }>>;

/** What the worker needs. */
export interface OutboxWorkerDeps {
  connection: Redis;
  /** A non-blocking connection for the rate-limit counters. */
  commands: Redis;
  prefix: string;
  senders: ReadonlyMap<ChannelName, ChannelSender>;
  log: MessageLog;
  logger: Logger;
  rates: ChannelRates;
  /** Limits per address (one chat) on top of the channel's, e.g. Telegram's one message a second per chat. */
  addressRates?: ChannelRates;
  concurrency: number;
  lockMs: number;
  attempts: number;
  /** Called when a channel says an address can't be reached. */
  onUnreachable?: (channel: ChannelName, address: string) => Promise<void>;
  /** True for an address known to be unreachable: its messages are not sent until the person writes again. */
  isUnreachable?: (channel: ChannelName, address: string) => Promise<boolean>;
  onSent?: (channel: ChannelName) => void;
  onFailed?: (channel: ChannelName) => void;
}

/** Consumer side: delivers outbox jobs through the channel senders. */
export class OutboxWorker {
  readonly worker: Worker<OutboxJobData>;
  private readonly pacer: SendPacer;

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.pacer = new SendPacer(deps.commands, deps.prefix);
    this.worker = new Worker<OutboxJobData>(OUTBOX_QUEUE, (job, token) => this.process(job, token), {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency,
      lockDuration: deps.lockMs,
      stalledInterval: deps.lockMs,
      // A process killed mid-send leaves its jobs stalled; they go back to waiting, not to failed.
      maxStalledCount: 10,
      autorun: true,
    });
    this.worker.on('failed', (job, err) => void this.onFailed(job, err));
    this.worker.on('error', (err) => deps.logger.warn({ err: err.message }, 'outbox worker error; it keeps running'));
  }

  private async process(job: Job<OutboxJobData>, token: string | undefined): Promise<void> {
    const { channel, address, reply, logId } = job.data;
    const sender = this.deps.senders.get(channel);
    if (!sender) {
      throw new UnrecoverableError(`No sender for channel "${channel}" runs in this process; enable the channel or run a worker that has it.`);
    }
    if (await this.deps.isUnreachable?.(channel, address)) {
      await this.deps.log.markOutbound(logId, 'undeliverable', new Date(), 'address marked unreachable earlier');
      return;
    }
    const slot = job.data.slot;
    const now = Date.now();
    // A job back from waiting for its reserved moment sends on it; anything else (a retry, a job that stalled for
    // long) reserves afresh.
    const onReservation = slot !== undefined && slot.attempt === job.attemptsMade && now >= slot.at - 20 && now - slot.at < 10_000;
    if (!onReservation || slot?.address) await this.waitForMoment(job, token, now, Boolean(onReservation && slot?.address));
    try {
      await sender.send(address, reply);
    } catch (err) {
      if (err instanceof DeliveryRetryLater && token) {
        // The channel as a whole is told to wait (Telegram's 429 is about the bot, not one message): every worker
        // holds this channel's messages that long, other channels go on.
        await this.pacer.pause(channel, err.retryAfterMs);
        this.deps.logger.warn({ channel, retryAfterMs: err.retryAfterMs }, 'channel asked to slow down; its messages wait, none is dropped');
        // Its new moment comes after the pause, in line with everything else waiting.
        await this.waitForMoment(job, token, Date.now(), false);
      }
      if (err instanceof Undeliverable) {
        await this.deps.log.markOutbound(logId, 'undeliverable', new Date(), err.reason);
        await this.deps.onUnreachable?.(channel, address);
        this.deps.logger.warn({ channel, logId, reason: err.reason }, 'message undeliverable; identity marked unreachable');
        return;
      }
      throw err;
    }
    await this.deps.log.markOutbound(logId, 'sent', new Date());
    this.deps.onSent?.(channel);
  }

  /**
   * Reserves this job's moment to send; returns when that is now, else parks the job in the delayed set until then
   * (throwing BullMQ's DelayedError, which ends this run without using up an attempt).
   */
  private async waitForMoment(job: Job<OutboxJobData>, token: string | undefined, now: number, addressHeld: boolean): Promise<void> {
    const { channel, address } = job.data;
    const { waitMs, addressOnly } = await this.pacer.reserve(channel, address, { channel: this.deps.rates[channel], address: this.deps.addressRates?.[channel] }, now, addressHeld);
    if (waitMs <= 0 || !token) return;
    await job.updateData({ ...job.data, slot: { at: now + waitMs, attempt: job.attemptsMade, ...(addressOnly && { address: true }) } });
    await job.moveToDelayed(now + waitMs, token);
    throw new DelayedError();
  }

  private async onFailed(job: Job<OutboxJobData> | undefined, err: Error): Promise<void> {
    if (!job) return;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? this.deps.attempts);
    this.deps.logger.warn(
      { channel: job.data.channel, logId: job.data.logId, attempt: job.attemptsMade, final, err: err.message },
      final ? 'outbox delivery failed for good; kept in the failed set' : 'outbox delivery failed; will retry',
    );
    if (final) {
      this.deps.onFailed?.(job.data.channel);
      await this.deps.log.markOutbound(job.data.logId, 'failed', new Date(), err.message).catch(() => undefined);
    }
  }

  /** Stops taking jobs and waits for active ones up to `timeoutMs`, then forces the close. */
  async close(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const graceful = this.worker.close();
    const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const result = await Promise.race([graceful.then(() => 'closed' as const), timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      this.deps.logger.warn({ timeoutMs }, 'outbox jobs still active at shutdown; they will be retried by the next worker');
      await this.worker.close(true);
    }
  }
}
