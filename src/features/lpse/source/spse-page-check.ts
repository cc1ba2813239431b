/**
 * SPSE answers most failures with an HTML page and status 200, and an unknown LPSE path with a redirect to the
 * inaproc portal. These checks turn both into {@link SourceUnavailableError} before any parser sees the page.
 */
import { SourceUnavailableError } from './errors.js';

/** A recognised SPSE failure page: what it says and the SPSE error code when it shows one. */
export interface SpseErrorPage {
  reason: string;
  code?: string;
  hint: string;
}

const ERROR_PAGES: { pattern: RegExp; reason: string; hint: string }[] = [
  {
    pattern: /Maaf,?\s+terjadi\s+error\s+pada\s+aplikasi\s+SPSE/i,
    reason: 'SPSE showed its error page ("Maaf, terjadi error pada aplikasi SPSE")',
    hint: 'The session or token may have expired, or SPSE is failing: try again later.',
  },
  {
    pattern: /Halaman\s+yang\s+dituju\s+tidak\s+ditemukan/i,
    reason: 'SPSE says the page does not exist ("Halaman yang dituju tidak ditemukan")',
    hint: 'Check the package code and the LPSE base URL.',
  },
  {
    pattern: /<title>\s*Terjadi\s+Kesalahan\s*<\/title>/i,
    reason: 'SPSE showed "Terjadi Kesalahan"',
    hint: 'The request was refused (often a missing session cookie or an expired token): try again later.',
  },
  {
    pattern: /<title>\s*Just a moment\.\.\.\s*<\/title>/i,
    reason: 'Cloudflare answered with a browser challenge instead of the page',
    hint: 'Slow down (raise the pause between requests) and try again later.',
  },
];

/** The failure `html` shows, or null when it is not a known SPSE failure page. */
export function detectSpseErrorPage(html: string): SpseErrorPage | null {
  for (const page of ERROR_PAGES) {
    if (page.pattern.test(html)) {
      const code = /Kode\s+Error\s*:?\s*([0-9A-Za-z]+)/i.exec(html)?.[1];
      return { reason: page.reason, code, hint: page.hint };
    }
  }
  return null;
}

/** The {@link SourceUnavailableError} `html` (served from `url`) stands for, or null when it is not a failure page. */
export function spseErrorPageError(html: string, url: string, status?: number): SourceUnavailableError | null {
  const page = detectSpseErrorPage(html);
  if (!page) return null;
  const code = page.code ? ` (Kode Error ${page.code})` : '';
  return new SourceUnavailableError(`${page.reason}${code}`, { url, status, hint: page.hint });
}

/** Throws {@link SourceUnavailableError} when `html` (served from `url`) is an SPSE failure page. */
export function assertNotSpseErrorPage(html: string, url: string, status?: number): void {
  const error = spseErrorPageError(html, url, status);
  if (error) throw error;
}

/**
 * Throws {@link SourceUnavailableError} when a request for a page under `baseUrl` ended at `finalUrl` outside it
 * (SPSE sends an unknown LPSE path to the portal home).
 */
export function assertUnderBaseUrl(finalUrl: string, baseUrl: string, requestedUrl: string): void {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const final = new URL(finalUrl);
  if (final.origin !== base.origin || !`${final.pathname}/`.startsWith(base.pathname)) {
    throw new SourceUnavailableError(`SPSE redirected to ${final.href}, outside the LPSE (probably the portal)`, {
      url: requestedUrl,
      hint: `Check the LPSE path in the base URL (${baseUrl}): an unknown path is sent to the portal home.`,
    });
  }
}
