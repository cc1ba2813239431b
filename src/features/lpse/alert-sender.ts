/**
 * Turns matches, changes and deadlines into messages through the outbox, at most once each: every alert is a row
 * (person, tender, kind, key) and only rows that were not there before become messages.
 *
 * New-tender alerts respect the vendor's wishes and sleep: at most `dailyCap` a WIB day (the rest wait for the
 * 07:00 digest, and the alert that reaches the cap says so), all of them in the digest when the vendor chose it,
 * and none in the quiet hours (they are delayed to the morning). Changes to tenders a vendor follows and deadline
 * reminders are time-critical and go at once.
 */
import type { ContactRef } from '../../core/contact.js';
import type { I18n, Translate } from '../../core/i18n.js';
import type { Choice, OutboundMessage } from '../../core/messages.js';
import { inWib } from '../../core/clock.js';
import type { StoredTender, TenderChangeKind } from './model.js';
import type { AlertRecord, LpseRepository } from './repository.js';
import type { Tender } from './source/index.js';
import { isForEveryWatcher, type TenderChange } from './tender-changes.js';
import { formatRupiah, formatWib, tenderCard } from './tender-text.js';

/** Delivery rules. */
export interface AlertSettings {
  /** New-tender alerts per vendor per WIB day before the rest wait for the digest. */
  dailyCap: number;
  /** Hour (WIB) of the daily digest. */
  digestHour: number;
  /** New-tender alerts only between these hours (WIB), [start, end); outside they are delayed to `start`. */
  allowedHours: [number, number];
  /** Most tenders listed in one digest message. */
  digestMax: number;
}

/** Defaults: 10 alerts a day, digest at 07:00, nothing new between 21:00 and 06:00. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = { dailyCap: 10, digestHour: 7, allowedHours: [6, 21], digestMax: 10 };

/** A new tender and who asked for it (with the subscription that matched, for its "stop" button). */
export interface NewTenderMatch {
  tender: Tender;
  recipients: { contact: ContactRef; digest: boolean; subscriptionId: string }[];
}

/** A change and who watches the tender. */
export interface ChangeNotice {
  change: TenderChange;
  tender: Tender;
  /** When the change is a re-tender under a new code: the new package. */
  replacement?: Tender;
  watchers: { contact: ContactRef; following: boolean }[];
}

/** Which reminder before the upload deadline. */
export type ReminderKind = 'h3' | 'h1' | 'h3h';

/** A deadline reminder due now. */
export interface ReminderNotice {
  contact: ContactRef;
  tender: Tender;
  kind: ReminderKind;
  deadline: Date;
}

/** The WIB calendar day of `now`, "YYYY-MM-DD". */
export function wibDayOf(now: Date): string {
  return inWib(now).toISODate()!;
}

/** Sends LPSE alerts; see the module comment. */
export class AlertSender {
  readonly settings: AlertSettings;

  constructor(
    private readonly deps: {
      repo: LpseRepository;
      i18n: I18n;
      notify(messages: OutboundMessage[]): Promise<unknown>;
      settings?: Partial<AlertSettings>;
    },
  ) {
    this.settings = { ...DEFAULT_ALERT_SETTINGS, ...deps.settings };
  }

  /** Delay that moves a routine message out of the quiet hours. */
  private quietDelay(now: Date): number {
    const local = inWib(now);
    const [from, to] = this.settings.allowedHours;
    if (local.hour >= from && local.hour < to) return 0;
    const morning = (local.hour >= to ? local.plus({ days: 1 }) : local).set({ hour: from, minute: 0, second: 0, millisecond: 0 });
    return morning.toMillis() - now.getTime();
  }

  private t(contact: ContactRef): Translate {
    return this.deps.i18n.forLocale(contact.locale);
  }

  private message(contact: ContactRef, text: string, choices: Choice[] = [], delayMs = 0, kind: OutboundMessage['kind'] = 'alert'): OutboundMessage {
    return { channel: contact.channel, address: contact.address, userId: contact.userId, kind, reply: { text, ...(choices.length && { choices }) }, ...(delayMs > 0 && { delayMs }) };
  }

  /**
   * Queues `messages`; when that fails, the alert rows that stood for them are removed again, so the next round or
   * sweep sends them instead of taking them for already sent.
   */
  private async deliver(messages: OutboundMessage[], records: AlertRecord[]): Promise<number> {
    if (!messages.length) return 0;
    try {
      await this.deps.notify(messages);
    } catch (err) {
      await this.deps.repo.forgetAlerts(records);
      throw err;
    }
    return messages.length;
  }

  /** Alerts for new tenders; returns how many messages were queued (held ones wait for the digest). */
  async newTenders(matches: NewTenderMatch[], now: Date): Promise<number> {
    const day = wibDayOf(now);
    const byUser = new Map<string, { contact: ContactRef; digest: boolean; items: { tender: Tender; subscriptionId: string }[] }>();
    for (const match of matches) {
      for (const r of match.recipients) {
        const entry = byUser.get(r.contact.userId) ?? { contact: r.contact, digest: r.digest, items: [] };
        // Two subscriptions of one vendor matching the same tender make one alert.
        if (!entry.items.some((i) => i.tender.kode === match.tender.kode)) entry.items.push({ tender: match.tender, subscriptionId: r.subscriptionId });
        byUser.set(r.contact.userId, entry);
      }
    }
    if (!byUser.size) return 0;
    const counts = await this.deps.repo.sentCounts([...byUser.keys()], day);
    const records: AlertRecord[] = [];
    const pending = new Map<string, { contact: ContactRef; tender: Tender; subscriptionId: string; capReached: boolean }>();
    for (const [userId, entry] of byUser) {
      let sent = counts.get(userId) ?? 0;
      for (const item of entry.items) {
        const send = !entry.digest && sent < this.settings.dailyCap;
        records.push({ userId, kode: item.tender.kode, kind: 'new', key: 'new', day, status: send ? 'sent' : 'held' });
        if (send) {
          sent++;
          pending.set(`${userId} ${item.tender.kode}`, { contact: entry.contact, tender: item.tender, subscriptionId: item.subscriptionId, capReached: sent === this.settings.dailyCap });
        }
      }
    }
    const stored = await this.deps.repo.recordAlerts(records, now);
    const delayMs = this.quietDelay(now);
    const messages: OutboundMessage[] = [];
    const sentRows = stored.filter((row) => row.status === 'sent');
    // One card per tender and language, however many vendors get it.
    const cards = new Map<string, string>();
    for (const row of sentRows) {
      const item = pending.get(`${row.userId} ${row.kode}`)!;
      const t = this.t(item.contact);
      const cardKey = `${item.tender.kode} ${item.contact.locale}`;
      let card = cards.get(cardKey);
      if (card === undefined) {
        card = tenderCard(item.tender, t, item.contact.locale);
        cards.set(cardKey, card);
      }
      const lines = [t('lpse.alert.new'), card];
      if (item.capReached) lines.push(t('lpse.alert.cap_reached', { cap: this.settings.dailyCap, hour: String(this.settings.digestHour).padStart(2, '0') }));
      messages.push(
        this.message(
          item.contact,
          lines.join('\n\n'),
          [
            { label: t('lpse.button.follow'), value: `lpse:follow:${item.tender.kode}` },
            { label: t('lpse.button.stop_subscription'), value: `lpse:unsub:${item.subscriptionId}` },
          ],
          delayMs,
        ),
      );
    }
    return this.deliver(messages, sentRows);
  }

  /** Tells watchers about changes; plain stage changes go to followers only. Returns the messages queued. */
  async changes(notices: ChangeNotice[], now: Date): Promise<number> {
    const day = wibDayOf(now);
    const records: AlertRecord[] = [];
    const byKey = new Map<string, { contact: ContactRef; notice: ChangeNotice }>();
    for (const notice of notices) {
      for (const w of notice.watchers) {
        if (!isForEveryWatcher(notice.change.kind) && !w.following) continue;
        const record: AlertRecord = { userId: w.contact.userId, kode: notice.change.kode, kind: notice.change.kind, key: notice.change.key, day, status: 'sent' };
        records.push(record);
        byKey.set(alertKey(record), { contact: w.contact, notice });
      }
    }
    if (!records.length) return 0;
    const stored = await this.deps.repo.recordAlerts(records, now);
    const messages = stored.map((row) => {
      const { contact, notice } = byKey.get(alertKey(row))!;
      return this.message(contact, this.changeText(notice, this.t(contact), contact), this.changeChoices(notice, this.t(contact)));
    });
    return this.deliver(messages, stored);
  }

  private changeText(notice: ChangeNotice, t: Translate, contact: ContactRef): string {
    const { change, tender } = notice;
    const vars = { name: tender.name, kode: tender.kode, url: tender.url, before: change.before ?? '', after: change.after ?? '' };
    if (change.kind === 'retender' && notice.replacement) {
      return t('lpse.alert.retender_new', { ...vars, newKode: notice.replacement.kode, card: tenderCard(notice.replacement, t, contact.locale) });
    }
    if (change.kind === 'schedule') {
      const field = change.key.startsWith('uploadDeadline') ? t('lpse.field.upload') : t('lpse.field.register');
      return t('lpse.alert.schedule', { ...vars, field, before: formatWib(new Date(change.before!), contact.locale), after: formatWib(new Date(change.after!), contact.locale) });
    }
    return t(`lpse.alert.${change.kind as Exclude<TenderChangeKind, 'new' | 'schedule'>}`, vars);
  }

  private changeChoices(notice: ChangeNotice, t: Translate): Choice[] {
    if (notice.change.kind === 'retender' && notice.replacement) return [{ label: t('lpse.button.follow_new'), value: `lpse:follow:${notice.replacement.kode}` }];
    return [];
  }

  /** Sends upload-deadline reminders that are due; returns the messages queued. */
  async reminders(notices: ReminderNotice[], now: Date): Promise<number> {
    const day = wibDayOf(now);
    const records = notices.map((n): AlertRecord => ({ userId: n.contact.userId, kode: n.tender.kode, kind: `reminder_${n.kind}`, key: n.deadline.toISOString(), day, status: 'sent' }));
    if (!records.length) return 0;
    const byKey = new Map(notices.map((n, i) => [alertKey(records[i]!), n]));
    const stored = await this.deps.repo.recordAlerts(records, now);
    const messages = stored.map((row) => {
      const n = byKey.get(alertKey(row))!;
      const t = this.t(n.contact);
      return this.message(n.contact, t(`lpse.reminder.${n.kind}`, { name: n.tender.name, at: formatWib(n.deadline, n.contact.locale), url: n.tender.url, kode: n.tender.kode }), [
        { label: t('lpse.button.unfollow'), value: `lpse:unfollow:${n.tender.kode}` },
      ], 0, 'reminder');
    });
    return this.deliver(messages, stored);
  }

  /** The daily digest: one message per vendor with their held alerts for tenders still open. Returns messages queued. */
  async digest(load: (kodes: string[]) => Promise<StoredTender[]>): Promise<number> {
    const held = await this.deps.repo.heldAlerts();
    const messages: OutboundMessage[] = [];
    for (const [, { vendor, kodes }] of held) {
      const tenders = (await load(kodes)).filter((s) => s.open).map((s) => s.tender);
      if (!tenders.length) continue;
      const { contact } = vendor;
      const t = this.t(contact);
      const shown = tenders.slice(0, this.settings.digestMax);
      const lines = [t('lpse.digest.title', { count: tenders.length })];
      shown.forEach((tender, i) => lines.push(digestLine(tender, i + 1, t, contact)));
      if (tenders.length > shown.length) lines.push(t('lpse.digest.more', { count: tenders.length - shown.length }));
      lines.push(t('lpse.digest.follow_hint'));
      messages.push(this.message(contact, lines.join('\n\n')));
    }
    if (messages.length) await this.deps.notify(messages);
    // Marked only once queued: a digest that could not be queued is sent by the next run.
    for (const [userId, { kodes }] of held) await this.deps.repo.markDigested(userId, kodes);
    return messages.length;
  }

}

function alertKey(r: Pick<AlertRecord, 'userId' | 'kode' | 'kind' | 'key'>): string {
  return `${r.userId} ${r.kode} ${r.kind} ${r.key}`;
}

function digestLine(tender: Tender, n: number, t: Translate, contact: ContactRef): string {
  const facts = [tender.hps !== undefined ? formatRupiah(tender.hps, contact.locale) : undefined, tender.registrationDeadline ? t('lpse.card.register_until', { at: formatWib(tender.registrationDeadline, contact.locale) }) : undefined];
  return [`${n}. ${tender.name}`, facts.filter(Boolean).join(' · '), t('lpse.card.code', { kode: tender.kode }), tender.url].filter(Boolean).join('\n');
}
