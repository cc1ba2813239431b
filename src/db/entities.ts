/**
 * The foundation's tables: residents, their channel identities, conversation state, and the message logs.
 * Defined with `defineEntity` because decorator metadata is lost under tsx.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A resident. One person may reach Pintu on several channels (see {@link ChannelIdentity}). */
export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    locale: p.string().length(8),
    displayName: p.string().length(200).nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
/** A row of {@link User}. */
export type UserRow = InferEntity<typeof User>;

/** A resident's address on one channel (Telegram chat id, WhatsApp JID, web user id). */
export const ChannelIdentity = defineEntity({
  name: 'ChannelIdentity',
  tableName: 'channel_identities',
  properties: {
    id: p.uuid().primary(),
    user: p.manyToOne(User).deleteRule('cascade'),
    channel: p.string().length(16),
    address: p.string().length(200),
    unreachable: p.boolean().default(false),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
  },
  uniques: [{ properties: ['channel', 'address'] }],
});
/** A row of {@link ChannelIdentity}. */
export type ChannelIdentityRow = InferEntity<typeof ChannelIdentity>;

/** Where a resident is in a conversation (one row per user; absent when idle). */
export const Conversation = defineEntity({
  name: 'Conversation',
  tableName: 'conversations',
  properties: {
    userId: p.uuid().primary(),
    flow: p.string().length(64).nullable(),
    step: p.string().length(64),
    data: p.json<Record<string, unknown>>(),
    choices: p.json<{ label: string; value: string }[]>().nullable(),
    expiresAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
/** A row of {@link Conversation}. */
export type ConversationRow = InferEntity<typeof Conversation>;

/** One processed inbound message; the unique key makes each platform message id count once. No text is kept. */
export const InboundLog = defineEntity({
  name: 'InboundLog',
  tableName: 'inbound_messages',
  properties: {
    id: p.uuid().primary(),
    channel: p.string().length(16),
    platformMessageId: p.string().length(200).nullable(),
    userId: p.uuid().index(),
    receivedAt: p.datetime(),
  },
  uniques: [{ properties: ['channel', 'platformMessageId'] }],
});
/** A row of {@link InboundLog}. */
export type InboundLogRow = InferEntity<typeof InboundLog>;

/** Every outbound message and what became of it: queued, sent, failed (with the error), undeliverable. */
export const OutboundLog = defineEntity({
  name: 'OutboundLog',
  tableName: 'outbound_messages',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().nullable().index(),
    channel: p.string().length(16),
    address: p.string().length(200),
    kind: p.string().length(16),
    payload: p.json<Record<string, unknown>>(),
    status: p.string().length(16).index(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
/** A row of {@link OutboundLog}. */
export type OutboundLogRow = InferEntity<typeof OutboundLog>;

/** Every entity of the foundation, for the ORM's discovery. Features add theirs to the list in `orm.ts`. */
export const foundationEntities = [User, ChannelIdentity, Conversation, InboundLog, OutboundLog];
