/** Conversation scripts: send a turn, get the replies and the persisted state back, so each turn can assert both. */
import type { Engine } from '../../src/core/engine.js';
import type { InboundMessage, Reply } from '../../src/core/messages.js';
import type { ConversationState } from '../../src/core/ports.js';
import type { App } from '../../src/app.js';
import { SqlConversationStore } from '../../src/db/conversation-store.js';

/** One turn's outcome. */
export interface Turn {
  replies: Reply[];
  /** All reply texts joined, for `toContain` checks. */
  text: string;
  state: ConversationState | null;
  userId: string;
  duplicate: boolean;
}

let seq = 0;

/** A resident talking to `app` on one channel. */
export function resident(app: App, address = `web-user-${Date.now()}-${seq++}`, channel: InboundMessage['channel'] = 'web') {
  const store = new SqlConversationStore(app.orm);
  const engine: Engine = app.engine;
  return {
    address,
    async send(input: string | Partial<InboundMessage>): Promise<Turn> {
      const msg: InboundMessage = {
        channel,
        address,
        messageId: `m-${Date.now()}-${seq++}`,
        receivedAt: new Date(),
        ...(typeof input === 'string' ? { text: input } : input),
      };
      const result = await engine.handle(msg);
      return {
        replies: result.replies,
        text: result.replies.map((r) => r.text).join('\n'),
        state: await store.load(result.userId),
        userId: result.userId,
        duplicate: result.duplicate,
      };
    },
  };
}
