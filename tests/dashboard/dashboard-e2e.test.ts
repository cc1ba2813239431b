/**
 * The officers' dashboard in a real headless browser (Debian's chromium driven by playwright-core) against a running
 * Pintu: the coordinator signs in with a one-time password and must change it, finds a ticket a resident filed in
 * the web chat, moves it through its states with notes (a final state without a note is refused on the page), and
 * the reporter gets each update in the chat; another office's officer cannot open it, by URL or through the API;
 * script in a description stays text; a wrong password gives no hint; the inbox works on a phone screen; the map
 * draws the pins. Screenshots of the main pages are kept in var/screenshots for review.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FixedClock } from '../../src/core/clock.js';
import type { OfficerRole } from '../../src/features/officers/model.js';
import { createOfficer } from '../support/dashboard.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { resident } from '../support/script.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = 'var/screenshots';
const clock = new FixedClock('2026-11-30T02:00:00Z'); // Monday 09:00 WIB

describe('officers dashboard in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let ticket: string;
  let reporterId: string;

  const account = (username: string, role: OfficerRole, password: string, extra: { office?: string; puskesmas?: string; mustChange?: boolean } = {}) =>
    createOfficer(t.app.orm, username, role, password, extra);

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    page.setDefaultTimeout(8000);
    await page.goto(`${base}/admin/login`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.click('main button[type=submit]');
  }

  async function notices(): Promise<string[]> {
    const rows = await t.app.messageLog.listOutbound('queued', 500);
    return rows.filter((r) => r.userId === reporterId && r.kind === 'notice').map((r) => String((r.payload as { text: string }).text));
  }

  beforeAll(async () => {
    // Not skipped when missing: `npm test` installs it first (scripts/ensure-services.sh), so its absence is a broken machine.
    if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: run scripts/ensure-services.sh, which installs Debian's chromium.`);
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp({ clock, env: { USER_RATE_LIMIT: '100/1000', PORT: '0' } });
    base = (await t.app.listen()).replace('0.0.0.0', '127.0.0.1');
    const r = resident(t.app);
    await r.send('sampah menumpuk di pinggir jalan kebonsari kulon sudah 5 hari bau <script>alert(1)</script>');
    await r.send({ location: { lat: -7.7543, lon: 113.2159 } });
    await r.send('lewati');
    await r.send('publik');
    const filed = await r.send('kirim');
    ticket = /PBL-2026-\d{6}/.exec(filed.text)![0];
    reporterId = filed.userId;
    await account('koordinator', 'coordinator', 'sekali-pakai-123', { mustChange: true });
    await account('petugas.dishub', 'office', 'kata-sandi-dishub', { office: 'dishub' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    // A step that waits longer than this has failed; say which one instead of timing the whole test out.
    browser.on('disconnected', () => undefined);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  it('a wrong password gets the same message as an unknown user', async () => {
    const page = await browser.newPage();
    await signIn(page, 'koordinator', 'salah-sekali');
    const wrong = await page.textContent('.error');
    await signIn(page, 'tidak-ada', 'salah-sekali');
    expect(await page.textContent('.error')).toBe(wrong);
    await page.screenshot({ path: `${SHOTS}/login-error.png` });
    await page.close();
  });

  it('the coordinator changes the one-time password, finds the ticket, moves it with notes; the reporter hears each step', async () => {
    const page = await browser.newPage();
    await signIn(page, 'koordinator', 'sekali-pakai-123');
    await page.waitForURL(/\/admin\/password/);
    await page.fill('#current', 'sekali-pakai-123');
    await page.fill('#new', 'Probolinggo#Aman2026');
    await page.fill('#confirm', 'Probolinggo#Aman2026');
    await page.click('main button[type=submit]');
    await page.waitForURL(new RegExp(`${base}/admin/?$`));
    await page.click('a[href="/admin/complaints"]');
    await page.screenshot({ path: `${SHOTS}/inbox.png`, fullPage: true });
    // Filters: the ticket's kelurahan finds it, another kelurahan does not.
    await page.selectOption('#f-kelurahan', '35.74.04.1006');
    await page.click('form.filters button');
    expect(await page.content()).toContain(ticket);
    await page.selectOption('#f-kelurahan', { index: 1 });
    await page.click('form.filters button');
    expect(await page.textContent('main')).toContain('Tidak ada laporan yang cocok');
    await page.goto(`${base}/admin/complaints`);
    await page.click(`a[href="/admin/complaints/${ticket}"]`);
    await expect(page.textContent('h1')).resolves.toContain(`${ticket} · Diterima`);
    // The description's markup is shown as text, never run.
    let dialogs = 0;
    page.on('dialog', () => void dialogs++);
    expect(await page.textContent('.description')).toContain('<script>alert(1)</script>');
    expect(dialogs).toBe(0);
    await page.screenshot({ path: `${SHOTS}/ticket.png`, fullPage: true });

    const before = (await notices()).length;
    await page.fill('form[action$="/verify"] textarea[name=note]', 'Sudah dicek, lokasi benar');
    await page.click('form[action$="/verify"] button');
    await expect(page.textContent('h1')).resolves.toContain('Terverifikasi');
    await page.selectOption('form[action$="/dispose"] select[name=office]', 'dlh');
    await page.click('form[action$="/dispose"] button');
    await expect(page.textContent('h1')).resolves.toContain('Didisposisikan');
    await page.selectOption('form[action$="/state"] select[name=state]', 'selesai');
    await page.click('form[action$="/state"] button');
    expect(await page.textContent('[role=alert]')).toContain('wajib');
    await page.selectOption('form[action$="/state"] select[name=state]', 'selesai');
    await page.fill('form[action$="/state"] textarea[name=note]', 'Sampah sudah diangkut DLH');
    await page.click('form[action$="/state"] button');
    await expect(page.textContent('h1')).resolves.toContain('Selesai');
    await page.fill('form[action$="/reply"] textarea[name=text]', 'Terima kasih laporannya, Bu.');
    await page.click('form[action$="/reply"] button');
    expect(await page.textContent('.timeline')).toContain('Terima kasih laporannya');
    await page.screenshot({ path: `${SHOTS}/ticket-resolved.png`, fullPage: true });

    const after = (await notices()).slice(before);
    expect(after.length).toBeGreaterThanOrEqual(4);
    expect(after.join('\n')).toContain('Sampah sudah diangkut DLH');
    expect(after.join('\n')).toContain('Terima kasih laporannya, Bu.');
    await page.close();
  });

  it("another office's officer cannot open the ticket, by URL or through the API", async () => {
    const page = await browser.newPage();
    await signIn(page, 'petugas.dishub', 'kata-sandi-dishub');
    await page.waitForURL(new RegExp(`${base}/admin/?$`));
    const res = await page.goto(`${base}/admin/complaints/${ticket}`);
    expect(res?.status()).toBe(404);
    expect(await page.textContent('main')).toContain('bukan wewenang instansi Anda');
    await page.goto(`${base}/admin/complaints`);
    expect(await page.content()).not.toContain(ticket);
    const { token } = await t.app.adminTokens.create({ name: 'dishub api', scope: { kind: 'office', office: 'dishub' }, at: clock.now() });
    const api = await fetch(`${base}/admin/api/complaints/${ticket}`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(404);
    await page.close();
  });

  it("a midwife sees a danger sign raised in the chat by a mother of her puskesmas; others cannot open her view", async () => {
    const mother = resident(t.app);
    await mother.send('saya mau daftar siskia, saya hamil');
    await mother.send({ choice: 'agree' });
    await mother.send({ choice: 'pregnant' });
    await mother.send('1 september 2026');
    await mother.send('28');
    const registered = await mother.send('Puskesmas Kanigaran');
    expect(registered.text).toContain('Terdaftar!');
    const profile = await t.app.siskia.service.repo.get(registered.userId);
    expect(profile?.puskesmas).toBeDefined();
    const danger = await mother.send('perdarahan banyak dari jalan lahir');
    expect(danger.text).toMatch(/112|rumah sakit/i);
    await account('bidan.kanigaran', 'midwife', 'kata-sandi-bidan', { puskesmas: profile!.puskesmas! });
    const page = await browser.newPage();
    await signIn(page, 'bidan.kanigaran', 'kata-sandi-bidan');
    await page.waitForURL(new RegExp(`${base}/admin/?$`));
    await page.click('a[href="/admin/bidan"]');
    const row = await page.textContent('tr.alert');
    expect(row).toContain(mother.address);
    expect(row).toContain('belum menjawab tindak lanjut');
    expect(row).toContain('HPL');
    expect(row).toContain('Pemeriksaan kehamilan K1');
    await page.screenshot({ path: `${SHOTS}/midwife.png`, fullPage: true });
    const coordinator = await browser.newPage();
    await signIn(coordinator, 'koordinator', 'Probolinggo#Aman2026');
    const forbidden = await coordinator.goto(`${base}/admin/bidan`);
    expect(forbidden?.status()).toBe(403);
    await page.close();
    await coordinator.close();
  });

  it('the operator sees queue health, channel status and the LPSE source, and opens Bull Board; an office officer cannot', async () => {
    await account('operator', 'operator', 'kata-sandi-operator');
    const page = await browser.newPage();
    await signIn(page, 'operator', 'kata-sandi-operator');
    await page.waitForURL(new RegExp(`${base}/admin/?$`));
    await page.click('a[href="/admin/ops"]');
    const text = await page.textContent('main');
    for (const queue of ['outbox', 'complaint-sla', 'siskia-reminders', 'lpse']) expect(text).toContain(queue);
    expect(text).toContain('Telegram: tidak diaktifkan');
    expect(text).toContain('Belum pernah berhasil membaca sumber LPSE');
    await page.screenshot({ path: `${SHOTS}/ops.png`, fullPage: true });
    const board = await page.goto(`${base}/admin/queues`);
    expect(board?.status()).toBe(200);
    await page.waitForSelector('text=outbox');
    await page.screenshot({ path: `${SHOTS}/bull-board.png` });
    const office = await browser.newPage();
    await signIn(office, 'petugas.dishub', 'kata-sandi-dishub');
    expect((await office.goto(`${base}/admin/ops`))?.status()).toBe(403);
    expect((await office.goto(`${base}/admin/queues`))?.status()).toBe(403);
    await page.close();
    await office.close();
  });

  it('works on a phone screen, and the map draws the open tickets over the kelurahan boundaries', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 812 }, isMobile: true });
    await signIn(phone, 'koordinator', 'Probolinggo#Aman2026');
    await phone.goto(`${base}/admin/complaints`);
    // Evaluated in the page; typed loosely since the tests compile without the DOM library.
    const width = await phone.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(400);
    await phone.screenshot({ path: `${SHOTS}/inbox-phone.png`, fullPage: true });
    // A second ticket, still open, with a pin, for the map.
    const r = resident(t.app);
    await r.send('lampu jalan mati di jalan suroyo depan sekolah sudah 3 hari');
    await r.send({ location: { lat: -7.7543, lon: 113.2159 } });
    await r.send('lewati');
    await r.send('publik');
    await r.send('kirim');
    const desk = await browser.newPage();
    await signIn(desk, 'koordinator', 'Probolinggo#Aman2026');
    const problems: string[] = [];
    desk.on('pageerror', (e) => problems.push(e.message));
    desk.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    await desk.goto(`${base}/admin/map`);
    await desk.waitForSelector('#map[data-ready]');
    expect(Number(await desk.getAttribute('#map', 'data-ready'))).toBeGreaterThanOrEqual(1);
    // Boundaries and pins are drawn on a canvas (many shapes); Leaflet and the data all loaded.
    expect(await desk.locator('.leaflet-overlay-pane canvas').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await desk.screenshot({ path: `${SHOTS}/map.png` });
    await desk.goto(`${base}/admin/stats`);
    expect(await desk.textContent('table')).toContain('2026-11');
    await desk.screenshot({ path: `${SHOTS}/stats.png`, fullPage: true });
    const publicStats = await fetch(`${base}/statistik`);
    expect(publicStats.status).toBe(200);
    const text = await publicStats.text();
    expect(text).not.toContain(ticket);
    expect(text).not.toContain('kebonsari');
    await phone.close();
    await desk.close();
  });
});
