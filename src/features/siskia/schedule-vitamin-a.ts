/**
 * Vitamin A rounds: the vitamin A months of the schedule file (February and August), a blue capsule once between
 * 6 and 11 months of age and a red capsule every round between 12 and 59 months.
 */
import { addDays, applyOffset, maxDate, minDate, toIsoDate, wibDay, type IsoDate } from './dates.js';
import { checkedDate } from './schedule-errors.js';
import { defaultScheduleData, type ScheduleData } from './schedule-data.js';
import type { PlannedVisit } from './schedule-visits.js';

/**
 * The vitamin A rounds of a child born on `birth` whose window opens on or before `until` (default: every round
 * up to the end of the last age band). A round's window is the part of the vitamin A month in which the child's
 * age is inside a capsule's band; each round gives at most one capsule, the first in the file's list the child is
 * eligible for and has not yet had when it is given "once". The due day is the file's `dueDay` of the month, or
 * the first day of the window when that is later. Codes are the capsule code with the round: `VITA-BIRU-2027-02`.
 */
export function vitaminASchedule(birth: IsoDate, until?: IsoDate, data: ScheduleData = defaultScheduleData()): PlannedVisit[] {
  checkedDate(birth, 'birth');
  if (until !== undefined) checkedDate(until, 'today');
  const { months, dueDay, capsules } = data.vitaminA;
  const bands = capsules.map((capsule) => ({
    capsule,
    start: applyOffset(birth, capsule.fromAge),
    end: addDays(applyOffset(birth, capsule.beforeAge), -1),
  }));
  const lastDay = bands.map((b) => b.end).reduce(maxDate);
  const stop = until === undefined ? lastDay : minDate(until, lastDay);
  const given = new Set<string>();
  const visits: PlannedVisit[] = [];
  for (let month = wibDay(birth).startOf('month'); toIsoDate(month) <= stop; month = month.plus({ months: 1 })) {
    if (!months.includes(month.month)) continue;
    const monthStart = toIsoDate(month);
    const monthEnd = toIsoDate(month.endOf('month'));
    const band = bands
      .filter((b) => !(b.capsule.frequency === 'once' && given.has(b.capsule.code)))
      .map((b) => ({ ...b, windowStart: maxDate(monthStart, b.start), windowEnd: minDate(monthEnd, b.end) }))
      .find((b) => b.windowStart <= b.windowEnd);
    if (!band || band.windowStart > stop) continue;
    given.add(band.capsule.code);
    visits.push({
      code: `${band.capsule.code}-${month.toFormat('yyyy-MM')}`,
      track: 'vita',
      label: { ...band.capsule.label },
      windowStart: band.windowStart,
      windowEnd: band.windowEnd,
      due: maxDate(band.windowStart, minDate(band.windowEnd, addDays(monthStart, dueDay - 1))),
    });
  }
  return visits;
}
