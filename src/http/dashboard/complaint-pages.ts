/**
 * The complaints inbox and ticket pages of the officers' dashboard. Coordinators see every ticket; an office
 * officer sees only their office's (another office's ticket answers "not found", the same as a ticket that does not
 * exist, also when the id is typed into the address bar). Actions go through the complaint service, so the state
 * machine, the required notes and the reporter's notifications are the same as in the admin API and the chat.
 * Every interpolated value is escaped (`html.ts`); rahasia reports show their reporter to the coordinator only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale, Translate } from '../../core/i18n.js';
import type { Clock } from '../../core/clock.js';
import { wibText } from '../wib-time.js';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../../core/understanding.js';
import type { Actor, ComplaintService } from '../../features/complaints/complaint-service.js';
import { STATES, type Complaint, type ComplaintQuery, type ComplaintState } from '../../features/complaints/model.js';
import { allowedTransitions, TransitionError } from '../../features/complaints/states.js';
import { parseTicket } from '../../features/complaints/ticket-id.js';
import type { OfficerAccount } from '../../features/officers/model.js';
import { audit, csrfField, officerHeader, requireRole } from './auth-plugin.js';
import { html, page, type SafeHtml } from './html.js';

const HTML = 'text/html; charset=utf-8';
const PAGE_SIZE = 50;

/** What the pages need. */
export interface ComplaintPagesDeps {
  service: ComplaintService;
  clock: Clock;
  t: Translate;
  locale: Locale;
  /** The city's kelurahan, for the filter. */
  kelurahan: { kelurahan: string; kelurahanCode: string }[];
  /** Fetches a photo a resident sent, by the channel it came from (Telegram, WhatsApp); absent: no photos shown. */
  photos?: (channel: string, fileId: string) => Promise<Buffer>;
}

/** The complaint service's actor for a signed-in officer. */
function actorOf(officer: OfficerAccount, service: ComplaintService): Actor {
  return officer.role === 'coordinator'
    ? { role: 'coordinator', office: service.router.coordinator, name: officer.displayName }
    : { role: 'office', office: officer.office, name: officer.displayName };
}

function one<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Registers the inbox, ticket page and ticket actions in the dashboard context (paths under `/admin`). */
export function complaintPages(deps: ComplaintPagesDeps): (dashboard: FastifyInstance) => void {
  const { service, t } = deps;
  const wib = (d: Date | undefined) => wibText(d, deps.locale);
  const officeName = (code: string) => service.router.office(code)?.name ?? code;
  const offices = () => service.router.allOffices().filter((o) => !o.external);

  /** The ticket, if this officer may see it. */
  const visible = async (officer: OfficerAccount, raw: string): Promise<Complaint | undefined> => {
    const ticket = parseTicket(raw);
    if (!ticket) return undefined;
    const c = await service.repo.byTicket(ticket);
    if (!c) return undefined;
    if (officer.role === 'office' && c.office !== officer.office) return undefined;
    return c;
  };

  const notFound = (req: FastifyRequest, reply: FastifyReply, raw: string) =>
    reply
      .code(404)
      .type(HTML)
      .send(page(t('dashboard.ticket.not_found_title'), html`<div class="card"><p>${t('dashboard.ticket.not_found', { ticket: raw })}</p><p><a href="/admin/complaints">${t('dashboard.inbox.back')}</a></p></div>`, { header: officerHeader(req) }));

  const inbox = async (req: FastifyRequest, reply: FastifyReply) => {
    const officer = req.officer!;
    const q = req.query as Record<string, string | undefined>;
    const pageNo = Math.max(1, Math.min(10_000, Number(q.page) || 1));
    const state = one(q.state, STATES);
    const category = one(q.category, COMPLAINT_CATEGORIES);
    const office = officer.role === 'office' ? officer.office : one(q.office, offices().map((o) => o.code));
    const from = q.from && /^\d{4}-\d{2}-\d{2}$/.test(q.from) ? new Date(`${q.from}T00:00:00+07:00`) : undefined;
    const to = q.to && /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000) : undefined;
    const query: ComplaintQuery = {
      ...(office && { offices: [office] }),
      ...(state && { states: [state] }),
      ...(category && { categories: [category as ComplaintCategory] }),
      ...(q.kelurahan && /^[\d.]+$/.test(q.kelurahan) && { kelurahanCode: q.kelurahan }),
      ...(q.overdue === '1' && { overdue: true }),
      ...(from && { from }),
      ...(to && { to }),
      ...(q.q?.trim() && { search: q.q.trim().slice(0, 100) }),
      order: one(q.sort, ['newest', 'oldest', 'updated'] as const) ?? 'newest',
      // Counting every match costs far more than a page on a big table: one extra row says whether there is more.
      withTotal: false,
      limit: PAGE_SIZE + 1,
      offset: (pageNo - 1) * PAGE_SIZE,
    };
    const { items } = await service.repo.list(query);
    const more = items.length > PAGE_SIZE;
    const rows = items.slice(0, PAGE_SIZE);
    const link = (p: number) => {
      const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'page' && v) as [string, string][]);
      params.set('page', String(p));
      return `/admin/complaints?${params.toString()}`;
    };
    const select = (name: string, options: { value: string; label: string }[], chosen?: string) =>
      html`<label for="f-${name}">${t(`dashboard.inbox.filter.${name}`)}</label><select id="f-${name}" name="${name}"><option value="">${t('dashboard.inbox.filter.any')}</option>${options.map((o) => html`<option value="${o.value}"${o.value === chosen ? html` selected` : ''}>${o.label}</option>`)}</select>`;
    const body = html`<h1>${t('dashboard.inbox.title')}</h1>
<form class="card filters" method="get" action="/admin/complaints">
${select('state', STATES.map((s) => ({ value: s, label: t(`dashboard.state.${s}`) })), state)}
${select('category', COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaint.category.${c}`) })), category)}
${officer.role === 'office' ? '' : select('office', offices().map((o) => ({ value: o.code, label: o.short })), office)}
${select('kelurahan', deps.kelurahan.map((k) => ({ value: k.kelurahanCode, label: k.kelurahan })), q.kelurahan)}
${select('sort', (['newest', 'oldest', 'updated'] as const).map((o) => ({ value: o, label: t(`dashboard.inbox.sort.${o}`) })), q.sort)}
<label for="f-q">${t('dashboard.inbox.filter.q')}</label><input type="search" id="f-q" name="q" value="${q.q ?? ''}">
<label for="f-from">${t('dashboard.inbox.filter.from')}</label><input type="date" id="f-from" name="from" value="${q.from ?? ''}">
<label for="f-to">${t('dashboard.inbox.filter.to')}</label><input type="date" id="f-to" name="to" value="${q.to ?? ''}">
<label><input type="checkbox" name="overdue" value="1"${q.overdue === '1' ? html` checked` : ''}> ${t('dashboard.inbox.filter.overdue')}</label>
<button type="submit">${t('dashboard.inbox.filter.apply')}</button>
</form>
<div class="card">
${rows.length
  ? html`<div style="overflow-x:auto"><table><thead><tr><th>${t('dashboard.inbox.col.ticket')}</th><th>${t('dashboard.inbox.col.what')}</th><th>${t('dashboard.inbox.col.state')}</th><th>${t('dashboard.inbox.col.office')}</th><th>${t('dashboard.inbox.col.filed')}</th></tr></thead><tbody>
${rows.map(
  (c) => html`<tr${c.overdue ? html` class="overdue"` : ''}><td><a href="/admin/complaints/${c.ticket}">${c.ticket}</a>${c.overdue ? html` <span class="error">${t('dashboard.inbox.overdue')}</span>` : ''}</td>
<td>${t(`complaint.category.${c.category}`)}<br><span class="muted">${c.description.slice(0, 120)}${c.location.kelurahan ? html` · Kel. ${c.location.kelurahan}` : ''}</span></td>
<td>${t(`dashboard.state.${c.state}`)}</td><td>${service.router.office(c.office)?.short ?? c.office}</td><td>${wib(c.createdAt)}</td></tr>`,
)}
</tbody></table></div>`
  : html`<p>${t('dashboard.inbox.empty')}</p>`}
<p>${pageNo > 1 ? html`<a href="${link(pageNo - 1)}">← ${t('dashboard.inbox.prev')}</a> ` : ''}${t('dashboard.inbox.page', { page: pageNo })}${more ? html` <a href="${link(pageNo + 1)}">${t('dashboard.inbox.next')} →</a>` : ''}</p>
</div>`;
    return reply.type(HTML).send(page(t('dashboard.inbox.title'), body, { header: officerHeader(req) }));
  };

  const ticketPage = async (req: FastifyRequest, reply: FastifyReply, problem?: string, code = 200) => {
    const officer = req.officer!;
    const raw = (req.params as { ticket: string }).ticket;
    const c = await visible(officer, raw);
    if (!c) return notFound(req, reply, raw);
    const [events, supporters] = await Promise.all([service.repo.events(c.id), officer.role === 'coordinator' ? service.repo.supporters(c.id) : Promise.resolve([])]);
    const role = officer.role === 'coordinator' ? 'coordinator' : 'office';
    const moves = allowedTransitions(c.state, role);
    const showReporter = c.privacy !== 'rahasia' || officer.role === 'coordinator';
    const now = deps.clock.now();
    const clock = (label: string, due: Date, done?: Date) =>
      html`<li>${label}: ${wib(due)} ${done ? html`<span class="muted">(${t('dashboard.ticket.done_at', { at: wib(done) })})</span>` : due.getTime() < now.getTime() ? html`<span class="error">${t('dashboard.ticket.late')}</span>` : ''}</li>`;
    const point = c.location.point;
    const form = (action: string, fields: SafeHtml, label: string) =>
      html`<form method="post" action="/admin/complaints/${c.ticket}/${action}" class="card">${csrfField(req)}${fields}<button type="submit">${label}</button></form>`;
    const note = (required: boolean) => html`<label>${t(required ? 'dashboard.ticket.note_required' : 'dashboard.ticket.note')}</label><textarea name="note" rows="2"${required ? html` required` : ''}></textarea>`;
    const body = html`<p><a href="/admin/complaints">← ${t('dashboard.inbox.back')}</a></p>
<h1>${c.ticket} · ${t(`dashboard.state.${c.state}`)}</h1>
${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
<div class="card">
<p><strong>${t(`complaint.category.${c.category}`)}</strong> · ${t(`dashboard.privacy.${c.privacy}`)} · ${officeName(c.office)}</p>
<p class="description">${c.description}</p>
<p>${t('dashboard.ticket.location')}: ${c.location.text ?? '—'}${c.location.kelurahan ? html` · Kel. ${c.location.kelurahan}, Kec. ${c.location.kecamatan ?? ''}` : ''}
${point ? html` · <a href="https://www.google.com/maps?q=${point.lat},${point.lon}" rel="noopener" target="_blank">${t('dashboard.ticket.pin')} (${point.lat.toFixed(5)}, ${point.lon.toFixed(5)})</a>` : ''}</p>
<p>${t('dashboard.ticket.photos', { count: c.photos.length })}${c.incidentDate ? html` · ${t('dashboard.ticket.incident', { date: c.incidentDate })}` : ''}</p>
${c.photos.length && c.reporter && deps.photos ? html`<p class="photos">${c.photos.map((p, i) => html`<a href="/admin/complaints/${c.ticket}/photos/${i + 1}" target="_blank" rel="noopener"><img src="/admin/complaints/${c.ticket}/photos/${i + 1}" alt="${p.caption ?? t('dashboard.ticket.photo_alt', { n: i + 1 })}" loading="lazy" style="max-width:160px;max-height:160px;margin:4px;border-radius:4px"></a>`)}</p>` : ''}
<p>${t('dashboard.ticket.reporter')}: ${showReporter ? (c.reporter ? `${c.reporter.channel} · ${c.reporterName ?? c.reporter.address}` : (c.reporterName ?? '—')) : t('dashboard.ticket.hidden')}
· ${t('dashboard.ticket.supporters', { count: c.supporterCount })}</p>
${supporters.length ? html`<p class="muted">${supporters.map((s) => `${s.channel}:${s.address}`).join(', ')}</p>` : ''}
<ul>${clock(t('dashboard.ticket.verify_due'), c.verifyDueAt, c.state === 'diterima' ? undefined : c.updatedAt)}${clock(t('dashboard.ticket.response_due'), c.responseDueAt, c.respondedAt)}</ul>
</div>
<h2>${t('dashboard.ticket.timeline')}</h2>
<div class="card"><ol class="timeline">${events.map(
      (e) => html`<li><span class="muted">${wib(e.at)} · ${e.actor}</span><br>${e.kind === 'transition' ? html`${t(`dashboard.state.${e.fromState ?? 'diterima'}`)} → ${t(`dashboard.state.${e.toState ?? c.state}`)}` : t(`dashboard.event.${e.kind}`)}${e.note ? html`: <q>${e.note}</q>` : ''}</li>`,
    )}</ol></div>
<h2>${t('dashboard.ticket.actions')}</h2>
${moves.includes('terverifikasi') ? form('verify', note(false), t('dashboard.action.verify')) : ''}
${moves.includes('didisposisikan') ? form('dispose', html`<label>${t('dashboard.ticket.to_office')}</label><select name="office">${offices().map((o) => html`<option value="${o.code}"${o.code === c.office ? html` selected` : ''}>${o.name}</option>`)}</select>${note(false)}`, t('dashboard.action.dispose')) : ''}
${moves.length ? form('state', html`<label>${t('dashboard.ticket.new_state')}</label><select name="state">${moves.map((s) => html`<option value="${s}">${t(`dashboard.state.${s}`)}</option>`)}</select><label>${t('dashboard.ticket.refer_to')}</label><input type="text" name="referTo"><label>${t('dashboard.ticket.duplicate_of')}</label><input type="text" name="duplicateOf" placeholder="PBL-2026-000123">${note(false)}<p class="muted">${t('dashboard.ticket.final_needs_note')}</p>`, t('dashboard.action.change_state')) : ''}
${form('reply', html`<label>${t('dashboard.ticket.reply_label')}</label><textarea name="text" rows="3" required maxlength="2000"></textarea>`, t('dashboard.action.reply'))}`;
    await audit(req, 'complaint_viewed', c.ticket);
    return reply.code(code).type(HTML).send(page(c.ticket, body, { header: officerHeader(req) }));
  };

  /** Runs an action; on a refused move, shows the ticket again with the reason. */
  const act = (name: string, run: (c: Complaint, body: Record<string, string | undefined>, actor: Actor, now: Date) => Promise<unknown>) => async (req: FastifyRequest, reply: FastifyReply) => {
    const officer = req.officer!;
    const raw = (req.params as { ticket: string }).ticket;
    const c = await visible(officer, raw);
    if (!c) return notFound(req, reply, raw);
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    try {
      await run(c, body, actorOf(officer, service), deps.clock.now());
    } catch (err) {
      if (!(err instanceof TransitionError)) throw err;
      return ticketPage(req, reply, t(`dashboard.refused.${err.code}`, { message: err.message }), 409);
    }
    await audit(req, `complaint_${name}`, c.ticket, { state: body.state, office: body.office });
    return reply.redirect(`/admin/complaints/${c.ticket}`, 303);
  };

  const text = (v: string | undefined) => (v?.trim() ? v.trim().slice(0, 2000) : undefined);

  return (dashboard) => {
    const officers = requireRole('coordinator', 'office');
    dashboard.get('/complaints', { preHandler: officers }, inbox);
    dashboard.get('/complaints/:ticket', { preHandler: officers }, (req, reply) => ticketPage(req, reply));
    dashboard.get('/complaints/:ticket/photos/:n', { preHandler: officers }, async (req, reply) => {
      const { ticket: raw, n } = req.params as { ticket: string; n: string };
      const c = await visible(req.officer!, raw);
      const photo = c?.photos[Number(n) - 1];
      if (!c || !photo || !c.reporter || !deps.photos) return reply.code(404).type('text/plain; charset=utf-8').send(t('dashboard.ticket.photo_missing'));
      try {
        const bytes = await deps.photos(c.reporter.channel, photo.fileId);
        await audit(req, 'complaint_photo_viewed', c.ticket, { n: Number(n) });
        // Photos are sniffed by the browser as images only: the channels deliver JPEGs.
        return reply.type('image/jpeg').header('cache-control', 'private, max-age=3600').send(bytes);
      } catch {
        return reply.code(502).type('text/plain; charset=utf-8').send(t('dashboard.ticket.photo_unavailable'));
      }
    });
    dashboard.post('/complaints/:ticket/verify', { preHandler: officers }, act('verified', (c, b, a, now) => service.transition(c.ticket, { to: 'terverifikasi', note: text(b.note) }, a, now)));
    dashboard.post('/complaints/:ticket/dispose', { preHandler: officers }, act('disposed', (c, b, a, now) => service.transition(c.ticket, { to: 'didisposisikan', office: text(b.office), note: text(b.note) }, a, now)));
    dashboard.post(
      '/complaints/:ticket/state',
      { preHandler: officers },
      act('state_changed', (c, b, a, now) => {
        const to = one(b.state, STATES) as ComplaintState | undefined;
        if (!to) throw new TransitionError(`"${b.state ?? ''}" is not a state`, 'illegal', allowedTransitions(c.state, a.role));
        return service.transition(c.ticket, { to, note: text(b.note), referTo: text(b.referTo), duplicateOf: text(b.duplicateOf) }, a, now);
      }),
    );
    dashboard.post('/complaints/:ticket/reply', { preHandler: officers }, act('replied', (c, b, a, now) => service.reply(c.ticket, text(b.text) ?? '', a, now)));
  };
}
