/**
 * Pregnancy dates and the ANC schedule: HPL = HPHT + 280 days (HPHT = HPL − 280 when only the HPL is known, and a
 * midwife's HPL overrides the computed one), gestational age in completed weeks and days, term at birth
 * (WHO: preterm before 37 completed weeks, post-term from 42 completed weeks), and the ANC visits of the schedule file.
 */
import { addDays, daysBetween, minDate, type IsoDate } from './dates.js';
import { ScheduleInputError, checkedDate } from './schedule-errors.js';
import { defaultScheduleData, gestationDays, type ScheduleData } from './schedule-data.js';
import type { PlannedVisit } from './schedule-visits.js';

/** Days from HPHT to HPL (Naegele's rule). */
export const HPL_DAYS = 280;
/** A pregnancy longer than 44 weeks is rejected: the HPHT is wrong, or the baby has been born. */
export const MAX_GESTATION_DAYS = 44 * 7;
/** A pregnancy ending before 20 weeks is a loss (abortus), not a birth: it is not planned from. */
export const MIN_BIRTH_GESTATION_DAYS = 20 * 7;
/** Born before 37 completed weeks: preterm. */
export const PRETERM_BEFORE_DAYS = 37 * 7;
/** Born at 42 completed weeks or later: post-term. */
export const POSTTERM_FROM_DAYS = 42 * 7;

/** Gestational age in completed weeks and days. */
export interface GestationalAge {
  weeks: number;
  days: number;
}

/** Gestation at birth: before 37 weeks, 37 to 41 weeks 6 days, 42 weeks or more. */
export type Term = 'preterm' | 'term' | 'postterm';

/** A pregnancy's dates. */
export interface Pregnancy {
  /** The HPHT every date counts from (HPL − 280 days when the HPL is the basis). */
  hpht: IsoDate;
  /** Hari perkiraan lahir, the due date. */
  hpl: IsoDate;
  /** What was given: the HPHT, or an HPL (a midwife's HPL overrides one computed from the HPHT). */
  basis: 'hpht' | 'hpl';
  /** The HPHT the mother reported when an HPL was the basis. */
  reportedHpht?: IsoDate;
  /** The date the pregnancy ended in a birth. */
  birth?: IsoDate;
  /** Gestational age on the day of birth. */
  gestationalAgeAtBirth?: GestationalAge;
  /** Term at birth. */
  term?: Term;
}

/** What a pregnancy is checked against: today (HPHT not in the future, not more than 44 weeks ago) and the birth. */
export interface PregnancyOptions {
  today?: IsoDate;
  birth?: IsoDate;
}

/** HPHT + 280 days. */
export function hplFromHpht(hpht: IsoDate): IsoDate {
  return addDays(checkedDate(hpht, 'hpht'), HPL_DAYS);
}

/** HPL − 280 days. */
export function hphtFromHpl(hpl: IsoDate): IsoDate {
  return addDays(checkedDate(hpl, 'hpl'), -HPL_DAYS);
}

/** `totalDays` as completed weeks and days. */
function asWeeks(totalDays: number): GestationalAge {
  return { weeks: Math.floor(totalDays / 7), days: totalDays % 7 };
}

/** Gestational age on `today` (today − HPHT). Throws ScheduleInputError `future` when the HPHT is after today. */
export function gestationalAge(hpht: IsoDate, today: IsoDate): GestationalAge {
  const days = daysBetween(checkedDate(hpht, 'hpht'), checkedDate(today, 'today'));
  if (days < 0) throw new ScheduleInputError('future', 'hpht', `HPHT ${hpht} is after today (${today})`);
  return asWeeks(days);
}

/** Term of a birth `days` after the HPHT. */
export function termOf(days: number): Term {
  if (days < PRETERM_BEFORE_DAYS) return 'preterm';
  return days >= POSTTERM_FROM_DAYS ? 'postterm' : 'term';
}

/** "HPHT 2026-03-01" or, when the HPL was given, "HPHT 2026-03-01 (from HPL 2026-12-06)". */
function describeHpht(hpht: IsoDate, basis: Pregnancy['basis']): string {
  return basis === 'hpl' ? `HPHT ${hpht} (from HPL ${addDays(hpht, HPL_DAYS)})` : `HPHT ${hpht}`;
}

/** The pregnancy counted from `hpht`, checked against `opts` (see {@link pregnancyFromHpht}). */
function makePregnancy(hpht: IsoDate, basis: Pregnancy['basis'], opts: PregnancyOptions): Pregnancy {
  const field = basis;
  const what = describeHpht(hpht, basis);
  const today = opts.today === undefined ? undefined : checkedDate(opts.today, 'today');
  const birth = opts.birth === undefined ? undefined : checkedDate(opts.birth, 'birth');
  if (today && hpht > today) throw new ScheduleInputError('future', field, `${what} is after today (${today})`);
  if (today && birth && birth > today) throw new ScheduleInputError('future', 'birth', `the birth date ${birth} is after today (${today})`);
  const pregnancy: Pregnancy = { hpht, hpl: addDays(hpht, HPL_DAYS), basis };
  if (birth) {
    const days = daysBetween(hpht, birth);
    if (days < MIN_BIRTH_GESTATION_DAYS) {
      throw new ScheduleInputError('conflict', 'birth', `the birth date ${birth} is less than 20 weeks after ${what}`);
    }
    if (days > MAX_GESTATION_DAYS) {
      throw new ScheduleInputError('too_old', field, `${what} is more than 44 weeks before the birth date ${birth}`);
    }
    return { ...pregnancy, birth, gestationalAgeAtBirth: asWeeks(days), term: termOf(days) };
  }
  if (today && daysBetween(hpht, today) > MAX_GESTATION_DAYS) {
    throw new ScheduleInputError('too_old', field, `${what} is more than 44 weeks before today (${today}); if the baby is born, give the birth date`);
  }
  return pregnancy;
}

/**
 * A pregnancy from its HPHT: HPL = HPHT + 280 days. With `today`, rejects an HPHT after today (`future`) or, unless
 * the pregnancy ended in `birth`, more than 44 weeks before today (`too_old`). With `birth`, adds the gestational
 * age at birth and the term, and rejects a birth after today, before 20 weeks or after 44 weeks.
 */
export function pregnancyFromHpht(hpht: IsoDate, opts: PregnancyOptions = {}): Pregnancy {
  return makePregnancy(checkedDate(hpht, 'hpht'), 'hpht', opts);
}

/** A pregnancy from its HPL (HPHT = HPL − 280 days), checked like {@link pregnancyFromHpht}. */
export function pregnancyFromHpl(hpl: IsoDate, opts: PregnancyOptions = {}): Pregnancy {
  return makePregnancy(hphtFromHpl(hpl), 'hpl', opts);
}

/** Short name of {@link pregnancyFromHpl}. */
export const fromHpl = pregnancyFromHpl;

/** Options of {@link ancSchedule}. */
export interface AncOptions {
  /** The pregnancy ended on this date: later visits are dropped and the kept windows close the day before. */
  birth?: IsoDate;
  data?: ScheduleData;
}

/**
 * The ANC visits (K1–K6) of a pregnancy with this HPHT. A window open "until birth" closes on the HPL while the
 * birth is unknown. When `birth` is given, every visit due on or after the birth is dropped.
 */
export function ancSchedule(hpht: IsoDate, opts: AncOptions = {}): PlannedVisit[] {
  checkedDate(hpht, 'hpht');
  const birth = opts.birth === undefined ? undefined : checkedDate(opts.birth, 'birth');
  const hpl = addDays(hpht, HPL_DAYS);
  const at = (offset: { weeks?: number; days?: number }) => addDays(hpht, gestationDays(offset));
  const visits: PlannedVisit[] = [];
  for (const def of (opts.data ?? defaultScheduleData()).anc) {
    const due = at(def.due);
    if (birth && due >= birth) continue;
    let windowEnd = def.window.to === 'birth' ? hpl : at(def.window.to);
    if (birth) windowEnd = minDate(windowEnd, addDays(birth, -1));
    visits.push({
      code: def.code,
      track: 'anc',
      label: { ...def.label },
      windowStart: at(def.window.from),
      windowEnd,
      due,
      ...(def.withDoctor ? { withDoctor: true } : {}),
    });
  }
  return visits;
}
