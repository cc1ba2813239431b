/** Prometheus metrics (prom-client): messages in and out, per-channel latency, queue depth, failures. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ChannelName } from '../core/messages.js';
import type { EngineMetrics } from '../core/ports.js';

/** Pintu's metrics on their own registry (so tests can create several). */
export class Metrics implements EngineMetrics {
  readonly registry = new Registry();
  private readonly messagesIn = new Counter({ name: 'pintu_messages_in_total', help: 'Inbound messages', labelNames: ['channel'], registers: [this.registry] });
  private readonly messagesOut = new Counter({ name: 'pintu_messages_out_total', help: 'Outbound messages produced', labelNames: ['channel'], registers: [this.registry] });
  private readonly delivered = new Counter({ name: 'pintu_outbox_sent_total', help: 'Outbox messages handed to a channel', labelNames: ['channel'], registers: [this.registry] });
  private readonly deliveryFailures = new Counter({ name: 'pintu_outbox_failed_total', help: 'Outbox messages that failed for good', labelNames: ['channel'], registers: [this.registry] });
  private readonly failures = new Counter({ name: 'pintu_engine_failures_total', help: 'Inbound messages the engine could not handle', labelNames: ['channel'], registers: [this.registry] });
  private readonly lpseRounds = new Counter({
    name: 'pintu_lpse_polls_total',
    help: 'LPSE polling rounds by outcome (ok, unavailable: the source could not be reached, format: its pages or data changed shape, error: anything else)',
    labelNames: ['source', 'outcome'],
    registers: [this.registry],
  });
  private readonly lpseLastOk = new Gauge({ name: 'pintu_lpse_last_success_seconds', help: 'Unix time of the last successful LPSE polling round', labelNames: ['source'], registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'pintu_handle_seconds',
    help: 'Time to handle one inbound message, by channel',
    labelNames: ['channel'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(opts: { queueDepth?: () => Promise<Record<string, number>>; defaults?: boolean } = {}) {
    if (opts.defaults ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'pintu_' });
    const depth = opts.queueDepth;
    if (depth) {
      new Gauge({
        name: 'pintu_outbox_jobs',
        help: 'Outbox jobs by state',
        labelNames: ['state'],
        registers: [this.registry],
        async collect() {
          try {
            for (const [state, n] of Object.entries(await depth())) this.set({ state }, n);
          } catch {
            // Redis away: report nothing rather than failing the whole scrape.
          }
        },
      });
    }
  }

  inbound(channel: ChannelName): void {
    this.messagesIn.inc({ channel });
  }
  outbound(channel: ChannelName, count: number): void {
    this.messagesOut.inc({ channel }, count);
  }
  handled(channel: ChannelName, seconds: number): void {
    this.latency.observe({ channel }, seconds);
  }
  failed(channel: ChannelName): void {
    this.failures.inc({ channel });
  }
  /** An outbox message reached its channel. */
  /** Counts an LPSE polling round; `at` is its time when it succeeded. */
  lpsePoll(source: string, outcome: 'ok' | 'unavailable' | 'format' | 'error', at?: Date): void {
    this.lpseRounds.inc({ source, outcome });
    if (outcome === 'ok' && at) this.lpseLastOk.set({ source }, at.getTime() / 1000);
  }

  sent(channel: ChannelName): void {
    this.delivered.inc({ channel });
  }
  /** An outbox message failed for good. */
  deliveryFailed(channel: ChannelName): void {
    this.deliveryFailures.inc({ channel });
  }
}
