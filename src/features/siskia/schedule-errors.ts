/**
 * Why a schedule could not be computed from what a user or a midwife typed: the caller shows the message (or maps
 * the code to its own words) instead of a schedule.
 */
import { isIsoDate, type IsoDate } from './dates.js';

/**
 * `invalid_date`: not a real date · `future`: the date is after today · `too_old`: HPHT more than 44 weeks before
 * today (or before the birth) · `conflict`: the dates contradict each other · `missing`: nothing to plan from.
 */
export type ScheduleInputCode = 'invalid_date' | 'future' | 'too_old' | 'conflict' | 'missing';

/** The input the problem is about. */
export type ScheduleInputField = 'hpht' | 'hpl' | 'birth' | 'today' | 'childId';

/** A rejected input, with a machine-readable code and the field it is about. */
export class ScheduleInputError extends Error {
  constructor(
    readonly code: ScheduleInputCode,
    readonly field: ScheduleInputField,
    message: string,
  ) {
    super(message);
    this.name = 'ScheduleInputError';
  }
}

/** `value` when it is a real `YYYY-MM-DD` date, else a ScheduleInputError `invalid_date` about `field`. */
export function checkedDate(value: string, field: ScheduleInputField): IsoDate {
  if (!isIsoDate(value)) {
    throw new ScheduleInputError('invalid_date', field, `${field.toUpperCase()} "${value}" is not a real date written YYYY-MM-DD`);
  }
  return value;
}
