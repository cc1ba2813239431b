/**
 * The real SPSE 4.5 website adapter for one LPSE, e.g. `https://spse.inaproc.id/probolinggokota`.
 *
 * - Homepage (`GET /{lpse}/`, no session): open tender and non-tender packages with exact HPS and registration
 *   deadline.
 * - Full list: `GET /{lpse}/lelang` gives the SPSE_SESSION cookie and the `authenticityToken`; then
 *   `POST /{lpse}/dt/lelang?tahun=YYYY` with a DataTables form, paged with start/length until a short page
 *   (`recordsTotal` is the fake maximum 2147483647). A 403 or an SPSE error page in the middle means the token
 *   expired: it is fetched again once and the same page retried.
 * - Detail: `/lelang/{kode}/pengumumanlelang` and `/lelang/{kode}/jadwal`.
 *
 * All requests go through one {@link PoliteHttp}: one in flight, a pause between them, backoff on 429/5xx.
 */
import { inWib, systemClock, type Clock } from '../../../core/clock.js';
import { parseAnnouncementPage } from './announcement-page.js';
import { parseDataTablesRows, readDataTablesPage, spseDetailUrl } from './dt-rows.js';
import { SourceFormatError, SourceUnavailableError } from './errors.js';
import { parseHomepage } from './homepage.js';
import { parseSchedulePage } from './jadwal-page.js';
import { PoliteHttp, type HttpResponse, type PoliteHttpOptions } from './polite-http.js';
import { assertNotSpseErrorPage, assertUnderBaseUrl, spseErrorPageError } from './spse-page-check.js';
import { tokenFromPage, tokenFromSessionCookie } from './spse-token.js';
import { deadlinesFromSchedule, isOpenStage } from './tender-stage.js';
import type { Tender, TenderDetail, TenderKind, TenderSource } from './tender.js';

/** Options of {@link SpseClient}. */
export interface SpseClientOptions extends PoliteHttpOptions {
  /** The LPSE, e.g. "https://spse.inaproc.id/probolinggokota". */
  baseUrl: string;
  /** The LPSE's instansi, used for homepage rows (which do not show one), e.g. "Kota Probolinggo". */
  instansi?: string;
  /**
   * Rows asked per DataTables page (default 100). Keep it at or below the server's own maximum (300 on the LPSEs
   * seen so far): a page shorter than asked ends the listing.
   */
  pageSize?: number;
  /** Safety cap on pages per listing (default 100); reaching it is a format error, not silent truncation. */
  maxPages?: number;
  /** Read the homepage in {@link SpseClient.listOpen} for exact HPS and registration deadlines (default true). */
  useHomepage?: boolean;
  /** Where "now" comes from (homepage-only rows count for the current WIB year). */
  clock?: Clock;
  /** Share an HTTP client (and its queue) with other adapters; default a new one from these options. */
  http?: PoliteHttp;
}

/** The DataTables form SPSE's own page sends for the tender list. */
export function dataTablesForm(start: number, length: number, draw: number, token: string): Record<string, string> {
  const form: Record<string, string> = {
    draw: String(draw),
    start: String(start),
    length: String(length),
    'search[value]': '',
    'search[regex]': 'false',
    'order[0][column]': '0',
    'order[0][dir]': 'desc',
    authenticityToken: token,
  };
  for (let i = 0; i < 5; i++) {
    form[`columns[${i}][data]`] = String(i);
    form[`columns[${i}][name]`] = '';
    form[`columns[${i}][searchable]`] = i === 3 ? 'false' : 'true';
    form[`columns[${i}][orderable]`] = i === 3 ? 'false' : 'true';
    form[`columns[${i}][search][value]`] = '';
    form[`columns[${i}][search][regex]`] = 'false';
  }
  return form;
}

/**
 * List rows completed with what the homepage knows (exact HPS, registration deadline, metode). Homepage packages
 * the list does not have at all are added when `addUnlisted` (the homepage shows current packages only).
 */
export function mergeHomepageRows(
  listed: Tender[],
  homepage: Tender[],
  options: { allKodes: ReadonlySet<string>; addUnlisted: boolean },
): Tender[] {
  const byKode = new Map(homepage.map((t) => [t.kode, t]));
  const merged = listed.map((row) => {
    const home = byKode.get(row.kode);
    if (!home) return row;
    return {
      ...row,
      hps: home.hps,
      hpsExact: home.hpsExact,
      hpsText: home.hpsText,
      ...(home.registrationDeadline && { registrationDeadline: home.registrationDeadline }),
      ...(row.metode === undefined && home.metode !== undefined && { metode: home.metode }),
      ...(row.jenis === undefined && home.jenis !== undefined && { jenis: home.jenis }),
    };
  });
  const unlisted = options.addUnlisted ? homepage.filter((t) => !options.allKodes.has(t.kode)) : [];
  return [...merged, ...unlisted];
}

/** Outcome of one DataTables page: rows, or a failure that may be an expired token. */
type PageResult = { rows: unknown[] } | { expired: Error };

/** The SPSE website of one LPSE as a {@link TenderSource}. */
export class SpseClient implements TenderSource {
  /** The LPSE base URL without a trailing slash. */
  readonly baseUrl: string;
  private readonly http: PoliteHttp;
  private readonly pageSize: number;
  private readonly maxPages: number;
  private readonly useHomepage: boolean;
  private readonly instansi?: string;
  private readonly clock: Clock;

  constructor(options: SpseClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.http = options.http ?? new PoliteHttp(options);
    this.pageSize = options.pageSize ?? 100;
    this.maxPages = options.maxPages ?? 100;
    this.useHomepage = options.useHomepage ?? true;
    this.instansi = options.instansi;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Running packages of `year`: the tender list without finished/cancelled ones, completed from the homepage
   * (exact HPS, registration deadline). A homepage that cannot be read fails the listing; set `useHomepage: false`
   * to list without it.
   */
  async listOpen(year: number): Promise<Tender[]> {
    return this.listMerged(year, true);
  }

  /** Every package of `year` in the list, completed from the homepage like {@link listOpen}. */
  async listYear(year: number): Promise<Tender[]> {
    return this.listMerged(year, false);
  }

  private async listMerged(year: number, openOnly: boolean): Promise<Tender[]> {
    const homepage = this.useHomepage ? await this.listHomepage() : [];
    const all = await this.listAll(year);
    return mergeHomepageRows(
      openOnly ? all.filter((t) => isOpenStage(t.tahap)) : all,
      homepage,
      { allKodes: new Set(all.map((t) => t.kode)), addUnlisted: inWib(this.clock.now()).year === year },
    );
  }

  /** Every tender of `year` in the DataTables list, whatever its stage. */
  async listAll(year: number): Promise<Tender[]> {
    const rows = await this.fetchListRows(year);
    return parseDataTablesRows(rows, { baseUrl: this.baseUrl, list: 'lelang' }).map((t) =>
      t.tahunAnggaran === undefined ? { ...t, tahunAnggaran: year } : t,
    );
  }

  /** The packages on the homepage (open for registration now). */
  async listHomepage(): Promise<Tender[]> {
    const url = `${this.baseUrl}/`;
    return parseHomepage(await this.getPage(url), { baseUrl: this.baseUrl, instansi: this.instansi });
  }

  /** Announcement fields and schedule of package `kode` (a tender unless `kind` says non-tender). */
  async detail(kode: string, kind: TenderKind = 'tender'): Promise<TenderDetail> {
    const section = kind === 'tender' ? 'lelang' : 'nontender';
    const announcementUrl = spseDetailUrl(this.baseUrl, section, kode);
    const scheduleUrl = `${this.baseUrl}/${section}/${kode}/jadwal`;
    const announcement = parseAnnouncementPage(await this.getPage(announcementUrl), announcementUrl);
    if (announcement.kode !== undefined && announcement.kode !== kode) {
      throw new SourceFormatError(`the page shows package ${announcement.kode}, not ${kode}`, {
        field: 'pengumuman "Kode"',
        location: announcementUrl,
        hint: 'SPSE served another package: check the code and try again.',
      });
    }
    const schedule = parseSchedulePage(await this.getPage(scheduleUrl), scheduleUrl);
    return {
      ...announcement,
      kode,
      kind,
      url: announcementUrl,
      source: 'spse',
      schedule,
      ...deadlinesFromSchedule(schedule),
    };
  }

  /**
   * The raw DataTables rows of `year`, every page. The token is fetched again once when it expires mid-way
   * (403 or an SPSE error page), then the same page is retried.
   */
  async fetchListRows(year: number): Promise<unknown[]> {
    let token = await this.fetchToken();
    let refreshed = false;
    const rows: unknown[] = [];
    const seen = new Set<string>();
    let start = 0;
    for (let page = 1; ; page++) {
      if (page > this.maxPages) {
        throw new SourceFormatError(`more than ${this.maxPages} pages of ${this.pageSize} rows`, {
          field: 'dt/lelang paging',
          location: this.listUrl(year),
          hint: 'SPSE may be ignoring start/length: raise maxPages if the LPSE really has that many packages.',
        });
      }
      const result = await this.fetchListPage(year, start, page, token);
      if ('expired' in result) {
        if (refreshed) throw result.expired;
        refreshed = true;
        token = await this.fetchToken();
        page--;
        continue;
      }
      const fresh = result.rows.filter((row) => {
        const kode = Array.isArray(row) ? String(row[0]) : JSON.stringify(row);
        if (seen.has(kode)) return false;
        seen.add(kode);
        return true;
      });
      rows.push(...fresh);
      // A short page ends the list; so does a page of rows already seen (start/length ignored by the server).
      if (result.rows.length < this.pageSize || result.rows.length > this.pageSize || fresh.length === 0) return rows;
      start += this.pageSize;
    }
  }

  private listUrl(year: number): string {
    return `${this.baseUrl}/dt/lelang?tahun=${encodeURIComponent(String(year))}`;
  }

  /** GET `/lelang` for a fresh session cookie and token. */
  private async fetchToken(): Promise<string> {
    const url = `${this.baseUrl}/lelang`;
    const page = await this.getPage(url);
    const token = tokenFromPage(page) ?? tokenFromSessionCookie(this.http.cookies.get(url, 'SPSE_SESSION'));
    if (!token) {
      throw new SourceFormatError('no authenticityToken in the page script nor in the SPSE_SESSION cookie', {
        field: 'authenticityToken',
        location: url,
        hint: 'Open the /lelang page source and look for "authenticityToken"; update spse-token.ts if it moved.',
      });
    }
    return token;
  }

  private async fetchListPage(year: number, start: number, draw: number, token: string): Promise<PageResult> {
    const url = this.listUrl(year);
    const response = await this.http.request({
      url,
      method: 'POST',
      form: dataTablesForm(start, this.pageSize, draw, token),
      headers: {
        Accept: 'application/json, text/javascript, */*; q=0.01',
        'X-Requested-With': 'XMLHttpRequest',
        Referer: `${this.baseUrl}/lelang`,
        Origin: new URL(this.baseUrl).origin,
      },
      // 403 is not retried blindly here: it usually means the token expired (handled by the caller).
      retryOn: (status) => status === 429 || status >= 500,
    });
    assertUnderBaseUrl(response.url, this.baseUrl, url);
    if (response.status === 403) {
      const refused = new SourceUnavailableError('SPSE refused the list request even with a fresh token', {
        url,
        status: 403,
        hint: 'The LPSE may be blocking us: raise the pause between requests and try again later.',
      });
      return { expired: refused };
    }
    this.assertOk(response, url);
    const body = response.body.trimStart();
    if (body.startsWith('<') || /html/i.test(response.contentType)) {
      const notJson = new SourceFormatError('expected DataTables JSON but got an HTML page', {
        field: 'dt/lelang response',
        value: body,
        location: url,
        hint:
          `Open ${this.baseUrl}/lelang in a browser and compare its dt/lelang request with spse-client.ts: ` +
          'the endpoint, its form fields or the session handling changed.',
      });
      return { expired: spseErrorPageError(body, url, response.status) ?? notJson };
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (err) {
      throw new SourceFormatError('the list answer is not valid JSON', {
        field: 'dt/lelang response',
        value: body,
        location: url,
        cause: err,
        hint: 'The answer may be cut off (proxy, timeout) or the endpoint changed: try again, then capture it.',
      });
    }
    return { rows: readDataTablesPage(json, url) };
  }

  /** GET a page under the base URL, refusing redirects outside it, HTTP errors and SPSE error pages. */
  private async getPage(url: string): Promise<string> {
    const response = await this.http.request({ url });
    assertUnderBaseUrl(response.url, this.baseUrl, url);
    this.assertOk(response, url);
    assertNotSpseErrorPage(response.body, url, response.status);
    return response.body;
  }

  private assertOk(response: HttpResponse, url: string): void {
    if (response.status < 200 || response.status >= 300) {
      throw new SourceUnavailableError('SPSE answered with an HTTP error', {
        url,
        status: response.status,
        hint:
          response.status === 404
            ? `The page does not exist: check the base URL (${this.baseUrl}) and the package code.`
            : undefined,
      });
    }
  }
}
