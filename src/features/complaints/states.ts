/**
 * The complaint state machine (DESIGN §3): which state may follow which, who may make the move, which states are
 * final (and so need a note), and how states map to Open311's open/closed.
 */
import type { ComplaintState } from './model.js';

/** Who is acting on a ticket. */
export type ActorRole = 'coordinator' | 'office' | 'resident' | 'system';

/** Allowed moves from each state, and which roles may make each. */
const TRANSITIONS: Record<ComplaintState, Partial<Record<ComplaintState, readonly ActorRole[]>>> = {
  diterima: {
    terverifikasi: ['coordinator'],
    didisposisikan: ['coordinator'],
    ditolak: ['coordinator'],
    duplikat: ['coordinator'],
    dibatalkan: ['coordinator', 'resident'],
    bukan_kewenangan: ['coordinator'],
  },
  terverifikasi: {
    didisposisikan: ['coordinator'],
    ditolak: ['coordinator'],
    duplikat: ['coordinator'],
    dibatalkan: ['coordinator', 'resident'],
    bukan_kewenangan: ['coordinator'],
  },
  didisposisikan: {
    // Re-disposing to another office is a move to the same state with a new office.
    didisposisikan: ['coordinator'],
    diproses: ['office', 'coordinator'],
    selesai: ['office', 'coordinator'],
    duplikat: ['office', 'coordinator'],
    bukan_kewenangan: ['office', 'coordinator'],
  },
  diproses: {
    didisposisikan: ['coordinator'],
    selesai: ['office', 'coordinator'],
    duplikat: ['office', 'coordinator'],
    bukan_kewenangan: ['office', 'coordinator'],
  },
  // The reporter's "belum beres" within 14 days reopens it.
  selesai: { diproses: ['resident', 'coordinator'] },
  ditolak: {},
  duplikat: {},
  dibatalkan: {},
  bukan_kewenangan: {},
};

/** States a move into needs a note (the reason, the duplicate's id, the agency). */
export const FINAL_STATES: ReadonlySet<ComplaintState> = new Set(['selesai', 'ditolak', 'duplikat', 'dibatalkan', 'bukan_kewenangan']);

/** States counted as open (Open311 `open`); all others are `closed`. */
export const OPEN_STATES: readonly ComplaintState[] = ['diterima', 'terverifikasi', 'didisposisikan', 'diproses'];

/** Whether a complaint in `state` is still being worked on. */
export function isOpen(state: ComplaintState): boolean {
  return OPEN_STATES.includes(state);
}

/** Open311's two-valued status for one of our states. */
export function open311Status(state: ComplaintState): 'open' | 'closed' {
  return isOpen(state) ? 'open' : 'closed';
}

/** The states `role` may move a complaint in `from` to. */
export function allowedTransitions(from: ComplaintState, role: ActorRole): ComplaintState[] {
  return (Object.entries(TRANSITIONS[from]) as [ComplaintState, readonly ActorRole[]][]).filter(([, roles]) => roles.includes(role)).map(([s]) => s);
}

/** Why a move was refused. */
export class TransitionError extends Error {
  constructor(
    message: string,
    readonly code: 'illegal' | 'note_required' | 'not_found' | 'forbidden' | 'conflict' | 'invalid',
    /** The moves that would have been allowed (for a 409's body). */
    readonly allowed: ComplaintState[] = [],
  ) {
    super(message);
    this.name = 'TransitionError';
  }
}

/** Throws a {@link TransitionError} unless `role` may move `from` → `to` with this note. */
export function checkTransition(from: ComplaintState, to: ComplaintState, role: ActorRole, note: string | undefined): void {
  const allowed = allowedTransitions(from, role);
  if (!allowed.includes(to)) {
    throw new TransitionError(`A ${role} cannot move a complaint from "${from}" to "${to}".`, 'illegal', allowed);
  }
  if (FINAL_STATES.has(to) && !note?.trim()) {
    throw new TransitionError(`Moving to "${to}" needs a note saying why; send one in "note".`, 'note_required', allowed);
  }
}
