/** {@link UserDirectory} over the database: channel identities point at users. */
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { Locale } from '../core/i18n.js';
import type { ChannelName } from '../core/messages.js';
import type { ResolvedUser, UserDirectory } from '../core/ports.js';
import { isUniqueViolation, Sql } from './sql.js';

interface IdentityJoin {
  identity_id: string;
  user_id: string;
  locale: string;
  unreachable: number | boolean;
}

/** Finds the user behind a channel address, creating both on first contact. Safe with concurrent first messages. */
export class SqlUserDirectory implements UserDirectory {
  private readonly sql: Sql;

  constructor(orm: MikroORM) {
    this.sql = new Sql(orm);
  }

  async resolve(channel: ChannelName, address: string, hints: { displayName?: string; locale: Locale }): Promise<ResolvedUser> {
    const found = await this.find(channel, address);
    if (found) return found;
    const now = this.sql.date(new Date());
    const userId = randomUUID();
    const identityId = randomUUID();
    try {
      await this.sql.atomically([
        {
          sql: 'insert into users (id, locale, display_name, created_at, updated_at) values (?, ?, ?, ?, ?)',
          params: [userId, hints.locale, hints.displayName?.slice(0, 200) ?? null, now, now],
        },
        {
          sql: 'insert into channel_identities (id, user_id, channel, address, unreachable, created_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?)',
          params: [identityId, userId, channel, address, false, now, now],
        },
      ]);
    } catch (err) {
      // Another process created this identity between our read and our insert: use theirs.
      if (isUniqueViolation(err)) {
        const theirs = await this.find(channel, address);
        if (theirs) return theirs;
      }
      throw err;
    }
    return { userId, identityId, locale: hints.locale, unreachable: false, isNew: true };
  }

  async setLocale(userId: string, locale: Locale): Promise<void> {
    await this.sql.run('update users set locale = ?, updated_at = ? where id = ?', [locale, this.sql.date(new Date()), userId]);
  }

  /** Marks an identity the channel can no longer reach (blocked the bot, not on WhatsApp). */
  async markUnreachable(channel: ChannelName, address: string): Promise<void> {
    await this.sql.run('update channel_identities set unreachable = ? where channel = ? and address = ?', [true, channel, address]);
  }

  /** Whether the channel said this address can't be reached; unknown addresses count as reachable. */
  async isUnreachable(channel: ChannelName, address: string): Promise<boolean> {
    const rows = await this.sql.all<{ unreachable: number | boolean }>('select unreachable from channel_identities where channel = ? and address = ?', [channel, address]);
    return Boolean(rows[0]?.unreachable);
  }

  private async find(channel: ChannelName, address: string): Promise<ResolvedUser | null> {
    const [row] = await this.sql.all<IdentityJoin>(
      'select ci.id as identity_id, ci.user_id, ci.unreachable, u.locale from channel_identities ci join users u on u.id = ci.user_id where ci.channel = ? and ci.address = ?',
      [channel, address],
    );
    if (!row) return null;
    if (row.unreachable) {
      // They wrote to us, so they can be reached again.
      await this.sql.run('update channel_identities set unreachable = ?, last_seen_at = ? where id = ?', [false, this.sql.date(new Date()), row.identity_id]);
    }
    return { userId: row.user_id, identityId: row.identity_id, locale: row.locale === 'en' ? 'en' : 'id', unreachable: false, isNew: false };
  }
}
