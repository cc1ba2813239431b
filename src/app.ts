/**
 * Builds a running Pintu from a configuration: database, Redis, NLU, engine, outbox (producer and, optionally, the
 * worker), and the HTTP server with the web chat. `main.ts` and the tests both use it, so what is tested is what
 * runs. Closing follows the graceful-shutdown order: intake, workers, queues, Redis, database.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger as PinoLogger } from 'pino';
import type { Config } from './config.js';
import { registerWebChat } from './channels/web/chat-routes.js';
import { WebInbox } from './channels/web/web-sender.js';
import { systemClock, type Clock } from './core/clock.js';
import { emergencyHook } from './core/intent-safety-hook.js';
import { Engine } from './core/engine.js';
import { FlowRegistry, type SafetyHook } from './core/flow.js';
import { I18n } from './core/i18n.js';
import type { ChannelName, OutboundMessage, Reply } from './core/messages.js';
import type { ChannelSender } from './core/ports.js';
import type { Understander } from './core/understanding.js';
import { SqlConversationStore } from './db/conversation-store.js';
import { SqlMessageLog } from './db/message-log.js';
import { openDatabase } from './db/orm.js';
import { SqlUserDirectory } from './db/user-directory.js';
import { createHttpServer } from './http/server.js';
import { OutboxQueue, OutboxWorker } from './jobs/outbox.js';
import { createNlu, DEFAULT_THRESHOLD } from './nlu/index.js';
import { createLogger } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';
import { createRedis } from './redis/connection.js';
import { defaultCalendar } from './core/working-days.js';
import { SqlComplaintRepository } from './db/complaint-repository.js';
import { SqlAdminTokens } from './db/admin-tokens.js';
import { createComplaints, type ComplaintsFeature } from './features/complaints/index.js';
import { createSiskia, type SiskiaFeature } from './features/siskia/index.js';
import { createGovis, type GovisFeature } from './features/govis/index.js';
import { SqlPlaceStore } from './db/place-store.js';
import { SqlSiskiaRepository } from './db/siskia-repository.js';
import { healthCrypto } from './health-key.js';
import { SiskiaReminderJob } from './jobs/siskia-reminders.js';
import { Router } from './features/complaints/routing.js';
import { loadCityMap } from './geo/city-map.js';
import { ComplaintSlaJob } from './jobs/complaint-sla.js';
import { registerAdminApi } from './http/admin-api.js';
import { registerOpen311 } from './http/open311.js';
import { RedisUserGate } from './redis/user-gate.js';
import { createLpse, createTenderSource, type LpseFeature } from './features/lpse/index.js';
import type { TenderSource } from './features/lpse/source/index.js';
import { SqlLpseRepository } from './db/lpse-repository.js';
import { LpseJobs, outcomeOf } from './jobs/lpse.js';
import { TelegramChannel } from './channels/telegram/telegram-channel.js';
import { WhatsAppConnection, type SocketFactory } from './channels/whatsapp/whatsapp-connection.js';
import { WhatsAppSender } from './channels/whatsapp/whatsapp-sender.js';
import { SessionLock } from './channels/whatsapp/session-lock.js';
import { baileysSocketFactory } from './channels/whatsapp/baileys-socket.js';
import { SqlWhatsAppSessionStore } from './db/whatsapp-session-store.js';
import { registerDashboardAuth } from './http/dashboard/auth-plugin.js';
import { homePage } from './http/dashboard/home-page.js';
import { complaintPages } from './http/dashboard/complaint-pages.js';
import { mapPages } from './http/dashboard/map-page.js';
import { registerPublicStats, statsPages } from './http/dashboard/stats-pages.js';
import { midwifePage } from './http/dashboard/midwife-page.js';
import { opsPages } from './http/dashboard/ops-page.js';
import { SqlOfficerStore } from './db/officer-store.js';
import { SqlComplaintStats } from './db/complaint-stats-store.js';

/** How to build the app; everything but `config` has a production default. */
export interface AppOptions {
  config: Config;
  logger?: PinoLogger;
  clock?: Clock;
  understander?: Understander;
  /** Senders besides the web inbox (console, Telegram, WhatsApp, test sinks). */
  senders?: ChannelSender[];
  /** Run the outbox worker in this process (default: `config.WORKERS_ENABLED`). */
  workers?: boolean;
  /** Build the HTTP server (default true). It is not listening until `listen()`. */
  http?: boolean;
  /** Feature flows and safety hooks to register (features plug in here). */
  flows?: FlowRegistry;
  safetyHooks?: SafetyHook[];
  /** The LPSE tender source (default: the one `LPSE_SOURCE` names). */
  tenderSource?: TenderSource;
  /** How WhatsApp sockets are opened (default Baileys' `makeWASocket`; tests pass a fake). */
  whatsappSocketFactory?: SocketFactory;
}

/** A built Pintu. */
export interface App {
  config: Config;
  logger: PinoLogger;
  orm: MikroORM;
  redis: Redis;
  engine: Engine;
  outbox: OutboxQueue;
  worker?: OutboxWorker;
  http?: FastifyInstance;
  metrics: Metrics;
  messageLog: SqlMessageLog;
  users: SqlUserDirectory;
  inbox: WebInbox;
  complaints: ComplaintsFeature;
  siskia: SiskiaFeature;
  govis: GovisFeature;
  lpse: LpseFeature;
  /** LPSE polling, deadline reminders and digest (scheduled when workers run here). */
  lpseJobs: LpseJobs;
  /** The daily SISKIA reminder planner (scheduled when workers run here). */
  siskiaReminders: SiskiaReminderJob;
  adminTokens: SqlAdminTokens;
  /** The complaint deadline sweep (scheduled when workers run here). */
  sla: ComplaintSlaJob;
  /** The Telegram channel, when `TELEGRAM_BOT_TOKEN` is set. */
  telegram?: TelegramChannel;
  /** The WhatsApp session, when `WHATSAPP_ENABLED=1`. */
  whatsapp?: WhatsAppConnection;
  /** Starts the HTTP server on `config.PORT` and the channels that receive (Telegram); returns the bound address. */
  listen(): Promise<string>;
  /** Graceful shutdown: stop intake, let in-flight jobs finish (bounded), close queues, Redis and the database. */
  close(): Promise<void>;
}

/**
 * Hands messages that were logged as queued but may never have reached the queue (the process died in between) to
 * the queue again. Job ids are the log ids, so a message still waiting in the queue is not added twice.
 */
async function requeueStranded(log: SqlMessageLog, outbox: OutboxQueue, now: Date, logger: PinoLogger): Promise<void> {
  const stranded = await log.strandedQueued(new Date(now.getTime() - 60_000));
  if (!stranded.length) return;
  await outbox.enqueue(
    stranded.map((m) => ({ channel: m.channel as ChannelName, address: m.address, userId: m.userId ?? undefined, kind: m.kind as OutboundMessage['kind'], reply: m.payload as unknown as Reply })),
    stranded.map((m) => m.id),
  );
  logger.info({ count: stranded.length }, 'outbox: re-queued messages left queued by a previous process');
}

/** Channels whose replies are returned in the request instead of going through the outbox queue. */
export const SYNC_CHANNELS: readonly ChannelName[] = ['web', 'console'];

/** Builds Pintu. Opens (and migrates) the database and connects to Redis; throws with a clear message if either fails. */
export async function createApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const clock = opts.clock ?? systemClock;
  const orm = await openDatabase(config.DATABASE_URL, { poolMax: config.DATABASE_POOL_MAX });
  const redis = createRedis(config.REDIS_URL, 'commands', logger);
  const prefix = config.QUEUE_PREFIX;

  const outbox = new OutboxQueue(redis, { prefix, retry: { attempts: config.OUTBOX_ATTEMPTS, backoffMs: config.OUTBOX_BACKOFF_MS }, logger });
  const metrics = new Metrics({ queueDepth: () => outbox.depth() });
  const messageLog = new SqlMessageLog(orm);
  const users = new SqlUserDirectory(orm);
  const inbox = new WebInbox(redis, prefix);
  const understander = opts.understander ?? (await createNlu());
  const i18n = new I18n();
  const conversations = new SqlConversationStore(orm);
  const adminTokens = new SqlAdminTokens(orm);

  // Features send notifications through the engine, which is built after them (it needs their flows).
  let engineRef: Engine | undefined;
  const notify = (messages: OutboundMessage[]) => engineRef!.notify(messages);
  const complaints = createComplaints({
    repo: new SqlComplaintRepository(orm),
    router: Router.load(),
    calendar: defaultCalendar(),
    map: loadCityMap(),
    i18n,
    conversations,
    notify,
    now: () => clock.now(),
    rules: {
      verifyWorkingDays: config.COMPLAINT_VERIFY_DAYS,
      responseWorkingDays: config.COMPLAINT_RESPONSE_DAYS,
      autoCloseWorkingDays: config.COMPLAINT_AUTOCLOSE_DAYS,
      reopenDays: config.COMPLAINT_REOPEN_DAYS,
    },
  });
  const siskia = createSiskia({
    repo: new SqlSiskiaRepository(orm, healthCrypto(config.HEALTH_DATA_KEY, logger)),
    i18n,
    notify,
    reminders: { hour: config.SISKIA_REMINDER_HOUR, daysBefore: config.SISKIA_REMINDER_DAYS, allowedHours: [6, 21] },
    followUpMinutes: config.SISKIA_FOLLOW_UP_MINUTES,
  });
  const govis = await createGovis({ store: new SqlPlaceStore(orm), map: loadCityMap() });
  const lpse = createLpse({
    repo: new SqlLpseRepository(orm),
    source:
      opts.tenderSource ??
      createTenderSource(
        {
          kind: config.LPSE_SOURCE,
          baseUrl: config.LPSE_BASE_URL,
          instansi: config.LPSE_INSTANSI,
          pauseMs: config.LPSE_PAUSE_MS,
          isb: { tenders: config.LPSE_ISB_TENDERS_URL, schedules: config.LPSE_ISB_SCHEDULES_URL, nonTenders: config.LPSE_ISB_NONTENDERS_URL, apiKey: config.LPSE_ISB_API_KEY },
        },
        clock,
      ),
    sourceName: config.LPSE_SOURCE,
    i18n,
    notify,
    logger,
    alerts: { dailyCap: config.LPSE_DAILY_ALERT_CAP, digestHour: config.LPSE_DIGEST_HOUR },
    watch: { detailsPerRound: config.LPSE_DETAILS_PER_ROUND, fetchDetails: config.LPSE_SOURCE === 'spse' },
    maxSubscriptions: config.LPSE_MAX_SUBSCRIPTIONS,
  });
  const flows = opts.flows ?? new FlowRegistry();
  for (const flow of [...complaints.flows, ...siskia.flows, ...govis.flows, ...lpse.flows]) flows.register(flow);

  const engine = new Engine({
    users,
    conversations,
    log: messageLog,
    gate: new RedisUserGate(redis, { prefix }),
    outbox,
    understander,
    i18n,
    clock,
    logger,
    metrics,
    flows,
    // A loss first (never answer it with "go to hospital"), then danger signs (their answer also gives 112 and names
    // the hospitals a mother or baby needs), then emergencies.
    safetyHooks: [...siskia.safetyHooks, emergencyHook(), ...(opts.safetyHooks ?? [])],
    settings: {
      conversationTimeoutMs: config.CONVERSATION_TIMEOUT_MINUTES * 60_000,
      userRate: config.USER_RATE_LIMIT,
      maxMessageChars: config.MAX_MESSAGE_CHARS,
      defaultLocale: config.DEFAULT_LOCALE,
      clarifyThreshold: DEFAULT_THRESHOLD,
      syncChannels: SYNC_CHANNELS,
    },
  });

  engineRef = engine;

  // Telegram: the sender serves the outbox worker in any process; updates are received only where HTTP runs
  // (`pintu start`), by polling or on the webhook route.
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? new TelegramChannel({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        ...(config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET && { webhook: { url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET } }),
        engine,
        t: i18n.forLocale(config.DEFAULT_LOCALE),
        redis,
        prefix,
        logger,
      })
    : undefined;

  // WhatsApp: one session, held by one process at a time (a Redis lock); its sender works where the socket is.
  const whatsapp = config.WHATSAPP_ENABLED
    ? new WhatsAppConnection({
        session: config.WHATSAPP_SESSION,
        store: new SqlWhatsAppSessionStore(orm, healthCrypto(config.HEALTH_DATA_KEY, logger)),
        lock: new SessionLock(redis, `${prefix}:whatsapp-lock:${config.WHATSAPP_SESSION}`),
        socketFactory: opts.whatsappSocketFactory ?? baileysSocketFactory(logger),
        engine,
        t: i18n.forLocale(config.DEFAULT_LOCALE),
        logger,
        allowGroups: config.WHATSAPP_ALLOW_GROUPS,
        ...(config.WHATSAPP_PAIRING_NUMBER && { pairingNumber: config.WHATSAPP_PAIRING_NUMBER }),
      })
    : undefined;

  let worker: OutboxWorker | undefined;
  let workerRedis: Redis | undefined;
  if (opts.workers ?? config.WORKERS_ENABLED) {
    workerRedis = createRedis(config.REDIS_URL, 'worker', logger);
    const senders = new Map<ChannelName, ChannelSender>([[inbox.channel, inbox]]);
    if (telegram) senders.set(telegram.sender.channel, telegram.sender);
    if (whatsapp) {
      senders.set('whatsapp', new WhatsAppSender(() => whatsapp.openSocket, i18n.forLocale(config.DEFAULT_LOCALE), { jitterMs: config.WHATSAPP_SEND_JITTER_MS }));
    }
    for (const s of opts.senders ?? []) senders.set(s.channel, s);
    worker = new OutboxWorker({
      connection: workerRedis,
      commands: redis,
      prefix,
      senders,
      log: messageLog,
      logger,
      rates: {
        telegram: config.OUTBOX_RATE_TELEGRAM,
        whatsapp: config.OUTBOX_RATE_WHATSAPP,
        web: config.OUTBOX_RATE_WEB,
        console: config.OUTBOX_RATE_CONSOLE,
      },
      concurrency: config.OUTBOX_CONCURRENCY,
      lockMs: config.OUTBOX_LOCK_MS,
      attempts: config.OUTBOX_ATTEMPTS,
      addressRates: { telegram: config.OUTBOX_RATE_TELEGRAM_CHAT, whatsapp: config.OUTBOX_RATE_WHATSAPP_CHAT },
      onUnreachable: (channel, address) => users.markUnreachable(channel, address),
      isUnreachable: (channel, address) => users.isUnreachable(channel, address),
      onSent: (channel) => metrics.sent(channel),
      onFailed: (channel) => metrics.deliveryFailed(channel),
    });
  }

  if (worker) await requeueStranded(messageLog, outbox, clock.now(), logger);

  const sla = new ComplaintSlaJob({
    connection: redis,
    workerConnection: workerRedis,
    prefix,
    everyMs: config.COMPLAINT_SLA_EVERY_MINUTES * 60_000,
    service: complaints.service,
    clock,
    logger,
  });
  if (workerRedis) await sla.start();
  const siskiaReminders = new SiskiaReminderJob({ connection: redis, workerConnection: workerRedis, prefix, planner: siskia.planner, clock, logger });
  if (workerRedis) await siskiaReminders.start();
  const lpseJobs = new LpseJobs({
    connection: redis,
    workerConnection: workerRedis,
    prefix,
    lpse,
    sourceName: config.LPSE_SOURCE,
    pollMinutes: config.LPSE_POLL_MINUTES,
    digestHour: config.LPSE_DIGEST_HOUR,
    clock,
    logger,
    onPoll: (result) => metrics.lpsePoll(config.LPSE_SOURCE, outcomeOf(result), clock.now()),
  });
  if (workerRedis) await lpseJobs.start();

  let http: FastifyInstance | undefined;
  if (opts.http ?? true) {
    http = createHttpServer({
      logger,
      metrics,
      adminToken: config.ADMIN_TOKEN,
      readiness: [
        { name: 'database', check: async () => void (await orm.em.getConnection().execute('select 1')) },
        { name: 'redis', check: async () => void (await redis.ping()) },
        ...(whatsapp
          ? [
              {
                name: 'whatsapp',
                check: async () => {
                  if (whatsapp.status === 'waiting_for_qr') throw new Error('not paired: scan the QR code in the log or on the dashboard');
                  if (whatsapp.status === 'logged_out' || whatsapp.status === 'halted') throw new Error(whatsapp.problem ?? whatsapp.status);
                },
              },
            ]
          : []),
      ],
      failedOutbound: (limit) => messageLog.listOutbound('failed', limit),
      outboundCounts: () => messageLog.countOutbound(),
    });
    registerWebChat(http, { engine, inbox, i18n, locale: config.DEFAULT_LOCALE });
    registerAdminApi(http, { service: complaints.service, tokens: adminTokens, adminToken: config.ADMIN_TOKEN, clock, logger });
    registerOpen311(http, { service: complaints.service, tokens: adminTokens, clock, i18n });
    telegram?.registerWebhook(http);
    const dt = i18n.forLocale(config.DEFAULT_LOCALE);
    const stats = new SqlComplaintStats(orm);
    registerDashboardAuth(http, {
      store: new SqlOfficerStore(orm),
      redis,
      prefix,
      clock,
      logger,
      i18n,
      locale: config.DEFAULT_LOCALE,
      secureCookie: config.DASHBOARD_SECURE_COOKIE,
      sessionIdleMs: config.DASHBOARD_SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: config.DASHBOARD_SESSION_MAX_HOURS * 3_600_000,
      pages: [
        homePage({ t: dt }),
        complaintPages({
          service: complaints.service,
          clock,
          t: dt,
          locale: config.DEFAULT_LOCALE,
          kelurahan: loadCityMap().list(),
          photos: async (channel, fileId) => {
            if (channel === 'telegram' && telegram) return telegram.fetchPhoto(fileId);
            if (channel === 'whatsapp' && whatsapp) return whatsapp.fetchPhoto(fileId);
            throw new Error(`Photos from ${channel} cannot be fetched here (the channel is not enabled in this process).`);
          },
        }),
        mapPages({ service: complaints.service, t: dt, tileUrl: config.DASHBOARD_TILE_URL }),
        statsPages({ stats, router: complaints.service.router, t: dt }),
        midwifePage({ repo: siskia.service.repo, clock, t: dt, locale: config.DEFAULT_LOCALE, logger }),
        opsPages({
          queues: [outbox.queue, sla.queue, siskiaReminders.queue, lpseJobs.queue],
          redis,
          prefix,
          ...(telegram && { telegram: () => ({ mode: telegram.mode, connected: telegram.bot.isInited() }) }),
          ...(whatsapp && { whatsapp: () => ({ status: whatsapp.status, qr: whatsapp.qr, problem: whatsapp.problem }) }),
          lpsePolls: (n) => lpse.repo.recentPolls(n),
          t: dt,
          locale: config.DEFAULT_LOCALE,
        }),
      ],
    });
    registerPublicStats(http, { stats, router: complaints.service.router, t: dt });
  }

  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    orm,
    redis,
    engine,
    outbox,
    worker,
    http,
    metrics,
    messageLog,
    users,
    inbox,
    complaints,
    siskia,
    siskiaReminders,
    govis,
    lpse,
    lpseJobs,
    adminTokens,
    sla,
    telegram,
    whatsapp,
    async listen() {
      if (!http) throw new Error('This app was built without HTTP (http: false).');
      const address = await http.listen({ port: config.PORT, host: config.HOST });
      await telegram?.start();
      await whatsapp?.start();
      return address;
    },
    close() {
      closing ??= (async () => {
        await telegram?.stop().catch((err: Error) => logger.warn({ err: err.message }, 'stopping Telegram polling failed'));
        await whatsapp?.stop().catch((err: Error) => logger.warn({ err: err.message }, 'closing the WhatsApp session failed'));
        await http?.close().catch((err: Error) => logger.warn({ err: err.message }, 'closing HTTP failed'));
        if (!(await engine.drain(config.SHUTDOWN_TIMEOUT_MS))) logger.warn('messages still being handled at shutdown were cut off');
        await worker?.close(config.SHUTDOWN_TIMEOUT_MS);
        await sla.close().catch(() => undefined);
        await siskiaReminders.close().catch(() => undefined);
        await lpseJobs.close().catch(() => undefined);
        await outbox.close().catch(() => undefined);
        await Promise.all([redis.quit().catch(() => redis.disconnect()), workerRedis?.quit().catch(() => workerRedis?.disconnect())]);
        await orm.close(true);
      })();
      return closing;
    },
  };
}
