/**
 * WhatsApp's tables: the durable Baileys auth state of each linked device ("session"), its creds and its signal
 * keys. Every stored value is encrypted with `FieldCrypto` (it holds the device's private keys). Read and written
 * with plain SQL (`whatsapp-session-store.ts`); the entities exist for the schema and its migrations.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The creds of a session (Baileys' `AuthenticationCreds`): `data` is their JSON, encrypted. */
export const WhatsAppCredsEntity = defineEntity({
  name: 'WhatsAppCredsEntity',
  tableName: 'whatsapp_creds',
  properties: {
    session: p.string().length(64).primary(),
    data: p.text(),
    updatedAt: p.datetime(),
  },
});
/** A row of {@link WhatsAppCredsEntity}. */
export type WhatsAppCredsEntityRow = InferEntity<typeof WhatsAppCredsEntity>;

/**
 * One signal key of a session (a pre-key, a signal session, a sender key, an app-state sync key…): `type` is
 * Baileys' `SignalDataTypeMap` key, `keyId` its id, `data` its JSON, encrypted. The key (session, type, key id)
 * is the primary key; its first column serves "everything of a session" (`clear`). Key ids are text, not a
 * bounded varchar: their shape is Baileys' business (group sender keys join several JIDs).
 */
export const WhatsAppKeyEntity = defineEntity({
  name: 'WhatsAppKeyEntity',
  tableName: 'whatsapp_keys',
  properties: {
    session: p.string().length(64).primary(),
    type: p.string().length(32).primary(),
    keyId: p.text().primary(),
    data: p.text(),
    updatedAt: p.datetime(),
  },
});
/** A row of {@link WhatsAppKeyEntity}. */
export type WhatsAppKeyEntityRow = InferEntity<typeof WhatsAppKeyEntity>;

/** Every entity of the WhatsApp channel, for the ORM's discovery. */
export const whatsappEntities = [WhatsAppCredsEntity, WhatsAppKeyEntity];
