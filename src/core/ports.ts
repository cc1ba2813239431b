/**
 * The ports the engine needs from the outside world. `src/db`, `src/redis` and `src/jobs` implement them;
 * tests may implement them too. Core never imports a database, Redis or queue library.
 */
import type { ChannelName, Choice, OutboundMessage } from './messages.js';
import type { Locale } from './i18n.js';

/** A resident as the engine sees them, resolved from a channel identity. */
export interface ResolvedUser {
  userId: string;
  identityId: string;
  locale: Locale;
  /** The channel said this identity can no longer be reached (blocked the bot, not on WhatsApp). */
  unreachable: boolean;
  isNew: boolean;
}

/** Finds or creates the user behind a channel identity. One person may have several identities. */
export interface UserDirectory {
  resolve(channel: ChannelName, address: string, hints: { displayName?: string; locale: Locale }): Promise<ResolvedUser>;
  setLocale(userId: string, locale: Locale): Promise<void>;
}

/** Where a resident is in a conversation. Persisted, never kept in process memory. */
export interface ConversationState {
  /** The active flow's name, or `null` when only the last choices are remembered. */
  flow: string | null;
  step: string;
  data: Record<string, unknown>;
  /** The choices last offered, so "2" or an option's words pick one on any channel. */
  choices?: Choice[];
  expiresAt: Date;
}

/** Loads and saves conversation state per user. */
export interface ConversationStore {
  load(userId: string): Promise<ConversationState | null>;
  save(userId: string, state: ConversationState | null): Promise<void>;
}

/** A row in the inbound log. No message text is stored: it may hold health data. */
export interface InboundEntry {
  channel: ChannelName;
  messageId?: string;
  userId: string;
  receivedAt: Date;
}

/** Delivery state of an outbound message. */
export type OutboundStatus = 'queued' | 'sent' | 'failed' | 'undeliverable';

/** Everything one turn changes, written together so a crash never leaves half a turn behind. */
export interface TurnCommit {
  inbound: InboundEntry;
  /** The state to keep; `undefined` leaves the stored state as it is. */
  state: ConversationState | null | undefined;
  outbound: OutboundMessage[];
  outboundStatus: OutboundStatus;
  at: Date;
}

/** Records what came in and what went out. */
export interface MessageLog {
  /** Whether this platform message id was already handled on this channel. */
  isProcessed(channel: ChannelName, messageId: string): Promise<boolean>;
  /**
   * Writes a turn in one transaction: the inbound record, the conversation state and the outbound log.
   * `duplicate` when another process committed the same platform message id first (then nothing is written).
   */
  commitTurn(turn: TurnCommit): Promise<{ duplicate: boolean; outboundIds: string[] }>;
  /** Logs outbound messages that are not replies (reminders, alerts) and returns their ids, in order. */
  recordOutbound(messages: OutboundMessage[], status: OutboundStatus, at: Date): Promise<string[]>;
  markOutbound(id: string, status: OutboundStatus, at: Date, error?: string): Promise<void>;
}

/**
 * The door every message of a user passes: one at a time across every Pintu process (so a user's messages are
 * handled in order), counted in fixed time windows for rate limiting. One port for both because both are one
 * round trip to the shared store.
 */
export interface UserGate {
  /** Runs `work` holding the user's turn; `hits` is how many messages the user sent in this window of `windowMs`, this one included. */
  run<T>(userId: string, rate: { windowMs: number; now: Date }, work: (hits: number) => Promise<T>): Promise<T>;
}

/** Hands outbound messages (already logged under `logIds`) to the outbox queue. */
export interface Outbox {
  enqueue(messages: OutboundMessage[], logIds: string[]): Promise<void>;
}

/** Counters the engine reports; `src/observability` implements them with prom-client. */
export interface EngineMetrics {
  inbound(channel: ChannelName): void;
  outbound(channel: ChannelName, count: number): void;
  handled(channel: ChannelName, seconds: number): void;
  failed(channel: ChannelName): void;
}

/** The minimal structured logger the engine uses (pino-compatible). */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** Delivers replies on one channel; channel adapters implement it, the outbox worker calls it. */
export interface ChannelSender {
  readonly channel: ChannelName;
  /** Sends one reply; throws {@link DeliveryRetryLater} or {@link Undeliverable} (from `errors.ts`) when it applies. */
  send(address: string, reply: import('./messages.js').Reply): Promise<void>;
}
