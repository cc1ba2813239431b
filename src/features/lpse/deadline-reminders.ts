/**
 * Reminders before the offer-upload deadline of followed tenders: at 07:00 WIB three days before ("H-3") and the
 * day before ("H-1"), and three hours before. A sweep runs every few minutes; it sends the latest reminder that is
 * due, only if the vendor was already following when it fell due (someone who follows two hours before the
 * deadline is not told "three days left"), and the alert table makes each one go once. A moved deadline makes
 * new reminders (the key is the deadline).
 */
import { inWib } from '../../core/clock.js';
import type { AlertSender, ReminderKind, ReminderNotice } from './alert-sender.js';
import type { LpseRepository } from './repository.js';

/** When each reminder falls due for `deadline`, in the order they fall due. */
export function reminderTimes(deadline: Date, morningHour = 7): { kind: ReminderKind; at: Date }[] {
  const day = inWib(deadline).startOf('day').set({ hour: morningHour });
  const times = [
    { kind: 'h3' as const, at: day.minus({ days: 3 }).toJSDate() },
    { kind: 'h1' as const, at: day.minus({ days: 1 }).toJSDate() },
    { kind: 'h3h' as const, at: new Date(deadline.getTime() - 3 * 3600_000) },
  ];
  return times.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The reminder to send at `now` for a deadline followed at `followedAt`, if any. */
export function dueReminder(deadline: Date, followedAt: Date, now: Date, morningHour = 7): ReminderKind | undefined {
  if (now.getTime() >= deadline.getTime()) return undefined;
  const latest = reminderTimes(deadline, morningHour)
    .filter((r) => r.at.getTime() <= now.getTime())
    .at(-1);
  return latest && followedAt.getTime() <= latest.at.getTime() ? latest.kind : undefined;
}

/** Finds due reminders and sends them. */
export class DeadlineReminders {
  constructor(private readonly deps: { repo: LpseRepository; alerts: AlertSender; morningHour?: number }) {}

  /** One sweep at `now`; returns the reminders queued. */
  async sweep(now: Date): Promise<number> {
    // Nothing falls due more than three days and a morning ahead.
    const due = await this.deps.repo.followsDue(now, new Date(now.getTime() + 4 * 24 * 3600_000));
    const notices: ReminderNotice[] = [];
    for (const f of due) {
      const deadline = f.tender.tender.uploadDeadline;
      if (!deadline) continue;
      const kind = dueReminder(deadline, f.followedAt, now, this.deps.morningHour);
      if (kind) notices.push({ contact: f.contact, tender: f.tender.tender, kind, deadline });
    }
    return this.deps.alerts.reminders(notices, now);
  }
}
