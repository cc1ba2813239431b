/**
 * Operations, for operators (and the coordinator): queue health (waiting, delayed, active, failed per queue; the
 * outbox's waiting and delayed messages per channel and whether a channel is paused by a 429), channel status
 * (Telegram connected, WhatsApp paired or waiting for its QR, which is shown here for pairing), the LPSE source's
 * last polls, and Bull Board at `/admin/queues` for looking into jobs.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import QRCode from 'qrcode';
import type { Translate } from '../../core/i18n.js';
import type { Locale } from '../../core/i18n.js';
import { wibText } from '../wib-time.js';
import type { PollRecord } from '../../features/lpse/repository.js';
import { officerHeader, requireRole } from './auth-plugin.js';
import { html, page, raw } from './html.js';

/** What the page looks at. */
export interface OpsSources {
  queues: Queue[];
  redis: Redis;
  prefix: string;
  /** Channel status, as the app knows it. */
  telegram?: () => { mode: string; connected: boolean };
  whatsapp?: () => { status: string; qr?: string; problem?: string };
  lpsePolls: (limit: number) => Promise<PollRecord[]>;
}

const CHANNELS = ['telegram', 'whatsapp', 'web', 'console'] as const;


/** Registers `/admin/ops` and Bull Board under `/admin/queues`. */
export function opsPages(deps: OpsSources & { t: Translate; locale: Locale }): (dashboard: FastifyInstance) => Promise<void> {
  const { t } = deps;
  const wib = (d: Date) => wibText(d, deps.locale, 'second');
  return async (dashboard) => {
    const who = requireRole('operator', 'coordinator');
    const board = new FastifyAdapter();
    board.setBasePath('/admin/queues');
    createBullBoard({ queues: deps.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter: board });
    await dashboard.register(async (scope) => {
      scope.addHook('preHandler', who);
      await scope.register(board.registerPlugin(), { prefix: '/queues' });
    });

    dashboard.get('/ops', { preHandler: who }, async (req, reply) => {
      const counts = await Promise.all(
        deps.queues.map(async (q) => ({ name: q.name, n: (await q.getJobCounts('waiting', 'delayed', 'active', 'failed', 'completed')) as Record<string, number | undefined> })),
      );
      const outbox = deps.queues.find((q) => q.name === 'outbox');
      // Per channel: a bounded look at the jobs waiting and delayed (enough to see one channel falling behind).
      const jobs = outbox ? [...(await outbox.getWaiting(0, 999)), ...(await outbox.getDelayed(0, 999))] : [];
      const perChannel = CHANNELS.map((channel) => {
        const mine = jobs.filter((j) => (j?.data as { channel?: string } | undefined)?.channel === channel);
        return { channel, waiting: mine.filter((j) => !j.opts.delay).length, delayed: mine.filter((j) => j.opts.delay || (j.data as { slot?: unknown }).slot).length };
      });
      const paused = await Promise.all(CHANNELS.map(async (c) => [c, await deps.redis.pttl(`${deps.prefix}:outbox-pace:pause:${c}`)] as const));
      const polls = await deps.lpsePolls(10);
      const lastOk = polls.find((p) => p.ok);
      const wa = deps.whatsapp?.();
      const qr = wa?.qr ? await QRCode.toString(wa.qr, { type: 'svg', margin: 1, width: 240 }) : undefined;
      const tg = deps.telegram?.();
      const body = html`<h1>${t('dashboard.ops.title')}</h1>
<div class="card"><h2>${t('dashboard.ops.queues')}</h2><div style="overflow-x:auto"><table><thead><tr><th>${t('dashboard.ops.queue')}</th><th>waiting</th><th>delayed</th><th>active</th><th>failed</th><th>completed</th></tr></thead><tbody>
${counts.map(({ name, n }) => html`<tr><td>${name}</td><td>${n.waiting ?? 0}</td><td>${n.delayed ?? 0}</td><td>${n.active ?? 0}</td><td>${(n.failed ?? 0) > 0 ? html`<strong class="missed">${n.failed}</strong>` : 0}</td><td>${n.completed ?? 0}</td></tr>`)}
</tbody></table></div>
<h3>${t('dashboard.ops.per_channel')}</h3><table><thead><tr><th>${t('dashboard.ops.channel')}</th><th>waiting</th><th>delayed</th><th>${t('dashboard.ops.paused')}</th></tr></thead><tbody>
${perChannel.map((c) => {
  const ms = paused.find(([name]) => name === c.channel)?.[1] ?? -2;
  return html`<tr><td>${c.channel}</td><td>${c.waiting}</td><td>${c.delayed}</td><td>${ms > 0 ? t('dashboard.ops.paused_for', { seconds: Math.ceil(ms / 1000) }) : '—'}</td></tr>`;
})}
</tbody></table><p><a href="/admin/queues">${t('dashboard.ops.bull_board')}</a></p></div>
<div class="card"><h2>${t('dashboard.ops.channels')}</h2><ul>
<li>Web: ${t('dashboard.ops.ok')}</li>
<li>Telegram: ${tg ? (tg.connected ? t('dashboard.ops.telegram_connected', { mode: tg.mode }) : t('dashboard.ops.telegram_down')) : t('dashboard.ops.not_configured')}</li>
<li>WhatsApp: ${wa ? t(`dashboard.ops.whatsapp.${wa.status}`) : t('dashboard.ops.not_configured')}${wa?.problem ? html` <span class="missed">${wa.problem}</span>` : ''}</li>
</ul>${qr ? html`<p>${t('dashboard.ops.scan_qr')}</p><div class="qr">${raw(qr)}</div>` : ''}</div>
<div class="card"><h2>${t('dashboard.ops.lpse')}</h2>
<p>${lastOk ? t('dashboard.ops.lpse_last_ok', { at: wib(lastOk.finishedAt), listed: lastOk.listed }) : t('dashboard.ops.lpse_never')}</p>
${polls.length ? html`<table><thead><tr><th>${t('dashboard.ops.when')}</th><th>${t('dashboard.ops.result')}</th><th>${t('dashboard.ops.found')}</th></tr></thead><tbody>${polls.map((p) => html`<tr><td>${wib(p.startedAt)}</td><td>${p.ok ? t('dashboard.ops.ok') : html`<span class="missed">${p.error ?? t('dashboard.ops.failed')}</span>`}</td><td>${p.listed} / ${p.created} / ${p.changed} / ${p.alerts}</td></tr>`)}</tbody></table><p class="muted">${t('dashboard.ops.found_legend')}</p>` : ''}</div>
<style>.missed{color:#8a1c12}.qr svg{max-width:240px;height:auto}</style>`;
      return reply.type('text/html; charset=utf-8').send(page(t('dashboard.ops.title'), body, { header: officerHeader(req) }));
    });
  };
}
