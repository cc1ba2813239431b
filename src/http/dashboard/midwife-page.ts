/**
 * The midwives' view: the mothers and children registered for SISKIA at the signed-in midwife's puskesmas, with
 * consent, upcoming and missed visits, and danger-sign alerts (time and the follow-up answer; never what she wrote).
 * Health data is shown only for active registrations, which all carry recorded consent; a stopped registration
 * shows that it stopped, nothing more. Every opening of the page is in the audit log.
 */
import type { FastifyInstance } from 'fastify';
import type { Locale, Translate } from '../../core/i18n.js';
import type { Clock } from '../../core/clock.js';
import { wibText } from '../wib-time.js';
import type { Logger } from '../../core/ports.js';
import { carePlan } from '../../features/siskia/care-plan.js';
import { formatDate, wibToday } from '../../features/siskia/dates.js';
import type { SiskiaProfile, SiskiaRepository } from '../../features/siskia/model.js';
import { visitName } from '../../features/siskia/visit-text.js';
import { audit, officerHeader, requireRole } from './auth-plugin.js';
import { html, page, type SafeHtml } from './html.js';

/** Registrations listed at most. */
const LIMIT = 500;

/** Registers `/admin/bidan` (midwives only). */
export function midwifePage(deps: { repo: SiskiaRepository; clock: Clock; t: Translate; locale: Locale; logger: Logger }): (dashboard: FastifyInstance) => void {
  const { t, locale } = deps;

  const visits = (p: SiskiaProfile, today: string): { next?: string; missed: string[]; hpl?: string } => {
    let plan;
    try {
      plan = carePlan(p.record, today);
    } catch {
      return { missed: [] };
    }
    const hpl = plan.schedule.pregnancy?.hpl;
    const open = plan.visits.filter((v) => !v.done);
    const next = open.find((v) => v.date >= today);
    const missed = open.filter((v) => v.date < today && (v.latest === undefined || v.latest < today));
    return {
      ...(hpl && { hpl }),
      ...(next && { next: `${visitName(next, p, t, locale)} · ${formatDate(next.date, locale)}` }),
      missed: missed.map((v) => `${visitName(v, p, t, locale)} (${formatDate(v.date, locale)})`),
    };
  };

  return (dashboard) => {
    dashboard.get('/bidan', { preHandler: requireRole('midwife') }, async (req, reply) => {
      const officer = req.officer!;
      const puskesmas = officer.puskesmas ?? '';
      let unreadable = 0;
      const profiles = await deps.repo.atPuskesmas(puskesmas, LIMIT, () => void unreadable++);
      if (unreadable) deps.logger.error({ unreadable }, 'midwives view: registrations that cannot be decrypted were left out; check HEALTH_DATA_KEY');
      const alerts = await deps.repo.alertsOf(profiles.map((p) => p.userId));
      const today = wibToday(deps.clock.now());
      const rows: SafeHtml[] = profiles.map((p) => {
        const active = p.status === 'active';
        const v: { next?: string; missed: string[]; hpl?: string } = active ? visits(p, today) : { missed: [] };
        const mine = active ? (alerts.get(p.userId) ?? []) : [];
        const stage = !active
          ? t(`dashboard.midwife.status.${p.status}`)
          : p.record.children.length
            ? t('dashboard.midwife.children', { count: p.record.children.length, born: p.record.children.map((c) => formatDate(c.born, locale)).join(', ') })
            : v.hpl
              ? t('dashboard.midwife.pregnant', { hpl: formatDate(v.hpl, locale) })
              : t('dashboard.midwife.unknown_stage');
        return html`<tr${mine.some((a) => !a.answer) ? html` class="alert"` : ''}>
<td>${p.contact.channel} · ${p.contact.address}${p.posyandu ? html`<br><span class="muted">${p.posyandu}</span>` : ''}</td>
<td>${stage}</td>
<td>${v.next ?? '—'}</td>
<td>${v.missed.length ? html`<span class="missed">${v.missed.join('; ')}</span>` : '—'}</td>
<td>${mine.length ? html`<ul>${mine.slice(0, 3).map((a) => html`<li>${wibText(a.at, locale)} · ${a.answer ? t(`dashboard.midwife.answer.${a.answer}`) : t('dashboard.midwife.no_answer')}</li>`)}</ul>` : '—'}</td>
<td>${t('dashboard.midwife.consent', { date: wibText(p.consentAt, locale, 'date'), by: t(`dashboard.midwife.registered_by.${p.registeredBy}`) })}</td>
</tr>`;
      });
      await audit(req, 'midwife_view_opened', puskesmas, { registrations: profiles.length });
      const body = html`<h1>${t('dashboard.midwife.title', { puskesmas })}</h1>
<div class="card">${rows.length
        ? html`<div style="overflow-x:auto"><table><thead><tr><th>${t('dashboard.midwife.col.contact')}</th><th>${t('dashboard.midwife.col.stage')}</th><th>${t('dashboard.midwife.col.next')}</th><th>${t('dashboard.midwife.col.missed')}</th><th>${t('dashboard.midwife.col.alerts')}</th><th>${t('dashboard.midwife.col.consent')}</th></tr></thead><tbody>${rows}</tbody></table></div>`
        : html`<p>${t('dashboard.midwife.empty')}</p>`}</div>
<style>tr.alert td{background:#fdecea}.missed{color:#8a1c12}</style>`;
      return reply.type('text/html; charset=utf-8').send(page(t('dashboard.midwife.title', { puskesmas }), body, { header: officerHeader(req) }));
    });
  };
}
