/** {@link UserDirectory} over the database: channel identities point at users. */
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core';
import type { Locale } from '../core/i18n.js';
import type { ChannelName } from '../core/messages.js';
import type { ResolvedUser, UserDirectory } from '../core/ports.js';
import { ChannelIdentity, User } from './entities.js';

/** Finds the user behind a channel address, creating both on first contact. Safe with concurrent first messages. */
export class SqlUserDirectory implements UserDirectory {
  constructor(private readonly orm: MikroORM) {}

  async resolve(channel: ChannelName, address: string, hints: { displayName?: string; locale: Locale }): Promise<ResolvedUser> {
    const found = await this.find(channel, address);
    if (found) return found;
    const em = this.orm.em.fork();
    const now = new Date();
    const userId = randomUUID();
    const identityId = randomUUID();
    try {
      await em.transactional(async (tx) => {
        await tx.insert(User, { id: userId, locale: hints.locale, displayName: hints.displayName?.slice(0, 200) ?? null, createdAt: now, updatedAt: now });
        await tx.insert(ChannelIdentity, { id: identityId, user: userId, channel, address, unreachable: false, createdAt: now, lastSeenAt: now });
      });
    } catch (err) {
      // Another process created this identity between our read and our insert: use theirs.
      if (err instanceof UniqueConstraintViolationException) {
        const theirs = await this.find(channel, address);
        if (theirs) return theirs;
      }
      throw err;
    }
    return { userId, identityId, locale: hints.locale, unreachable: false, isNew: true };
  }

  async setLocale(userId: string, locale: Locale): Promise<void> {
    await this.orm.em.fork().nativeUpdate(User, { id: userId }, { locale, updatedAt: new Date() });
  }

  /** Marks an identity the channel can no longer reach (blocked the bot, not on WhatsApp). */
  async markUnreachable(channel: ChannelName, address: string): Promise<void> {
    await this.orm.em.fork().nativeUpdate(ChannelIdentity, { channel, address }, { unreachable: true });
  }

  /** Whether the channel said this address can't be reached; unknown addresses count as reachable. */
  async isUnreachable(channel: ChannelName, address: string): Promise<boolean> {
    const row = await this.orm.em.fork().findOne(ChannelIdentity, { channel, address }, { fields: ['unreachable'] });
    return row?.unreachable ?? false;
  }

  private async find(channel: ChannelName, address: string): Promise<ResolvedUser | null> {
    const em = this.orm.em.fork();
    const identity = await em.findOne(ChannelIdentity, { channel, address }, { populate: ['user'] });
    if (!identity) return null;
    if (identity.unreachable) {
      // They wrote to us, so they can be reached again.
      await em.nativeUpdate(ChannelIdentity, { id: identity.id }, { unreachable: false, lastSeenAt: new Date() });
    }
    return {
      userId: identity.user.id,
      identityId: identity.id,
      locale: identity.user.locale === 'en' ? 'en' : 'id',
      unreachable: false,
      isNew: false,
    };
  }
}
