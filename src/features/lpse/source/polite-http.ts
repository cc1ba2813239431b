/**
 * The gentle HTTP client both adapters use (Node's fetch, i.e. undici): one request in flight at a time (a
 * promise queue), a pause between requests, backoff on 403/429/5xx and network failures that honours
 * Retry-After, cookies kept across requests, and redirects followed by hand so cookies set on a redirect are kept
 * and the final URL is known.
 */
import { performance } from 'node:perf_hooks';
import { CookieJar } from './cookie-jar.js';
import { SourceUnavailableError } from './errors.js';

/** Tuning of {@link PoliteHttp}. Defaults suit a public LPSE: slow and patient. */
export interface PoliteHttpOptions {
  /** Pause between the end of one request and the start of the next, in ms (default 1500). */
  pauseMs?: number;
  /** Retries after the first attempt for retryable answers and network failures (default 4). */
  maxRetries?: number;
  /** First backoff delay in ms, doubled each retry (default 2000). */
  backoffBaseMs?: number;
  /** Longest backoff delay in ms (default 60 000). */
  backoffMaxMs?: number;
  /** A Retry-After longer than this (ms) is not waited for: the request fails at once (default 300 000). */
  maxRetryAfterMs?: number;
  /** Time limit of one attempt, body included, in ms (default 30 000). */
  timeoutMs?: number;
  /** Redirects followed per request (default 5). */
  maxRedirects?: number;
  /** User-Agent header (default a plain Pintu identification). */
  userAgent?: string;
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
  /** How to wait (tests may speed it up). */
  sleep?: (ms: number) => Promise<void>;
  /** Monotonic clock in ms (default performance.now). */
  now?: () => number;
}

/** One request. */
export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Which statuses to retry after a backoff (default 403, 429 and 5xx). */
  retryOn?: (status: number) => boolean;
}

/** The answer, body read as text. */
export interface HttpResponse {
  /** The URL that answered (after redirects). */
  url: string;
  status: number;
  contentType: string;
  body: string;
  /** Every URL redirected to, in order. */
  redirects: string[];
}

/** Statuses that mean "slow down or try later": 403 (Cloudflare/WAF), 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 403 || status === 429 || status >= 500;
}

/** A Retry-After header (seconds or HTTP date) in ms from `nowMs` (wall clock), or undefined when absent/invalid. */
export function parseRetryAfter(header: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface RawResponse extends HttpResponse {
  retryAfter: string | null;
}

/** A serial, patient HTTP client with a cookie jar. */
export class PoliteHttp {
  /** The cookies of every response so far. */
  readonly cookies: CookieJar;
  private readonly pauseMs: number;
  private readonly maxRetries: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;
  private readonly userAgent: string;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  /** The queue: each request starts after the previous one settled. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Earliest monotonic time the next attempt may start. */
  private notBefore = -Infinity;

  constructor(options: PoliteHttpOptions = {}) {
    this.pauseMs = options.pauseMs ?? 1500;
    this.maxRetries = options.maxRetries ?? 4;
    this.backoffBaseMs = options.backoffBaseMs ?? 2000;
    this.backoffMaxMs = options.backoffMaxMs ?? 60_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 300_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.userAgent = options.userAgent ?? 'Pintu/0.1 (Kota Probolinggo e-government; tender alerts)';
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? (() => performance.now());
    this.cookies = new CookieJar();
  }

  /** Queue `request`; it runs after every earlier one has finished and the pause has passed. */
  request(request: HttpRequest): Promise<HttpResponse> {
    const run = this.tail.then(() => this.execute(request));
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async execute(request: HttpRequest): Promise<HttpResponse> {
    const retryOn = request.retryOn ?? isRetryableStatus;
    for (let attempt = 0; ; attempt++) {
      await this.waitTurn();
      let response: RawResponse;
      try {
        response = await this.send(request);
      } catch (err) {
        if (err instanceof SourceUnavailableError) {
          this.finished(0);
          throw err;
        }
        if (attempt >= this.maxRetries) {
          this.finished(0);
          throw new SourceUnavailableError(`No usable answer after ${attempt + 1} attempts (${(err as Error).message})`, {
            url: request.url,
            cause: err,
            hint: 'Check the network and the base URL; the site may be down: try again later.',
          });
        }
        this.finished(this.backoff(attempt));
        continue;
      }
      if (!retryOn(response.status)) {
        this.finished(0);
        const { retryAfter: _ignored, ...answer } = response;
        return answer;
      }
      const retryAfterMs = parseRetryAfter(response.retryAfter);
      if (retryAfterMs !== undefined && retryAfterMs > this.maxRetryAfterMs) {
        this.finished(0);
        throw new SourceUnavailableError(`The site asked to wait ${Math.ceil(retryAfterMs / 1000)} s`, {
          url: request.url,
          status: response.status,
          retryAfterMs,
          hint: 'Try again after that wait; do not lower the pause between requests.',
        });
      }
      if (attempt >= this.maxRetries) {
        this.finished(0);
        throw new SourceUnavailableError(`Still refused after ${attempt + 1} attempts`, {
          url: request.url,
          status: response.status,
          retryAfterMs,
          hint:
            response.status === 403
              ? 'The site blocks us (403): raise the pause between requests and try again later.'
              : 'The site is rate limiting or failing: try again later.',
        });
      }
      this.finished(retryAfterMs ?? this.backoff(attempt));
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** attempt);
  }

  /** An attempt ended: the next may start after the pause, or after `waitMs` when longer. */
  private finished(waitMs: number): void {
    this.notBefore = this.now() + Math.max(this.pauseMs, waitMs);
  }

  private async waitTurn(): Promise<void> {
    // Loop: a timer may fire a fraction of a millisecond early against the monotonic clock.
    for (let wait = this.notBefore - this.now(); wait > 0; wait = this.notBefore - this.now()) {
      await this.sleep(Math.ceil(wait));
    }
  }

  private async send(request: HttpRequest): Promise<RawResponse> {
    let url = request.url;
    let method = request.method ?? 'GET';
    let body = request.form ? new URLSearchParams(request.form).toString() : undefined;
    const redirects: string[] = [];
    for (let hop = 0; hop <= this.maxRedirects; hop++) {
      const headers: Record<string, string> = {
        'User-Agent': this.userAgent,
        Accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8',
        'Accept-Language': 'id-ID,id;q=0.9,en;q=0.8',
        ...request.headers,
      };
      const cookie = this.cookies.header(url);
      if (cookie) headers.Cookie = cookie;
      if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
      const response = await this.fetchImpl(url, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      this.cookies.store(url, response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        url = new URL(location, url).href;
        redirects.push(url);
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      return {
        url,
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: await response.text(),
        redirects,
        retryAfter: response.headers.get('retry-after'),
      };
    }
    throw new SourceUnavailableError(`More than ${this.maxRedirects} redirects`, {
      url: request.url,
      hint: 'Open the URL in a browser: the site may be redirecting in a loop or to a login page.',
    });
  }
}
