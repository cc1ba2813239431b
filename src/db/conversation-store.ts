/** {@link ConversationStore} over the database: one row per user with an active conversation. */
import type { MikroORM } from '@mikro-orm/core';
import type { ConversationState, ConversationStore } from '../core/ports.js';
import { Conversation } from './entities.js';

/** Persists conversation state so any Pintu process can continue any conversation. */
export class SqlConversationStore implements ConversationStore {
  constructor(private readonly orm: MikroORM) {}

  async load(userId: string): Promise<ConversationState | null> {
    const row = await this.orm.em.fork().findOne(Conversation, { userId });
    if (!row) return null;
    return {
      flow: row.flow ?? null,
      step: row.step,
      data: row.data ?? {},
      choices: row.choices ?? undefined,
      expiresAt: new Date(row.expiresAt),
    };
  }

  async save(userId: string, state: ConversationState | null): Promise<void> {
    const em = this.orm.em.fork();
    if (!state) {
      await em.nativeDelete(Conversation, { userId });
      return;
    }
    await em.upsert(Conversation, conversationRow(userId, state, new Date()));
  }
}

/** The `conversations` row for a user's state (shared with the turn commit in `message-log.ts`). */
export function conversationRow(userId: string, state: ConversationState, at: Date) {
  return {
    userId,
    flow: state.flow,
    step: state.step,
    data: state.data,
    choices: state.choices ?? null,
    expiresAt: state.expiresAt,
    updatedAt: at,
  };
}
