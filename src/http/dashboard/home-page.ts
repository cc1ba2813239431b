/** The dashboard's start page: what each role can open. */
import type { FastifyInstance } from 'fastify';
import type { Translate } from '../../core/i18n.js';
import { officerHeader, requireRole } from './auth-plugin.js';
import { html, page } from './html.js';

/** `/admin`: links for the signed-in officer's role. */
export function homePage(deps: { t: Translate }): (dashboard: FastifyInstance) => void {
  const { t } = deps;
  const links: Record<string, [string, string][]> = {
    coordinator: [['/admin/complaints', 'inbox'], ['/admin/map', 'map'], ['/admin/stats', 'stats'], ['/admin/ops', 'ops']],
    office: [['/admin/complaints', 'inbox'], ['/admin/map', 'map'], ['/admin/stats', 'stats']],
    midwife: [['/admin/bidan', 'midwife']],
    operator: [['/admin/ops', 'ops'], ['/admin/stats', 'stats']],
  };
  return (dashboard) => {
    dashboard.get('/', { preHandler: requireRole() }, async (req, reply) => {
      const officer = req.officer!;
      const mine = links[officer.role] ?? [];
      const body = html`<h1>${t('dashboard.home.title')}</h1><div class="card">${mine.length ? html`<ul>${mine.map(([href, key]) => html`<li><a href="${href}">${t(`dashboard.home.${key}`)}</a></li>`)}</ul>` : html`<p>${t('dashboard.home.nothing_yet')}</p>`}</div>`;
      return reply.type('text/html; charset=utf-8').send(page(t('dashboard.home.title'), body, { header: officerHeader(req) }));
    });
  };
}
