/**
 * The HTTP plumbing under both adapters, over real HTTP to a scripted local server: backoff and give-up, long
 * Retry-After, cookies across redirects, network failures; plus the cookie jar and token readers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CookieJar } from '../../src/features/lpse/source/cookie-jar.js';
import { SourceUnavailableError } from '../../src/features/lpse/source/errors.js';
import { PoliteHttp, parseRetryAfter } from '../../src/features/lpse/source/polite-http.js';
import { tokenFromPage, tokenFromSessionCookie } from '../../src/features/lpse/source/spse-token.js';
import { fixtureText } from './fixtures.js';

type Step = { status: number; headers?: Record<string, string>; body?: string };

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A server answering `steps` in order (the last one repeats), recording each request's path and cookie. */
async function scripted(steps: Step[]): Promise<{ url: string; seen: { path: string; cookie?: string }[] }> {
  const seen: { path: string; cookie?: string }[] = [];
  server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', cookie: req.headers.cookie });
    const step = steps[Math.min(seen.length - 1, steps.length - 1)]!;
    res.writeHead(step.status, step.headers);
    res.end(step.body ?? '');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const quick = { pauseMs: 5, backoffBaseMs: 5, maxRetries: 2, timeoutMs: 2000 };

describe('PoliteHttp', () => {
  it('retries a 403 page after a backoff and returns the later answer', async () => {
    const { url, seen } = await scripted([{ status: 403 }, { status: 200, body: 'ok' }]);
    const res = await new PoliteHttp(quick).request({ url: `${url}/page` });
    expect(res).toMatchObject({ status: 200, body: 'ok' });
    expect(seen).toHaveLength(2);
  });

  it('gives up after its retries with SourceUnavailableError saying what to do', async () => {
    const { url, seen } = await scripted([{ status: 403 }]);
    const error = await new PoliteHttp(quick).request({ url: `${url}/page` }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error).toMatchObject({ status: 403 });
    expect((error as Error).message).toMatch(/Still refused after 3 attempts \(HTTP 403\).*raise the pause/);
    expect(seen).toHaveLength(3);
  });

  it('does not wait for a Retry-After longer than allowed', async () => {
    const { url, seen } = await scripted([{ status: 429, headers: { 'Retry-After': '3600' } }]);
    const error = await new PoliteHttp({ ...quick, maxRetryAfterMs: 60_000 }).request({ url }).catch((err: unknown) => err);
    expect(error).toMatchObject({ name: 'SourceUnavailableError', status: 429, retryAfterMs: 3_600_000 });
    expect(seen).toHaveLength(1);
  });

  it('keeps cookies set on a redirect and reports the final URL', async () => {
    const { url, seen } = await scripted([
      { status: 302, headers: { Location: '/home', 'Set-Cookie': 'SPSE_SESSION=abc; Path=/; HttpOnly' } },
      { status: 200, body: 'home' },
    ]);
    const client = new PoliteHttp(quick);
    const res = await client.request({ url: `${url}/start` });
    expect(res).toMatchObject({ url: `${url}/home`, redirects: [`${url}/home`], body: 'home' });
    expect(seen[1]).toEqual({ path: '/home', cookie: 'SPSE_SESSION=abc' });
    expect(client.cookies.get(url, 'SPSE_SESSION')).toBe('abc');
  });

  it('retries network failures, then reports them as SourceUnavailableError', async () => {
    const { url } = await scripted([{ status: 200 }]);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const error = await new PoliteHttp(quick).request({ url }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/No usable answer after 3 attempts/);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('CookieJar', () => {
  it('keeps cookies per host and drops expired ones', () => {
    const jar = new CookieJar(() => Date.parse('2026-01-01T00:00:00Z'));
    jar.store('https://spse.inaproc.id/a/lelang', ['SPSE_SESSION=s1; Path=/; HttpOnly', 'other="x"; Max-Age=60']);
    expect(jar.header('https://spse.inaproc.id/a/dt/lelang')).toBe('SPSE_SESSION=s1; other=x');
    expect(jar.header('https://isb.example/')).toBeUndefined();
    jar.store('https://spse.inaproc.id/', ['other=; Max-Age=0', 'SPSE_SESSION=old; Expires=Thu, 01 Jan 2025 00:00:00 GMT']);
    expect(jar.header('https://spse.inaproc.id/')).toBeUndefined();
  });
});

describe('authenticityToken', () => {
  it('is read from the /lelang page script (pyproc page shape)', () => {
    expect(tokenFromPage(fixtureText('synthetic_shape_only/pyproc_lelang_page.html'))).toBe('TESTTOKENABC123XYZ');
    expect(tokenFromPage('<input type="hidden" name="authenticityToken" value="abc123">')).toBe('abc123');
    expect(tokenFromPage('<p>no token</p>')).toBeUndefined();
  });

  it('is read from the SPSE_SESSION cookie (___AT), URL-encoded or in the older %00 form', () => {
    expect(tokenFromSessionCookie(encodeURIComponent('9f8e-___AT=0a1b2c&___TS=1781067193116&___ID=77aa'))).toBe('0a1b2c');
    expect(tokenFromSessionCookie('9f8e-%00___AT%3A0a1b2c%00%00___ID%3A77aa%00')).toBe('0a1b2c');
    expect(tokenFromSessionCookie('9f8e-___ID=77aa')).toBeUndefined();
    expect(tokenFromSessionCookie(undefined)).toBeUndefined();
  });
});
