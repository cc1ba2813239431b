/**
 * Plans one day's routine reminders from the database: for every active registration, the visit due in exactly 7
 * or 1 days (configurable), not done, at most one message per person per day, delivered through the outbox at
 * 07:00 WIB (later in the day if the planner runs late; never in the quiet hours 21:00–06:00). Running it twice
 * sends nothing twice: the reminder table allows one row per person and day, and only new rows become messages.
 * No job waits in the queue for months: each day's messages are made that morning.
 */
import type { I18n } from '../../core/i18n.js';
import type { OutboundMessage } from '../../core/messages.js';
import { inWib } from '../../core/clock.js';
import { carePlan, reminderFor } from './care-plan.js';
import { formatDate, wibToday } from './dates.js';
import type { PlannedReminder, SiskiaProfile, SiskiaRepository } from './model.js';
import { visitName } from './visit-text.js';

/** When and how often routine reminders go out. */
export interface ReminderSettings {
  /** Hour (WIB) routine reminders are sent. Default 7. */
  hour: number;
  /** Days before a visit to remind. Default [7, 1]. */
  daysBefore: number[];
  /** Routine messages only between these hours (WIB): [start, end). Default [6, 21]. */
  allowedHours: [number, number];
}

/** The defaults from DESIGN §4. */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { hour: 7, daysBefore: [7, 1], allowedHours: [6, 21] };

/** What a planning run did. */
export interface PlanResult {
  day: string;
  considered: number;
  planned: number;
  /** Registrations whose dates could not be planned (an unfinished registration). */
  unplannable: number;
  /** Registrations whose stored health data could not be decrypted (a missing key or a damaged row): skipped. */
  unreadable: number;
  /** The run was in the quiet hours: nothing planned. */
  quiet: boolean;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const BATCH = 1000;

/** Plans reminders; the BullMQ job scheduler in `src/jobs` calls {@link planDay}. */
export class ReminderPlanner {
  private readonly settings: ReminderSettings;

  constructor(
    private readonly deps: {
      repo: SiskiaRepository;
      i18n: I18n;
      notify(messages: OutboundMessage[]): Promise<unknown>;
      settings?: ReminderSettings;
    },
  ) {
    this.settings = deps.settings ?? DEFAULT_REMINDER_SETTINGS;
  }

  /** Plans and queues the reminders of `now`'s WIB day. */
  async planDay(now: Date): Promise<PlanResult> {
    const day = wibToday(now);
    const local = inWib(now);
    const [from, to] = this.settings.allowedHours;
    const result: PlanResult = { day, considered: 0, planned: 0, unplannable: 0, unreadable: 0, quiet: false };
    if (local.hour < from - 1 || local.hour >= to) return { ...result, quiet: true };
    const sendAt = local.set({ hour: Math.max(this.settings.hour, from), minute: 0, second: 0, millisecond: 0 });
    const delayMs = Math.max(0, sendAt.toMillis() - now.getTime());

    let after = NIL_UUID;
    for (;;) {
      let lastUnreadable: string | undefined;
      const batch = await this.deps.repo.activeBatch(after, BATCH, (userId) => {
        result.unreadable++;
        lastUnreadable = userId;
      });
      // Ids come in order: the page ends at the later of the last readable and the last unreadable record.
      const last = [batch.at(-1)?.userId, lastUnreadable].filter((x): x is string => x !== undefined).sort().at(-1);
      if (!last) break;
      after = last;
      result.considered += batch.length;
      const wanted: PlannedReminder[] = [];
      const byUser = new Map<string, { profile: SiskiaProfile; text: string }>();
      for (const profile of batch) {
        let found;
        try {
          found = reminderFor(carePlan(profile.record, day), day, this.settings.daysBefore);
        } catch {
          result.unplannable++;
          continue;
        }
        if (!found) continue;
        const { visit, daysBefore } = found;
        wanted.push({ userId: profile.userId, day, code: visit.code, ...(visit.childId ? { childId: visit.childId } : {}), daysBefore });
        const t = this.deps.i18n.forLocale(profile.contact.locale);
        const text = t(daysBefore === 1 ? 'siskia.reminder.tomorrow' : 'siskia.reminder.week', {
          visit: visitName(visit, profile, t, profile.contact.locale),
          date: formatDate(visit.date, profile.contact.locale),
          days: daysBefore,
        });
        byUser.set(profile.userId, { profile, text });
      }
      if (!wanted.length) continue;
      const stored = await this.deps.repo.recordReminders(wanted);
      const messages: OutboundMessage[] = stored.map((r) => {
        const { profile, text } = byUser.get(r.userId)!;
        const t = this.deps.i18n.forLocale(profile.contact.locale);
        return {
          channel: profile.contact.channel,
          address: profile.contact.address,
          userId: profile.userId,
          kind: 'reminder',
          delayMs,
          reply: { text, choices: [{ label: t('siskia.reminder.done'), value: 'siskia:done' }, { label: t('siskia.reminder.move'), value: 'siskia:move' }] },
        };
      });
      if (messages.length) await this.deps.notify(messages);
      result.planned += messages.length;
    }
    return result;
  }
}
