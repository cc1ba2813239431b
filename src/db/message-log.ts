/** {@link MessageLog} over the database: the inbound dedup log and the outbound delivery log. */
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core';
import type { OutboundMessage } from '../core/messages.js';
import type { InboundEntry, MessageLog, OutboundStatus } from '../core/ports.js';
import { InboundLog, OutboundLog, type OutboundLogRow } from './entities.js';

/** Logs messages in and out; a repeated platform message id is reported as a duplicate by the unique key. */
export class SqlMessageLog implements MessageLog {
  constructor(private readonly orm: MikroORM) {}

  async recordInbound(entry: InboundEntry): Promise<{ id: string; duplicate: boolean }> {
    const id = randomUUID();
    try {
      await this.orm.em.fork().insert(InboundLog, {
        id,
        channel: entry.channel,
        platformMessageId: entry.messageId ?? null,
        userId: entry.userId,
        receivedAt: entry.receivedAt,
      });
      return { id, duplicate: false };
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) return { id, duplicate: true };
      throw err;
    }
  }

  async forgetInbound(id: string): Promise<void> {
    await this.orm.em.fork().nativeDelete(InboundLog, { id });
  }

  async recordOutbound(messages: OutboundMessage[], status: OutboundStatus, at: Date): Promise<string[]> {
    if (!messages.length) return [];
    const rows = messages.map((m) => ({
      id: randomUUID(),
      userId: m.userId ?? null,
      channel: m.channel,
      address: m.address,
      kind: m.kind,
      payload: m.reply as unknown as Record<string, unknown>,
      status,
      attempts: status === 'sent' ? 1 : 0,
      lastError: null,
      createdAt: at,
      updatedAt: at,
    }));
    await this.orm.em.fork().insertMany(OutboundLog, rows);
    return rows.map((r) => r.id);
  }

  async markOutbound(id: string, status: OutboundStatus, at: Date, error?: string): Promise<void> {
    const em = this.orm.em.fork();
    const row = await em.findOne(OutboundLog, { id }, { fields: ['attempts'] });
    await em.nativeUpdate(
      OutboundLog,
      { id },
      { status, updatedAt: at, attempts: (row?.attempts ?? 0) + 1, lastError: error?.slice(0, 2000) ?? null },
    );
  }

  /** Outbound messages in a status, newest first (failed deliveries are kept and shown to operators). */
  async listOutbound(status: OutboundStatus, limit = 50): Promise<OutboundLogRow[]> {
    return this.orm.em.fork().find(OutboundLog, { status }, { orderBy: { createdAt: 'desc' }, limit });
  }

  /** How many outbound messages are in each status. */
  async countOutbound(): Promise<Record<string, number>> {
    const em = this.orm.em.fork();
    const out: Record<string, number> = {};
    for (const status of ['queued', 'sent', 'failed', 'undeliverable'] as const) out[status] = await em.count(OutboundLog, { status });
    return out;
  }
}
