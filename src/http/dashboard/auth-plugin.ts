/**
 * Sign-in for the officers' dashboard under `/admin`: accounts with roles, login and logout, sessions in a
 * cookie, CSRF protection on every form, login rate limiting and the audit log.
 *
 * Routes: `GET|POST /admin/login`, `POST /admin/logout`, `GET|POST /admin/password` (the forced change at the
 * first login; until it is done every page behind {@link requireRole} redirects there).
 *
 * Everything lives in one encapsulated fastify context with the prefix `/admin`: the cookie and form-body
 * parsers, the `request.officer` decorator, the hooks, and the dashboard pages themselves, which are passed in
 * `deps.pages` so they run inside it. A page route uses the functions exported here:
 *
 * ```ts
 * const complaintPages: DashboardPages = (dashboard) => {
 *   dashboard.get('/complaints', { preHandler: requireRole('coordinator', 'office') }, async (req, reply) =>
 *     reply.type('text/html; charset=utf-8').send(page('Pengaduan', html`<form method="post">${csrfField(req)}…</form>`, { header: officerHeader(req) })));
 *   dashboard.post('/complaints/:ticket/verify', { preHandler: requireRole('coordinator') }, async (req, reply) => {
 *     await audit(req, 'complaint_verified', ticket);
 *     return reply.redirect(`/admin/complaints/${ticket}`, 303);
 *   });
 * };
 * ```
 *
 * Sessions: a random 256-bit token in the `pintu_admin` cookie (HttpOnly, SameSite=Strict, Path=/admin, Secure
 * over https or with `secureCookie`); the database keeps only its SHA-256. A session ends after `sessionIdleMs`
 * without a request or `sessionMaxMs` after sign-in, whichever comes first, at logout, and at a password change.
 *
 * CSRF: every POST (PUT, PATCH, DELETE) in the context must carry the session's token as the form field `_csrf`
 * (render it with {@link csrfField}) or the `x-csrf-token` header; it is compared in constant time and removed
 * from the body before the route sees it. A missing or wrong token answers 403 with a page saying so. The login
 * form, before any session, uses a double-submit token in the `pintu_admin_csrf` cookie. A POST without a
 * session (it expired) is sent to the login page (303).
 *
 * Every dashboard answer carries `Cache-Control: no-store`, `X-Frame-Options: DENY`, `Referrer-Policy:
 * same-origin`, `X-Content-Type-Options: nosniff` and a CSP limited to `frame-ancestors`, `form-action`,
 * `base-uri` and `object-src` (scripts and styles are not restricted); a route may overwrite any of them.
 * Errors in the context answer an HTML page (4xx as they are, anything else 503, logged).
 *
 * Rate limiting (Redis): each login attempt reserves a slot per username and per IP for `windowMs`; a successful
 * login gives them back, so only failures count. Past the limit every attempt, even with the right password,
 * answers 429 with the time to try again. Failures never say whether the username or the password was wrong,
 * and an unknown username costs the same scrypt work as a wrong password.
 */
import { createHash, randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { inWib, type Clock } from '../../core/clock.js';
import type { I18n, Locale, Translate } from '../../core/i18n.js';
import type { OfficerAccount, OfficerRole, OfficerSession, OfficerStore } from '../../features/officers/model.js';
import { decoyHash, hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems, verifyPassword } from '../../features/officers/passwords.js';
import { sameSecret } from '../bearer-auth.js';
import { html, page, type SafeHtml } from './html.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in officer on dashboard routes (under `/admin`), or `undefined`. Set before any route handler. */
    officer?: OfficerAccount;
  }
}

/** Where the dashboard lives. */
export const DASHBOARD_PREFIX = '/admin';

/** The session cookie's name. */
export const SESSION_COOKIE = 'pintu_admin';

/** The login form's pre-session CSRF cookie. */
const LOGIN_CSRF_COOKIE = 'pintu_admin_csrf';

const HTML = 'text/html; charset=utf-8';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Default idle timeout: 8 hours without a request. */
export const DEFAULT_SESSION_IDLE_MS = 8 * HOUR;
/** Default absolute lifetime: 7 days after sign-in. */
export const DEFAULT_SESSION_MAX_MS = 7 * 24 * HOUR;
/** Default login limits: 5 failures per username, 20 per IP (a whole office may share one), per 15 minutes. */
export const DEFAULT_LOGIN_LIMITS = { perUsername: 5, perIp: 20, windowMs: 15 * MINUTE } as const;

/** How often (at most) a session's last-seen time is written: a request costs a write only once a minute. */
const TOUCH_EVERY_MS = MINUTE;

/** Dashboard pages: a function that adds routes to the dashboard's context (paths relative to `/admin`). */
export type DashboardPages = (dashboard: FastifyInstance) => void | Promise<void>;

/** What {@link registerDashboardAuth} needs. */
export interface DashboardAuthDeps {
  /** Accounts, sessions and the audit log (`SqlOfficerStore`). */
  store: OfficerStore;
  /** The app's Redis command connection, for the login rate limits. */
  redis: Redis;
  /** Redis key prefix (the app's `QUEUE_PREFIX`), so deployments and test runs keep separate counters. */
  prefix: string;
  /** "Now" for session expiry and the audit log (the app's clock; a `FixedClock` in tests). */
  clock: Clock;
  /** The app's logger; sign-ins, sign-outs and refusals are logged without passwords or tokens. */
  logger: Logger;
  /** Texts (`dashboard.auth.*` in `locales/`). */
  i18n: I18n;
  /** The dashboard's language (default `id`). */
  locale?: Locale;
  /** Mark cookies Secure even over plain http, for a TLS proxy in front (`DASHBOARD_SECURE_COOKIE`). Over https they always are. */
  secureCookie?: boolean;
  /** Idle timeout in ms (`DASHBOARD_SESSION_IDLE_MINUTES`; default {@link DEFAULT_SESSION_IDLE_MS}). */
  sessionIdleMs?: number;
  /** Absolute session lifetime in ms (`DASHBOARD_SESSION_MAX_HOURS`; default {@link DEFAULT_SESSION_MAX_MS}). */
  sessionMaxMs?: number;
  /** Login attempt limits (default {@link DEFAULT_LOGIN_LIMITS}). */
  loginLimits?: { perUsername?: number; perIp?: number; windowMs?: number };
  /** Where a sign-in leads without a `next` (default `/admin`). */
  homePath?: string;
  /** The dashboard's pages, registered inside the dashboard context (in this order). */
  pages?: DashboardPages[];
}

/** What the page functions need, per dashboard context. */
interface Context {
  store: OfficerStore;
  clock: Clock;
  base: string;
  home: string;
  t: Translate;
  lang: Locale;
}

/** The dashboard's state of one request. */
interface RequestState {
  ctx: Context;
  session?: OfficerSession;
  /** A session cookie came but named no live session. */
  staleCookie?: boolean;
  /** The login form's CSRF token, when this request renders it. */
  loginCsrf?: string;
}

const states = new WeakMap<FastifyRequest, RequestState>();

function stateOf(req: FastifyRequest, caller: string): RequestState {
  const state = states.get(req);
  if (!state) {
    throw new Error(
      `${caller}() was used on ${req.method} ${req.url}, which is outside the dashboard. Register the route through ` +
        'registerDashboardAuth(http, { pages: [...] }) so it runs inside the dashboard context.',
    );
  }
  return state;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A form field as a string; repeated or missing fields are `undefined`. */
function field(body: unknown, name: string): string | undefined {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

function queryField(req: FastifyRequest, name: string): string | undefined {
  return field(req.query, name);
}

/**
 * `next` when it is a path inside the dashboard (same origin, under `base`, not the login or logout page), made
 * canonical; `undefined` for anything else, absolute and protocol-relative URLs included.
 */
export function safeNext(next: string | undefined, base: string = DASHBOARD_PREFIX): string | undefined {
  if (!next || next.length > 2000 || !next.startsWith('/') || next.startsWith('//') || /[\\\s\u0000-\u001f\u007f]/.test(next)) return undefined;
  let url: URL;
  try {
    url = new URL(next, 'http://dashboard.invalid');
  } catch {
    return undefined;
  }
  if (url.origin !== 'http://dashboard.invalid') return undefined;
  if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return undefined;
  if (url.pathname === `${base}/login` || url.pathname === `${base}/logout`) return undefined;
  return url.pathname + url.search;
}

// ---------------------------------------------------------------------------------------------------------------
// For page routes
// ---------------------------------------------------------------------------------------------------------------

/**
 * A preHandler for a dashboard page: lets through a signed-in officer whose role is one of `roles` (any role
 * when none are given). Without a session: 302 to `/admin/login?next=<this page>` (303 without `next` for other
 * methods than GET). An officer who must still change the one-time password goes to `/admin/password`. Another
 * role: 403 with a page saying so.
 */
export function requireRole(...roles: OfficerRole[]): preHandlerAsyncHookHandler {
  return async function requireRoleHandler(req: FastifyRequest, reply: FastifyReply) {
    const state = stateOf(req, 'requireRole');
    const { ctx } = state;
    const officer = req.officer;
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    if (!officer) {
      const params = new URLSearchParams();
      const next = readOnly ? safeNext(req.url, ctx.base) : undefined;
      if (next) params.set('next', next);
      if (state.staleCookie) params.set('expired', '1');
      const query = params.toString();
      return reply.redirect(`${ctx.base}/login${query ? `?${query}` : ''}`, readOnly ? 302 : 303);
    }
    if (officer.mustChangePassword) {
      const next = readOnly ? safeNext(req.url, ctx.base) : undefined;
      return reply.redirect(`${ctx.base}/password${next ? `?next=${encodeURIComponent(next)}` : ''}`, readOnly ? 302 : 303);
    }
    if (roles.length > 0 && !roles.includes(officer.role)) {
      const t = ctx.t;
      return reply
        .code(403)
        .type(HTML)
        .send(
          messagePage(ctx, t('dashboard.auth.forbidden.title'), t('dashboard.auth.forbidden.body', { role: t(`dashboard.auth.role.${officer.role}`) }), {
            href: ctx.home,
            label: t('dashboard.auth.back_home'),
            header: officerHeader(req),
          }),
        );
    }
  };
}

/**
 * The hidden form field with this session's CSRF token: put it in every `<form method="post">` of the
 * dashboard. Throws when the request has no session (use it on pages behind {@link requireRole}).
 */
export function csrfField(req: FastifyRequest): SafeHtml {
  const state = stateOf(req, 'csrfField');
  const token = state.session?.csrfToken ?? state.loginCsrf;
  if (!token) throw new Error(`csrfField() needs a signed-in officer, and ${req.method} ${req.url} has none; put the page behind requireRole().`);
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/**
 * Appends a line to the audit log for this request: the signed-in officer (if any), the client's IP and now.
 * `action` is a short snake_case verb (`complaint_verified`), `target` what it acted on (a ticket id), `detail`
 * anything JSON-serialisable, but never passwords, tokens or residents' personal data.
 */
export async function audit(req: FastifyRequest, action: string, target?: string, detail?: unknown): Promise<void> {
  const { ctx } = stateOf(req, 'audit');
  await ctx.store.appendAudit({ at: ctx.clock.now(), accountId: req.officer?.id, action, target, detail, ip: req.ip });
}

/**
 * The bar at the top of every signed-in page: the officer's name and role, a link to change the password and
 * the logout button (a POST form with its CSRF field). Empty when nobody is signed in.
 */
export function officerHeader(req: FastifyRequest): SafeHtml {
  const state = stateOf(req, 'officerHeader');
  const officer = req.officer;
  if (!officer || !state.session) return html``;
  const { t, base, home } = state.ctx;
  const scope = officer.office ?? officer.puskesmas;
  return html`<header class="bar">
<span><a href="${home}"><strong>Pintu</strong></a> · ${t('dashboard.auth.header.signed_in_as', { name: officer.displayName })}
<span class="muted">(${t(`dashboard.auth.role.${officer.role}`)}${scope ? html` · ${scope}` : ''})</span></span>
<span><a href="${base}/password">${t('dashboard.auth.header.password')}</a> ·
<form method="post" action="${base}/logout">${csrfField(req)}<button type="submit" class="link">${t('dashboard.auth.header.logout')}</button></form></span>
</header>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Pages of this plugin
// ---------------------------------------------------------------------------------------------------------------

function messagePage(ctx: Context, title: string, body: string, link: { href: string; label: string; header?: SafeHtml }): string {
  return page(
    title,
    html`<div class="card narrow"><h1>${title}</h1><p>${body}</p><p><a href="${link.href}">${link.label}</a></p></div>`,
    { lang: ctx.lang, header: link.header },
  );
}

function loginPage(ctx: Context, v: { csrf: string; next?: string; username?: string; error?: string; notice?: string }): string {
  const { t, base } = ctx;
  return page(
    t('dashboard.auth.login.title'),
    html`<div class="card narrow">
<h1>${t('dashboard.auth.login.title')}</h1>
<p class="muted">${t('dashboard.auth.login.intro')}</p>
${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
${v.notice ? html`<p class="notice">${v.notice}</p>` : ''}
<form method="post" action="${base}/login">
<input type="hidden" name="_csrf" value="${v.csrf}">
${v.next ? html`<input type="hidden" name="next" value="${v.next}">` : ''}
<label for="username">${t('dashboard.auth.login.username')}</label>
<input type="text" id="username" name="username" value="${v.username ?? ''}" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64" required${v.username ? '' : html` autofocus`}>
<label for="password">${t('dashboard.auth.login.password')}</label>
<input type="password" id="password" name="password" autocomplete="current-password" maxlength="${PASSWORD_MAX_LENGTH}" required${v.username ? html` autofocus` : ''}>
<button type="submit">${t('dashboard.auth.login.submit')}</button>
</form>
</div>`,
    { lang: ctx.lang },
  );
}

function passwordPage(req: FastifyRequest, ctx: Context, v: { forced: boolean; next?: string; errors?: string[] }): string {
  const { t, base } = ctx;
  return page(
    t('dashboard.auth.password.title'),
    html`<div class="card narrow">
<h1>${t('dashboard.auth.password.title')}</h1>
<p>${v.forced ? t('dashboard.auth.password.intro_forced') : t('dashboard.auth.password.intro')}</p>
${v.errors?.length ? html`<div class="error" role="alert">${v.errors.map((e) => html`<p>${e}</p>`)}</div>` : ''}
<form method="post" action="${base}/password">
${csrfField(req)}
${v.next ? html`<input type="hidden" name="next" value="${v.next}">` : ''}
<label for="current">${t('dashboard.auth.password.current')}</label>
<input type="password" id="current" name="current" autocomplete="current-password" maxlength="${PASSWORD_MAX_LENGTH}" required autofocus>
<label for="new">${t('dashboard.auth.password.new', { min: PASSWORD_MIN_LENGTH })}</label>
<input type="password" id="new" name="new" autocomplete="new-password" minlength="${PASSWORD_MIN_LENGTH}" maxlength="${PASSWORD_MAX_LENGTH}" required>
<label for="confirm">${t('dashboard.auth.password.confirm')}</label>
<input type="password" id="confirm" name="confirm" autocomplete="new-password" minlength="${PASSWORD_MIN_LENGTH}" maxlength="${PASSWORD_MAX_LENGTH}" required>
<button type="submit">${t('dashboard.auth.password.submit')}</button>
</form>
</div>`,
    { lang: ctx.lang, header: officerHeader(req) },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Login rate limiting
// ---------------------------------------------------------------------------------------------------------------

// KEYS: username counter, IP counter, username "refusal noted", IP "refusal noted".
// ARGV: window ms, max per username, max per IP.
// Returns {1, 0, 0} when a slot was reserved, {0, retry-after ms, first refusal in this window (1/0)} when limited.
const RESERVE = `
local window = tonumber(ARGV[1])
local u = tonumber(redis.call('get', KEYS[1]) or '0')
local i = tonumber(redis.call('get', KEYS[2]) or '0')
local uOver = u >= tonumber(ARGV[2])
local iOver = i >= tonumber(ARGV[3])
if uOver or iOver then
  local wait = 0
  local first = 0
  if uOver then
    wait = math.max(wait, redis.call('pttl', KEYS[1]))
    if redis.call('set', KEYS[3], '1', 'PX', window, 'NX') then first = 1 end
  end
  if iOver then
    wait = math.max(wait, redis.call('pttl', KEYS[2]))
    if redis.call('set', KEYS[4], '1', 'PX', window, 'NX') then first = 1 end
  end
  return {0, wait, first}
end
redis.call('set', KEYS[1], '0', 'PX', window, 'NX')
redis.call('incr', KEYS[1])
redis.call('set', KEYS[2], '0', 'PX', window, 'NX')
redis.call('incr', KEYS[2])
return {1, 0, 0}`;

// KEYS: username counter, IP counter. Forgets the username's failures and gives back the IP's slot.
const RELEASE = `
redis.call('del', KEYS[1])
local i = tonumber(redis.call('get', KEYS[2]) or '0')
if i > 0 then redis.call('decr', KEYS[2]) end
return 1`;

type LimiterRedis = Redis & {
  pintuLoginReserve(user: string, ip: string, userNoted: string, ipNoted: string, windowMs: number, maxUser: number, maxIp: number): Promise<[number, number, number]>;
  pintuLoginRelease(user: string, ip: string): Promise<number>;
};

/** The outcome of {@link LoginLimiter.reserve}. */
type Reservation = { allowed: true } | { allowed: false; retryAfterMs: number; firstRefusal: boolean };

/** Per-username and per-IP login attempt counters in Redis, checked and counted in one script (no races). */
class LoginLimiter {
  private readonly redis: LimiterRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly limits: { perUsername: number; perIp: number; windowMs: number },
  ) {
    if (!('pintuLoginReserve' in redis)) {
      redis.defineCommand('pintuLoginReserve', { numberOfKeys: 4, lua: RESERVE });
      redis.defineCommand('pintuLoginRelease', { numberOfKeys: 2, lua: RELEASE });
    }
    this.redis = redis as LimiterRedis;
  }

  private keys(ip: string, username: string): [string, string] {
    // The username is hashed so whatever was typed makes a well-formed key.
    return [`${this.prefix}:dashboard:login:user:${sha256(username).slice(0, 32)}`, `${this.prefix}:dashboard:login:ip:${ip}`];
  }

  /** Counts an attempt, or refuses it when either counter is at its limit. */
  async reserve(ip: string, username: string): Promise<Reservation> {
    const [user, address] = this.keys(ip, username);
    const [ok, wait, first] = await this.redis.pintuLoginReserve(user, address, `${user}:noted`, `${address}:noted`, this.limits.windowMs, this.limits.perUsername, this.limits.perIp);
    return ok === 1 ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(Number(wait), 1000), firstRefusal: first === 1 };
  }

  /** After a successful login: the username's failures are forgotten and the IP's slot is given back. */
  async release(ip: string, username: string): Promise<void> {
    const [user, address] = this.keys(ip, username);
    await this.redis.pintuLoginRelease(user, address);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The plugin
// ---------------------------------------------------------------------------------------------------------------

/**
 * Registers the dashboard under `/admin` on `http`: sign-in routes, sessions, CSRF checks, and `deps.pages`
 * inside the same context. Call it before `http.ready()`/`listen()`. See the module comment for the details.
 */
export function registerDashboardAuth(http: FastifyInstance, deps: DashboardAuthDeps): void {
  http.register(async (dashboard) => dashboardContext(dashboard, deps), { prefix: DASHBOARD_PREFIX });
}

async function dashboardContext(dashboard: FastifyInstance, deps: DashboardAuthDeps): Promise<void> {
  const { store, clock } = deps;
  const log = deps.logger.child({ mod: 'dashboard-auth' });
  const lang = deps.locale ?? 'id';
  const base = dashboard.prefix;
  const ctx: Context = { store, clock, base, home: deps.homePath ?? base, t: deps.i18n.forLocale(lang), lang };
  const { t } = ctx;
  const idleMs = deps.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
  const maxMs = deps.sessionMaxMs ?? DEFAULT_SESSION_MAX_MS;
  const limits = { ...DEFAULT_LOGIN_LIMITS, ...deps.loginLimits };
  const limiter = new LoginLimiter(deps.redis, deps.prefix, limits);
  // Made now, so the first unknown username does not pay for hashing it (which would show in the timing).
  const decoy = decoyHash();
  decoy.catch(() => undefined);

  if (!dashboard.hasRequestDecorator('cookies')) await dashboard.register(fastifyCookie);
  if (!dashboard.hasContentTypeParser('application/x-www-form-urlencoded')) await dashboard.register(fastifyFormbody);
  dashboard.decorateRequest('officer', undefined);

  const secure = (req: FastifyRequest) => deps.secureCookie === true || req.protocol === 'https';
  const sessionExpiry = (createdAt: Date, now: Date) => new Date(Math.min(createdAt.getTime() + maxMs, now.getTime() + idleMs));

  function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, { path: base, httpOnly: true, sameSite: 'strict', secure: secure(req) });
  }

  /** Starts a session for `account` and sets its cookie. */
  async function startSession(req: FastifyRequest, reply: FastifyReply, account: OfficerAccount): Promise<void> {
    const token = randomToken();
    const now = clock.now();
    const session: OfficerSession = { id: sha256(token), accountId: account.id, csrfToken: randomToken(), createdAt: now, expiresAt: sessionExpiry(now, now), lastSeenAt: now };
    await store.createSession(session);
    reply.setCookie(SESSION_COOKIE, token, { path: base, httpOnly: true, sameSite: 'strict', secure: secure(req) });
    const state = states.get(req)!;
    state.session = session;
    req.officer = account;
  }

  function sendHtml(reply: FastifyReply, status: number, body: string): FastifyReply {
    return reply.code(status).type(HTML).send(body);
  }

  /** The login form's CSRF token: the one in the cookie when it looks like ours, else a new one (cookie set). */
  function loginCsrf(req: FastifyRequest, reply: FastifyReply): string {
    const existing = req.cookies[LOGIN_CSRF_COOKIE];
    const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomToken();
    reply.setCookie(LOGIN_CSRF_COOKIE, token, { path: `${base}/login`, httpOnly: true, sameSite: 'strict', secure: secure(req), maxAge: 12 * 60 * 60 });
    states.get(req)!.loginCsrf = token;
    return token;
  }

  function tooManyAttempts(reply: FastifyReply, retryAfterMs: number): FastifyReply {
    const until = new Date(clock.now().getTime() + retryAfterMs);
    const body = `${t('dashboard.auth.limited.body', { time: inWib(until).toFormat('HH:mm'), minutes: Math.max(1, Math.ceil(retryAfterMs / MINUTE)) })} ${t('dashboard.auth.limited.help')}`;
    return sendHtml(reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000))), 429, messagePage(ctx, t('dashboard.auth.limited.title'), body, { href: `${base}/login`, label: t('dashboard.auth.to_login') }));
  }

  dashboard.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    const clientFault = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500;
    if (!clientFault) log.error({ err: err.message, method: req.method, path: req.url.split('?')[0] }, 'dashboard request failed');
    const status = clientFault ? err.statusCode! : 503;
    const text = clientFault ? t('dashboard.auth.error.bad_request') : t('dashboard.auth.error.unavailable');
    return sendHtml(reply, status, messagePage(ctx, t('dashboard.auth.error.title'), text, { href: ctx.home, label: t('dashboard.auth.back_home') }));
  });

  // Who is asking: the session from the cookie, and headers every dashboard answer carries.
  dashboard.addHook('onRequest', async (req, reply) => {
    const state: RequestState = { ctx };
    states.set(req, state);
    reply.header('cache-control', 'no-store');
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('content-security-policy', "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'");
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const now = clock.now();
    const found = await store.findSession(sha256(token), now);
    if (!found) {
      state.staleCookie = true;
      clearSessionCookie(req, reply);
      return;
    }
    state.session = found.session;
    req.officer = found.account;
    if (now.getTime() - found.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await store.touchSession(found.session.id, now, sessionExpiry(found.session.createdAt, now));
    }
  });

  // CSRF on every state-changing request.
  dashboard.addHook('preHandler', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    const state = states.get(req)!;
    const isLogin = req.routeOptions.url === `${base}/login`;
    let expected: string | undefined;
    if (isLogin) {
      expected = req.cookies[LOGIN_CSRF_COOKIE];
    } else if (state.session) {
      expected = state.session.csrfToken;
    } else {
      // No session: nothing to forge. The form is stale; send the officer to sign in again.
      return reply.redirect(`${base}/login${state.staleCookie ? '?expired=1' : ''}`, 303);
    }
    const given = field(req.body, '_csrf') ?? (typeof req.headers['x-csrf-token'] === 'string' ? req.headers['x-csrf-token'] : undefined);
    if (!expected || !given || !sameSecret(given, expected)) {
      log.warn({ method: req.method, path: req.url.split('?')[0], reason: given ? 'mismatch' : 'missing', account: req.officer?.id }, 'dashboard CSRF check failed');
      const link = state.session ? { href: ctx.home, label: t('dashboard.auth.back_home') } : { href: `${base}/login`, label: t('dashboard.auth.to_login') };
      return sendHtml(reply, 403, messagePage(ctx, t('dashboard.auth.csrf.title'), t('dashboard.auth.csrf.body'), link));
    }
    if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)._csrf;
  });

  dashboard.get('/login', async (req, reply) => {
    const next = safeNext(queryField(req, 'next'), base);
    if (req.officer) return reply.redirect(req.officer.mustChangePassword ? `${base}/password` : (next ?? ctx.home), 302);
    const notice = queryField(req, 'out') === '1' ? t('dashboard.auth.login.logged_out') : queryField(req, 'expired') === '1' ? t('dashboard.auth.login.expired') : undefined;
    return sendHtml(reply, 200, loginPage(ctx, { csrf: loginCsrf(req, reply), next, notice }));
  });

  dashboard.post('/login', async (req, reply) => {
    const typed = (field(req.body, 'username') ?? '').trim();
    const username = typed.toLowerCase().slice(0, 64);
    const password = field(req.body, 'password') ?? '';
    const next = safeNext(field(req.body, 'next'), base);
    const ip = req.ip;

    const reservation = await limiter.reserve(ip, username);
    if (!reservation.allowed) {
      log.warn({ ip, retryAfterMs: reservation.retryAfterMs }, 'dashboard login refused: too many failed attempts');
      if (reservation.firstRefusal) {
        const known = await store.accountForLogin(username);
        await store.appendAudit({ at: clock.now(), accountId: known?.account.id, action: 'login_failed', target: known ? username : undefined, detail: { reason: 'rate_limited' }, ip });
      }
      return tooManyAttempts(reply, reservation.retryAfterMs);
    }

    const found = username ? await store.accountForLogin(username) : undefined;
    const usable = found && !found.account.disabledAt;
    // Unknown and disabled accounts cost the same scrypt work as a wrong password, so timing tells nothing.
    const ok = await verifyPassword(password, usable ? found.passwordHash : await decoy);
    if (!usable || !ok || !password) {
      // The name is recorded only when it is an account's: a password typed into the username field stays out of the log.
      await store.appendAudit({
        at: clock.now(),
        accountId: found?.account.id,
        action: 'login_failed',
        target: found ? username : undefined,
        detail: { reason: !found ? 'unknown_user' : found.account.disabledAt ? 'disabled' : 'wrong_password' },
        ip,
      });
      log.info({ ip, account: found?.account.id }, 'dashboard login failed');
      return sendHtml(reply, 401, loginPage(ctx, { csrf: loginCsrf(req, reply), next, username: typed.slice(0, 64), error: t('dashboard.auth.login.failed') }));
    }

    await limiter.release(ip, username);
    const previous = states.get(req)!.session;
    if (previous) await store.deleteSession(previous.id);
    await startSession(req, reply, found.account);
    reply.clearCookie(LOGIN_CSRF_COOKIE, { path: `${base}/login`, httpOnly: true, sameSite: 'strict', secure: secure(req) });
    await audit(req, 'login', username, { mustChangePassword: found.account.mustChangePassword, userAgent: String(req.headers['user-agent'] ?? '').slice(0, 200) });
    log.info({ account: found.account.id, role: found.account.role }, 'officer signed in to the dashboard');
    if (found.account.mustChangePassword) return reply.redirect(`${base}/password${next ? `?next=${encodeURIComponent(next)}` : ''}`, 303);
    return reply.redirect(next ?? ctx.home, 303);
  });

  dashboard.post('/logout', async (req, reply) => {
    const state = states.get(req)!;
    // The CSRF hook already sent requests without a session to the login page.
    await store.deleteSession(state.session!.id);
    await audit(req, 'logout', req.officer?.username);
    log.info({ account: req.officer?.id }, 'officer signed out of the dashboard');
    clearSessionCookie(req, reply);
    return reply.redirect(`${base}/login?out=1`, 303);
  });

  /** The password pages need a session but not a changed password. */
  const signedIn: preHandlerAsyncHookHandler = async (req, reply) => {
    if (req.officer) return;
    const next = req.method === 'GET' ? safeNext(req.url, base) : undefined;
    const params = new URLSearchParams();
    if (next) params.set('next', next);
    if (states.get(req)?.staleCookie) params.set('expired', '1');
    const query = params.toString();
    return reply.redirect(`${base}/login${query ? `?${query}` : ''}`, req.method === 'GET' ? 302 : 303);
  };

  dashboard.get('/password', { preHandler: signedIn }, async (req, reply) => {
    const officer = req.officer!;
    return sendHtml(reply, 200, passwordPage(req, ctx, { forced: officer.mustChangePassword, next: safeNext(queryField(req, 'next'), base) }));
  });

  dashboard.post('/password', { preHandler: signedIn }, async (req, reply) => {
    const officer = req.officer!;
    const current = field(req.body, 'current') ?? '';
    const fresh = field(req.body, 'new') ?? '';
    const confirm = field(req.body, 'confirm') ?? '';
    const next = safeNext(field(req.body, 'next'), base);
    const again = (status: number, errors: string[]) => sendHtml(reply, status, passwordPage(req, ctx, { forced: officer.mustChangePassword, next, errors }));

    // Guessing the current password from a borrowed session counts against the same limits as the login form.
    const reservation = await limiter.reserve(req.ip, officer.username);
    if (!reservation.allowed) return tooManyAttempts(reply, reservation.retryAfterMs);
    const hash = await store.passwordHashOf(officer.id);
    if (!hash || !(await verifyPassword(current, hash))) {
      await audit(req, 'password_change_failed', officer.username, { reason: 'wrong_current_password' });
      return again(400, [t('dashboard.auth.password.wrong_current')]);
    }
    await limiter.release(req.ip, officer.username);

    const errors = passwordProblems(fresh, { username: officer.username, oldPassword: current }).map((p) =>
      t(`dashboard.auth.policy.${p}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }),
    );
    if (fresh !== confirm) errors.push(t('dashboard.auth.password.mismatch'));
    if (errors.length) return again(400, errors);

    const now = clock.now();
    await store.setPassword(officer.id, await hashPassword(fresh), { mustChange: false, at: now });
    // Every session of the account ends (a thief's too); this browser gets a new one.
    const ended = await store.deleteAccountSessions(officer.id);
    await startSession(req, reply, { ...officer, mustChangePassword: false, passwordChangedAt: now });
    await audit(req, 'password_changed', officer.username, { forced: officer.mustChangePassword, sessionsEnded: ended });
    log.info({ account: officer.id }, 'officer changed the dashboard password');
    return reply.redirect(next ?? ctx.home, 303);
  });

  for (const pages of deps.pages ?? []) await dashboard.register(async (scope) => pages(scope));
}
