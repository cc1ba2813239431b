/**
 * Dashboard sign-in end to end with fastify `inject`, real Redis and SQLite: login and its cookie, the forced
 * password change, sessions expiring, CSRF, rate limits, roles, the audit log, the `admin add` command, and the
 * HTML building blocks the pages use.
 */
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import type { MikroORM } from '@mikro-orm/core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { I18n } from '../../src/core/i18n.js';
import { SqlOfficerStore, type OfficerRole } from '../../src/db/officer-store.js';
import { openDatabase } from '../../src/db/orm.js';
import { oneTimePassword, passwordProblems, hashPassword, verifyPassword } from '../../src/features/officers/passwords.js';
import { audit, csrfField, officerHeader, registerDashboardAuth, requireRole, safeNext, SESSION_COOKIE, type DashboardAuthDeps } from '../../src/http/dashboard/auth-plugin.js';
import { escapeHtml, html, page, raw } from '../../src/http/dashboard/html.js';
import { officerAddCommand } from '../../src/officers-cli.js';
import { testConfig, uniquePrefix } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { TEST_REDIS_URL } from '../support/urls.js';

const NOW = '2026-11-30T02:15:00Z';
const HOUR = 3_600_000;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const WRONG = 'Nama pengguna atau kata sandi salah.';

let db: TestDatabase;
let orm: MikroORM;
let store: SqlOfficerStore;
let redis: Redis;
let prefix: string;
const i18n = new I18n();

beforeAll(async () => {
  db = await createTestDatabase('sqlite');
  orm = await openDatabase(db.url);
  store = new SqlOfficerStore(orm);
  redis = new Redis(TEST_REDIS_URL);
  prefix = uniquePrefix();
});
afterAll(async () => {
  const keys = await redis?.keys(`${prefix}:*`);
  if (keys?.length) await redis.del(...keys);
  redis?.disconnect();
  await orm?.close(true);
  await db?.drop();
});

/** A fastify app with the dashboard plugin and a few dummy pages. */
async function dashboardApp(clock: FixedClock, extra: Partial<DashboardAuthDeps> = {}): Promise<FastifyInstance> {
  const app = Fastify();
  registerDashboardAuth(app, {
    store,
    redis,
    prefix,
    clock,
    logger: pino({ level: 'silent' }),
    i18n,
    pages: [
      (d) => {
        d.get('/', { preHandler: requireRole() }, async (req, reply) =>
          reply.type('text/html; charset=utf-8').send(page('Dasbor', html`<p>Halo ${req.officer!.displayName}</p><form method="post" action="/admin/echo">${csrfField(req)}</form>`, { header: officerHeader(req) })),
        );
        d.get('/coordinator-only', { preHandler: requireRole('coordinator') }, async () => 'rahasia kota');
        d.post('/echo', { preHandler: requireRole('office', 'coordinator') }, async (req) => {
          await audit(req, 'echoed', 'PBL-2026-000001', { n: 1 });
          return { body: req.body, officer: req.officer!.username };
        });
      },
    ],
    ...extra,
  });
  await app.ready();
  return app;
}

/** A browser: keeps the dashboard's cookies between requests, from one IP. */
class Browser {
  readonly jar = new Map<string, string>();
  constructor(
    readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  private cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() }, remoteAddress: this.ip }));
  }

  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({ method: 'POST', url, headers: { ...FORM, cookie: this.cookieHeader(), ...headers }, payload: new URLSearchParams(form).toString(), remoteAddress: this.ip }),
    );
  }

  /** Opens the login form and submits it. */
  async login(username: string, password: string, extra: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const form = await this.get('/admin/login');
    return this.post('/admin/login', { _csrf: csrfOf(form.body), username, password, ...extra });
  }
}

function csrfOf(body: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!m) throw new Error(`no CSRF field in: ${body.slice(0, 300)}`);
  return m[1]!;
}

function errorOf(body: string): string | undefined {
  return /<p class="error" role="alert">([^<]*)<\/p>/.exec(body)?.[1];
}

let counter = 0;
/** An active account with a known password (already changed, unless `mustChange`). */
async function account(role: OfficerRole, opts: { mustChange?: boolean; office?: string; puskesmas?: string } = {}) {
  const username = `${role}-${++counter}`;
  const password = `kata-sandi-${counter}-rahasia`;
  const a = await store.createAccount({
    username,
    displayName: `Petugas ${counter} <b>`,
    role,
    office: opts.office ?? (role === 'office' ? 'dpupr_pkp' : undefined),
    puskesmas: opts.puskesmas ?? (role === 'midwife' ? 'Puskesmas Kanigaran' : undefined),
    passwordHash: await hashPassword(password),
    mustChangePassword: opts.mustChange ?? false,
    at: new Date(NOW),
  });
  return { ...a, password };
}

describe('passwords', () => {
  it('hashes with scrypt N=2^15 r=8 p=1, a 16-byte salt and a 32-byte key, and verifies', async () => {
    const hash = await hashPassword('kata sandi yang panjang');
    const parts = hash.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64url')).toHaveLength(32);
    expect(await verifyPassword('kata sandi yang panjang', hash)).toBe(true);
    expect(await verifyPassword('kata sandi yang panjanG', hash)).toBe(false);
    expect(await hashPassword('kata sandi yang panjang')).not.toBe(hash);
    // Malformed or hostile stored hashes never match and never throw.
    for (const bad of ['', 'plain', 'scrypt$32768$8$1$abc', `scrypt$${2 ** 30}$8$1$${parts[4]}$${parts[5]}`, 'bcrypt$x$y$z$a$b']) expect(await verifyPassword('x', bad)).toBe(false);
  });

  it('one-time passwords are long, readable and different each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = oneTimePassword();
      expect(p).toMatch(/^[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}$/);
      expect(p.length).toBeGreaterThanOrEqual(12);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('the new-password policy: length, not the username, not the old password', () => {
    expect(passwordProblems('pendek', { username: 'budi', oldPassword: 'abcd-efgh-jkmn' })).toEqual(['too_short']);
    expect(passwordProblems('Budi.Santoso', { username: 'budi.santoso', oldPassword: 'x' })).toEqual(['same_as_username']);
    expect(passwordProblems('abcd-efgh-jkmn', { username: 'budi', oldPassword: 'abcd-efgh-jkmn' })).toEqual(['same_as_old']);
    expect(passwordProblems('x'.repeat(201), { username: 'budi', oldPassword: 'y' })).toEqual(['too_long']);
    expect(passwordProblems('cukup panjang sekali', { username: 'budi', oldPassword: 'abcd-efgh-jkmn' })).toEqual([]);
  });
});

describe('html building blocks', () => {
  it('escapes interpolations unless raw, joins arrays, drops null/undefined/false', () => {
    const evil = `<script>alert("x")</script>'&\``;
    expect(escapeHtml(evil)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;&#96;');
    expect(html`<p title="${evil}">${evil}</p>`.toString()).toBe(`<p title="${escapeHtml(evil)}">${escapeHtml(evil)}</p>`);
    expect(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.toString()).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${raw('<b>ok</b>')}${null}${undefined}${false}${0}`.toString()).toBe('<b>ok</b>0');
  });

  it('page(): Indonesian, phone viewport, escaped title', () => {
    const doc = page('Daftar <Pengaduan>', html`<p>isi</p>`);
    expect(doc).toMatch(/^<!doctype html>\n<html lang="id">/);
    expect(doc).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(doc).toContain('<title>Daftar &lt;Pengaduan&gt; · Pintu</title>');
    expect(doc).toContain('<main>\n<p>isi</p>\n</main>');
    expect(page('x', html``, { lang: 'en' })).toContain('<html lang="en">');
  });

  it('safeNext accepts only paths inside the dashboard', () => {
    expect(safeNext('/admin/complaints?state=baru')).toBe('/admin/complaints?state=baru');
    expect(safeNext('/admin')).toBe('/admin');
    for (const bad of ['https://evil.example/admin', '//evil.example/admin', '/\\evil.example', '/admin/../etc', '/administrator', '/admin/login', '/admin/logout', 'admin', '/admin/\nx', undefined]) {
      expect(safeNext(bad), String(bad)).toBeUndefined();
    }
  });
});

describe('dashboard sign-in', () => {
  let clock: FixedClock;
  let app: FastifyInstance;

  beforeAll(async () => {
    clock = new FixedClock(NOW);
    app = await dashboardApp(clock);
  });
  afterAll(async () => app?.close());

  it('login sets a strict session cookie, forces the password change, then opens the dashboard', async () => {
    const officer = await account('office', { mustChange: true });
    const b = new Browser(app, '10.1.0.1');

    const form = await b.get('/admin/login');
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toContain('text/html');
    expect(form.body).toContain('<html lang="id">');
    expect(form.headers['x-frame-options']).toBe('DENY');
    expect(form.headers['cache-control']).toBe('no-store');
    const pre = form.cookies.find((c) => c.name === 'pintu_admin_csrf')!;
    expect(pre).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin/login' });
    expect(csrfOf(form.body)).toBe(pre.value);

    const res = await b.post('/admin/login', { _csrf: csrfOf(form.body), username: officer.username.toUpperCase(), password: officer.password });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/password');
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b.jar.has('pintu_admin_csrf')).toBe(false);

    // Every page sends the officer to the password change first.
    expect((await b.get('/admin/')).headers.location).toBe('/admin/password?next=%2Fadmin%2F');
    const pw = await b.get('/admin/password');
    expect(pw.statusCode).toBe(200);
    expect(pw.body).toContain('Ini login pertama Anda');
    expect(pw.body).toContain('Petugas'); // the header names the officer…
    expect(pw.body).not.toContain(' <b>'); // …escaped

    const csrf = csrfOf(pw.body);
    const weak = await b.post('/admin/password', { _csrf: csrf, current: officer.password, new: officer.password, confirm: officer.password });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('tidak boleh sama dengan kata sandi lama');
    const wrongCurrent = await b.post('/admin/password', { _csrf: csrf, current: 'salah-salah-salah', new: 'baru sekali panjang', confirm: 'baru sekali panjang' });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.body).toContain('Kata sandi saat ini salah.');
    const mismatch = await b.post('/admin/password', { _csrf: csrf, current: officer.password, new: 'baru sekali panjang', confirm: 'baru sekali panjanG' });
    expect(mismatch.body).toContain('tidak sama');

    const oldSession = b.jar.get(SESSION_COOKIE)!;
    const changed = await b.post('/admin/password', { _csrf: csrf, current: officer.password, new: 'baru sekali panjang', confirm: 'baru sekali panjang' });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe('/admin');
    expect(b.jar.get(SESSION_COOKIE)).not.toBe(oldSession);
    expect(await store.findSession(oldSession, clock.now())).toBeUndefined();

    const home = await b.get('/admin/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(`Halo Petugas ${officer.username.split('-')[1]} &lt;b&gt;`);
    expect(home.body).toContain('Petugas OPD');
    expect(csrfOf(home.body)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The old password is gone, the new one works.
    const again = new Browser(app, '10.1.0.2');
    expect((await again.login(officer.username, officer.password)).statusCode).toBe(401);
    expect((await again.login(officer.username, 'baru sekali panjang')).headers.location).toBe('/admin');
  });

  it('marks cookies Secure over https or with the config flag', async () => {
    const secureApp = await dashboardApp(clock, { secureCookie: true });
    try {
      const officer = await account('operator');
      const b = new Browser(secureApp, '10.1.1.1');
      const form = await b.get('/admin/login');
      expect(form.cookies.find((c) => c.name === 'pintu_admin_csrf')?.secure).toBe(true);
      const res = await b.post('/admin/login', { _csrf: csrfOf(form.body), username: officer.username, password: officer.password });
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
    } finally {
      await secureApp.close();
    }
  });

  it('a wrong password and an unknown user get the same answer', async () => {
    const officer = await account('coordinator');
    const wrong = await new Browser(app, '10.2.0.1').login(officer.username, 'bukan-kata-sandinya');
    const unknown = await new Browser(app, '10.2.0.2').login('tidak-ada-orangnya', officer.password);
    const empty = await new Browser(app, '10.2.0.3').login('', '');
    for (const res of [wrong, unknown, empty]) {
      expect(res.statusCode).toBe(401);
      expect(errorOf(res.body)).toBe(WRONG);
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    }
    const strip = (body: string) => body.replace(/value="[^"]*"/g, '');
    expect(strip(wrong.body)).toBe(strip(unknown.body));

    const failures = (await store.listAudit({ action: 'login_failed', limit: 500 })).items;
    expect(failures.find((e) => e.ip === '10.2.0.1')).toMatchObject({ accountId: officer.id, target: officer.username, detail: { reason: 'wrong_password' } });
    const unknownRow = failures.find((e) => e.ip === '10.2.0.2')!;
    expect(unknownRow).toMatchObject({ detail: { reason: 'unknown_user' } });
    expect(unknownRow.accountId).toBeUndefined();
    expect(unknownRow.target).toBeUndefined(); // a mistyped password in the username field stays out of the log
  });

  it('a disabled account cannot sign in, with the same message', async () => {
    const officer = await account('operator');
    await store.disableAccount(officer.id, clock.now());
    const res = await new Browser(app, '10.2.1.1').login(officer.username, officer.password);
    expect(res.statusCode).toBe(401);
    expect(errorOf(res.body)).toBe(WRONG);
  });

  it('after 5 failures for a username, even the right password answers 429 with the time to come back', async () => {
    const officer = await account('coordinator');
    for (let i = 0; i < 5; i++) {
      // From different addresses: the username's own limit trips.
      const res = await new Browser(app, `10.3.0.${i + 1}`).login(officer.username, `salah-${i}`);
      expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const limited = await new Browser(app, '10.3.0.99').login(officer.username, officer.password);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(limited.body).toMatch(/coba lagi pukul \d\d:\d\d WIB/i);
    expect(limited.body).not.toContain(WRONG);
    expect(limited.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    const refusals = (await store.listAudit({ accountId: officer.id, action: 'login_failed' })).items.filter((e) => (e.detail as { reason: string }).reason === 'rate_limited');
    expect(refusals).toHaveLength(1);
    // Another officer is not affected.
    const other = await account('coordinator');
    expect((await new Browser(app, '10.3.0.98').login(other.username, other.password)).statusCode).toBe(303);
  });

  it('after 20 failures from one address, that address is refused for any username', async () => {
    const officer = await account('operator');
    const b = new Browser(app, '10.4.0.1');
    for (let i = 0; i < 20; i++) expect((await b.login(`orang-${i}`, 'salah')).statusCode).toBe(401);
    expect((await b.login(officer.username, officer.password)).statusCode).toBe(429);
    expect((await new Browser(app, '10.4.0.2').login(officer.username, officer.password)).statusCode).toBe(303);
  });

  it('a successful login forgets the username’s earlier failures', async () => {
    const officer = await account('operator');
    const b = new Browser(app, '10.5.0.1');
    for (let i = 0; i < 4; i++) await b.login(officer.username, 'salah');
    expect((await b.login(officer.username, officer.password)).statusCode).toBe(303);
    const c = new Browser(app, '10.5.0.2');
    for (let i = 0; i < 4; i++) expect((await c.login(officer.username, 'salah')).statusCode).toBe(401);
    expect((await c.login(officer.username, officer.password)).statusCode).toBe(303);
  });

  it('sessions expire after 8 hours idle and 7 days in all', async () => {
    const officer = await account('coordinator');
    const b = new Browser(app, '10.6.0.1');
    await b.login(officer.username, officer.password);
    expect((await b.get('/admin/')).statusCode).toBe(200);
    clock.advance(7 * HOUR); // still within 8 hours idle
    expect((await b.get('/admin/')).statusCode).toBe(200);
    clock.advance(8 * HOUR + 1000);
    const idle = await b.get('/admin/');
    expect(idle.statusCode).toBe(302);
    expect(idle.headers.location).toBe('/admin/login?next=%2Fadmin%2F&expired=1');
    expect((await b.get('/admin/login?expired=1')).body).toContain('Sesi Anda sudah berakhir');

    // Active every 7 hours: still out after 7 days.
    const c = new Browser(app, '10.6.0.2');
    await c.login(officer.username, officer.password);
    const started = clock.now().getTime();
    while (clock.now().getTime() + 7 * HOUR < started + 7 * 24 * HOUR) {
      clock.advance(7 * HOUR);
      expect((await c.get('/admin/')).statusCode).toBe(200);
    }
    clock.set(new Date(started + 7 * 24 * HOUR + 1000));
    expect((await c.get('/admin/')).statusCode).toBe(302);
    clock.set(NOW);
  });

  it('CSRF: a forged or missing token answers 403 and changes nothing; the right one passes and is removed', async () => {
    const officer = await account('office');
    const b = new Browser(app, '10.7.0.1');
    await b.login(officer.username, officer.password);
    const csrf = csrfOf((await b.get('/admin/')).body);

    for (const form of [{ note: 'x' }, { note: 'x', _csrf: 'forged-token' }, { note: 'x', _csrf: '' }] as Record<string, string>[]) {
      const res = await b.post('/admin/echo', form);
      expect(res.statusCode, JSON.stringify(form)).toBe(403);
      expect(res.body).toContain('Formulir tidak berlaku');
    }
    // Another session's token is no better.
    const other = new Browser(app, '10.7.0.2');
    await other.login(officer.username, officer.password);
    expect((await b.post('/admin/echo', { note: 'x', _csrf: csrfOf((await other.get('/admin/')).body) })).statusCode).toBe(403);
    // Logout is a POST too.
    expect((await b.post('/admin/logout', {})).statusCode).toBe(403);

    const ok = await b.post('/admin/echo', { note: 'x', _csrf: csrf });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ body: { note: 'x' }, officer: officer.username });
    expect((await b.post('/admin/echo', { note: 'y' }, { 'x-csrf-token': csrf })).statusCode).toBe(200);
    const rows = (await store.listAudit({ accountId: officer.id, action: 'echoed' })).items;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ target: 'PBL-2026-000001', detail: { n: 1 }, ip: '10.7.0.1' });
  });

  it('CSRF on the login form: the pre-session cookie must match the field', async () => {
    const officer = await account('operator');
    const b = new Browser(app, '10.7.1.1');
    const form = await b.get('/admin/login');
    expect((await b.post('/admin/login', { _csrf: 'forged', username: officer.username, password: officer.password })).statusCode).toBe(403);
    const noCookie = await app.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: new URLSearchParams({ _csrf: csrfOf(form.body), username: officer.username, password: officer.password }).toString() });
    expect(noCookie.statusCode).toBe(403);
    expect((await b.post('/admin/login', { _csrf: csrfOf(form.body), username: officer.username, password: officer.password })).statusCode).toBe(303);
  });

  it('a POST without a session goes to the login page', async () => {
    const res = await app.inject({ method: 'POST', url: '/admin/echo', headers: FORM, payload: 'note=x&_csrf=abc' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/login');
  });

  it('logout ends the session on the server, not only in the browser', async () => {
    const officer = await account('midwife');
    const b = new Browser(app, '10.8.0.1');
    await b.login(officer.username, officer.password);
    const token = b.jar.get(SESSION_COOKIE)!;
    const home = await b.get('/admin/');
    expect(home.body).toContain('Puskesmas Kanigaran');
    const out = await b.post('/admin/logout', { _csrf: csrfOf(home.body) });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/admin/login?out=1');
    expect(b.jar.has(SESSION_COOKIE)).toBe(false);
    // Replaying the old cookie does not work.
    const replay = await app.inject({ method: 'GET', url: '/admin/', headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    expect(replay.statusCode).toBe(302);
    expect(replay.headers.location).toMatch(/^\/admin\/login\?/);
    expect((await b.get('/admin/login?out=1')).body).toContain('Anda sudah keluar.');
  });

  it('follows a relative next inside the dashboard and ignores absolute ones', async () => {
    const officer = await account('coordinator');
    const to = async (next: string) => (await new Browser(app, '10.9.0.1').login(officer.username, officer.password, { next })).headers.location;
    expect(await to('/admin/coordinator-only?x=1')).toBe('/admin/coordinator-only?x=1');
    expect(await to('https://evil.example/admin')).toBe('/admin');
    expect(await to('//evil.example/admin')).toBe('/admin');
    expect(await to('/\\evil.example')).toBe('/admin');
    // The login page itself drops a bad next instead of carrying it into the form.
    const form = await new Browser(app, '10.9.0.2').get('/admin/login?next=https%3A%2F%2Fevil.example');
    expect(form.body).not.toContain('evil.example');
    const good = await new Browser(app, '10.9.0.2').get('/admin/login?next=%2Fadmin%2Fcoordinator-only');
    expect(good.body).toContain('name="next" value="/admin/coordinator-only"');
    // A protected page sends the officer to the login page with itself as next.
    const redirected = await new Browser(app, '10.9.0.3').get('/admin/coordinator-only');
    expect(redirected.statusCode).toBe(302);
    expect(redirected.headers.location).toBe('/admin/login?next=%2Fadmin%2Fcoordinator-only');
  });

  it('requireRole answers 403 to the wrong role', async () => {
    const office = await account('office');
    const b = new Browser(app, '10.10.0.1');
    await b.login(office.username, office.password);
    const res = await b.get('/admin/coordinator-only');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Akses ditolak');
    expect(res.body).toContain('Petugas OPD');
    const coordinator = await account('coordinator');
    const c = new Browser(app, '10.10.0.2');
    await c.login(coordinator.username, coordinator.password);
    expect((await c.get('/admin/coordinator-only')).body).toBe('rahasia kota');
    // The operator may not post to a page for offices and the coordinator.
    const operator = await account('operator');
    const o = new Browser(app, '10.10.0.3');
    await o.login(operator.username, operator.password);
    const csrf = csrfOf((await o.get('/admin/')).body);
    expect((await o.post('/admin/echo', { _csrf: csrf })).statusCode).toBe(403);
  });

  it('audits logins, failed logins, logouts and password changes with the address', async () => {
    const officer = await account('coordinator', { mustChange: true });
    const b = new Browser(app, '10.11.0.1');
    await b.login(officer.username, 'salah sekali');
    await b.login(officer.username, officer.password);
    const pw = await b.get('/admin/password');
    await b.post('/admin/password', { _csrf: csrfOf(pw.body), current: officer.password, new: 'sandi baru yang kuat', confirm: 'sandi baru yang kuat' });
    const home = await b.get('/admin/');
    await b.post('/admin/logout', { _csrf: csrfOf(home.body) });
    const { items } = await store.listAudit({ accountId: officer.id });
    expect(items.map((e) => e.action).reverse()).toEqual(['login_failed', 'login', 'password_changed', 'logout']);
    for (const e of items) expect(e).toMatchObject({ ip: '10.11.0.1', target: officer.username });
    expect(items.find((e) => e.action === 'password_changed')?.detail).toMatchObject({ forced: true });
    expect(JSON.stringify(items)).not.toContain('sandi baru yang kuat');
    expect(JSON.stringify(items)).not.toContain(officer.password);
  });

  it('csrfField() used outside the dashboard context says how to fix it', async () => {
    const outside = Fastify();
    outside.get('/x', async (req) => csrfField(req).toString());
    const res = await outside.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(500);
    expect(res.json().message).toMatch(/registerDashboardAuth/);
    await outside.close();
  });
});

describe('pintu admin add', () => {
  let clock: FixedClock;
  let app: FastifyInstance;

  beforeAll(async () => {
    clock = new FixedClock(NOW);
    app = await dashboardApp(clock);
  });
  afterAll(async () => app?.close());

  async function run(args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const stream = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
    const code = await officerAddCommand(testConfig({ DATABASE_URL: db.url }), args, stream, { now: new Date(NOW) });
    return { code, out };
  }

  it('prints the one-time password once; it signs in and must be changed', async () => {
    const { code, out } = await run(['--role', 'office', '--name', 'Sari.DLH', '--office', 'dlh', '--display', 'Sari Wulandari']);
    expect(code).toBe(0);
    const password = /One-time password \(shown once; hand it over in person\): (\S+)/.exec(out)?.[1];
    expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(out.split(password!).length - 1).toBe(1);
    expect(out).toContain('Created account sari.dlh (office dlh) for "Sari Wulandari"');

    const stored = await store.accountForLogin('sari.dlh');
    expect(stored?.account).toMatchObject({ role: 'office', office: 'dlh', displayName: 'Sari Wulandari', mustChangePassword: true });
    expect(stored?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored?.passwordHash).not.toContain(password);
    expect((await store.listAudit({ action: 'account_created' })).items[0]).toMatchObject({ target: 'sari.dlh', detail: { role: 'office', office: 'dlh', by: 'cli' } });

    const res = await new Browser(app, '10.20.0.1').login('sari.dlh', password!);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/password');
  });

  it('creates a midwife with her puskesmas and refuses incomplete or unknown scopes', async () => {
    expect((await run(['--role', 'midwife', '--name', 'bidan.ani', '--puskesmas', 'Puskesmas Wonoasih'])).out).toContain('(midwife, Puskesmas Wonoasih)');
    await expect(run(['--role', 'midwife', '--name', 'bidan.tanpa'])).rejects.toThrow(/--puskesmas/);
    await expect(run(['--role', 'office', '--name', 'opd.tanpa'])).rejects.toThrow(/needs its office: --office CODE/);
    await expect(run(['--role', 'office', '--name', 'opd.salah', '--office', 'tidak_ada'])).rejects.toThrow(/Unknown office "tidak_ada"; offices: .*dlh/);
    await expect(run(['--role', 'operator', '--name', 'op.kantor', '--office', 'dlh'])).rejects.toThrow(/--office applies only to --role office/);
    await expect(run(['--role', 'lurah', '--name', 'siapa'])).rejects.toThrow(/--role coordinator\|office\|midwife\|operator/);
    await expect(run(['--role', 'operator', '--name', 'x'])).rejects.toThrow(/3–64 lower-case letters/);
    await expect(run(['--role', 'midwife', '--name', 'bidan.ani', '--puskesmas', 'Lain'])).rejects.toThrow(/already an account "bidan.ani"/);
    expect(await store.accountForLogin('opd.salah')).toBeUndefined();
  });
});
