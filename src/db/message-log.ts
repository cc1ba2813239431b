/** {@link MessageLog} over the database: the inbound dedup log and the outbound delivery log. */
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { ChannelName, OutboundMessage } from '../core/messages.js';
import type { MessageLog, OutboundStatus, TurnCommit } from '../core/ports.js';
import { conversationStatement } from './conversation-store.js';
import { OutboundLog, type OutboundLogRow } from './entities.js';
import { isUniqueViolation, Sql, type Statement } from './sql.js';

/** Logs messages in and out; a repeated platform message id is reported as a duplicate by the unique key. */
export class SqlMessageLog implements MessageLog {
  private readonly sql: Sql;

  constructor(private readonly orm: MikroORM) {
    this.sql = new Sql(orm);
  }

  async isProcessed(channel: ChannelName, messageId: string): Promise<boolean> {
    const rows = await this.sql.all('select 1 as hit from inbound_messages where channel = ? and platform_message_id = ? limit 1', [channel, messageId]);
    return rows.length > 0;
  }

  async commitTurn(turn: TurnCommit): Promise<{ duplicate: boolean; outboundIds: string[] }> {
    const rows = this.outboundRows(turn.outbound, turn.outboundStatus, turn.at);
    const { inbound, state } = turn;
    const statements: Statement[] = [
      {
        sql: 'insert into inbound_messages (id, channel, platform_message_id, user_id, received_at) values (?, ?, ?, ?, ?)',
        params: [randomUUID(), inbound.channel, inbound.messageId ?? null, inbound.userId, this.sql.date(inbound.receivedAt)],
      },
    ];
    if (state !== undefined) statements.push(conversationStatement(this.sql, inbound.userId, state, turn.at));
    if (rows.length) {
      const at = this.sql.date(turn.at);
      statements.push({
        sql: `insert into outbound_messages (id, user_id, channel, address, kind, payload, status, attempts, last_error, created_at, updated_at) values ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        params: rows.flatMap((r) => [r.id, r.userId, r.channel, r.address, r.kind, this.sql.json(r.payload), r.status, r.attempts, null, at, at]),
      });
    }
    try {
      await this.sql.atomically(statements);
    } catch (err) {
      // Another process committed this platform message first: its turn stands, ours is dropped whole.
      if (isUniqueViolation(err)) return { duplicate: true, outboundIds: [] };
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
    await this.sql.run('update outbound_messages set status = ?, updated_at = ?, attempts = attempts + 1, last_error = ? where id = ?', [
      status,
      this.sql.date(at),
      error?.slice(0, 2000) ?? null,
      id,
    ]);
  }

  /** Outbound messages in a status, newest first (failed deliveries are kept and shown to operators). */
  async listOutbound(status: OutboundStatus, limit = 50): Promise<OutboundLogRow[]> {
    return this.orm.em.fork().find(OutboundLog, { status }, { orderBy: { createdAt: 'desc' }, limit });
  }

  /**
   * Messages logged as queued before `before` (a process died between committing a turn and handing its replies
   * to the queue), oldest first, for the worker to enqueue again at start-up.
   */
  async strandedQueued(before: Date, limit = 1000): Promise<OutboundLogRow[]> {
    return this.orm.em.fork().find(OutboundLog, { status: 'queued', createdAt: { $lt: before } }, { orderBy: { createdAt: 'asc' }, limit });
  }

  /** How many outbound messages are in each status. */
  async countOutbound(): Promise<Record<string, number>> {
    const em = this.orm.em.fork();
    const out: Record<string, number> = {};
    for (const status of ['queued', 'sent', 'failed', 'undeliverable'] as const) out[status] = await em.count(OutboundLog, { status });
    return out;
  }
}
