/**
 * What happens to a complaint after the conversation: filing with its office and deadlines, officers' actions
 * through the state machine (with scope checks and the audit trail), replies, support, the resident's feedback and
 * reopening, the deadline sweep, and a push to the reporter and supporters on every change.
 */
import type { I18n, Locale } from '../../core/i18n.js';
import type { OutboundMessage, Reply } from '../../core/messages.js';
import type { ComplaintCategory } from '../../core/understanding.js';
import type { WorkingCalendar } from '../../core/working-days.js';
import type { AdminScope } from './officer-auth.js';
import type { Complaint, ComplaintDraft, ComplaintEvent, ComplaintRepository, ComplaintState, ContactRef, EventKind } from './model.js';
import type { Router } from './routing.js';
import { checkTransition, FINAL_STATES, isOpen, TransitionError, type ActorRole } from './states.js';

/** Deadlines in working days and windows in calendar days (SP4N-LAPOR!); configurable for the city. */
export interface ComplaintRules {
  verifyWorkingDays: number;
  responseWorkingDays: number;
  autoCloseWorkingDays: number;
  reopenDays: number;
}

/** The defaults from DESIGN §3. */
export const DEFAULT_RULES: ComplaintRules = { verifyWorkingDays: 3, responseWorkingDays: 5, autoCloseWorkingDays: 10, reopenDays: 14 };

/** Someone acting on a ticket. */
export interface Actor {
  role: ActorRole;
  /** The office an office officer acts for. */
  office?: string;
  /** A name for the audit trail (token name, "resident", "system"). */
  name: string;
}

/** An officer's (or resident's, or the system's) change of state. */
export interface TransitionRequest {
  to: ComplaintState;
  note?: string;
  /** For `didisposisikan`: the office to send it to (default: the routing table's choice). */
  office?: string;
  /** For `duplikat`: the original ticket. */
  duplicateOf?: string;
  /** For `bukan_kewenangan`: another city office code (re-routes the ticket) or an outside agency. */
  referTo?: string;
}

/** The coordinator or an office: the actors whose steps count as a response to the reporter. */
function isOfficer(actor: Actor): boolean {
  return actor.role === 'coordinator' || actor.role === 'office';
}

/** What the service needs from outside. */
export interface ComplaintServiceDeps {
  repo: ComplaintRepository;
  router: Router;
  calendar: WorkingCalendar;
  i18n: I18n;
  /** Sends messages that are not replies through the outbox (the engine's `notify`). */
  notify(messages: OutboundMessage[]): Promise<unknown>;
  /** Called after a resolution is pushed, so the reporter's next "sudah/belum" is understood. */
  awaitFeedback?(contact: ContactRef, complaint: Complaint, choices: Reply['choices']): Promise<void>;
  rules?: ComplaintRules;
}

/** Result of the deadline sweep. */
export interface SweepResult {
  escalated: string[];
  autoClosed: string[];
}

/** The complaint service: every write to a complaint goes through here. */
export class ComplaintService {
  readonly rules: ComplaintRules;

  constructor(private readonly deps: ComplaintServiceDeps) {
    this.rules = deps.rules ?? DEFAULT_RULES;
  }

  get router(): Router {
    return this.deps.router;
  }

  get repo(): ComplaintRepository {
    return this.deps.repo;
  }

  get calendar(): WorkingCalendar {
    return this.deps.calendar;
  }

  /** Files a complaint; `idempotencyKey` makes a retried confirmation return the same ticket. */
  async file(input: {
    idempotencyKey: string;
    draft: ComplaintDraft;
    reporter?: ContactRef;
    reporterName?: string;
    reporterEmail?: string;
    source: Complaint['source'];
    at: Date;
  }): Promise<{ complaint: Complaint; created: boolean }> {
    const { calendar, router, repo } = this.deps;
    const route = router.route({ category: input.draft.category, kelurahanCode: input.draft.location.kelurahanCode, locationText: input.draft.location.text });
    return repo.file({
      ...input,
      office: route.office,
      verifyDueAt: calendar.addWorkingDays(input.at, this.rules.verifyWorkingDays),
      responseDueAt: calendar.addWorkingDays(input.at, this.rules.verifyWorkingDays + this.rules.responseWorkingDays),
    });
  }

  /** Loads a ticket or throws a `not_found` {@link TransitionError}. */
  async get(ticket: string): Promise<Complaint> {
    const c = await this.deps.repo.byTicket(ticket);
    if (!c) throw new TransitionError(`There is no ticket ${ticket}.`, 'not_found');
    return c;
  }

  /** Whether an officer with `scope` may see and act on `c`. */
  canAccess(scope: AdminScope, c: Complaint): boolean {
    if (scope.kind === 'coordinator') return true;
    if (scope.kind === 'office') return c.office === scope.office;
    return false;
  }

  /** Moves a ticket to another state, with the checks, the audit entry and the push to the resident. */
  async transition(ticket: string, req: TransitionRequest, actor: Actor, now: Date): Promise<Complaint> {
    const c = await this.get(ticket);
    if (actor.role === 'office' && actor.office !== c.office) throw new TransitionError(`Ticket ${ticket} belongs to another office.`, 'forbidden');
    checkTransition(c.state, req.to, actor.role, req.note ?? (req.to === 'duplikat' ? req.duplicateOf : undefined));
    const patch: Partial<Complaint> = { state: req.to, stateNote: req.note?.trim() || undefined, updatedAt: now };
    let to = req.to;
    let kind: EventKind = 'transition';

    if (req.to === 'didisposisikan') {
      const office = req.office ?? (c.state === 'didisposisikan' || c.state === 'diproses' ? undefined : c.office);
      if (!office || !this.deps.router.office(office)) throw new TransitionError(`Say which office to send ${ticket} to ("office"); "${req.office ?? ''}" is not in the routing table.`, 'invalid');
      patch.office = office;
      patch.responseDueAt = this.deps.calendar.addWorkingDays(now, this.rules.responseWorkingDays);
      patch.overdue = false;
    }
    if (req.to === 'duplikat') {
      const original = req.duplicateOf ? await this.deps.repo.byTicket(req.duplicateOf) : undefined;
      if (!original || original.id === c.id) throw new TransitionError(`"duplicateOf" must name another existing ticket.`, 'invalid');
      if (!isOpen(original.state) && original.state !== 'selesai') {
        throw new TransitionError(`${original.ticket} is ${original.state}; a duplicate must point at a ticket that is still being handled.`, 'invalid');
      }
      patch.duplicateOf = original.ticket;
      patch.stateNote = req.note?.trim() || original.ticket;
    }
    if (req.to === 'bukan_kewenangan') {
      if (!req.referTo?.trim()) throw new TransitionError(`Say who is responsible instead ("referTo": an office code or an agency).`, 'invalid');
      const cityOffice = this.deps.router.office(req.referTo);
      if (cityOffice && !cityOffice.external && cityOffice.code !== c.office) {
        // Another city office's job: the ticket moves there instead of closing.
        to = 'didisposisikan';
        kind = 'reroute';
        Object.assign(patch, { state: to, office: cityOffice.code, responseDueAt: this.deps.calendar.addWorkingDays(now, this.rules.responseWorkingDays), overdue: false });
      } else {
        patch.referredTo = cityOffice ? cityOffice.name : this.deps.router.agency(req.referTo);
      }
    }
    if (to === 'diproses' || (to === 'selesai' && actor.role !== 'resident')) {
      if (!c.respondedAt) patch.respondedAt = now;
    }
    if (isOfficer(actor) && !c.firstResponseAt && to !== 'diterima') patch.firstResponseAt = now;
    if (to === 'selesai') patch.resolvedAt = now;
    if (FINAL_STATES.has(to) && to !== 'selesai') patch.closedAt = now;
    if (c.state === 'selesai' && to === 'diproses') {
      patch.resolvedAt = undefined;
      patch.reopenCount = c.reopenCount + 1;
      kind = 'reopen';
    }

    const event = { at: now, actor: actorLabel(actor), kind, fromState: c.state, toState: to, note: patch.stateNote ?? req.note, visibleToReporter: true };
    const ok = await this.deps.repo.update(c.id, c.state, patch, event);
    if (!ok) throw new TransitionError(`Ticket ${ticket} changed while you were acting on it; reload and try again.`, 'conflict');
    const updated = { ...c, ...patch, state: to };
    if (req.to === 'duplikat' && c.reporter) {
      const original = (await this.deps.repo.byTicket(patch.duplicateOf!))!;
      // The reporter follows the original instead, unless it is their own.
      if (original.reporter?.userId !== c.reporter.userId) await this.deps.repo.addSupporter(original.id, c.reporter, now);
    }
    await this.pushChange(updated);
    return updated;
  }

  /** An officer's message to the reporter (and supporters), delivered through the outbox and kept in the trail. */
  async reply(ticket: string, text: string, actor: Actor, now: Date): Promise<Complaint> {
    const c = await this.get(ticket);
    if (actor.role === 'office' && actor.office !== c.office) throw new TransitionError(`Ticket ${ticket} belongs to another office.`, 'forbidden');
    const message = text.trim();
    if (!message) throw new TransitionError('The reply is empty; write what the resident should read in "text".', 'invalid');
    const patch: Partial<Complaint> = { updatedAt: now };
    if (actor.role === 'office' && !c.respondedAt) patch.respondedAt = now;
    if (isOfficer(actor) && !c.firstResponseAt) patch.firstResponseAt = now;
    await this.deps.repo.addEvent(c.id, { at: now, actor: actorLabel(actor), kind: 'reply', note: message, visibleToReporter: true }, patch);
    await this.push(c, (t) => ({ text: t('complaint.push.reply', { ticket: c.ticket, office: this.officeName(c.office), text: message }) }));
    return { ...c, ...patch };
  }

  /** Adds a resident as supporter and subscriber of an open ticket ("dukung"). */
  async support(ticket: string, who: ContactRef, now: Date): Promise<{ complaint: Complaint; added: boolean }> {
    const c = await this.get(ticket);
    if (c.reporter?.userId === who.userId) return { complaint: c, added: false };
    const added = await this.deps.repo.addSupporter(c.id, who, now);
    if (added) await this.deps.repo.addEvent(c.id, { at: now, actor: 'resident', kind: 'support', visibleToReporter: false });
    return { complaint: { ...c, supporterCount: c.supporterCount + (added ? 1 : 0) }, added };
  }

  /**
   * The reporter's answer after resolution: `resolved` with an optional 1–5 rating closes the feedback window;
   * not resolved reopens it within {@link ComplaintRules.reopenDays} days.
   */
  async feedback(c: Complaint, who: ContactRef, answer: { resolved: boolean; rating?: number }, now: Date): Promise<'rated' | 'reopened' | 'too_late' | 'not_resolved_yet' | 'not_yours'> {
    if (c.reporter?.userId !== who.userId) return 'not_yours';
    if (c.state !== 'selesai') return 'not_resolved_yet';
    if (answer.resolved) {
      const patch: Partial<Complaint> = { updatedAt: now, closedAt: c.closedAt ?? now, rating: answer.rating ?? c.rating };
      const note = answer.rating ? `rating ${answer.rating}` : 'beres';
      await this.deps.repo.addEvent(c.id, { at: now, actor: 'resident', kind: 'feedback', note, visibleToReporter: true }, patch);
      return 'rated';
    }
    const resolvedAt = c.resolvedAt ?? c.updatedAt;
    if (c.closedAt || now.getTime() - resolvedAt.getTime() > this.rules.reopenDays * 86_400_000) return 'too_late';
    await this.transition(c.ticket, { to: 'diproses', note: 'belum beres (pelapor)' }, { role: 'resident', name: 'resident' }, now);
    return 'reopened';
  }

  /**
   * The deadline sweep (run by a scheduled job): flags and escalates tickets past their verification or response
   * deadline, and closes resolved tickets whose feedback window passed. Safe to run twice: flagged tickets are
   * skipped, and state changes use optimistic checks.
   */
  async sweep(now: Date, batch = 200): Promise<SweepResult> {
    const { repo, calendar } = this.deps;
    const escalated: string[] = [];
    for (const c of await repo.dueForEscalation(now, batch)) {
      const stage = c.state === 'diterima' || c.state === 'terverifikasi' ? 'verify' : 'response';
      const due = stage === 'verify' ? c.verifyDueAt : c.responseDueAt;
      await repo.addEvent(
        c.id,
        { at: now, actor: 'system', kind: 'escalation', note: `${stage} deadline ${due.toISOString()} passed; escalated to ${this.deps.router.coordinator}`, visibleToReporter: false },
        { overdue: true, escalatedAt: now, updatedAt: now },
      );
      escalated.push(c.ticket);
      await this.push(c, (t, locale) => ({ text: t('complaint.push.overdue', { ticket: c.ticket, office: this.officeName(c.office), due: calendar.formatDate(due, locale) }) }));
    }
    const autoClosed: string[] = [];
    // Anything resolved before this instant has had its full window of working days.
    for (const c of await repo.resolvedBefore(now, batch)) {
      if (!c.resolvedAt || calendar.addWorkingDays(c.resolvedAt, this.rules.autoCloseWorkingDays).getTime() > now.getTime()) continue;
      await repo.addEvent(c.id, { at: now, actor: 'system', kind: 'feedback', note: 'ditutup otomatis: tidak ada tanggapan pelapor', visibleToReporter: true }, { closedAt: now, updatedAt: now });
      autoClosed.push(c.ticket);
    }
    return { escalated, autoClosed };
  }

  /** The events a viewer may see: reporters and supporters see what is meant for the reporter; others only state changes. */
  async history(c: Complaint, privileged: boolean): Promise<ComplaintEvent[]> {
    const events = await this.deps.repo.events(c.id);
    return events.filter((e) => e.visibleToReporter && (privileged || e.kind !== 'reply'));
  }

  /** Whether `userId` is the reporter or a supporter of `c`. */
  async isInvolved(c: Complaint, userId: string): Promise<boolean> {
    if (c.reporter?.userId === userId) return true;
    return (await this.deps.repo.supporters(c.id)).some((s) => s.userId === userId);
  }

  /** Open reports of `category` within `radiusM` of a point, nearest first, for "dukung" before filing. */
  async nearbyOpen(category: ComplaintCategory, lat: number, lon: number, radiusM: number, distanceM: (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => number) {
    const dLat = radiusM / 111_320;
    const dLon = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
    const box = { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
    const found = await this.deps.repo.openNear(category, box, 20);
    return found
      .filter((c) => c.location.point)
      .map((c) => ({ complaint: c, distanceM: distanceM({ lat, lon }, c.location.point!) }))
      .filter((x) => x.distanceM <= radiusM)
      .sort((a, b) => a.distanceM - b.distanceM);
  }

  /** An office's display name. */
  officeName(code: string): string {
    return this.deps.router.office(code)?.short ?? code;
  }

  private async pushChange(c: Complaint): Promise<void> {
    await this.push(c, (t, locale) => {
      const state = t(`complaint.state.${c.state}`);
      const lines = [t('complaint.push.state', { ticket: c.ticket, state })];
      if (c.stateNote) lines.push(t('complaint.push.note', { note: c.stateNote }));
      if (c.state === 'didisposisikan') lines.push(t('complaint.push.disposed', { office: this.officeName(c.office), due: this.deps.calendar.formatDate(c.responseDueAt, locale) }));
      if (c.state === 'bukan_kewenangan' && c.referredTo) lines.push(t('complaint.push.referred', { agency: c.referredTo }));
      if (c.state === 'selesai') lines.push(t('complaint.push.ask_feedback', { ticket: c.ticket }));
      const reply: Reply = { text: lines.join('\n') };
      if (c.state === 'selesai') reply.choices = feedbackChoices(t, c.ticket);
      return reply;
    });
    if (c.state === 'selesai' && c.reporter && this.deps.awaitFeedback) {
      const t = this.deps.i18n.forLocale(c.reporter.locale);
      await this.deps.awaitFeedback(c.reporter, c, feedbackChoices(t, c.ticket));
    }
  }

  /** Sends one message, built in each recipient's language, to the reporter and every supporter. */
  private async push(c: Complaint, build: (t: ReturnType<I18n['forLocale']>, locale: Locale) => Reply): Promise<void> {
    const targets = [...(c.reporter ? [c.reporter] : []), ...(await this.deps.repo.supporters(c.id))];
    const seen = new Set<string>();
    const messages: OutboundMessage[] = [];
    for (const to of targets) {
      if (seen.has(to.userId)) continue;
      seen.add(to.userId);
      const reply = build(this.deps.i18n.forLocale(to.locale), to.locale);
      // Supporters get the buttons only when they are the reporter: feedback is the reporter's.
      if (to !== c.reporter) delete reply.choices;
      messages.push({ channel: to.channel, address: to.address, userId: to.userId, reply, kind: 'notice' });
    }
    if (messages.length) await this.deps.notify(messages);
  }
}

/** The buttons under a resolution message. Values carry the ticket so they work whatever the resident did since. */
export function feedbackChoices(t: ReturnType<I18n['forLocale']>, ticket: string): NonNullable<Reply['choices']> {
  return [
    { label: t('complaint.feedback.done'), value: `complaint:beres:${ticket}` },
    { label: t('complaint.feedback.not_done'), value: `complaint:belum:${ticket}` },
  ];
}

function actorLabel(actor: Actor): string {
  if (actor.role === 'office') return `office:${actor.office}${actor.name ? ` (${actor.name})` : ''}`;
  if (actor.role === 'coordinator') return `coordinator${actor.name ? ` (${actor.name})` : ''}`;
  return actor.role;
}
