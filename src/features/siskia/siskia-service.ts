/**
 * SISKIA's operations on a registration: create it with recorded consent, record visits, moved dates, births and a
 * corrected HPL, stop, record a loss, erase, and describe what is stored. Every change is checked by planning the
 * schedule before it is saved, so a bad date never corrupts a record.
 */
import { randomUUID } from 'node:crypto';
import type { ContactRef } from '../../core/contact.js';
import { carePlan, likelyVisit, type PlanVisit } from './care-plan.js';
import { wibToday, type IsoDate } from './dates.js';
import type { Erased, HealthRecord, SiskiaProfile, SiskiaRepository } from './model.js';
import { ScheduleInputError } from './schedule.js';

/** The version of the consent text in `locales/*.json` (`siskia.consent.text`); bump it when the text changes. */
export const CONSENT_VERSION = '2026-11-29.2';

/** Youngest age at which a mother registers herself; younger mothers are referred to their midwife. */
export const MIN_MOTHER_AGE = 18;

/** The outcome of a change that may be refused. */
export type Change<T> = { ok: true; value: T } | { ok: false; reason: ScheduleInputError['code'] | 'nothing_due' | 'duplicate_birth' | 'not_registered'; detail?: string };

/** SISKIA's service. */
export class SiskiaService {
  constructor(readonly repo: SiskiaRepository) {}

  /** A registration, if the user has an active one. */
  async active(userId: string): Promise<SiskiaProfile | undefined> {
    const p = await this.repo.get(userId);
    return p?.status === 'active' ? p : undefined;
  }

  /** Checks a record by planning it; the error says what is wrong. */
  check(record: HealthRecord, now: Date): Change<HealthRecord> {
    try {
      carePlan(record, wibToday(now));
      return { ok: true, value: record };
    } catch (err) {
      if (err instanceof ScheduleInputError) return { ok: false, reason: err.code, detail: err.field };
      throw err;
    }
  }

  /** Saves a new (or renewed) registration with the consent she gave. */
  async register(input: { contact: ContactRef; record: HealthRecord; registeredBy: SiskiaProfile['registeredBy']; consentAt: Date; puskesmas?: string; posyandu?: string }, now: Date): Promise<Change<SiskiaProfile>> {
    const checked = this.check(input.record, now);
    if (!checked.ok) return checked;
    const profile: SiskiaProfile = {
      userId: input.contact.userId,
      contact: input.contact,
      status: 'active',
      consentVersion: CONSENT_VERSION,
      consentAt: input.consentAt,
      registeredBy: input.registeredBy,
      ...(input.puskesmas ? { puskesmas: input.puskesmas } : {}),
      ...(input.posyandu ? { posyandu: input.posyandu } : {}),
      record: input.record,
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.save(profile);
    return { ok: true, value: profile };
  }

  /** Applies a change to an active registration's record, if the result still plans. */
  private async update(userId: string, now: Date, change: (r: HealthRecord) => HealthRecord | Change<never>): Promise<Change<SiskiaProfile>> {
    const p = await this.active(userId);
    if (!p) return { ok: false, reason: 'not_registered' };
    const next = change(structuredClone(p.record));
    if ('ok' in next) return next;
    const checked = this.check(next, now);
    if (!checked.ok) return checked;
    const saved = { ...p, record: next, updatedAt: now };
    await this.repo.save(saved);
    return { ok: true, value: saved };
  }

  /** "sudah": marks a visit done today — `code` (and child), or the visit most likely meant. */
  async markDone(userId: string, now: Date, which?: { code: string; childId?: string }): Promise<Change<PlanVisit>> {
    const p = await this.active(userId);
    if (!p) return { ok: false, reason: 'not_registered' };
    const today = wibToday(now);
    const plan = carePlan(p.record, today);
    const visit = which ? plan.visits.find((v) => v.code === which.code && v.childId === which.childId && !v.done) : likelyVisit(plan, today);
    if (!visit) return { ok: false, reason: 'nothing_due' };
    const saved = await this.update(userId, now, (r) => ({ ...r, done: [...r.done, { code: visit.code, ...(visit.childId ? { childId: visit.childId } : {}), on: today }] }));
    return saved.ok ? { ok: true, value: { ...visit, done: today } } : saved;
  }

  /** "tunda" / "ubah tanggal": moves a visit to another day (not in the past). */
  async move(userId: string, visit: { code: string; childId?: string }, to: IsoDate, now: Date): Promise<Change<SiskiaProfile>> {
    if (to < wibToday(now)) return { ok: false, reason: 'invalid_date', detail: 'past' };
    return this.update(userId, now, (r) => ({ ...r, moved: [...r.moved, { code: visit.code, ...(visit.childId ? { childId: visit.childId } : {}), to }] }));
  }

  /** "lahir <tanggal>": records a delivery of `count` babies (twins are two children). */
  async addBirth(userId: string, born: IsoDate, count: number, now: Date): Promise<Change<SiskiaProfile>> {
    return this.update(userId, now, (r) => {
      if (r.children.some((c) => c.born === born)) return { ok: false, reason: 'duplicate_birth' };
      // "lahir" from a pregnant mother ends this pregnancy: a date before its HPHT is a typo, not an older child.
      const hpht = r.hplSource === 'midwife' && r.hpl ? undefined : r.hpht;
      if (hpht && born < hpht) return { ok: false, reason: 'conflict', detail: 'birth before HPHT' };
      const children = Array.from({ length: count }, () => ({ childId: randomUUID().slice(0, 8), born }));
      return { ...r, children: [...r.children, ...children] };
    });
  }

  /** A due date written by the midwife: it replaces the computed one and the schedule follows. */
  async correctHpl(userId: string, hpl: IsoDate, now: Date): Promise<Change<SiskiaProfile>> {
    return this.update(userId, now, (r) => ({ ...r, hpl, hplSource: 'midwife' }));
  }

  /** "berhenti": no more reminders; the data stays until she asks to erase it. */
  async stop(userId: string, now: Date): Promise<boolean> {
    const p = await this.repo.get(userId);
    if (!p || p.status !== 'active') return false;
    await this.repo.save({ ...p, status: 'stopped', updatedAt: now });
    return true;
  }

  /** A loss: everything stops at once and never restarts by itself. */
  async recordLoss(userId: string, now: Date): Promise<boolean> {
    const p = await this.repo.get(userId);
    if (!p) return false;
    await this.repo.save({ ...p, status: 'loss', updatedAt: now });
    return true;
  }

  /** "hapus data": removes the registration, its reminders and alerts. */
  erase(userId: string): Promise<Erased> {
    return this.repo.erase(userId);
  }
}
