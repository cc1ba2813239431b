/**
 * Time for everything user-facing is WIB (Asia/Jakarta, UTC+7, no daylight saving). Code asks a {@link Clock}
 * for "now" so tests can pin it.
 */
import { DateTime } from 'luxon';

/** Pintu's time zone for every user-facing date and time. */
export const WIB = 'Asia/Jakarta';

/** Where "now" comes from. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock pinned at `at` that tests can move with `set` and `advance`. */
export class FixedClock implements Clock {
  private current: Date;
  constructor(at: Date | string) {
    this.current = new Date(at);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** `date` as a luxon DateTime in WIB. */
export function inWib(date: Date): DateTime {
  return DateTime.fromJSDate(date, { zone: WIB });
}

/** The hour of day in WIB (0–23): greetings and quiet hours depend on it. */
export function wibHour(date: Date): number {
  return inWib(date).hour;
}
