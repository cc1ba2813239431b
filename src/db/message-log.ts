/** {@link MessageLog} over the database: the inbound dedup log and the outbound delivery log. */
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core';
import type { ChannelName, OutboundMessage } from '../core/messages.js';
import type { MessageLog, OutboundStatus, TurnCommit } from '../core/ports.js';
import { conversationRow } from './conversation-store.js';
import { Conversation, InboundLog, OutboundLog, type OutboundLogRow } from './entities.js';

/** Logs messages in and out; a repeated platform message id is reported as a duplicate by the unique key. */
export class SqlMessageLog implements MessageLog {
  constructor(private readonly orm: MikroORM) {}

  async isProcessed(channel: ChannelName, messageId: string): Promise<boolean> {
    return (await this.orm.em.fork().count(InboundLog, { channel, platformMessageId: messageId })) > 0;
  }

  async commitTurn(turn: TurnCommit): Promise<{ duplicate: boolean; outboundIds: string[] }> {
    const rows = this.outboundRows(turn.outbound, turn.outboundStatus, turn.at);
    const { inbound, state } = turn;
    try {
      await this.orm.em.fork().transactional(async (tx) => {
        await tx.insert(InboundLog, {
          id: randomUUID(),
          channel: inbound.channel,
          platformMessageId: inbound.messageId ?? null,
          userId: inbound.userId,
          receivedAt: inbound.receivedAt,
        });
        if (state === null) await tx.nativeDelete(Conversation, { userId: inbound.userId });
        else if (state) await tx.upsert(Conversation, conversationRow(inbound.userId, state, turn.at));
        if (rows.length) await tx.insertMany(OutboundLog, rows);
      });
    } catch (err) {
      // Another process committed this platform message first: its turn stands, ours is dropped whole.
      if (err instanceof UniqueConstraintViolationException) return { duplicate: true, outboundIds: [] };
      throw err;
    }
    return { duplicate: false, outboundIds: rows.map((r) => r.id) };
  }

  async recordOutbound(messages: OutboundMessage[], status: OutboundStatus, at: Date): Promise<string[]> {
    if (!messages.length) return [];
    const rows = this.outboundRows(messages, status, at);
    await this.orm.em.fork().insertMany(OutboundLog, rows);
    return rows.map((r) => r.id);
  }

  private outboundRows(messages: OutboundMessage[], status: OutboundStatus, at: Date) {
    return messages.map((m) => ({
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
