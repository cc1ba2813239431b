/** The HTTP contract: POST /api/chat, the web page, inbox, health, readiness, metrics and the operators' outbox view. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
const ADMIN = 'test-admin-token-0123456789';
beforeAll(async () => {
  t = await startTestApp({ env: { ADMIN_TOKEN: ADMIN } });
});
afterAll(async () => t?.dispose());

const post = (payload: unknown, raw = false) =>
  t.app.http!.inject({ method: 'POST', url: '/api/chat', headers: { 'content-type': 'application/json' }, payload: raw ? (payload as string) : JSON.stringify(payload) });

describe('POST /api/chat', () => {
  it('answers a greeting with the Indonesian menu as buttons', async () => {
    const res = await post({ userId: 'http-1', text: 'halo' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.replies[0].text).toContain('Pintu');
    expect(body.replies[0].buttons).toHaveLength(4);
    expect(body.replies[0].buttons[0]).toEqual({ label: expect.stringContaining('Pengaduan'), value: 'intent:complaint.file' });
  });

  it('accepts a button value as "choice" and a shared location', async () => {
    const res = await post({ userId: 'http-2', choice: 'intent:govis.recommend' });
    expect(res.json().replies[0].text).toContain('Mau cari apa');
    expect(res.json().replies[0].buttons.map((b: { value: string }) => b.value)).toContain('govis:category:wisata');
    const loc = await post({ userId: 'http-2', location: { lat: -7.75, lon: 113.21 } });
    expect(loc.json().replies[0].text).toContain('terdekat dari lokasi Anda');
    expect(loc.json().replies[0].text).toMatch(/km|\d+ m/);
  });

  it('the same messageId twice is processed once', async () => {
    const a = await post({ userId: 'http-3', text: 'halo', messageId: 'abc-1' });
    const b = await post({ userId: 'http-3', text: 'halo', messageId: 'abc-1' });
    expect(a.json().replies.length).toBeGreaterThan(0);
    expect(b.json()).toEqual({ replies: [], duplicate: true });
  });

  it.each([
    ['invalid JSON', '{"userId": "x", "text": ', /not valid JSON/],
    ['a JSON array', '[1,2]', /not valid|JSON object/],
    ['missing userId', JSON.stringify({ text: 'halo' }), /not valid/],
    ['empty userId', JSON.stringify({ userId: '  ', text: 'halo' }), /not valid/],
    ['no text, location or choice', JSON.stringify({ userId: 'x' }), /not valid/],
    ['text of the wrong type', JSON.stringify({ userId: 'x', text: 42 }), /not valid/],
    ['a location off the globe', JSON.stringify({ userId: 'x', location: { lat: 123, lon: 0 } }), /not valid/],
  ])('answers 400 with a clear JSON error for %s', async (_name, payload, message) => {
    const res = await post(payload, true);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(message);
  });

  it('names the bad fields', async () => {
    const res = await post({ text: 'halo' });
    expect(res.json().error.details).toEqual([{ field: 'userId', problem: expect.any(String) }]);
  });

  it('SQL- and HTML-looking text is just text', async () => {
    const res = await post({ userId: "x'; DROP TABLE users; --", text: '<script>alert(1)</script>' });
    expect(res.statusCode).toBe(200);
    expect(res.json().replies[0].text).not.toContain('<script>');
  });
});

describe('web page and inbox', () => {
  it('serves the chat page at /', async () => {
    const res = await t.app.http!.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('/api/chat');
    // Its texts come from locales/id.json, all filled in.
    expect(res.body).toContain('<header>Pintu · Layanan Kota Probolinggo</header>');
    expect(res.body).toContain('placeholder="Tulis pesan…"');
    expect(res.body).toContain('"offline":"Maaf, koneksi terputus.');
    expect(res.body).not.toContain('{{');
  });

  it('delivers later messages (reminders, officers) to the web inbox once', async () => {
    await t.app.inbox.send('http-9', { text: 'Pengingat: periksa hamil besok' });
    const first = await t.app.http!.inject({ method: 'GET', url: '/api/chat/inbox?userId=http-9' });
    expect(first.json()).toEqual({ replies: [{ text: 'Pengingat: periksa hamil besok' }] });
    const second = await t.app.http!.inject({ method: 'GET', url: '/api/chat/inbox?userId=http-9' });
    expect(second.json()).toEqual({ replies: [] });
    expect((await t.app.http!.inject({ method: 'GET', url: '/api/chat/inbox' })).statusCode).toBe(400);
  });
});

describe('health, readiness, metrics, admin', () => {
  it('/healthz and /readyz', async () => {
    expect((await t.app.http!.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.http!.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
  });

  it('/metrics counts messages per channel, latency and queue depth', async () => {
    await post({ userId: 'http-m', text: 'menu' });
    const body = (await t.app.http!.inject({ method: 'GET', url: '/metrics' })).body;
    expect(body).toMatch(/pintu_messages_in_total\{channel="web"\} \d+/);
    expect(body).toMatch(/pintu_messages_out_total\{channel="web"\} \d+/);
    expect(body).toMatch(/pintu_handle_seconds_bucket\{le="0.05",channel="web"\} \d+/);
    expect(body).toMatch(/pintu_outbox_jobs\{state="waiting"\} 0/);
    expect(body).toContain('pintu_process_resident_memory_bytes');
  });

  it('/admin/outbox needs the admin token', async () => {
    expect((await t.app.http!.inject({ method: 'GET', url: '/admin/outbox' })).statusCode).toBe(401);
    const ok = await t.app.http!.inject({ method: 'GET', url: '/admin/outbox', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ counts: { sent: expect.any(Number) }, failed: [] });
  });
});
