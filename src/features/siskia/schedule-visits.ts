/**
 * A planned visit (one row of a schedule) and how a birth-anchored visit of the schedule file becomes one.
 */
import { addDays, applyOffset, minDate, type IsoDate } from './dates.js';
import type { BirthVisitDef, Track } from './schedule-data.js';

/** A bilingual label. */
export interface VisitLabel {
  id: string;
  en: string;
}

/** One visit, vaccine or capsule to plan, with WIB calendar dates written `YYYY-MM-DD`. */
export interface PlannedVisit {
  code: string;
  track: Track;
  label: VisitLabel;
  /** First day the visit counts. */
  windowStart: IsoDate;
  /** Last day the visit counts (after it: late, or catch-up for a vaccine). */
  windowEnd: IsoDate;
  /** The recommended day, inside the window. */
  due: IsoDate;
  /** The visit is with a doctor (K1, K5). */
  withDoctor?: boolean;
  /** A hard limit: never after this day (rotavirus). */
  latest?: IsoDate;
  /** The child the visit is for, in a combined schedule (newborn, immunisation and vitamin A tracks). */
  childId?: string;
}

/** The visit `def` for a child born on `birth`. */
export function planBirthVisit(def: BirthVisitDef, birth: IsoDate): PlannedVisit {
  const { from, to, before } = def.window;
  let windowEnd = to ? applyOffset(birth, to, 'end') : addDays(applyOffset(birth, before!, 'start'), -1);
  const latest = def.latest ? applyOffset(birth, def.latest, 'end') : undefined;
  if (latest) windowEnd = minDate(windowEnd, latest);
  return {
    code: def.code,
    track: def.track,
    label: { ...def.label },
    windowStart: applyOffset(birth, from, 'start'),
    windowEnd,
    due: applyOffset(birth, def.due, 'start'),
    ...(def.withDoctor ? { withDoctor: true } : {}),
    ...(latest ? { latest } : {}),
  };
}

const TRACK_ORDER: readonly Track[] = ['anc', 'kf', 'kn', 'imm', 'vita'];

/** Orders visits by due date, then track (ANC, KF, KN, immunisation, vitamin A), then child. Stable otherwise. */
export function byDue(a: PlannedVisit, b: PlannedVisit): number {
  if (a.due !== b.due) return a.due < b.due ? -1 : 1;
  const track = TRACK_ORDER.indexOf(a.track) - TRACK_ORDER.indexOf(b.track);
  if (track !== 0) return track;
  return (a.childId ?? '').localeCompare(b.childId ?? '');
}
