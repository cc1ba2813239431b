/**
 * Checking on complaints: "cek PBL-2026-000123" shows one ticket (details only to its reporter and supporters),
 * "laporan saya gimana" lists the resident's tickets, and the reporter's answer to a resolution ("sudah beres" with a
 * 1–5 rating, or "belum beres" to reopen) is taken here too, from buttons or words, whatever else was going on.
 */
import type { Flow, FlowStep, TurnContext } from '../../core/flow.js';
import type { Choice } from '../../core/messages.js';
import type { ComplaintService } from './complaint-service.js';
import { contactOf } from '../../core/contact.js';
import type { Complaint } from './model.js';
import { isOpen } from './states.js';
import { looksLikeTicketAttempt, parseTicket } from './ticket-id.js';

const DONE = /^(sudah|udah|sdh|dah|wis|uwis|sampun)\s*(beres|selesai|bagus|oke|ok|diperbaiki)?\b|^beres\b/i;
const NOT_DONE = /^(belum|blm|durung|dereng|belom)\s*(beres|selesai|diperbaiki)?\b/i;
const CHECK = /^\/?(cek|check|status|lacak|track)\b/i;
const SUPPORT = /^dukung\b/i;

/** How many of the resident's tickets a list shows. */
const LIST_LIMIT = 5;

type Action = { kind: 'feedback'; resolved: boolean; ticket?: string } | { kind: 'support'; ticket?: string } | { kind: 'check'; ticket?: string; malformed: boolean };

/** The status flow's name (the feedback state set after a resolution resumes it). */
export const STATUS_FLOW = 'complaints.status';

/** Builds the status flow. */
export function statusFlow(deps: { service: ComplaintService }): Flow {
  const { service } = deps;

  const action = (ctx: TurnContext): Action | undefined => {
    const choice = ctx.choice ?? '';
    const m = /^complaint:(beres|belum|dukung):(.+)$/.exec(choice);
    if (m) return m[1] === 'dukung' ? { kind: 'support', ticket: m[2] } : { kind: 'feedback', resolved: m[1] === 'beres', ticket: m[2] };
    const text = ctx.text;
    const ticket = parseTicket(text);
    if (NOT_DONE.test(text) && /beres|selesai|diperbaiki/i.test(text)) return { kind: 'feedback', resolved: false, ticket };
    if (DONE.test(text) && /beres|selesai|diperbaiki/i.test(text)) return { kind: 'feedback', resolved: true, ticket };
    if (SUPPORT.test(text) && ticket) return { kind: 'support', ticket };
    if (ticket && (CHECK.test(text) || text.replace(/[^a-z0-9]/gi, '').length <= 16)) return { kind: 'check', ticket, malformed: false };
    if (!ticket && CHECK.test(text) && looksLikeTicketAttempt(text)) return { kind: 'check', malformed: true };
    return undefined;
  };

  const show = async (ctx: TurnContext, ticket: string): Promise<FlowStep> => {
    const { t } = ctx;
    const c = await service.repo.byTicket(ticket);
    const involved = c ? await service.isInvolved(c, ctx.user.userId) : false;
    // A rahasia report is not acknowledged to anyone else: the same answer as for a ticket that does not exist.
    if (!c || (c.privacy === 'rahasia' && !involved)) return end(t('complaint.status.not_found', { ticket }));
    const lines = [
      t('complaint.status.head', { ticket: c.ticket, category: t(`complaint.category.${c.category}`) }),
      t('complaint.status.state', { state: t(`complaint.state.${c.state}`) }),
      t('complaint.status.office', { office: service.officeName(c.office) }),
      t('complaint.status.filed', { date: service.calendar.formatDate(c.createdAt, ctx.locale) }),
    ];
    if (c.location.kelurahan) lines.push(t('complaint.status.area', { kelurahan: c.location.kelurahan }));
    if (isOpen(c.state)) lines.push(t('complaint.status.due', { date: service.calendar.formatDate(c.responseDueAt, ctx.locale) }));
    if (c.overdue) lines.push(t('complaint.status.overdue'));
    if (c.supporterCount) lines.push(t('complaint.status.supporters', { count: c.supporterCount }));
    if (involved) {
      lines.push(t('complaint.status.description', { text: c.description.length > 200 ? `${c.description.slice(0, 199)}…` : c.description }));
      const history = (await service.history(c, true)).slice(-5);
      if (history.length) lines.push(t('complaint.status.history'));
      for (const e of history) {
        const what = e.kind === 'reply' ? t('complaint.status.reply', { note: e.note ?? '' }) : e.toState ? t(`complaint.state.${e.toState}`) + (e.note ? ` — ${e.note}` : '') : (e.note ?? '');
        lines.push(`• ${service.calendar.formatDate(e.at, ctx.locale)}: ${what}`);
      }
    } else {
      lines.push(t('complaint.status.public_only'));
    }
    const choices: Choice[] = [];
    if (!involved && isOpen(c.state) && c.privacy !== 'rahasia') choices.push({ label: t('complaint.nearby.support', { ticket: c.ticket }), value: `complaint:dukung:${c.ticket}` });
    if (c.reporter?.userId === ctx.user.userId && c.state === 'selesai' && !c.closedAt) {
      choices.push({ label: t('complaint.feedback.done'), value: `complaint:beres:${c.ticket}` }, { label: t('complaint.feedback.not_done'), value: `complaint:belum:${c.ticket}` });
    }
    return { replies: [{ text: lines.join('\n'), ...(choices.length ? { choices } : {}) }], next: null };
  };

  const list = async (ctx: TurnContext): Promise<FlowStep> => {
    const { t } = ctx;
    const own = await service.repo.byReporter(ctx.user.userId, LIST_LIMIT);
    const supported = await service.repo.supportedBy(ctx.user.userId, LIST_LIMIT);
    if (!own.length && !supported.length) {
      return { replies: [{ text: t('complaint.status.none'), choices: [{ label: t('complaint.status.file_new'), value: 'intent:complaint.file' }] }], next: null };
    }
    const line = (c: Complaint) => t('complaint.status.line', { ticket: c.ticket, category: t(`complaint.category.${c.category}`), state: t(`complaint.state.${c.state}`) });
    const lines = [t('complaint.status.mine'), ...own.map(line)];
    if (supported.length) lines.push(t('complaint.status.supported'), ...supported.map(line));
    lines.push(t('complaint.status.pick'));
    const choices = [...own, ...supported].slice(0, 8).map((c) => ({ label: c.ticket, value: `check:${c.ticket}` }));
    return { replies: [{ text: lines.join('\n'), choices }], next: { step: 'pick', data: {} } };
  };

  const feedback = async (ctx: TurnContext, resolved: boolean, ticket: string | undefined): Promise<FlowStep> => {
    const { t } = ctx;
    const c = ticket ? await service.repo.byTicket(ticket) : (await service.repo.byReporter(ctx.user.userId, 20)).find((x) => x.state === 'selesai' && !x.closedAt);
    if (!c) return end(ticket ? t('complaint.status.not_found', { ticket }) : t('complaint.feedback.nothing'));
    if (resolved) {
      if (c.reporter?.userId !== ctx.user.userId) return end(t('complaint.feedback.not_yours', { ticket: c.ticket }));
      if (c.state !== 'selesai') return end(t('complaint.feedback.not_resolved_yet', { ticket: c.ticket, state: t(`complaint.state.${c.state}`) }));
      const choices = [1, 2, 3, 4, 5].map((n) => ({ label: '⭐'.repeat(n), value: String(n) }));
      choices.push({ label: t('complaint.feedback.skip_rating'), value: 'skip' });
      return { replies: [{ text: t('complaint.feedback.rate', { ticket: c.ticket }), choices }], next: { step: 'rating', data: { ticket: c.ticket } } };
    }
    const outcome = await service.feedback(c, contactOf(ctx), { resolved: false }, ctx.now);
    return end(t(`complaint.feedback.${outcome}`, { ticket: c.ticket, days: service.rules.reopenDays, state: t(`complaint.state.${c.state}`) }));
  };

  const run = async (ctx: TurnContext, a: Action): Promise<FlowStep> => {
    if (a.kind === 'feedback') return feedback(ctx, a.resolved, a.ticket);
    if (a.kind === 'support') {
      const c = a.ticket ? await service.repo.byTicket(a.ticket) : undefined;
      if (!c || c.privacy === 'rahasia' || !isOpen(c.state)) return end(ctx.t('complaint.support.unavailable', { ticket: a.ticket ?? '' }));
      const { complaint, added } = await service.support(c.ticket, contactOf(ctx), ctx.now);
      return end(ctx.t(added ? 'complaint.supported' : 'complaint.already_supporting', { ticket: complaint.ticket, count: complaint.supporterCount }));
    }
    if (a.ticket) return show(ctx, a.ticket);
    return a.malformed ? end(ctx.t('complaint.status.malformed')) : list(ctx);
  };

  return {
    name: STATUS_FLOW,
    intents: ['complaint.status'],

    claims(ctx, inOtherFlow) {
      if (/^complaint:(beres|belum|dukung):/.test(ctx.choice ?? '')) return true;
      if (inOtherFlow || !ctx.text || ctx.choice) return false;
      return action(ctx) !== undefined;
    },

    async start(ctx) {
      const a = action(ctx);
      if (a) return run(ctx, a);
      const ticket = ctx.understanding().entities.ticketIds[0] ?? parseTicket(ctx.text);
      if (ticket) return show(ctx, ticket);
      if (looksLikeTicketAttempt(ctx.text)) return end(ctx.t('complaint.status.malformed'));
      return list(ctx);
    },

    async resume(ctx, step, data) {
      if (step === 'pick') {
        const ticket = (ctx.choice ?? '').startsWith('check:') ? ctx.choice!.slice(6) : parseTicket(ctx.text);
        if (ticket) return show(ctx, ticket);
        return { replies: [], next: null, handOff: true };
      }
      if (step === 'feedback') {
        const ticket = String(data.ticket);
        if (ctx.choice === `complaint:beres:${ticket}` || DONE.test(ctx.text) || /^(ya|iya|yes)$/i.test(ctx.text)) return feedback(ctx, true, ticket);
        if (ctx.choice === `complaint:belum:${ticket}` || NOT_DONE.test(ctx.text) || /^(tidak|nggak|gak|no)$/i.test(ctx.text)) return feedback(ctx, false, ticket);
        return { replies: [], next: null, handOff: true };
      }
      if (step === 'rating') {
        const ticket = String(data.ticket);
        const c = await service.repo.byTicket(ticket);
        const said = (ctx.choice ?? ctx.text).trim();
        const rating = /^[1-5]$/.test(said) ? Number(said) : (said.match(/⭐/g)?.length ?? 0) || undefined;
        if (!c) return end(ctx.t('complaint.status.not_found', { ticket }));
        if (!rating && !/^(skip|lewati|tidak|gak usah)$/i.test(said)) {
          return { replies: [{ text: ctx.t('complaint.feedback.rate_again') }], next: { step, data } };
        }
        const outcome = await service.feedback(c, contactOf(ctx), { resolved: true, ...(rating ? { rating } : {}) }, ctx.now);
        return end(ctx.t(outcome === 'rated' ? 'complaint.feedback.thanks' : `complaint.feedback.${outcome}`, { ticket, state: ctx.t(`complaint.state.${c.state}`), days: service.rules.reopenDays }));
      }
      return this.start(ctx);
    },
  };
}

function end(text: string): FlowStep {
  return { replies: [{ text }], next: null };
}
