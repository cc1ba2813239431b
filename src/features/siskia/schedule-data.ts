/**
 * The versioned SISKIA schedule (data/siskia/schedule.json): ANC, postpartum (KF), newborn (KN and SHK),
 * immunisation and vitamin A, each visit a window of offsets from its anchor (HPHT for ANC, birth for the rest).
 * A schedule change is a change of this file and its `version`; the file's `note` explains the conventions.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataPath } from '../../core/data-path.js';
import { applyOffset, isIsoDate, type Offset } from './dates.js';

/** `data/siskia/schedule.json`. */
export const SCHEDULE_FILE = dataPath('siskia', 'schedule.json');

const count = z.number().int().min(0);
const label = z.strictObject({ id: z.string().trim().min(1), en: z.string().trim().min(1) });
const nonEmpty = (o: object) => Object.keys(o).length > 0;

/** Gestational age offset (ANC): completed weeks and days from HPHT. */
const gestationOffset = z.strictObject({ weeks: count.optional(), days: count.optional() }).refine(nonEmpty, 'expected weeks and/or days');
/** Age offset from birth. */
const ageOffset = z
  .strictObject({ months: count.optional(), weeks: count.optional(), days: count.optional(), hours: count.optional() })
  .refine(nonEmpty, 'expected months, weeks, days and/or hours');
const trackCode = z.enum(['anc', 'kf', 'kn', 'imm', 'vita']);
const visitCode = z.string().regex(/^[A-Za-z0-9-]+$/, 'expected letters, digits and dashes');

const ancVisit = z.strictObject({
  code: visitCode,
  track: z.literal('anc'),
  trimester: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  label,
  window: z.strictObject({ from: gestationOffset, to: z.union([gestationOffset, z.literal('birth')]) }),
  due: gestationOffset,
  withDoctor: z.boolean().optional(),
  note: z.string().optional(),
});

/** A birth-anchored visit of track `track`: its window ends on `to` (inclusive) or the day before `before`. */
const birthVisit = <T extends 'kf' | 'kn' | 'imm'>(track: T) =>
  z
    .strictObject({
      code: visitCode,
      track: z.literal(track),
      label,
      window: z.strictObject({ from: ageOffset, to: ageOffset.optional(), before: ageOffset.optional() }),
      due: ageOffset,
      latest: ageOffset.optional(),
      withDoctor: z.boolean().optional(),
      note: z.string().optional(),
    })
    .refine((v) => (v.window.to === undefined) !== (v.window.before === undefined), {
      message: 'the window needs exactly one of "to" and "before"',
      path: ['window'],
    });

const capsule = z.strictObject({
  code: visitCode,
  label,
  fromAge: ageOffset,
  beforeAge: ageOffset,
  frequency: z.enum(['once', 'every_round']),
});

const fileSchema = z.strictObject({
  version: z.string().min(1),
  effective: z.string().refine(isIsoDate, 'expected a real date written YYYY-MM-DD'),
  sources: z.array(z.string().min(1)).min(1),
  note: z.string().optional(),
  tracks: z.strictObject({ anc: label, kf: label, kn: label, imm: label, vita: label }),
  ancConvention: z.strictObject({
    name: z.string().min(1),
    description: z.string().min(1),
    trimesters: z
      .array(
        z.strictObject({
          trimester: z.union([z.literal(1), z.literal(2), z.literal(3)]),
          from: gestationOffset,
          to: z.union([gestationOffset, z.literal('birth')]),
          visits: count,
        }),
      )
      .length(3),
  }),
  anc: z.array(ancVisit).min(1),
  postpartum: z.array(birthVisit('kf')).min(1),
  newborn: z.array(birthVisit('kn')).min(1),
  immunisation: z.array(birthVisit('imm')).min(1),
  vitaminA: z.strictObject({
    track: z.literal('vita'),
    months: z.array(z.number().int().min(1).max(12)).min(1),
    dueDay: z.number().int().min(1).max(28),
    note: z.string().optional(),
    capsules: z.array(capsule).min(1),
  }),
});

/** The schedule file as validated. */
export type ScheduleData = z.infer<typeof fileSchema>;
/** An ANC visit as written in the file. */
export type AncVisitDef = ScheduleData['anc'][number];
/** A postpartum, newborn or immunisation visit as written in the file. */
export type BirthVisitDef = ScheduleData['postpartum' | 'newborn' | 'immunisation'][number];
/** A vitamin A capsule as written in the file. */
export type CapsuleDef = ScheduleData['vitaminA']['capsules'][number];
/** The track of a visit. */
export type Track = z.infer<typeof trackCode>;

/** Days of a gestational offset, with "birth" as +∞ (an ANC window open until birth). */
export function gestationDays(offset: { weeks?: number; days?: number } | 'birth'): number {
  return offset === 'birth' ? Number.POSITIVE_INFINITY : (offset.weeks ?? 0) * 7 + (offset.days ?? 0);
}

/** Anchors on which birth-anchored offsets are compared (month ends and a leap year catch clamping mistakes). */
const SAMPLE_BIRTHS = ['2024-01-31', '2024-02-29', '2025-08-31', '2026-03-15'];

/** Checks that cannot be written as a per-field schema: codes, order of offsets, the ANC convention. */
function crossCheck(data: ScheduleData): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries = [...data.anc, ...data.postpartum, ...data.newborn, ...data.immunisation];
  entries.forEach((v) => {
    if (seen.has(v.code)) problems.push(`${v.code}: the code is used twice`);
    seen.add(v.code);
  });
  for (const v of data.anc) {
    const t = data.ancConvention.trimesters.find((x) => x.trimester === v.trimester);
    const [from, to, due] = [gestationDays(v.window.from), gestationDays(v.window.to), gestationDays(v.due)];
    if (!(from <= due && due <= to)) problems.push(`anc ${v.code}: "due" must lie inside the window`);
    if (t && (from < gestationDays(t.from) || to > gestationDays(t.to))) problems.push(`anc ${v.code}: the window leaves trimester ${t.trimester}`);
  }
  for (const t of data.ancConvention.trimesters) {
    const n = data.anc.filter((v) => v.trimester === t.trimester).length;
    if (n !== t.visits) problems.push(`ancConvention trimester ${t.trimester}: says ${t.visits} visits, the anc list has ${n}`);
  }
  for (const v of [...data.postpartum, ...data.newborn, ...data.immunisation]) {
    for (const birth of SAMPLE_BIRTHS) {
      const start = applyOffset(birth, v.window.from, 'start');
      const end = v.window.to ? applyOffset(birth, v.window.to, 'end') : applyOffset(birth, v.window.before as Offset, 'start');
      const due = applyOffset(birth, v.due, 'start');
      const lastDay = v.window.to ? end : `before ${end}`;
      if (!(start <= due && (v.window.to ? due <= end : due < end))) {
        problems.push(`${v.track} ${v.code}: "due" must lie inside the window (birth ${birth}: ${start} … ${lastDay}, due ${due})`);
        break;
      }
      if (v.latest && applyOffset(birth, v.latest, 'end') < due) {
        problems.push(`${v.track} ${v.code}: "latest" comes before "due" (birth ${birth})`);
        break;
      }
    }
  }
  data.vitaminA.capsules.forEach((c) => {
    if (applyOffset(SAMPLE_BIRTHS[0]!, c.fromAge) >= applyOffset(SAMPLE_BIRTHS[0]!, c.beforeAge)) {
      problems.push(`vitaminA capsule ${c.code}: "fromAge" must come before "beforeAge"`);
    }
  });
  return problems;
}

/** "immunisation[3] (OPV2).window.before: message" for a zod issue, naming the entry by its code when it has one. */
function describeIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  let where = path.length > 0 ? path.join('.') : '(top level)';
  const [section, index] = issue.path;
  if (typeof section === 'string' && typeof index === 'number') {
    const list = (raw as Record<string, unknown>)[section];
    const entry = Array.isArray(list) ? (list[index] as { code?: unknown } | undefined) : undefined;
    const name = typeof entry?.code === 'string' ? ` (${entry.code})` : '';
    where = `${section}[${index}]${name}${path.length > 2 ? `.${path.slice(2).join('.')}` : ''}`;
  }
  return `${where}: ${issue.message}`;
}

/**
 * Reads and validates a schedule file (default {@link SCHEDULE_FILE}). Throws an Error naming the file and each bad
 * entry when it is missing, not JSON, malformed or inconsistent.
 */
export function loadScheduleData(file: string = SCHEDULE_FILE): ScheduleData {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`schedule file ${file}: cannot read it as JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`schedule file ${file} is invalid: ${parsed.error.issues.map((i) => describeIssue(raw, i)).join('; ')}`);
  }
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new Error(`schedule file ${file} is invalid: ${problems.join('; ')}`);
  return parsed.data;
}

let cached: ScheduleData | undefined;

/** The schedule from {@link SCHEDULE_FILE}, loaded on first use and kept for the life of the process. */
export function defaultScheduleData(): ScheduleData {
  cached ??= loadScheduleData();
  return cached;
}
