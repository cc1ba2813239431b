/**
 * Complaint statistics per office and month: a table with bars for the officers (`/admin/stats`, office officers
 * see their own office), the same as CSV (`/admin/stats.csv`), and a public page without any personal data
 * (`/statistik`, no sign-in) for transparency.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Translate } from '../../core/i18n.js';
import type { Router } from '../../features/complaints/routing.js';
import { statsToCsv, type StatsQuery, type StatsRow } from '../../features/complaints/complaint-stats.js';
import { officerHeader, requireRole } from './auth-plugin.js';
import { html, page, type SafeHtml } from './html.js';

/** Reads the figures (`SqlComplaintStats`). */
export interface StatsSource {
  stats(q: StatsQuery): Promise<StatsRow[]>;
  publicSummary(q: StatsQuery): Promise<StatsRow[]>;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function queryOf(raw: Record<string, string | undefined>, offices: string[] | undefined): StatsQuery {
  return { ...(raw.from && MONTH.test(raw.from) && { from: raw.from }), ...(raw.to && MONTH.test(raw.to) && { to: raw.to }), ...(offices && { office: offices }) };
}

function pct(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)} %`;
}

function num(v: number | null): string {
  return v === null ? '—' : v.toLocaleString('id-ID', { maximumFractionDigits: 1 });
}

/** The figures as a table, with a bar for the share resolved on time. */
function statsTable(rows: StatsRow[], t: Translate, officeName: (code: string) => string): SafeHtml {
  if (!rows.length) return html`<p>${t('dashboard.stats.empty')}</p>`;
  return html`<div style="overflow-x:auto"><table><thead><tr><th>${t('dashboard.stats.col.office')}</th><th>${t('dashboard.stats.col.month')}</th><th>${t('dashboard.stats.col.received')}</th><th>${t('dashboard.stats.col.resolved')}</th><th>${t('dashboard.stats.col.on_time')}</th><th>${t('dashboard.stats.col.first_response')}</th><th>${t('dashboard.stats.col.resolution')}</th><th>${t('dashboard.stats.col.rating')}</th></tr></thead><tbody>
${rows.map(
  (r) => html`<tr><td>${officeName(r.office)}</td><td>${r.month}</td><td>${r.received}</td><td>${r.resolved}</td>
<td>${pct(r.onTimeShare)}${r.onTimeShare === null ? '' : html`<div class="bar-chart"><span style="width:${Math.round(r.onTimeShare * 100)}%"></span></div>`}</td>
<td>${num(r.medianDaysToFirstResponse)}</td><td>${num(r.medianDaysToResolution)}</td><td>${num(r.averageRating)}${r.ratings ? html` <span class="muted">(${r.ratings})</span>` : ''}</td></tr>`,
)}
</tbody></table></div>
<style>.bar-chart{height:6px;background:#e4e9ee;border-radius:3px}.bar-chart span{display:block;height:6px;background:#2ca02c;border-radius:3px}</style>`;
}

function filterForm(action: string, raw: Record<string, string | undefined>, t: Translate): SafeHtml {
  return html`<form method="get" action="${action}" class="card"><label for="s-from">${t('dashboard.stats.from')}</label><input type="month" id="s-from" name="from" value="${raw.from ?? ''}">
<label for="s-to">${t('dashboard.stats.to')}</label><input type="month" id="s-to" name="to" value="${raw.to ?? ''}"><button type="submit">${t('dashboard.inbox.filter.apply')}</button></form>`;
}

/** The officers' statistics pages (under `/admin`). */
export function statsPages(deps: { stats: StatsSource; router: Router; t: Translate }): (dashboard: FastifyInstance) => void {
  const { t } = deps;
  const officeName = (code: string) => deps.router.office(code)?.name ?? code;
  return (dashboard) => {
    const who = requireRole('coordinator', 'office', 'operator');
    dashboard.get('/stats', { preHandler: who }, async (req, reply) => {
      const raw = req.query as Record<string, string | undefined>;
      const officer = req.officer!;
      const rows = await deps.stats.stats(queryOf(raw, officer.role === 'office' && officer.office ? [officer.office] : undefined));
      const csv = `/admin/stats.csv?${new URLSearchParams(Object.entries(raw).filter(([, v]) => v) as [string, string][]).toString()}`;
      const body = html`<h1>${t('dashboard.stats.title')}</h1>${filterForm('/admin/stats', raw, t)}<div class="card">${statsTable(rows, t, officeName)}<p><a href="${csv}" download>${t('dashboard.stats.csv')}</a> · <a href="/statistik">${t('dashboard.stats.public_link')}</a></p><p class="muted">${t('dashboard.stats.definitions')}</p></div>`;
      return reply.type('text/html; charset=utf-8').send(page(t('dashboard.stats.title'), body, { header: officerHeader(req) }));
    });
    dashboard.get('/stats.csv', { preHandler: who }, async (req, reply) => {
      const officer = req.officer!;
      const rows = await deps.stats.stats(queryOf(req.query as Record<string, string | undefined>, officer.role === 'office' && officer.office ? [officer.office] : undefined));
      return csvReply(reply, statsToCsv(rows, officeName));
    });
  };
}

function csvReply(reply: FastifyReply, csv: string): FastifyReply {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="statistik-pengaduan.csv"').send(csv);
}

/** The public statistics page and CSV (no sign-in; no personal data: counts, shares, medians and ratings only). */
export function registerPublicStats(http: FastifyInstance, deps: { stats: StatsSource; router: Router; t: Translate }): void {
  const { t } = deps;
  const officeName = (code: string) => deps.router.office(code)?.name ?? code;
  http.get('/statistik', async (req, reply) => {
    const raw = req.query as Record<string, string | undefined>;
    const rows = await deps.stats.publicSummary(queryOf(raw, undefined));
    const body = html`<h1>${t('dashboard.stats.public_title')}</h1><p>${t('dashboard.stats.public_intro')}</p>${filterForm('/statistik', raw, t)}<div class="card">${statsTable(rows, t, officeName)}<p><a href="/statistik.csv" download>${t('dashboard.stats.csv')}</a></p><p class="muted">${t('dashboard.stats.definitions')}</p></div>`;
    return reply.type('text/html; charset=utf-8').send(page(t('dashboard.stats.public_title'), body));
  });
  http.get('/statistik.csv', async (req, reply) => csvReply(reply, statsToCsv(await deps.stats.publicSummary(queryOf(req.query as Record<string, string | undefined>, undefined)), officeName)));
}
