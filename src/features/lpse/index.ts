/**
 * The LPSE feature, assembled: the tender source chosen by configuration, the polling round, alerts, deadline
 * reminders and the two chat flows (subscriptions; listing and following).
 */
import type { Flow } from '../../core/flow.js';
import type { I18n } from '../../core/i18n.js';
import type { OutboundMessage } from '../../core/messages.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/ports.js';
import { AlertSender, type AlertSettings } from './alert-sender.js';
import { DeadlineReminders } from './deadline-reminders.js';
import type { LpseRepository } from './repository.js';
import { IsbClient, PoliteHttp, SpseClient, endpointTemplate, type TenderSource } from './source/index.js';
import { subscriptionFlow } from './subscription-flow.js';
import { tenderListFlow } from './tender-list-flow.js';
import { TenderWatcher, type WatchSettings } from './tender-watcher.js';

/** Which source to read and how gently. */
export interface SourceSettings {
  kind: 'spse' | 'isb';
  /** The LPSE website, e.g. "https://spse.inaproc.id/probolinggokota" (also the base of package links for ISB). */
  baseUrl: string;
  instansi: string;
  /** Pause between requests, ms. */
  pauseMs: number;
  isb?: { tenders?: string; schedules?: string; nonTenders?: string; apiKey?: string };
}

/** The source `settings` describe. */
export function createTenderSource(settings: SourceSettings, clock: Clock): TenderSource {
  const http = new PoliteHttp({ pauseMs: settings.pauseMs });
  if (settings.kind === 'spse') return new SpseClient({ baseUrl: settings.baseUrl, instansi: settings.instansi, clock, http });
  const { tenders, schedules, nonTenders, apiKey } = settings.isb ?? {};
  if (!tenders || !schedules) throw new Error('The ISB source needs LPSE_ISB_TENDERS_URL and LPSE_ISB_SCHEDULES_URL (each with {tahun}); set them or use LPSE_SOURCE=spse.');
  return new IsbClient({
    endpoints: { tenders: endpointTemplate(tenders), schedules: endpointTemplate(schedules), ...(nonTenders && { nonTenders: endpointTemplate(nonTenders) }) },
    ...(apiKey && { headers: { Authorization: `Bearer ${apiKey}` } }),
    lpseBaseUrl: settings.baseUrl,
    clock,
    http,
  });
}

/** The assembled feature. */
export interface LpseFeature {
  repo: LpseRepository;
  watcher: TenderWatcher;
  alerts: AlertSender;
  reminders: DeadlineReminders;
  flows: Flow[];
}

/** Builds LPSE. */
export function createLpse(deps: {
  repo: LpseRepository;
  source: TenderSource;
  sourceName: string;
  i18n: I18n;
  notify(messages: OutboundMessage[]): Promise<unknown>;
  logger: Logger;
  alerts?: Partial<AlertSettings>;
  watch?: Partial<WatchSettings>;
  maxSubscriptions?: number;
}): LpseFeature {
  const alerts = new AlertSender({ repo: deps.repo, i18n: deps.i18n, notify: deps.notify, settings: deps.alerts });
  const watcher = new TenderWatcher({ source: deps.source, sourceName: deps.sourceName, repo: deps.repo, alerts, logger: deps.logger, settings: deps.watch });
  const reminders = new DeadlineReminders({ repo: deps.repo, alerts, morningHour: alerts.settings.digestHour });
  const settings = { maxSubscriptions: deps.maxSubscriptions ?? 20, dailyCap: alerts.settings.dailyCap, digestHour: alerts.settings.digestHour };
  return {
    repo: deps.repo,
    watcher,
    alerts,
    reminders,
    // Subscriptions first: "langganan saya" is theirs, not a listing.
    flows: [subscriptionFlow({ repo: deps.repo, settings }), tenderListFlow({ repo: deps.repo })],
  };
}
