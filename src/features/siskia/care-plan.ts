/**
 * A registration's plan: her schedule from the versioned data, with the visits she marked done and the ones she
 * moved, and which visit (if any) a routine reminder should be about on a given day.
 */
import { addDays, daysBetween, type IsoDate } from './dates.js';
import type { HealthRecord } from './model.js';
import {
  ancSchedule,
  fullSchedule,
  gestationalAge,
  hphtFromHpl,
  pregnancyFromHpl,
  pregnancyFromHpht,
  type ChildBirth,
  type FullSchedule,
  type PlannedVisit,
} from './schedule.js';
import { byDue } from './schedule-visits.js';

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

/**
 * Computed schedules and schedule parts, by their inputs. The schedule engine's date arithmetic is costly (about
 * 0.3 ms a date through luxon in the Asia/Jakarta zone; a child's schedule is dozens of dates), so the daily planner
 * must compute each distinct part once: many registrations share an HPHT or a birth date.
 */
const schedules = new Map<string, unknown>();
const CACHE_LIMIT = 20_000;

/** `compute()`, cached under `key` (a failure is not cached). */
function cached<T>(key: string, compute: () => T): T {
  let s = schedules.get(key) as T | undefined;
  if (s === undefined) {
    s = compute();
    if (schedules.size >= CACHE_LIMIT) schedules.clear();
    schedules.set(key, s);
  }
  return s;
}

/** The child ids the births part is computed with: `c1`, `c2`… (as the registration flow names children). */
const canonicalId = (i: number) => `c${i + 1}`;

/**
 * The visits that follow from the births alone (postpartum per delivery; newborn, immunisation and vitamin A per
 * child), computed once per list of birth dates with canonical child ids and cached; then given this record's ids.
 */
function birthsPart(births: readonly ChildBirth[], today: IsoDate): FullSchedule {
  const part = cached(JSON.stringify(['births', births.map((b) => b.date), today]), () =>
    fullSchedule({ births: births.map((b, i) => ({ childId: canonicalId(i), date: b.date })), today }),
  );
  if (births.every((b, i) => b.childId === canonicalId(i))) return part;
  const ids = new Map(births.map((b, i) => [canonicalId(i), b.childId]));
  const visits = part.visits.map((v) => (v.childId === undefined ? v : { ...v, childId: ids.get(v.childId)! }));
  // Ties between two children's visits are ordered by child id, so other ids may order them differently.
  if (births.length > 1) visits.sort(byDue);
  return { ...part, children: part.children.map((c) => ({ ...c, childId: ids.get(c.childId)! })), visits };
}

/**
 * The pregnancy of a record with births, as {@link fullSchedule} works it out (ended by the one delivery on or after
 * its HPHT; births before it are older children). Throws when the dates do not plan (the caller then asks
 * fullSchedule itself, for its exact error).
 */
function pregnancyPart(hpht: IsoDate | undefined, hpl: IsoDate | undefined, births: readonly ChildBirth[], today: IsoDate): NonNullable<FullSchedule['pregnancy']> {
  const start = hpl !== undefined ? hphtFromHpl(hpl) : hpht!;
  const ending = [...new Set(births.map((b) => b.date).filter((d) => d >= start))].sort();
  for (let i = 1; i < ending.length; i++) if (daysBetween(ending[i - 1]!, ending[i]!) > 1) throw new Error('more than one delivery ends the pregnancy');
  const opts = { today, birth: ending[0] };
  const p = hpl !== undefined ? pregnancyFromHpl(hpl, opts) : pregnancyFromHpht(start, opts);
  return p.birth ? p : { ...p, gestationalAge: gestationalAge(p.hpht, today) };
}

/**
 * {@link fullSchedule} of a record with births, from parts cached separately: the births part (shared by every
 * registration with the same birth dates) and the pregnancy with its ANC visits. `undefined` when the record is not
 * plainly valid (blank, repeated or collating-equal child ids, or any part throwing): then fullSchedule decides.
 */
function composedSchedule(hpht: IsoDate | undefined, hpl: IsoDate | undefined, births: readonly ChildBirth[], today: IsoDate): FullSchedule | undefined {
  for (let i = 0; i < births.length; i++) {
    if (!births[i]!.childId.trim()) return undefined;
    for (let j = 0; j < i; j++) if (births[i]!.childId.localeCompare(births[j]!.childId) === 0) return undefined;
  }
  try {
    const part = birthsPart(births, today);
    if (hpht === undefined && hpl === undefined) return part;
    const pregnancy = cached(JSON.stringify(['pregnancy', hpht, hpl, births.map((b) => b.date), today]), () => pregnancyPart(hpht, hpl, births, today));
    const anc = cached(JSON.stringify(['anc', pregnancy.hpht, pregnancy.birth]), () => ancSchedule(pregnancy.hpht, { birth: pregnancy.birth }));
    return { version: part.version, effective: part.effective, today: part.today, pregnancy, children: part.children, visits: [...anc, ...part.visits].sort(byDue) };
  } catch {
    return undefined;
  }
}

/**
 * The schedule for a record as of `today`: what {@link fullSchedule} gives for it. A record without births is
 * cached whole; one with births is put together from cached parts (see {@link composedSchedule}).
 */
function scheduleFor(record: HealthRecord, today: IsoDate): FullSchedule {
  const hpl = record.hplSource === 'midwife' ? record.hpl : undefined;
  const hpht = hpl ? undefined : record.hpht;
  const births = record.children.map((c) => ({ childId: c.childId, date: c.born }));
  if (births.length === 0) return cached(JSON.stringify(['record', hpht, hpl, today]), () => fullSchedule({ hpht, hpl, births, today }));
  return composedSchedule(hpht, hpl, births, today) ?? fullSchedule({ hpht, hpl, births, today });
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
    // Cached: the daily planner asks this for every registration, and each date computation is costly.
    const target = cached(JSON.stringify(['day', today, daysBefore]), () => addDays(today, daysBefore));
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
