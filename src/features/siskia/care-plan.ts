/**
 * A registration's plan: her schedule from the versioned data, with the visits she marked done and the ones she
 * moved, and which visit (if any) a routine reminder should be about on a given day.
 */
import { addDays, daysBetween, type IsoDate } from './dates.js';
import type { HealthRecord } from './model.js';
import { fullSchedule, type FullSchedule, type PlannedVisit } from './schedule.js';

/** A visit as this mother's plan has it: moved dates applied, done visits marked. */
export interface PlanVisit extends PlannedVisit {
  /** The day to go: the recommended day, or the one she moved it to. */
  date: IsoDate;
  done?: IsoDate;
}

/** The whole plan. */
export interface CarePlan {
  schedule: FullSchedule;
  visits: PlanVisit[];
}

const schedules = new Map<string, FullSchedule>();
const CACHE_LIMIT = 20_000;

/**
 * The schedule for a record as of `today`. Many mothers share an HPHT or a birth date, so schedules are cached by
 * their inputs: the daily planner computes each distinct one once.
 */
function scheduleFor(record: HealthRecord, today: IsoDate): FullSchedule {
  const hpl = record.hplSource === 'midwife' ? record.hpl : undefined;
  const hpht = hpl ? undefined : record.hpht;
  const births = record.children.map((c) => ({ childId: c.childId, date: c.born }));
  const key = `${hpht ?? ''}|${hpl ?? ''}|${births.map((b) => `${b.childId}=${b.date}`).join(',')}|${today}`;
  let s = schedules.get(key);
  if (!s) {
    s = fullSchedule({ hpht, hpl, births, today });
    if (schedules.size >= CACHE_LIMIT) schedules.clear();
    schedules.set(key, s);
  }
  return s;
}

/** Her plan as of `today`. Throws the schedule engine's ScheduleInputError when the record cannot be planned. */
export function carePlan(record: HealthRecord, today: IsoDate): CarePlan {
  const schedule = scheduleFor(record, today);
  const visits = schedule.visits.map((v) => {
    const same = (x: { code: string; childId?: string }) => x.code === v.code && (x.childId ?? undefined) === (v.childId ?? undefined);
    const moved = record.moved.findLast(same);
    const done = record.done.find(same);
    return { ...v, date: moved?.to ?? v.due, ...(done ? { done: done.on } : {}) };
  });
  return { schedule, visits: visits.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) };
}

/** Visits still to do from `today`: not done, window still open (or moved to a later day). */
export function upcoming(plan: CarePlan, today: IsoDate, n = 3): PlanVisit[] {
  return plan.visits.filter((v) => !v.done && v.date >= today && (v.latest === undefined || v.latest >= today)).slice(0, n);
}

/**
 * The visit a routine reminder on `today` is about: one due exactly `daysBefore` days ahead for one of
 * `reminderDays` (e.g. [7, 1]), the nearest first. `undefined` when nothing is due for a reminder that day.
 */
export function reminderFor(plan: CarePlan, today: IsoDate, reminderDays: readonly number[]): { visit: PlanVisit; daysBefore: number } | undefined {
  const sorted = [...reminderDays].sort((a, b) => a - b);
  for (const daysBefore of sorted) {
    const target = addDays(today, daysBefore);
    const visit = plan.visits.find((v) => !v.done && v.date === target && (v.latest === undefined || v.latest >= target));
    if (visit) return { visit, daysBefore };
  }
  return undefined;
}

/** The visit most likely meant by a bare "sudah": the open one whose date is nearest to today (past or coming). */
export function likelyVisit(plan: CarePlan, today: IsoDate): PlanVisit | undefined {
  const open = plan.visits.filter((v) => !v.done && v.windowEnd >= addDays(today, -14) && v.windowStart <= addDays(today, 14));
  return open.sort((a, b) => Math.abs(daysBetween(a.date, today)) - Math.abs(daysBetween(b.date, today)))[0];
}
