/**
 * A tender's two halves put together, and the hashes that tell when either changed. The list row is read every
 * round; the announcement and schedule only now and then, so each half has its own hash.
 */
import { createHash } from 'node:crypto';
import type { Stage, Tender, TenderDetail } from './source/index.js';

/** Fields of the list row that matter to vendors; a change in any of them is a change of the tender. */
const LISTED_FIELDS = ['name', 'retender', 'instansi', 'tahap', 'hps', 'jenis', 'metode', 'kualifikasi', 'registrationDeadline', 'uploadDeadline'] as const;

/** Identity and list-only fields the announcement must not overwrite. */
const LIST_OWNED = new Set(['kode', 'name', 'tahap', 'url', 'source', 'kind', 'retender', 'badges', 'schedule']);

function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** The content hash of a list record (dates as ISO strings, missing fields as null). */
export function listedHash(tender: Tender): string {
  return sha256(
    LISTED_FIELDS.map((field) => {
      const v = tender[field];
      return v instanceof Date ? v.toISOString() : (v ?? null);
    }),
  );
}

/** The content hash of a schedule. */
export function scheduleHash(schedule: Stage[]): string {
  return sha256(schedule.map((s) => [s.name, s.start?.toISOString() ?? null, s.end?.toISOString() ?? null]));
}

/**
 * The list record completed with what the announcement adds (satker, kualifikasi, exact HPS, deadlines from the
 * schedule). The list keeps the name, stage and identity: it is the fresher of the two.
 */
export function effectiveTender(listed: Tender, detail?: TenderDetail): Tender {
  if (!detail) return listed;
  const merged: Record<string, unknown> = { ...listed };
  for (const [key, value] of Object.entries(detail)) {
    if (value === undefined || value === null || value === '' || LIST_OWNED.has(key)) continue;
    // An abbreviated list HPS ("15,9 M") gives way to the announcement's exact one, never the other way round.
    if (key === 'hps' && listed.hpsExact && !detail.hpsExact) continue;
    merged[key] = value;
  }
  return merged as unknown as Tender;
}
