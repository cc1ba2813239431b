/**
 * What changed in a tender between two polls, in words a vendor cares about: cancelled, re-tendered, winner
 * announced, schedule moved, or simply the next stage. A change in other fields (a corrected name) is stored but
 * told to nobody.
 */
import type { Tender } from './source/index.js';
import type { TenderChangeKind } from './model.js';

const CANCELLED = /\b(?:batal|dibatalkan|gagal)\b/i;
const WINNER = /\bpemenang\b/i;

/** One detected change. `key` makes it unique per tender (the new stage or deadline), so it is told once. */
export interface TenderChange {
  kode: string;
  kind: TenderChangeKind;
  key: string;
  /** The stage or deadline before, for the message. */
  before?: string;
  after?: string;
}

function iso(d: Date | undefined): string | undefined {
  return d?.toISOString();
}

/** The changes from `before` to `after` (same package), most important first; empty when nothing worth telling. */
export function classifyChange(before: Tender, after: Tender): TenderChange[] {
  const kode = after.kode;
  const changes: TenderChange[] = [];
  const stageMoved = before.tahap.trim() !== after.tahap.trim() && after.tahap.trim() !== '';
  if (stageMoved && CANCELLED.test(after.tahap) && !CANCELLED.test(before.tahap)) {
    changes.push({ kode, kind: 'cancelled', key: after.tahap, before: before.tahap, after: after.tahap });
  } else if (stageMoved && WINNER.test(after.tahap) && !WINNER.test(before.tahap)) {
    changes.push({ kode, kind: 'winner', key: after.tahap, before: before.tahap, after: after.tahap });
  } else if (stageMoved) {
    changes.push({ kode, kind: 'stage', key: after.tahap, before: before.tahap, after: after.tahap });
  }
  if (after.retender && !before.retender) changes.push({ kode, kind: 'retender', key: 'retender' });
  changes.push(...deadlineChanges(before, after));
  return changes;
}

/** Moved registration or upload deadlines (a deadline appearing for the first time is not a change). */
export function deadlineChanges(before: Pick<Tender, 'kode' | 'registrationDeadline' | 'uploadDeadline'>, after: Pick<Tender, 'kode' | 'registrationDeadline' | 'uploadDeadline'>): TenderChange[] {
  const out: TenderChange[] = [];
  for (const field of ['uploadDeadline', 'registrationDeadline'] as const) {
    const was = iso(before[field]);
    const now = iso(after[field]);
    if (was && now && was !== now) out.push({ kode: after.kode, kind: 'schedule', key: `${field}:${now}`, before: was, after: now });
  }
  return out;
}

/** Changes every watcher hears about; a plain stage change goes to followers only. */
export function isForEveryWatcher(kind: TenderChangeKind): boolean {
  return kind !== 'stage';
}
