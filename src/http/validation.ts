/** Zod building blocks shared by the JSON APIs: comma lists in query strings, instants, and readable problems. */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { WIB } from '../core/clock.js';
import { HttpProblem, type FieldProblem } from './http-problem.js';

/**
 * The issues of a failed parse as `{ field, problem }` pairs (`(body)` / `(query)` for the whole object). With
 * `flatLists`, an item of a list is reported as the list's field (`state`, not `state.1`): query-string lists
 * are one parameter to the caller.
 */
export function fieldProblems(error: z.ZodError, whole = '(body)', flatLists = false): FieldProblem[] {
  return error.issues.map((i) => {
    const path = flatLists ? i.path.filter((p) => typeof p !== 'number') : i.path;
    return { field: path.map(String).join('.') || whole, problem: i.message };
  });
}

/**
 * A query parameter holding a list: comma-separated (`?state=diterima,diproses`), repeated (`?state=a&state=b`),
 * or both. Blank items are dropped; every other item must satisfy `item`.
 */
export function commaList<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => {
    const raw = Array.isArray(value) ? value : [value];
    return raw.flatMap((v) => (typeof v === 'string' ? v.split(',') : [v])).map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
  }, z.array(item).min(1, 'give at least one value'));
}

/**
 * An instant written in ISO 8601: a date-time with an offset (`2026-11-30T09:15:00+07:00`, `…Z`), a date-time
 * without one (read in WIB), or a bare date (`2026-11-30`: its first moment in WIB, or its last with
 * `edge: 'end'`, so a `to` date includes the whole day). A `+` that a client left unencoded in a query string
 * arrives as a space and is read back as `+`.
 */
export function isoInstant(edge: 'start' | 'end' = 'start') {
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      const s = text.replace(/ (\d{2}:?\d{2})$/, '+$1');
      const dt = DateTime.fromISO(s, { zone: WIB });
      if (!dt.isValid) {
        ctx.addIssue({ code: 'custom', message: `"${text}" is not an ISO 8601 date or date-time; write e.g. 2026-11-30 or 2026-11-30T09:15:00+07:00` });
        return z.NEVER;
      }
      const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(s);
      return (dateOnly ? (edge === 'start' ? dt.startOf('day') : dt.endOf('day')) : dt).toJSDate();
    });
}

/** A whole number from a query string (`"2"` → 2) within `min`..`max`, with a message naming the range. */
export function intParam(min: number, max: number) {
  return z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`);
}

/**
 * `value` parsed by `schema`, or an {@link HttpProblem} 400 naming every bad field (`where` says whether the
 * query string or the body was wrong).
 */
export function parseOrProblem<S extends z.ZodType>(schema: S, value: unknown, where: 'query' | 'body'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = fieldProblems(parsed.error, `(${where})`, where === 'query');
  throw new HttpProblem(400, 'bad_request', `The ${where === 'query' ? 'query string' : 'request body'} is not valid: ${details.map((d) => `${d.field}: ${d.problem}`).join('; ')}.`, { details });
}
