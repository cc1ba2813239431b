/**
 * `pintu siskia schedule`: prints a mother's SISKIA schedule from an HPHT, an HPL and/or birth dates, in Indonesian
 * (one line per visit) or as JSON. Bad arguments exit with code 2 and a message on stderr.
 */
import { parseArgs } from 'node:util';
import { daysBetween, formatDate, wibToday, type IsoDate } from './dates.js';
import { parseDateId } from './dates-parse.js';
import { ScheduleInputError } from './schedule-errors.js';
import { fullSchedule, nextVisits, type FullSchedule, type PlannedVisit } from './schedule.js';
import { defaultScheduleData } from './schedule-data.js';
import type { Term } from './schedule-pregnancy.js';

/** Usage of the schedule command. */
export const SISKIA_SCHEDULE_USAGE = `  siskia schedule (--hpht DATE | --hpl DATE | --birth DATE...) [--today DATE] [--json]
                 a mother's ANC, postpartum, newborn, immunisation and vitamin A schedule
                 (DATE as YYYY-MM-DD; repeat --birth for twins)
`;

/** How many upcoming visits the summary and the JSON "next" list show. */
const NEXT_COUNT = 3;

/** A bad command line: exit code 2. */
class UsageError extends Error {}

const TERM_WORDS: Record<Term, string> = {
  preterm: 'kurang bulan (prematur, < 37 minggu)',
  term: 'cukup bulan',
  postterm: 'lewat bulan (≥ 42 minggu)',
};

/** The date given to `--name`, or a UsageError naming the option. */
function dateOption(name: string, value: string | undefined): IsoDate | undefined {
  if (value === undefined) return undefined;
  const date = parseDateId(value);
  if (!date) throw new UsageError(`--${name} "${value}" is not a real date; write it as YYYY-MM-DD`);
  return date;
}

/** The options of `args`, or a UsageError for an unknown option or a missing value. */
function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        hpht: { type: 'string' },
        hpl: { type: 'string' },
        birth: { type: 'string', multiple: true },
        today: { type: 'string' },
        json: { type: 'boolean' },
      },
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The schedule asked for by `args` on the WIB day of `now`. */
function scheduleFromArgs(args: string[], now: Date): { schedule: FullSchedule; json: boolean } {
  const values = parseOptions(args);
  const births = (values.birth ?? []).map((b, i) => ({ childId: `anak-${i + 1}`, date: dateOption('birth', b)! }));
  const hpht = dateOption('hpht', values.hpht);
  const hpl = dateOption('hpl', values.hpl);
  if (!hpht && !hpl && births.length === 0) throw new UsageError('give --hpht, --hpl or --birth');
  const today = dateOption('today', values.today) ?? wibToday(now);
  return { schedule: fullSchedule({ hpht, hpl, births, today }), json: values.json === true };
}

/** "10 minggu 3 hari". */
function weeksText(age: { weeks: number; days: number }): string {
  return `${age.weeks} minggu ${age.days} hari`;
}

/** One line for `visit`: code, recommended day, label, window, and where today stands. */
function visitLine(visit: PlannedVisit, today: IsoDate, codeWidth: number): string {
  const notes: string[] = [];
  if (visit.latest) notes.push(`paling lambat ${formatDate(visit.latest)}`);
  if (visit.windowEnd < today) notes.push('sudah lewat');
  else if (visit.windowStart <= today) notes.push(visit.due < today ? 'terlambat, masih bisa' : 'sekarang');
  const window = `${formatDate(visit.windowStart)} s.d. ${formatDate(visit.windowEnd)}`;
  return `  ${visit.code.padEnd(codeWidth)}  ${formatDate(visit.due)} — ${visit.label.id} (rentang ${window})${notes.length ? ` [${notes.join('; ')}]` : ''}`;
}

/** The schedule in Indonesian: dates first, then one line per visit grouped by track (and child). */
function humanText(s: FullSchedule): string {
  const tracks = defaultScheduleData().tracks;
  const lines = [`Jadwal SISKIA versi ${s.version} (berlaku sejak ${formatDate(s.effective)})`, `Hari ini: ${formatDate(s.today)}`];
  const p = s.pregnancy;
  if (p) {
    lines.push(`HPL: ${formatDate(p.hpl)}${p.basis === 'hpl' ? ' (dari bidan/dokter)' : ''}`);
    lines.push(`HPHT: ${formatDate(p.hpht)}${p.basis === 'hpl' ? ' (dihitung dari HPL)' : ''}`);
    if (p.reportedHpht && p.reportedHpht !== p.hpht) lines.push(`HPHT menurut ibu: ${formatDate(p.reportedHpht)}`);
    if (p.gestationalAge) lines.push(`Usia kehamilan: ${weeksText(p.gestationalAge)}`);
    if (p.birth && p.gestationalAgeAtBirth && p.term) {
      lines.push(`Lahir: ${formatDate(p.birth)}, usia kehamilan ${weeksText(p.gestationalAgeAtBirth)} — ${TERM_WORDS[p.term]}`);
    }
  }
  for (const child of s.children) {
    lines.push(`Anak ${child.childId}: lahir ${formatDate(child.birth)}, umur ${daysBetween(child.birth, s.today)} hari`);
  }
  const next = nextVisits(s, s.today, NEXT_COUNT);
  lines.push(`Berikutnya: ${next.length ? next.map((v) => `${v.code}${v.childId ? ` (${v.childId})` : ''} ${formatDate(v.due)}`).join('; ') : '-'}`);
  const groups = new Map<string, PlannedVisit[]>();
  for (const v of s.visits) {
    const key = `${tracks[v.track].id}${v.childId ? ` — ${v.childId}` : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  for (const [title, visits] of groups) {
    const width = Math.max(...visits.map((v) => v.code.length));
    lines.push('', title, ...visits.map((v) => visitLine(v, s.today, width)));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `pintu siskia schedule` with `args` (the words after `schedule`), "today" being the WIB day of `now` unless
 * `--today` is given. Writes the schedule to `out`; returns the exit code (2 with a message on `err` for bad input).
 */
export function siskiaScheduleCommand(
  args: string[],
  out: NodeJS.WritableStream,
  now: Date,
  err: NodeJS.WritableStream = process.stderr,
): number {
  try {
    const { schedule, json } = scheduleFromArgs(args, now);
    out.write(json ? `${JSON.stringify({ ...schedule, next: nextVisits(schedule, schedule.today, NEXT_COUNT) }, null, 2)}\n` : humanText(schedule));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`pintu siskia schedule: ${e.message}\nUsage:\n${SISKIA_SCHEDULE_USAGE}`);
      return 2;
    }
    if (e instanceof ScheduleInputError) {
      err.write(`pintu siskia schedule: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
