/**
 * The SISKIA schedule engine for maternal and child health: pure date computation from the versioned schedule in
 * data/siskia/schedule.json (no database). Dates in and out are WIB calendar dates written `YYYY-MM-DD`.
 *
 * - Pregnancy: HPL = HPHT + 280 days; gestational age; ANC K1–K6 (see ./schedule-pregnancy.ts).
 * - After a birth: postpartum visits for the mother (KF), newborn visits and SHK (KN), immunisation and vitamin A
 *   for each child (twins are two children).
 * - {@link fullSchedule} combines them; {@link nextVisits} picks what comes next.
 */
import { daysBetween, type IsoDate } from './dates.js';
import { ScheduleInputError, checkedDate } from './schedule-errors.js';
import { defaultScheduleData, type BirthVisitDef, type ScheduleData } from './schedule-data.js';
import {
  ancSchedule,
  gestationalAge,
  hphtFromHpl,
  pregnancyFromHpht,
  pregnancyFromHpl,
  type GestationalAge,
  type Pregnancy,
} from './schedule-pregnancy.js';
import { vitaminASchedule } from './schedule-vitamin-a.js';
import { byDue, planBirthVisit, type PlannedVisit } from './schedule-visits.js';

// The whole engine from one module: the date parser, date helpers, errors, data loader, pregnancy/ANC and vitamin A.
export { parseDateId } from './dates-parse.js';
export { formatDate, wibToday, type IsoDate } from './dates.js';
export { ScheduleInputError, type ScheduleInputCode, type ScheduleInputField } from './schedule-errors.js';
export { SCHEDULE_FILE, defaultScheduleData, loadScheduleData, type ScheduleData, type Track } from './schedule-data.js';
export * from './schedule-pregnancy.js';
export { vitaminASchedule } from './schedule-vitamin-a.js';
export type { PlannedVisit, VisitLabel } from './schedule-visits.js';

/** The visits `defs` for a birth on `birth`. */
function planAll(defs: readonly BirthVisitDef[], birth: IsoDate): PlannedVisit[] {
  checkedDate(birth, 'birth');
  return defs.map((def) => planBirthVisit(def, birth));
}

/** The mother's postpartum visits (KF1–KF4) after a delivery on `birth`. */
export function postpartumSchedule(birth: IsoDate, data: ScheduleData = defaultScheduleData()): PlannedVisit[] {
  return planAll(data.postpartum, birth);
}

/** A newborn's visits (KN1–KN3) and congenital hypothyroidism screening (SHK) for a birth on `birth`. */
export function newbornSchedule(birth: IsoDate, data: ScheduleData = defaultScheduleData()): PlannedVisit[] {
  return planAll(data.newborn, birth);
}

/** A child's programme immunisations (HB0 to the 18-month boosters) for a birth on `birth`. */
export function immunisationSchedule(birth: IsoDate, data: ScheduleData = defaultScheduleData()): PlannedVisit[] {
  return planAll(data.immunisation, birth);
}

/** A child born on `date`; twins are two children with their own ids. */
export interface ChildBirth {
  childId: string;
  date: IsoDate;
}

/** What {@link fullSchedule} plans from: an HPHT and/or an HPL (the HPL wins), births, and today. */
export interface ScheduleInput {
  hpht?: IsoDate;
  hpl?: IsoDate;
  births?: readonly ChildBirth[];
  today: IsoDate;
  data?: ScheduleData;
}

/** A mother's whole schedule. */
export interface FullSchedule {
  /** The schedule file's version and effective date, to record with reminders. */
  version: string;
  effective: IsoDate;
  today: IsoDate;
  /** The pregnancy, with today's gestational age while it is ongoing. */
  pregnancy?: Pregnancy & { gestationalAge?: GestationalAge };
  children: { childId: string; birth: IsoDate }[];
  /** Every visit, ordered by due date. */
  visits: PlannedVisit[];
}

/** Birth dates grouped into deliveries: dates at most one day apart are one delivery (twins born across midnight). */
function deliveries(dates: readonly IsoDate[]): IsoDate[][] {
  const groups: IsoDate[][] = [];
  for (const date of [...new Set(dates)].sort()) {
    const last = groups.at(-1);
    if (last && daysBetween(last.at(-1)!, date) <= 1) last.push(date);
    else groups.push([date]);
  }
  return groups;
}

/** The births, checked: real dates, not after today, distinct non-empty child ids. */
function checkedBirths(births: readonly ChildBirth[], today: IsoDate): ChildBirth[] {
  const ids = new Set<string>();
  return births.map(({ childId, date }) => {
    if (!childId.trim()) throw new ScheduleInputError('missing', 'childId', 'every child needs an id');
    if (ids.has(childId)) throw new ScheduleInputError('conflict', 'childId', `child id "${childId}" is given twice`);
    ids.add(childId);
    checkedDate(date, 'birth');
    if (date > today) throw new ScheduleInputError('future', 'birth', `the birth date ${date} is after today (${today})`);
    return { childId, date };
  });
}

/**
 * The pregnancy from `input`, ended by the births on or after its HPHT (which must be one delivery); births before
 * the HPHT are older children.
 */
function pregnancyOf(input: ScheduleInput, births: readonly ChildBirth[], today: IsoDate): FullSchedule['pregnancy'] {
  if (input.hpht === undefined && input.hpl === undefined) return undefined;
  const hpht = input.hpl !== undefined ? hphtFromHpl(input.hpl) : checkedDate(input.hpht!, 'hpht');
  const ending = deliveries(births.filter((b) => b.date >= hpht).map((b) => b.date));
  if (ending.length > 1) {
    throw new ScheduleInputError('conflict', 'birth', `births on ${ending.map((d) => d[0]).join(' and ')} cannot both end the pregnancy`);
  }
  const opts = { today, birth: ending[0]?.[0] };
  if (input.hpl === undefined) return withAge(pregnancyFromHpht(hpht, opts), today);
  const pregnancy = pregnancyFromHpl(input.hpl, opts);
  return withAge(input.hpht === undefined ? pregnancy : { ...pregnancy, reportedHpht: checkedDate(input.hpht, 'hpht') }, today);
}

/** `p` with today's gestational age while the pregnancy is ongoing. */
function withAge(p: Pregnancy, today: IsoDate): FullSchedule['pregnancy'] {
  return p.birth ? p : { ...p, gestationalAge: gestationalAge(p.hpht, today) };
}

/**
 * Everything to plan for a mother: ANC while pregnant (a birth drops the ANC visits due on or after it), then per
 * delivery the KF visits, and per child the KN, immunisation and vitamin A visits (tagged with `childId`). With both
 * HPHT and HPL the HPL is used (a midwife's HPL overrides the computed one) and the HPHT is kept as `reportedHpht`.
 * Throws {@link ScheduleInputError} for invalid, future or contradictory dates, or when there is nothing to plan from.
 */
export function fullSchedule(input: ScheduleInput): FullSchedule {
  const data = input.data ?? defaultScheduleData();
  const today = checkedDate(input.today, 'today');
  const births = checkedBirths(input.births ?? [], today);
  if (input.hpht === undefined && input.hpl === undefined && births.length === 0) {
    throw new ScheduleInputError('missing', 'hpht', 'give an HPHT, an HPL or a birth date');
  }
  const pregnancy = pregnancyOf(input, births, today);
  const visits: PlannedVisit[] = pregnancy ? ancSchedule(pregnancy.hpht, { birth: pregnancy.birth, data }) : [];
  for (const delivery of deliveries(births.map((b) => b.date))) visits.push(...postpartumSchedule(delivery.at(-1)!, data));
  for (const { childId, date } of births) {
    const own = [...newbornSchedule(date, data), ...immunisationSchedule(date, data), ...vitaminASchedule(date, undefined, data)];
    visits.push(...own.map((v) => ({ ...v, childId })));
  }
  return {
    version: data.version,
    effective: data.effective,
    today,
    ...(pregnancy ? { pregnancy } : {}),
    children: births.map((b) => ({ childId: b.childId, birth: b.date })),
    visits: visits.sort(byDue),
  };
}

/**
 * The next `n` visits still open on `today` (window not closed, hard limit not passed), ordered by due date:
 * overdue visits whose window is still open come first.
 */
export function nextVisits(schedule: FullSchedule | readonly PlannedVisit[], today: IsoDate, n = 3): PlannedVisit[] {
  checkedDate(today, 'today');
  const visits = 'visits' in schedule ? schedule.visits : schedule;
  return visits
    .filter((v) => v.windowEnd >= today && (v.latest === undefined || v.latest >= today))
    .sort(byDue)
    .slice(0, n);
}

