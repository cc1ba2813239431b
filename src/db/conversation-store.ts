/** {@link ConversationStore} over the database: one row per user with an active conversation. */
import type { MikroORM } from '@mikro-orm/core';
import type { Choice } from '../core/messages.js';
import type { ConversationState, ConversationStore } from '../core/ports.js';
import { Sql, type Statement } from './sql.js';

interface ConversationRow {
  flow: string | null;
  step: string;
  data: unknown;
  choices: unknown;
  expires_at: unknown;
}

const UPSERT =
  'insert into conversations (user_id, flow, step, data, choices, expires_at, updated_at) values (?, ?, ?, ?, ?, ?, ?) ' +
  'on conflict (user_id) do update set flow = excluded.flow, step = excluded.step, data = excluded.data, ' +
  'choices = excluded.choices, expires_at = excluded.expires_at, updated_at = excluded.updated_at';

/** Persists conversation state so any Pintu process can continue any conversation. */
export class SqlConversationStore implements ConversationStore {
  private readonly sql: Sql;

  constructor(orm: MikroORM) {
    this.sql = new Sql(orm);
  }

  async load(userId: string): Promise<ConversationState | null> {
    const [row] = await this.sql.all<ConversationRow>('select flow, step, data, choices, expires_at from conversations where user_id = ?', [userId]);
    if (!row) return null;
    return {
      flow: row.flow ?? null,
      step: row.step,
      data: this.sql.readJson<Record<string, unknown>>(row.data) ?? {},
      choices: this.sql.readJson<Choice[]>(row.choices) ?? undefined,
      expiresAt: this.sql.readDate(row.expires_at),
    };
  }

  async save(userId: string, state: ConversationState | null): Promise<void> {
    const st = conversationStatement(this.sql, userId, state, new Date());
    await this.sql.run(st.sql, st.params);
  }
}

/** The statement that writes (or, for `null`, deletes) a user's state; shared with the turn commit in `message-log.ts`. */
export function conversationStatement(sql: Sql, userId: string, state: ConversationState | null, at: Date): Statement {
  if (!state) return { sql: 'delete from conversations where user_id = ?', params: [userId] };
  return {
    sql: UPSERT,
    params: [userId, state.flow, state.step, sql.json(state.data), sql.json(state.choices ?? null), sql.date(state.expiresAt), sql.date(at)],
  };
}
